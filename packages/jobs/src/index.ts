import { z } from 'zod';
import { WEBHOOK_QUEUE } from './webhooks';

/**
 * Queue names, payload schemas and job ids shared by the API (which enqueues) and the worker
 * (which processes). Each queue has a prefix of its own carrying a hash tag, `{waymark:<queue>}`,
 * so on a Redis Cluster all of one queue's keys live in one slot (as BullMQ requires) while
 * different queues spread over the cluster.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  /** Domain events relayed from the outbox (job id = event id). */
  events: 'events',
  /** The reminder schedule's fan-out and one job per organisation and local day. */
  reminders: 'reminders',
  /** Benchmark snapshots: nightly, after submissions, and a first one when there is none. */
  benchmarks: 'benchmarks',
  /** Webhook deliveries: one job per (event, endpoint), and per redelivery. */
  webhooks: WEBHOOK_QUEUE,
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** The BullMQ `prefix` of a queue: every producer and consumer of it must use this. */
export function queuePrefix(queue: QueueName): string {
  return `{waymark:${queue}}`;
}

const uuid = z.uuid();
const localDate = z.iso.date();

/** A liveness job: the worker answers it by touching both Redis and PostgreSQL. */
export const heartbeatPayload = z.strictObject({ requestedAt: z.iso.datetime() });
export type HeartbeatPayload = z.infer<typeof heartbeatPayload>;

/** One outbox row, as the relay hands it to the `events` queue. */
export const domainEventPayload = z.strictObject({
  id: uuid,
  organisationId: uuid,
  type: z.string().min(1).max(60),
  subjectId: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type DomainEventJob = z.infer<typeof domainEventPayload>;

/** The scheduler's tick: find organisations whose local reminder hour has come. */
export const reminderScanPayload = z.strictObject({ at: z.iso.datetime({ offset: true }).optional() });
export type ReminderScanPayload = z.infer<typeof reminderScanPayload>;

/** One organisation's reminders for one local day. */
export const organisationRemindersPayload = z.strictObject({ organisationId: uuid, localDate });
export type OrganisationRemindersPayload = z.infer<typeof organisationRemindersPayload>;

/** Recompute benchmark snapshots: of one framework, or of every framework when none is named. */
export const benchmarkRecomputePayload = z.strictObject({
  frameworkId: uuid.optional(),
  trigger: z.enum(['nightly', 'incremental', 'manual']),
  /** Only frameworks that have no snapshot yet (the worker's first start). */
  onlyWithoutSnapshot: z.boolean().optional(),
});
export type BenchmarkRecomputePayload = z.infer<typeof benchmarkRecomputePayload>;

/** Retention: prunes audit entries and finished deliveries older than their settings allow. */
export const retentionPrunePayload = z.strictObject({});
export type RetentionPrunePayload = z.infer<typeof retentionPrunePayload>;

export const JOBS = {
  heartbeat: { queue: QUEUES.maintenance, name: 'heartbeat', payload: heartbeatPayload },
  domainEvent: { queue: QUEUES.events, name: 'domain-event', payload: domainEventPayload },
  reminderScan: { queue: QUEUES.reminders, name: 'reminder-scan', payload: reminderScanPayload },
  organisationReminders: { queue: QUEUES.reminders, name: 'organisation-reminders', payload: organisationRemindersPayload },
  benchmarkRecompute: { queue: QUEUES.benchmarks, name: 'benchmark-recompute', payload: benchmarkRecomputePayload },
  retentionPrune: { queue: QUEUES.maintenance, name: 'retention-prune', payload: retentionPrunePayload },
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS]['name'];

/** The job scheduler (BullMQ `upsertJobScheduler`) that ticks the reminder scan. */
export const REMINDER_SCHEDULER_ID = 'reminder-scan';

/** The job scheduler that runs the retention prune. */
export const RETENTION_SCHEDULER_ID = 'retention-prune';

/** The job scheduler of the nightly full benchmark recompute. */
export const BENCHMARK_SCHEDULER_ID = 'benchmarks-nightly';

/** BullMQ job ids must not contain ':'; ids are built from parts joined with '-'. */
export function jobId(...parts: (string | number)[]): string {
  const id = parts.map(String).join('-');
  if (id.includes(':')) throw new Error(`job id must not contain ':': ${id}`);
  return id;
}

/** The same organisation and local day always make the same job: a re-run that day adds nothing. */
export const organisationRemindersJobId = (p: OrganisationRemindersPayload) => jobId('reminders', p.organisationId, p.localDate);

/**
 * Every submission or reopening in one window of `windowMs` makes the same incremental job, run at
 * the window's end: one recompute for a burst, and an event after the job started falls in the next
 * window (the job reads the data when it runs, so it sees everything submitted before).
 */
export function incrementalRecomputeJob(frameworkId: string, now: number, windowMs: number): { jobId: string; delay: number } {
  const width = Math.max(windowMs, 1);
  const window = Math.floor(now / width);
  return { jobId: jobId('benchmarks', frameworkId, 'incremental', window), delay: (window + 1) * width - now };
}

export { signUnsubscribe, verifyUnsubscribe, type UnsubscribeClaim } from './unsubscribe';
export * from './webhooks';
export { ACCOUNT_LINK_PATH, ACCOUNT_LINK_PREFIX, type AccountLink, type AccountMailKind, accountLinkToken, accountLinkUrl } from './account-links';
export * from './deadline';
