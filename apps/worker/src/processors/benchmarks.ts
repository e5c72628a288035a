import { anyUuid, recomputeBenchmarks, sqlPool } from '@waymark/db';
import { BENCHMARK_SCHEDULER_ID, type BenchmarkRecomputePayload, JOBS, incrementalRecomputeJob, jobId } from '@waymark/jobs';
import type { WorkerServices } from '../services';
import type { EventConsumer } from './domain-event';
import { defineProcessor } from './processor';

/**
 * Finished jobs keep their id for a day, so a window's job is never added twice. A run that fails
 * (the database away, a lock timeout, an audit that cannot be satisfied) is tried again with backoff
 * and then stays in the failed list; no snapshot is written until one succeeds.
 */
const KEEP = {
  removeOnComplete: { age: 86_400, count: 1_000 },
  removeOnFail: { age: 7 * 86_400 },
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
} as const;

/** Frameworks (a shared table the worker's role reads) and whether each has a snapshot yet (as waymark_analytics). */
async function frameworksFor(services: WorkerServices, payload: BenchmarkRecomputePayload): Promise<string[]> {
  // A framework named by an event may be gone since (or never have existed): nothing to compute.
  const { frameworkId } = payload;
  const ids = (
    await sqlPool(services.orm, { kind: 'system', purpose: 'benchmarks: frameworks' })
      .selectFrom('framework')
      .select('id')
      .$if(!!frameworkId, (q) => q.where('id', '=', frameworkId!))
      .orderBy('createdAt')
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
  if (!payload.onlyWithoutSnapshot) return ids;
  const having = await services.analytics.read('benchmarks: which frameworks have a snapshot', (_em, sql) =>
    sql.selectFrom('benchmarkSnapshot').select('frameworkId').distinct().where('frameworkId', '=', anyUuid(ids)).execute(),
  );
  const done = new Set(having.map((r) => r.frameworkId));
  return ids.filter((id) => !done.has(id));
}

/**
 * Computes benchmark snapshots (see recomputeBenchmarks in packages/db: the consenting institutions'
 * kept scores, as waymark_analytics, protected and audited by packages/disclosure before anything is
 * written). Idempotent: the same population gives the same published figures (the noise depends
 * only on who contributes), and an incremental run with nothing changed writes nothing.
 */
export const benchmarkRecompute = defineProcessor({
  job: JOBS.benchmarkRecompute,
  async handle(services, payload) {
    const results = [];
    for (const frameworkId of await frameworksFor(services, payload)) {
      const params = { protectionPoints: services.cfg.BENCHMARK_PROTECTION_POINTS, minUnknown: services.cfg.BENCHMARK_MIN_UNKNOWN };
      const result = await recomputeBenchmarks(services.analytics, { frameworkId, trigger: payload.trigger, params });
      const summary = {
        frameworkId, snapshotId: result.snapshotId, institutions: result.institutions, cohorts: result.cohorts, changedCohorts: result.changedCohorts,
        published: result.published, heldBack: result.heldBack,
      };
      services.logger.info(
        { ...summary, trigger: payload.trigger, audit: result.audit, timings: result.timings },
        result.snapshotId ? 'benchmark snapshot audited and published' : 'benchmarks unchanged: the last snapshot stands',
      );
      results.push(summary);
    }
    return results;
  },
});

/** A submission or a reopening changes benchmarks: one incremental recompute per framework and window. */
export const recomputeAfterSubmission: EventConsumer = async ({ queues, cfg }, event) => {
  if (event.type !== 'assessment.submitted' && event.type !== 'assessment.reopened') return;
  const frameworkId = event.payload.frameworkId;
  if (typeof frameworkId !== 'string') return;
  const { jobId: id, delay } = incrementalRecomputeJob(frameworkId, Date.now(), cfg.BENCHMARK_RECOMPUTE_WINDOW_MS);
  await queues.benchmarks.add(JOBS.benchmarkRecompute.name, { frameworkId, trigger: 'incremental' }, { jobId: id, delay, ...KEEP });
};

/** The nightly full recompute, and a first snapshot straight away for frameworks that have none (a new install, the demo). */
export async function upsertBenchmarkSchedulers({ queues, cfg }: WorkerServices): Promise<void> {
  await queues.benchmarks.upsertJobScheduler(
    BENCHMARK_SCHEDULER_ID,
    { pattern: cfg.BENCHMARK_NIGHTLY_PATTERN, tz: 'UTC' },
    { name: JOBS.benchmarkRecompute.name, data: { trigger: 'nightly' }, opts: KEEP },
  );
  const today = new Date().toISOString().slice(0, 10);
  await queues.benchmarks.add(JOBS.benchmarkRecompute.name, { trigger: 'manual', onlyWithoutSnapshot: true }, { jobId: jobId('benchmarks', 'first', today), ...KEEP });
}
