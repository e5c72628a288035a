import { Queue, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { JOBS, jobId, queuePrefix } from '@waymark/jobs';
import { createTestDatabase, type TestDatabase } from '@waymark/testing';
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
