import { JOBS, REMINDER_SCHEDULER_ID, RETENTION_SCHEDULER_ID } from '@waymark/jobs';
import { upsertBenchmarkSchedulers } from './processors/benchmarks';
import type { WorkerServices } from './services';

/**
 * The job schedulers (BullMQ `upsertJobScheduler`: idempotent, so every worker start makes the same
 * one). The reminder scan ticks in UTC; it picks the organisations whose own local hour has come.
 */
export async function upsertSchedulers(services: WorkerServices): Promise<void> {
  const { queues, cfg } = services;
  await queues.reminders.upsertJobScheduler(
    REMINDER_SCHEDULER_ID,
    { pattern: cfg.REMINDER_SCAN_PATTERN, tz: 'UTC' },
    { name: JOBS.reminderScan.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
  );
  await queues.maintenance.upsertJobScheduler(
    RETENTION_SCHEDULER_ID,
    { pattern: cfg.RETENTION_PRUNE_PATTERN, tz: 'UTC' },
    { name: JOBS.retentionPrune.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
  );
  await upsertBenchmarkSchedulers(services);
}
