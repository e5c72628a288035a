import { demoTemplateName, withAdminClient } from './admin';
import { testConfig } from './env';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.WAYMARK_TEST_TEMPLATE;
  if (!template) return;
  await withAdminClient(testConfig().DATABASE_URL, async (client) => {
    // The run's template, and the copy with the demo seed that the web tests make from it.
    for (const name of [template, demoTemplateName(template)]) await client.query(`drop database if exists "${name}" with (force)`);
  });
}
