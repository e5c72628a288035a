import { sql } from 'kysely';
import { sqlPool } from '@waymark/db';
import { localDate, localHour } from '@waymark/domain';
import { JOBS, organisationRemindersJobId } from '@waymark/jobs';
import { defineProcessor } from './processor';
import { withTraceContext } from '@waymark/telemetry';

/** Retries of one organisation's reminders: exponential, so an SMTP outage of minutes is ridden out. */
export const reminderJobOptions = (retryDelayMs: number) => ({
  attempts: 8,
  backoff: { type: 'exponential', delay: retryDelayMs },
  removeOnComplete: { age: 3 * 86_400 },
  removeOnFail: { age: 14 * 86_400 },
});

/**
 * The scheduler's tick: every organisation whose local time has reached REMINDER_LOCAL_HOUR today
 * gets one job for its local day, with an id made of the organisation and that date, so a later
 * tick the same day (or a second worker) adds nothing while that job lives. A day's job that used
 * up its tries is not left failed: the tick retries it with fresh tries, and the job claims
 * whatever of the period the ledger has not marked SENT (a job Redis forgot is simply added again).
 * Organisations are listed by the one SECURITY DEFINER function that names them all (ids and time
 * zones only).
 */
export const reminderScan = defineProcessor({
  job: JOBS.reminderScan,
  async handle({ orm, queues, cfg, logger }, payload) {
    const at = payload.at ? new Date(payload.at) : new Date();
    const organisations = await sqlPool(orm, { kind: 'system', purpose: 'reminder scan' })
      .selectFrom(sql<{ id: string; timeZone: string }>`waymark_reminder_organisations()`.as('o'))
      .select(['o.id', 'o.timeZone'])
      .execute();
    const due = organisations.flatMap((o) => {
      let zone = o.timeZone;
      try {
        localHour(at, zone);
      } catch {
        logger.warn({ organisation: o.id, timeZone: zone }, 'unknown time zone; using Europe/London');
        zone = 'Europe/London';
      }
      if (localHour(at, zone) < cfg.REMINDER_LOCAL_HOUR) return [];
      const data = { organisationId: o.id, localDate: localDate(at, zone) };
      return [{ name: JOBS.organisationReminders.name, data: withTraceContext(data), opts: { jobId: organisationRemindersJobId(data), ...reminderJobOptions(cfg.REMINDER_RETRY_DELAY_MS) } }];
    });
    let retried = 0;
    for (let i = 0; i < due.length; i += 500) {
      const slice = due.slice(i, i + 500);
      await queues.reminders.addBulk(slice);
      const states = await Promise.all(slice.map((d) => queues.reminders.getJobState(d.opts.jobId)));
      for (const [k, state] of states.entries()) {
        if (state !== 'failed') continue;
        const job = await queues.reminders.getJob(slice[k]!.opts.jobId);
        // Another worker's tick may have retried it a moment ago: then it is no longer failed, which is as good.
        const again = await job?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).then(() => true, () => false);
        if (again) retried += 1;
      }
    }
    return { organisations: organisations.length, queued: due.length, retried };
  },
});
