import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { JOBS, queuePrefix } from '@waymark/jobs';
import { type RedisService, type SmtpReceiver, type TestDatabase, createTestDatabase, startRedis, startSmtpReceiver } from '@waymark/testing';
import { until } from '../../../../packages/testing/src/services/ports';
import type { RunningProcess } from '../../../../packages/testing/src/services/process';
import { seedOrganisation, spawnWorker, tally } from './helpers';

/**
 * The worker as a process of its own (apps/worker/dist/main.js), SIGKILLed in the middle of an
 * organisation's run and started again: every person still gets exactly one digest.
 */
let db: TestDatabase;
let redis: RedisService;
let smtp: SmtpReceiver;
let producer: IORedis;
let queue: Queue;
let dir: string;
const children: RunningProcess[] = [];
const settings = {
  REMINDER_LOCAL_HOUR: '0', REMINDER_LEASE_MS: '1500', REMINDER_RETRY_DELAY_MS: '200', WORKER_STALLED_MS: '1000',
  // The schedule's own ticks stay out of the way: the test queues the scan itself.
  REMINDER_SCAN_PATTERN: '0 0 1 1 *',
};

beforeAll(async () => {
  db = await createTestDatabase();
  [redis, smtp] = await Promise.all([startRedis(), startSmtpReceiver()]);
  producer = new IORedis(redis.url, { maxRetriesPerRequest: null });
  queue = new Queue(JOBS.reminderScan.queue, { connection: producer, prefix: queuePrefix(JOBS.reminderScan.queue) });
  dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-worker-'));
}, 60_000);

afterAll(async () => {
  for (const child of children) child.signalTree('SIGKILL');
  await queue?.close();
  producer?.disconnect();
  await Promise.all([redis?.close(), smtp?.close()]);
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const start = async (n: number) => {
  const child = await spawnWorker({ ...db.config, REDIS_URL: redis.url }, { ...settings, SMTP_URL: smtp.url }, path.join(dir, `worker-${n}.log`));
  children.push(child);
  return child;
};

it('a worker SIGKILLed mid-run and started again sends every digest exactly once', async () => {
  const org = await seedOrganisation(db, { owners: 60, itemsEach: 1 });
  const addresses = org.people.filter((p) => org.expected.has(p.id)).map((p) => p.email);
  const first = await start(1);
  await queue.add(JOBS.reminderScan.name, {}, { jobId: `scan-${randomUUID()}` });
  expect(await until(() => smtp.messages.length >= 15, 30_000, 5)).toBe(true);
  // Kill while the sends in flight wait on the SMTP server (so none is between "accepted" and
  // "marked sent": that one window is documented in the README).
  smtp.pause();
  await new Promise((r) => setTimeout(r, 300));
  const sentBeforeKill = smtp.messages.length;
  first.signalTree('SIGKILL');
  await first.exited;
  expect(sentBeforeKill).toBeLessThan(org.expected.size);
  smtp.resume();

  const second = await start(2);
  const done = await until(() => smtp.messages.length >= org.expected.size, 45_000, 50);
  if (!done) throw new Error(`only ${smtp.messages.length} of ${org.expected.size} arrived; worker log:\n${readFileSync(path.join(dir, 'worker-2.log'), 'utf8').slice(-3000)}`);
  await new Promise((r) => setTimeout(r, 1_000));
  expect(tally(smtp.messages, addresses)).toEqual({ duplicates: 0, misses: 0, strangers: 0, distinct: org.expected.size });
  const rows = await db.owner.em.fork().getConnection().execute<{ state: string; attempts: number }[]>(
    'select state, attempts from reminder_delivery where organisation_id = ?', [org.organisation.id],
  );
  expect(rows).toHaveLength(org.expected.size);
  expect(rows.every((r) => r.state === 'SENT')).toBe(true);
  // The ones the first worker had claimed but not sent were taken again after their lease.
  expect(rows.some((r) => r.attempts > 1)).toBe(true);
  second.signal('SIGTERM');
  expect((await second.waitForExit(15_000))?.code).toBe(0);
}, 90_000);
