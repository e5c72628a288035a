import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from './orm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TenantScope {
  organisationId: string | null;
  userId: string | null;
}

/**
 * Points row-level security and the ORM's tenant filter at one organisation (and user) for the
 * current transaction. `set_config(..., true)` lasts until the transaction ends, so it can never
 * leak to the next request that borrows the pooled connection.
 */
export async function setTenantScope(em: EntityManager, scope: TenantScope): Promise<void> {
  if (!em.isInTransaction()) throw new Error('setTenantScope must run inside a transaction');
  for (const id of [scope.organisationId, scope.userId]) {
    if (id !== null && !UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  }
  await em.execute(
    `select set_config('app.organisation_id', ?, true), set_config('app.user_id', ?, true)`,
    [scope.organisationId ?? '', scope.userId ?? ''],
  );
  em.setFilterParams(TENANT_FILTER, { organisationId: scope.organisationId ?? '00000000-0000-0000-0000-000000000000' });
}
