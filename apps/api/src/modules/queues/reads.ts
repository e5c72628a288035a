import type { Reader } from '@waymark/db';
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
  const [counts] = await db.tenant<{ pending: number; retrying: number; delivered: number; dead: number; oldest: number | null }>(
    `select count(*) filter (where status = 'PENDING')::int as pending, count(*) filter (where status = 'RETRYING')::int as retrying,
            count(*) filter (where status = 'DELIVERED')::int as delivered, count(*) filter (where status = 'DEAD')::int as dead,
            floor(extract(epoch from now() - min(created_at) filter (where status in ('PENDING', 'RETRYING'))))::int as oldest
       from webhook_delivery where organisation_id = $1`,
  );
  const failure = await db.tenantOne<{ at: Date; message: string | null }>(
    `select last_attempt_at as at, last_error as message from webhook_delivery
      where organisation_id = $1 and last_error is not null and last_attempt_at is not null and status <> '${WebhookDeliveryStatus.DELIVERED}'
      order by last_attempt_at desc limit 1`,
  );
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
  const [row] = await db.tenant<{ sending: number; sent_last_day: number; last_sent_at: Date | null }>(
    `select count(*) filter (where state = 'CLAIMED')::int as sending,
            count(*) filter (where state = 'SENT' and sent_at > now() - interval '1 day')::int as sent_last_day,
            max(sent_at) as last_sent_at
       from reminder_delivery where organisation_id = $1`,
  );
  return { sending: row?.sending ?? 0, sentLastDay: row?.sent_last_day ?? 0, lastSentAt: row?.last_sent_at ?? null };
}

/** The organisation's outbox: events not yet relayed to the worker, and how long the oldest has waited. */
export async function eventRelayHealth(db: Reader): Promise<EventRelayHealth> {
  const [row] = await db.tenant<{ waiting: number; oldest: number | null }>(
    `select count(*)::int as waiting, floor(extract(epoch from now() - min(created_at)))::int as oldest
       from outbox_event where organisation_id = $1 and relayed_at is null`,
  );
  return { waiting: row?.waiting ?? 0, oldestWaitingAgeSeconds: row?.oldest ?? null };
}
