import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import {
  Assessment, AssessmentStatus, BenchmarkingConsent, OrganisationKind, Region, SizeBand, SubmittedElementScore, SubmittedScore, recordEvent,
} from '@waymark/db';
import { JOBS, queuePrefix } from '@waymark/jobs';
import { type RedisService, type TestDatabase, createTestDatabase, fixtures, startRedis, until } from '@waymark/testing';
import { type WaymarkWorker, startWorker } from '../worker';

/**
 * Benchmarks in the worker, against real PostgreSQL and a Redis of this file's own (queues are
 * shared by name, so another test file's worker must not take these jobs): a first snapshot when
 * there is none, the nightly scheduler, and one incremental recompute per burst of submissions,
 * published the same day.
 */
let db: TestDatabase;
let redis: RedisService;
let worker: WaymarkWorker;
let frameworkId: string;
let authorId: string;
let regionId: string;
const WINDOW_MS = 3_000;

const owner = () => db.owner.em.fork();
const snapshots = () =>
  owner().getConnection().execute<{ id: string; trigger: string; institutions: number }[]>(
    `select id, trigger, institutions from benchmark_snapshot where framework_id = ? order by taken_at`,
    [frameworkId],
  );

/** An institution that shares its results anonymously, with one submitted assessment whose scores were kept. */
async function submitted(practice: number, event = false): Promise<string> {
  const org = await fixtures(db.owner).organisation({ regionId, kind: OrganisationKind.MUSEUM, sizeBand: SizeBand.SMALL, benchmarkingConsent: BenchmarkingConsent.ANONYMOUS });
  const em = owner();
  const submittedAt = new Date();
  const assessment = em.create(Assessment, { organisationId: org.id, frameworkId, cycle: '2026', createdBy: authorId, status: AssessmentStatus.SUBMITTED, submittedAt });
  const score = em.create(SubmittedScore, { organisationId: org.id, assessmentId: assessment.id, frameworkId, cycle: '2026', submittedAt, practice, evidence: practice / 2 });
  em.create(SubmittedElementScore, { organisationId: org.id, scoreId: score.id, elementKey: '3.1', practice, evidence: practice / 2 });
  if (event) {
    recordEvent(em, { organisationId: org.id, type: 'assessment.submitted', subjectId: assessment.id, payload: { cycle: '2026', frameworkId, submittedAt: submittedAt.toISOString() } });
  }
  await em.flush();
  return org.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  redis = await startRedis();
  frameworkId = (await fixtures(db.owner).framework()).id;
  authorId = (await fixtures(db.owner).user()).id;
  const em = owner();
  regionId = em.create(Region, { code: 'BM', name: 'Benchmark region' }).id;
  await em.flush();
  for (const practice of [20, 35, 50, 65, 80, 95]) await submitted(practice);
  worker = await startWorker({ ...db.config, REDIS_URL: redis.url, WORKER_HEALTH_PORT: 0, OUTBOX_POLL_MS: 100, BENCHMARK_RECOMPUTE_WINDOW_MS: WINDOW_MS });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await redis?.close();
  await db?.drop();
});

it('writes a first snapshot at start when there is none, and schedules the nightly recompute', async () => {
  const [first] = await until(async () => {
    const all = await snapshots();
    return all.length ? all : null;
  }, 'the first snapshot');
  expect(first).toMatchObject({ trigger: 'manual', institutions: 6 });
  const schedulers = await worker.queues.benchmarks.getJobSchedulers();
  expect(schedulers).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'benchmarks-nightly', pattern: '0 2 * * *', tz: 'UTC' })]));
});

it('recomputes once after a burst of submissions, from the outbox', async () => {
  await until(async () => (await snapshots()).length, 'the first snapshot');
  // No same-day rule: the audit decides, so the fresh figures are published the same day, at once.
  const before = (await snapshots()).length;
  // Three submissions in quick succession share a window (two, if the burst straddles a window's end): fewer jobs than events.
  for (const practice of [40, 60, 70]) await submitted(practice, true);

  const latest = await until(async () => {
    const all = await snapshots();
    const last = all[all.length - 1]!;
    return all.length > before && last.institutions === 9 ? last : null;
  }, 'the incremental snapshot');
  expect(latest.trigger).toBe('incremental');
  const incremental = (await worker.queues.benchmarks.getJobs(['completed', 'delayed', 'waiting', 'active'])).filter((j) => j.id?.includes('-incremental-'));
  expect(incremental.length).toBeGreaterThanOrEqual(1);
  expect(incremental.length).toBeLessThan(3);
  expect(incremental[0]!.data).toEqual({ frameworkId, trigger: 'incremental' });
});

it('refuses a recompute job with a bad payload for good', async () => {
  const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue(JOBS.benchmarkRecompute.queue, { connection, prefix: queuePrefix(JOBS.benchmarkRecompute.queue) });
  const job = await queue.add(JOBS.benchmarkRecompute.name, { trigger: 'hourly' }, { attempts: 3 });
  const failed = await until(async () => {
    const state = await job.getState();
    return state === 'failed' ? queue.getJob(job.id!) : null;
  }, 'the refusal');
  expect(failed.failedReason).toMatch(/invalid payload: trigger/);
  expect(failed.attemptsMade).toBe(1);
  await queue.close();
  await connection.quit();
});

it('computes nothing for a framework that does not exist (an event may outlive its framework)', async () => {
  const job = await worker.queues.benchmarks.add(JOBS.benchmarkRecompute.name, { frameworkId: randomUUID(), trigger: 'incremental' });
  const done = await until(async () => ((await job.getState()) === 'completed' ? worker.queues.benchmarks.getJob(job.id!) : null), 'the job');
  expect(done?.returnvalue).toEqual([]);
});
