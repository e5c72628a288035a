import { JOBS, REMINDER_SCHEDULER_ID } from '@waymark/jobs';
import type { WorkerServices } from './services';

/**
 * The job schedulers (BullMQ `upsertJobScheduler`: idempotent, so every worker start makes the same
 * one). The reminder scan ticks in UTC; it picks the organisations whose own local hour has come.
 */
export async function upsertSchedulers({ queues, cfg }: WorkerServices): Promise<void> {
  await queues.reminders.upsertJobScheduler(
    REMINDER_SCHEDULER_ID,
    { pattern: cfg.REMINDER_SCAN_PATTERN, tz: 'UTC' },
    { name: JOBS.reminderScan.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } },
  );
}
