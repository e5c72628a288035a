import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { JOBS, queuePrefix } from '@waymark/jobs';
import {
  type ReceivedMail, type RedisService, type RunningProcess, type SmtpReceiver, type TestDatabase, createTestDatabase, header, poll, seededRandom, startRedis, startSmtpReceiver, tally,
  until,
} from '@waymark/testing';
import { seedOrganisation, spawnWorker } from './helpers';

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
  await until(() => smtp.messages.length >= 15, 'the first 15 digests', 30_000, 5);
  // Kill while the sends in flight wait on the SMTP server (so none is between "accepted" and
  // "marked sent": that one window is documented in docs/delivery.md).
  smtp.pause();
  await new Promise((r) => setTimeout(r, 300));
  const sentBeforeKill = smtp.messages.length;
  first.signalTree('SIGKILL');
  await first.exited;
  expect(sentBeforeKill).toBeLessThan(org.expected.size);
  smtp.resume();

  const second = await start(2);
  const done = await poll(() => smtp.messages.length >= org.expected.size, 45_000, 50);
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

it('a worker SIGKILLed at random moments (seeded, not only while SMTP holds MAIL FROM) repeats only what SMTP had accepted and the ledger had not yet marked', async () => {
  const random = seededRandom(20_261_207);
  const org = await seedOrganisation(db, { owners: 80, itemsEach: 1 });
  const addresses = org.people.filter((p) => org.expected.has(p.id)).map((p) => p.email);
  const mine = () => smtp.messages.filter((m) => m.to.some((t) => addresses.includes(t)));
  const messageId = (m: ReceivedMail) => header(m, 'Message-ID')!;
  let worker = await start(10);
  await queue.add(JOBS.reminderScan.name, {}, { jobId: `scan-${randomUUID()}` });
  // Message-IDs that SMTP had accepted while their ledger row was not SENT when the worker died.
  const window = new Set<string>();
  for (let kill = 0; kill < 3; kill++) {
    const seen = mine().length;
    await until(() => mine().length >= seen + random.int(1, 12), 'more digests before the kill', 30_000, 2);
    await new Promise((r) => setTimeout(r, random.int(0, 40)));
    worker.signalTree('SIGKILL');
    await worker.exited;
    const sent = new Set((await db.owner.em.fork().getConnection().execute<{ message_id: string }[]>(
      `select message_id from reminder_delivery where organisation_id = ? and state = 'SENT'`, [org.organisation.id],
    )).map((r) => r.message_id));
    for (const m of mine()) if (!sent.has(messageId(m))) window.add(messageId(m));
    worker = await start(11 + kill);
  }
  const done = await poll(() => new Set(mine().map(messageId)).size >= org.expected.size, 60_000, 50);
  if (!done) throw new Error(`only ${new Set(mine().map(messageId)).size} of ${org.expected.size} arrived`);
  await new Promise((r) => setTimeout(r, 2_000));
  const counts = new Map<string, number>();
  for (const m of mine()) counts.set(messageId(m), (counts.get(messageId(m)) ?? 0) + 1);
  const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  expect(tally(mine(), addresses).misses).toBe(0);
  // Every repeat is one of the window's (recognisable by its Message-ID), and at most once per kill.
  for (const id of repeated) expect(window.has(id)).toBe(true);
  expect([...counts.values()].every((n) => n <= 4)).toBe(true);
  worker.signal('SIGTERM');
  expect((await worker.waitForExit(15_000))?.code).toBe(0);
}, 120_000);
