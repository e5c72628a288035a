import { Queue, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { JOBS, jobId, queuePrefix } from '@waymark/jobs';
import { createTestDatabase, startRedis, type TestDatabase } from '@waymark/testing';
import { startWorker, type WaymarkWorker } from '../worker';
import { shutdownInOrder } from '../shutdown';

/** The worker against the real Redis and PostgreSQL on this machine. */
let db: TestDatabase;
let worker: WaymarkWorker;
let redis: IORedis;

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new IORedis(db.config.REDIS_URL, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await redis.quit();
  await db.drop();
});

it('connects to Redis and PostgreSQL, runs a job that touches both, and shuts down in order', async () => {
  worker = await startWorker({ ...db.config, WORKER_HEALTH_PORT: 0 }, { schedulers: false });
  const ready = await fetch(`http://127.0.0.1:${worker.health!.port}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, redis: true, database: true });
  const queue = new Queue(JOBS.heartbeat.queue, { connection: redis, prefix: queuePrefix(JOBS.heartbeat.queue) });
  const events = new QueueEvents(JOBS.heartbeat.queue, { connection: db.config.REDIS_URL as never, prefix: queuePrefix(JOBS.heartbeat.queue) });
  await events.waitUntilReady();
  const requestedAt = new Date().toISOString();
  const job = await queue.add(JOBS.heartbeat.name, { requestedAt }, { jobId: jobId('heartbeat', randomUUID()) });
  const result = await job.waitUntilFinished(events, 10_000);
  expect(result.requestedAt).toBe(requestedAt);
  expect(Date.parse(result.databaseTime)).not.toBeNaN();

  // A bad payload fails for good instead of retrying.
  const bad = await queue.add(JOBS.heartbeat.name, { requestedAt: 'yesterday' }, { jobId: jobId('heartbeat-bad', randomUUID()), attempts: 3 });
  await expect(bad.waitUntilFinished(events, 10_000)).rejects.toThrow(/invalid payload/);
  expect((await queue.getJob(bad.id!))!.attemptsMade).toBe(1);

  await events.close();
  await queue.close();
  const shutdown = await worker.stop();
  expect(shutdown).toMatchObject({ timedOut: false, failed: [] });
  expect(shutdown.completed).toEqual([
    'stop taking work and drain', 'stop the outbox relay', 'stop the account mail sender', 'close queues', 'close mail', 'close redis', 'close health endpoint', 'close database',
  ]);
});

it('serves Prometheus metrics on its health port behind METRICS_TOKEN: queue depths, job durations and failures, delivery counters; promtool finds nothing wrong', async () => {
  const METRICS_TOKEN = randomBytes(24).toString('hex');
  // A Redis of its own: on the machine's shared one, another run's worker could take these jobs and time them instead.
  const own = await startRedis();
  const metered = await startWorker({ ...db.config, REDIS_URL: own.url, WORKER_HEALTH_PORT: 0, METRICS_TOKEN }, { schedulers: false });
  const producer = new IORedis(own.url, { maxRetriesPerRequest: null });
  const queue = new Queue(JOBS.heartbeat.queue, { connection: producer, prefix: queuePrefix(JOBS.heartbeat.queue) });
  const listener = new IORedis(own.url, { maxRetriesPerRequest: null });
  const events = new QueueEvents(JOBS.heartbeat.queue, { connection: listener, prefix: queuePrefix(JOBS.heartbeat.queue) });
  try {
    await events.waitUntilReady();
    const good = await queue.add(JOBS.heartbeat.name, { requestedAt: new Date().toISOString() }, { jobId: jobId('heartbeat', randomUUID()) });
    await good.waitUntilFinished(events, 10_000);
    const bad = await queue.add(JOBS.heartbeat.name, { requestedAt: 'yesterday' }, { jobId: jobId('heartbeat-bad', randomUUID()) });
    await expect(bad.waitUntilFinished(events, 10_000)).rejects.toThrow(/invalid payload/);

    const url = `http://127.0.0.1:${metered.health!.port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^waymark_worker_queue_jobs\{queue="reminders",state="waiting"\} \d+$/m);
    expect(text).toMatch(/^waymark_worker_queue_jobs\{queue="maintenance",state="failed"\} [1-9]\d*$/m);
    expect(text).toMatch(/^waymark_worker_job_duration_seconds_count\{queue="maintenance",job="heartbeat",outcome="completed"\} [1-9]\d*$/m);
    expect(text).toMatch(/^waymark_worker_job_failures_total\{queue="maintenance",job="heartbeat"\} [1-9]\d*$/m);
    for (const name of ['waymark_worker_reminders_sent_total', 'waymark_worker_webhooks_delivered_total', 'waymark_worker_webhooks_dead_lettered_total', 'waymark_worker_process_resident_memory_bytes']) {
      expect(text).toMatch(new RegExp(`^${name} \\d+$`, 'm'));
    }
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name, type }));
    expect(types.filter((t) => t.name!.endsWith('_total') && t.type !== 'counter')).toEqual([]);
    // promtool (Debian's prometheus package) is the real judge where it is installed.
    if (existsSync('/usr/bin/promtool')) expect(execFileSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' }).trim()).toBe('');
  } finally {
    await events.close();
    await queue.close();
    await metered.stop();
    producer.disconnect();
    listener.disconnect();
    await own.close();
  }
});

it('refuses job ids with a colon, which BullMQ cannot store', () => {
  expect(() => jobId('reminder', 'a:b')).toThrow(/must not contain ':'/);
  expect(jobId('reminder', 'org', 2026)).toBe('reminder-org-2026');
});

describe('shutdownInOrder', () => {
  it('runs steps in order and reports a step that fails', async () => {
    const order: string[] = [];
    const result = await shutdownInOrder(
      [
        { name: 'a', run: () => Promise.resolve(void order.push('a')) },
        { name: 'b', run: () => Promise.reject(new Error('boom')) },
        { name: 'c', run: () => Promise.resolve(void order.push('c')) },
      ],
      1_000,
    );
    expect(order).toEqual(['a', 'c']);
    expect(result).toEqual({ completed: ['a', 'c'], timedOut: false, failed: [{ name: 'b', error: 'boom' }] });
  });

  it('gives up at the deadline when a step hangs', async () => {
    const result = await shutdownInOrder([{ name: 'stuck job', run: () => new Promise(() => undefined) }], 50);
    expect(result).toEqual({ completed: [], timedOut: true, failed: [] });
  });
});
