import type { TenantContext } from '../../context';
import { type Connection, type PageArgs, Params, keysetPage } from '../../graphql/connection';
import type { AuditEntryType } from './types';

/** The organisation's own audit trail, newest first. Sign-ins carry no organisation and are not in it. */
export function listAuditLog(ctx: TenantContext, page: PageArgs): Promise<Connection<AuditEntryType>> {
  return keysetPage<AuditEntryType>(ctx.db, {
    columns: `id, action, entity_type as "entityType", entity_id as "entityId", actor_user_id as "actorUserId", actor_api_key_id as "actorApiKeyId",
      actor_system as "actorSystem", before, after, at`,
    from: `from audit_entry`,
    where: ['organisation_id = $1'],
    params: new Params(),
    order: [
      { sql: 'at', direction: 'desc', cast: 'timestamptz' },
      { sql: 'id', direction: 'desc', cast: 'uuid' },
    ],
    orderName: 'audit',
    page,
  });
}
