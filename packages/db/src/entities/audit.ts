import { randomUUID } from 'node:crypto';
import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Who changed what, when, with the state before and after. The API's role may insert and read
 * these rows but never update or delete them. Sign-ins have no organisation yet, so the id may be null.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['organisationId', 'at', 'id'] })
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true })
  organisationId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  actorUserId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  actorApiKeyId: string | null = null;

  /** Set when Waymark itself acted (the worker's jobs): neither a person nor a key. */
  @Property({ type: 'string', length: 40, nullable: true })
  actorSystem: string | null = null;

  @Property({ type: 'string', length: 100 })
  action!: string;

  @Property({ type: 'string', length: 60 })
  entityType!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  entityId: string | null = null;

  @Property({ type: 'json', nullable: true })
  before: unknown = null;

  @Property({ type: 'json', nullable: true })
  after: unknown = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date & Opt = new Date();
}
