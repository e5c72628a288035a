import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { TEMPLATE_PREFIX, TEST_DB_PREFIX, isAlive, withAdminClient } from './admin';
import { testConfig, withDatabase } from './env';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Builds one template database per test run by running the real migrations (row-level security
 * lives only there) and importing the bundled frameworks; each test file then clones it in a
 * fraction of a second. The work runs in a child process through the db package's own CLI:
 * initialising MikroORM inside Jest's global setup corrupts the metadata the tests see later
 * (mikro-orm/mikro-orm#3783), and running the CLI also proves the CLI works. Databases left by
 * runs that died are dropped here.
 */
export default async function globalSetup(): Promise<void> {
  // Every statement the SQL layer takes from a kept template is also compiled afresh and compared
  // (packages/db/src/sql/statements.ts): the whole suite checks the templates. Workers inherit it.
  process.env.WAYMARK_SQL_CHECK ??= '1';
  const cfg = testConfig();
  const template = `${TEMPLATE_PREFIX}${process.pid}`;
  await withAdminClient(cfg.DATABASE_URL, async (client) => {
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like 'waymark\\_t%'`);
    for (const { datname } of rows) {
      const pid = Number(datname.replace(TEMPLATE_PREFIX, '').replace(TEST_DB_PREFIX, '').split('_')[0]);
      if (Number.isInteger(pid) && !isAlive(pid)) await client.query(`drop database if exists "${datname}" with (force)`);
    }
    await client.query(`create database "${template}"`);
  });
  // Under turbo (`npm test`) the task's `build` dependencies have compiled what tests run as processes
  // (the db CLI here, the worker in kill.test.ts); building every workspace again could race a build
  // turbo is running for another workspace. Run directly (`npx jest ...`), Jest builds them itself.
  if (!process.env.TURBO_HASH) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const env = { ...process.env, DATABASE_URL: withDatabase(cfg.DATABASE_URL, template), REDIS_URL: cfg.REDIS_URL };
  for (const command of ['migrate', 'frameworks']) {
    execFileSync(process.execPath, ['packages/db/dist/cli.js', command], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  process.env.WAYMARK_TEST_TEMPLATE = template;
}
