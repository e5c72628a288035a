import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { type DatabaseConfig as Config, databaseUrlFor } from '@waymark/config';
import { ormConfig } from './orm';

/**
 * The one way to read across organisations (benchmarks, and nothing else). It connects as
 * `waymark_analytics`, a role that can read every row but change none, and records each use in
 * the audit log with its purpose, in the same transaction as the read.
 */
export interface CrossTenantReader {
  read<T>(purpose: string, fn: (em: EntityManager) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createCrossTenantReader(cfg: Config): Promise<CrossTenantReader> {
  const orm = await MikroORM.init(ormConfig({ clientUrl: databaseUrlFor(cfg, 'analytics'), poolMax: 2, withoutTenantFilter: true }));
  return {
    async read(purpose, fn) {
      if (!/^[a-z0-9][a-z0-9 ._:-]{2,99}$/i.test(purpose)) throw new Error(`name the purpose of a cross-organisation read: ${purpose}`);
      return orm.em.fork().transactional(async (em) => {
        await em.execute(
          `insert into audit_entry (id, organisation_id, action, entity_type, after, at)
           values (gen_random_uuid(), null, 'cross-tenant.read', 'CrossTenantReader', ?::jsonb, now())`,
          [JSON.stringify({ purpose, role: 'waymark_analytics' })],
        );
        return fn(em);
      });
    },
    close: () => orm.close(true),
  };
}
