import { Client } from 'pg';

/** Runs statements on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function withAdminClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const TEST_DB_PREFIX = 'waymark_t_';
export const TEMPLATE_PREFIX = 'waymark_tpl_';

/** The template with the demo seed, made once per run from the run's template (web tests). */
export const demoTemplateName = (template: string) => `${template}_demo`;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
