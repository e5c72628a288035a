import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from './entities';

/** Who acted: a person, an API key, or Waymark itself (the worker's jobs, migrations). */
export type Actor = { userId: string; apiKeyId?: null } | { userId?: null; apiKeyId: string } | { system: SystemActor };
export type SystemActor = 'worker' | 'migration' | `worker:${string}`;

const HIDDEN = new Set(['passwordHash', 'secretHash', 'tokenHash', 'secret']);

/** Plain JSON of an entity's own columns, for the before/after of an audit row (secrets left out). */
export function snapshot(entity: object | null | undefined): Record<string, unknown> | null {
  if (!entity) return null;
  return Object.fromEntries(
    Object.entries(entity).filter(([k, v]) => !HIDDEN.has(k) && !k.startsWith('_') && typeof v !== 'function'),
  );
}

export interface AuditRecord {
  organisationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Records a change in the audit log: who, what, and the state before and after. Written through the
 * caller's unit of work, so a change and its audit row commit or roll back together.
 */
export function recordAudit(em: EntityManager, actor: Actor, record: AuditRecord): AuditEntry {
  const json = (value: unknown) => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown));
  return em.create(AuditEntry, {
    organisationId: record.organisationId,
    actorUserId: 'userId' in actor ? (actor.userId ?? null) : null,
    actorApiKeyId: 'apiKeyId' in actor ? (actor.apiKeyId ?? null) : null,
    actorSystem: 'system' in actor ? actor.system : null,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    before: json(record.before),
    after: json(record.after),
  });
}
