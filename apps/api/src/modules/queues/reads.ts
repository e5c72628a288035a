import type { Reader } from '@waymark/db';
import { sql } from 'kysely';
import { WebhookDeliveryStatus } from '@waymark/domain';
import type { TenantContext } from '../../context';
import { type EventRelayHealth, type QueueHealth, QUEUE_WIDE_ELSEWHERE, type ReminderDeliveryHealth, type WebhookDeliveryHealth } from './types';

/**
 * The organisation's own background work, read from its own ledgers under row-level security:
 * webhook deliveries, reminder emails and outbox events. Queue-wide counts (every organisation's
 * jobs together) are not shown here; operators read them from the worker's metrics.
 */
export async function queueHealth(ctx: TenantContext): Promise<QueueHealth> {
  const deliveries = await deliveryHealth(ctx.db);
  const reminders = await reminderHealth(ctx.db);
  const events = await eventRelayHealth(ctx.db);
  return { deliveries, reminders, events, queues: null, queuesUnavailableReason: QUEUE_WIDE_ELSEWHERE };
}

/** The organisation's delivery figures, from its own ledger rows only. */
export async function deliveryHealth(db: Reader): Promise<WebhookDeliveryHealth> {
  const counts = await db.sql
    .selectFrom('webhookDelivery')
    .select([
      sql<number>`count(*) filter (where status = 'PENDING')::int`.as('pending'),
      sql<number>`count(*) filter (where status = 'RETRYING')::int`.as('retrying'),
      sql<number>`count(*) filter (where status = 'DELIVERED')::int`.as('delivered'),
      sql<number>`count(*) filter (where status = 'DEAD')::int`.as('dead'),
      sql<number | null>`floor(extract(epoch from now() - min(created_at) filter (where status in ('PENDING', 'RETRYING'))))::int`.as('oldest'),
    ])
    .executeTakeFirst();
  const failure =
    (await db.sql
      .selectFrom('webhookDelivery')
      .select(['lastAttemptAt as at', 'lastError as message'])
      .where('lastError', 'is not', null)
      .where('lastAttemptAt', 'is not', null)
      .where('status', '<>', WebhookDeliveryStatus.DELIVERED)
      .orderBy('lastAttemptAt', 'desc')
      .limit(1)
      .$narrowType<{ at: Date }>()
      .executeTakeFirst()) ?? null;
  return {
    pending: counts?.pending ?? 0,
    retrying: counts?.retrying ?? 0,
    delivered: counts?.delivered ?? 0,
    deadLetters: counts?.dead ?? 0,
    oldestOwedAgeSeconds: counts?.oldest ?? null,
    lastFailure: failure,
  };
}

/** The organisation's reminder ledger: claimed and not yet sent, sent in the last day, the last sent. */
export async function reminderHealth(db: Reader): Promise<ReminderDeliveryHealth> {
  const row = await db.sql
    .selectFrom('reminderDelivery')
    .select([
      sql<number>`count(*) filter (where state = 'CLAIMED')::int`.as('sending'),
      sql<number>`count(*) filter (where state = 'SENT' and sent_at > now() - interval '1 day')::int`.as('sentLastDay'),
      (eb) => eb.fn.max('sentAt').as('lastSentAt'),
    ])
    .executeTakeFirst();
  return { sending: row?.sending ?? 0, sentLastDay: row?.sentLastDay ?? 0, lastSentAt: row?.lastSentAt ?? null };
}

/** The organisation's outbox: events not yet relayed to the worker, and how long the oldest has waited. */
export async function eventRelayHealth(db: Reader): Promise<EventRelayHealth> {
  const row = await db.sql
    .selectFrom('outboxEvent')
    .select([sql<number>`count(*)::int`.as('waiting'), sql<number | null>`floor(extract(epoch from now() - min(created_at)))::int`.as('oldest')])
    .where('relayedAt', 'is', null)
    .executeTakeFirst();
  return { waiting: row?.waiting ?? 0, oldestWaitingAgeSeconds: row?.oldest ?? null };
}
