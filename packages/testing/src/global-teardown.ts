import { withAdminClient } from './admin';
import { testConfig } from './env';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.WAYMARK_TEST_TEMPLATE;
  if (!template) return;
  await withAdminClient(testConfig().DATABASE_URL, (client) => client.query(`drop database if exists "${template}" with (force)`));
}
