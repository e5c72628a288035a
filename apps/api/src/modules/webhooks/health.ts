import type { Job } from 'bullmq';
import { MemberRole } from '@waymark/domain';
import type { TenantContext } from '../../context';
import { deliveryHealth } from './queries';
import { QUEUE_NAMES } from './queues';
import type { QueueCounts, QueueHealth } from './types';

const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

const ageSeconds = (job: Job | undefined) => (job ? Math.max(0, Math.floor((Date.now() - job.timestamp) / 1000)) : null);

/**
 * Queue and delivery health. The organisation's own figures come from its ledger rows (row-level
 * security applies); queue-wide counts are shown to owners only, and carry nothing of any other
 * organisation: a failure's message is shown only when the failed job was this organisation's.
 */
export async function queueHealth(ctx: TenantContext): Promise<QueueHealth> {
  const deliveries = await deliveryHealth(ctx.db);
  if (ctx.role !== MemberRole.OWNER) return { deliveries, queues: null, queuesUnavailableReason: 'Queue-wide counts are for owners only' };
  if (!ctx.queues) return { deliveries, queues: null, queuesUnavailableReason: 'No REDIS_URL is set, so the queues cannot be read' };
  const queues = ctx.queues;
  try {
    const counts = await within(
      3_000,
      Promise.all(
        QUEUE_NAMES.map(async (name): Promise<QueueCounts> => {
          const queue = queues.get(name);
          const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
          const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
          const [failed] = await queue.getJobs(['failed'], 0, 0, false);
          const own = (failed?.data as { organisationId?: unknown } | undefined)?.organisationId === ctx.organisationId;
          return {
            name,
            waiting: c.waiting ?? 0,
            active: c.active ?? 0,
            delayed: c.delayed ?? 0,
            failed: c.failed ?? 0,
            completed: c.completed ?? 0,
            oldestWaitingAgeSeconds: ageSeconds(oldest),
            lastFailure: failed ? { at: new Date(failed.finishedOn ?? failed.processedOn ?? failed.timestamp), message: own ? failed.failedReason || null : null } : null,
          };
        }),
      ),
    );
    return { deliveries, queues: counts, queuesUnavailableReason: null };
  } catch {
    return { deliveries, queues: null, queuesUnavailableReason: 'Redis did not answer in time' };
  }
}
