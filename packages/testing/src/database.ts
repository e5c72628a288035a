import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { type Config, databaseUrlFor } from '@waymark/config';
import { ormConfig } from '@waymark/db';
import { TEST_DB_PREFIX, withAdminClient } from './admin';
import { testConfig, withDatabase } from './env';

export interface TestDatabase {
  name: string;
  /** Configuration pointing at this database (owner URL as DATABASE_URL). */
  config: Config;
  /** Connected as the owner: fixtures are written through this, bypassing row-level security. */
  owner: MikroORM;
  ownerUrl: string;
  appUrl: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database with the bundled frameworks, cloned from the run's template (or from
 * `template`, a database made from it, such as the web tests' copy with the demo seed).
 */
export async function createTestDatabase(template = process.env.WAYMARK_TEST_TEMPLATE): Promise<TestDatabase> {
  if (!template) throw new Error('WAYMARK_TEST_TEMPLATE is not set: run tests through jest (global setup builds it)');
  const base = testConfig();
  const name = `${TEST_DB_PREFIX}${process.ppid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(base.DATABASE_URL, async (client) => {
    // Two clones of one template at the same moment can collide; a short retry settles it.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database "${name}" template "${template}"`);
        return;
      } catch (e) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const ownerUrl = withDatabase(base.DATABASE_URL, name);
  const config = testConfig({ DATABASE_URL: ownerUrl });
  const owner = await MikroORM.init(ormConfig({ clientUrl: ownerUrl, poolMax: 2 }));
  return {
    name,
    config,
    owner,
    ownerUrl,
    appUrl: databaseUrlFor(config, 'app'),
    async drop() {
      await owner.close(true);
      await withAdminClient(base.DATABASE_URL, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
