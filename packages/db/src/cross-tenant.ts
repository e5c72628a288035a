import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { type DatabaseConfig as Config, databaseUrlFor } from '@waymark/config';
import { ormConfig } from './orm';
import { type Sql, sqlIn } from './sql';

/**
 * The one way to read across organisations (benchmarks, and nothing else). It connects as
 * `waymark_analytics`, a role that can read every row but change none, and records each use in
 * the audit log with its purpose, in the same transaction as the read. `fn` is given the entity
 * manager and the typed builder in that transaction, in the system scope (the role is the wall).
 */
export interface CrossTenantReader {
  read<T>(purpose: string, fn: (em: EntityManager, sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createCrossTenantReader(cfg: Config): Promise<CrossTenantReader> {
  const orm = await MikroORM.init(ormConfig({ clientUrl: databaseUrlFor(cfg, 'analytics'), poolMax: 2, withoutTenantFilter: true }));
  return {
    async read(purpose, fn) {
      if (!/^[a-z0-9][a-z0-9 ._:-]{2,99}$/i.test(purpose)) throw new Error(`name the purpose of a cross-organisation read: ${purpose}`);
      return orm.em.fork().transactional(async (em) => {
        const sql = await sqlIn(em, { kind: 'system', purpose: `cross-organisation read: ${purpose}` });
        // The organisation is left out (null): the read is about every organisation, not one.
        await sql
          .insertInto('auditEntry')
          .values((eb) => ({
            id: eb.fn<string>('gen_random_uuid'),
            action: 'cross-tenant.read',
            entityType: 'CrossTenantReader',
            after: JSON.stringify({ purpose, role: 'waymark_analytics' }),
            at: eb.fn<Date>('now'),
          }))
          .execute();
        return fn(em, sql);
      });
    },
    close: () => orm.close(true),
  };
}
