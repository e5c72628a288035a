import type { TenantContext } from '../../context';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import type { AuditEntryType } from './types';

/** The organisation's own audit trail, newest first. Sign-ins carry no organisation and are not in it. */
export function listAuditLog(ctx: TenantContext, page: PageArgs): Promise<Connection<AuditEntryType>> {
  return keysetPage({
    query: ctx.db.sql
      .selectFrom('auditEntry')
      .select(['id', 'action', 'entityType', 'entityId', 'actorUserId', 'actorApiKeyId', 'actorSystem', 'before', 'after', 'at'])
      .$castTo<AuditEntryType>(),
    order: [
      { ref: 'at', direction: 'desc', cast: 'timestamptz' },
      { ref: 'id', direction: 'desc', cast: 'uuid' },
    ],
    orderName: 'audit',
    page,
  });
}
