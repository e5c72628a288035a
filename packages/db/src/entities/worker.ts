import { Entity, Enum, Index, ManyToOne, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from './base';
import { DeliveryState, NotificationFrequency } from './enums';
import { User } from './user';

/**
 * A domain event waiting to be relayed (the transactional outbox). Written in the transaction of
 * the change it describes, so an event exists exactly when its change committed; the worker's relay
 * sets `relayedAt` only after BullMQ has accepted the job (whose id is this row's id).
 */
@Entity({ tableName: 'outbox_event' })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ name: 'outbox_event_unrelayed_index', expression: 'create index "outbox_event_unrelayed_index" on "outbox_event" ("created_at") where "relayed_at" is null' })
export class OutboxEvent extends TenantEntity {
  @Property({ type: 'string', length: 60 })
  type!: string;

  @Property({ type: 'string', length: 100 })
  subjectId!: string;

  @Property({ type: 'json' })
  payload: Record<string, unknown> & Opt = {};

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  relayedAt: Date | null = null;
  /** The W3C `traceparent` of the request that wrote the row (null when tracing is off): the worker continues that trace. */
  @Property({ type: 'string', length: 55, nullable: true })
  traceparent: string | null = null;
}

/** How often one person hears about their reminders in one organisation; no row means DAILY. */
@Entity({ tableName: 'notification_preference' })
@Unique({ properties: ['organisationId', 'userId'] })
@Unique({ properties: ['organisationId', 'id'] })
export class NotificationPreference extends TenantEntity {
  @ManyToOne({ entity: () => User, mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade' })
  userId!: string;

  @Enum({ items: () => NotificationFrequency, nativeEnumName: 'notification_frequency' })
  frequency: NotificationFrequency & Opt = NotificationFrequency.DAILY;

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/**
 * The delivery ledger: one row per (recipient, subject, period, channel), under a unique key, is
 * what makes a reminder exactly-once. A sender claims the row with a lease, sends, then marks it
 * SENT; a claim whose lease ran out without SENT is taken again (same Message-ID).
 */
@Entity({ tableName: 'reminder_delivery' })
@Unique({ properties: ['organisationId', 'recipientUserId', 'subject', 'period', 'channel'] })
@Unique({ properties: ['organisationId', 'id'] })
export class ReminderDelivery extends TenantEntity {
  @ManyToOne({ entity: () => User, mapToPk: true, fieldName: 'recipient_user_id', deleteRule: 'cascade' })
  recipientUserId!: string;

  /** What the delivery is about: `digest` for the period's digest. */
  @Property({ type: 'string', length: 100 })
  subject!: string;

  /** `2026-12-01` (a day) or `2026-W49` (a week), in the organisation's time zone. */
  @Property({ type: 'string', length: 20 })
  period!: string;

  @Property({ type: 'string', length: 20 })
  channel!: string;

  @Enum({ items: () => DeliveryState, nativeEnumName: 'delivery_state' })
  state: DeliveryState & Opt = DeliveryState.CLAIMED;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  leaseUntil!: Date;

  @Property({ type: 'integer' })
  attempts: number & Opt = 1;

  @Property({ type: 'string', length: 200 })
  messageId!: string;

  /** The reminders the message carried (kinds and ids), for the record. */
  @Property({ type: 'json' })
  items: unknown[] & Opt = [];

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  sentAt: Date | null = null;
}
