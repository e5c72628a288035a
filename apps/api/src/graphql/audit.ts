import { AuditEntry } from '@waymark/db';
import type { RequestContext } from '../context';

/** Plain JSON of an entity's own columns, for the before/after of an audit row. */
export function snapshot(entity: object | null | undefined): Record<string, unknown> | null {
  if (!entity) return null;
  const hidden = new Set(['passwordHash', 'secretHash', 'tokenHash']);
  return Object.fromEntries(
    Object.entries(entity).filter(([k, v]) => !hidden.has(k) && !k.startsWith('_') && typeof v !== 'function'),
  );
}

/**
 * Records a change in the audit log. Written in the request's transaction, so a change and its
 * audit row commit or roll back together.
 */
export function audit(
  ctx: RequestContext,
  action: string,
  entityType: string,
  entityId: string | null,
  before: unknown,
  after: unknown,
  organisationId: string | null = ctx.organisationId,
): void {
  ctx.em.create(AuditEntry, {
    organisationId,
    actorUserId: ctx.userId,
    actorApiKeyId: ctx.apiKeyId,
    action,
    entityType,
    entityId,
    before: before === undefined ? null : JSON.parse(JSON.stringify(before)),
    after: after === undefined ? null : JSON.parse(JSON.stringify(after)),
  });
}
