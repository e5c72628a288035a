import { Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { WebhookDeliveryStatus } from '@waymark/domain';
import { TenantEntity, TenantRef } from './base';

/**
 * An organisation's webhook endpoint. The signing secret is kept sealed (AES-256-GCM, see
 * packages/domain/src/webhooks/secrets.ts), never as plain text, and never exported; after a
 * rotation the previous one keeps signing until `previousSecretExpiresAt`.
 */
@Entity({ tableName: 'webhook_endpoint' })
@Unique({ properties: ['organisationId', 'id'] })
export class WebhookEndpoint extends TenantEntity {
  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  description: string | null = null;

  @Property({ type: 'text[]' })
  eventTypes!: string[];

  @Property({ type: 'boolean' })
  enabled: boolean & Opt = true;

  @Property({ type: 'text', hidden: true })
  secretCiphertext!: string;

  @Property({ type: 'text', nullable: true, hidden: true })
  previousSecretCiphertext: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null = null;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/**
 * The delivery ledger: one row per (event, endpoint), under a unique constraint, so fanning an
 * event out twice never makes two deliveries. Its id is the `webhook-id` the receiver sees on
 * every try, which is how a receiver recognises a repeat.
 */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['organisationId', 'id'] })
@Unique({ properties: ['organisationId', 'eventId', 'endpointId'] })
@Index({ properties: ['organisationId', 'status', 'createdAt'] })
export class WebhookDelivery extends TenantEntity {
  @TenantRef(() => WebhookEndpoint, { fieldName: 'endpoint_id' })
  endpointId!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'string', length: 100 })
  eventType!: string;

  /** The body sent, exactly as signed. */
  @Property({ type: 'text' })
  body!: string;

  @Enum({ items: () => WebhookDeliveryStatus, nativeEnumName: 'webhook_delivery_status' })
  status: WebhookDeliveryStatus & Opt = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode: number | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deadAt: Date | null = null;

  /** While an attempt is sending it: until when that attempt's claim keeps the others out. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  claimedUntil: Date | null = null;

  /** Claims made so far: the fencing number an attempt's outcome must carry to be recorded. */
  @Property({ type: 'integer' })
  claims: number & Opt = 0;

  /** How many times a person asked for it again after it died. */
  @Property({ type: 'integer' })
  redeliveries: number & Opt = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
