import type { TenantContext } from '../../context';
import { deliveryHealth, eventRelayHealth, reminderHealth } from './queries';
import { type QueueHealth, QUEUE_WIDE_ELSEWHERE } from './types';

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
