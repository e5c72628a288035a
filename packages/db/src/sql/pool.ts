import type { MikroORM } from '@mikro-orm/postgresql';

/** How the ORM's connection pool is used, for metrics. */
export interface PoolUse {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/**
 * The ORM's pool (knex's, under MikroORM), read for its counts only; null when there is none.
 * It is reached through knex, which only the layer touches.
 */
export function poolUse(orm: MikroORM): PoolUse | null {
  const client = orm.em.getConnection().getKnex().client as { pool?: PoolUse };
  return client.pool ?? null;
}
