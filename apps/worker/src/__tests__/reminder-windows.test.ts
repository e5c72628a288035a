import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { asOrganisation } from '@waymark/db';
import { JOBS, organisationRemindersJobId, queuePrefix } from '@waymark/jobs';
import { createLogger } from '@waymark/logger';
import {
  type RedisService, type SmtpReceiver, type TestDatabase, createTestDatabase, startRedis, startSmtpReceiver, tally, testConfig, until, withAdminClient,
} from '@waymark/testing';
import { inLanes } from '../reminders/lanes';
import { claimDeliveries, markSent, release } from '../reminders/ledger';
import { SendDeadlineExceeded, createMailer } from '../reminders/mailer';
import { type WaymarkWorker, startWorker } from '../worker';
import { type SeededOrganisation, seedOrganisation, today } from './helpers';

/**
 * The windows of the reminder ledger, each shown closed: a stale attempt cannot mark or release
 * another's claim, a send has a deadline inside the lease, a mark that fails after SMTP accepted is
 * retried, a day's job that used up its tries does not lose the day, and lanes stop on a failure.
 */
let db: TestDatabase;
let redis: RedisService;
let smtp: SmtpReceiver;
let worker: WaymarkWorker;
let producer: IORedis;
let reminders: Queue;
// Long enough that a mark retried through the 0.9 s database cut below still lands inside the lease on a
// loaded machine (a mark that outlives the lease is the documented window, not what this file tests).
const LEASE_MS = 3_000;

beforeAll(async () => {
  db = await createTestDatabase();
  [redis, smtp] = await Promise.all([startRedis(), startSmtpReceiver()]);
  worker = await startWorker(
    { ...db.config, REDIS_URL: redis.url, SMTP_URL: smtp.url, WORKER_HEALTH_PORT: 0, REMINDER_LOCAL_HOUR: 0, REMINDER_LEASE_MS: LEASE_MS, REMINDER_RETRY_DELAY_MS: 200, WORKER_STALLED_MS: 1_000 },
    { schedulers: false, health: false, logger: createLogger({ level: 'silent', name: 'test' }) },
  );
  producer = new IORedis(redis.url, { maxRetriesPerRequest: null });
  reminders = new Queue(JOBS.reminderScan.queue, { connection: producer, prefix: queuePrefix(JOBS.reminderScan.queue) });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await reminders?.close();
  producer?.disconnect();
  await Promise.all([redis?.close(), smtp?.close()]);
  await db?.drop();
});

const addresses = (s: SeededOrganisation) => s.people.filter((p) => s.expected.has(p.id)).map((p) => p.email);
const mailsTo = (s: SeededOrganisation) => smtp.messages.filter((m) => m.to.some((t) => s.people.some((p) => p.email === t)));
const ledger = (organisationId: string) =>
  db.owner.em.fork().getConnection().execute<{ id: string; state: string; attempts: number; lease_until: Date }[]>(
    'select id, state, attempts, lease_until from reminder_delivery where organisation_id = ?', [organisationId],
  );
const wantedFor = (s: SeededOrganisation) =>
  [...s.expected.keys()].map((userId) => ({ recipientUserId: userId, period: today(), messageId: `<t.${randomUUID()}@waymark.local>`, items: [] }));

describe('fenced claims', () => {
  it('an attempt whose lease ran out and was taken again can neither mark nor release the claim; the owner can', async () => {
    const s = await seedOrganisation(db, { owners: 1, itemsEach: 1 });
    const org = s.organisation.id;
    const [wanted] = wantedFor(s);
    const stale = await asOrganisation(worker.orm, org, (x) => claimDeliveries(x, org, [wanted!], 1));
    await new Promise((r) => setTimeout(r, 20));
    const owner = await asOrganisation(worker.orm, org, (x) => claimDeliveries(x, org, [wanted!], 60_000));
    expect(owner).toHaveLength(1);
    expect(owner[0]!.attempt).toBe(stale[0]!.attempt + 1);

    expect(await asOrganisation(worker.orm, org, (x) => release(x, org, stale))).toEqual(new Set());
    expect(await asOrganisation(worker.orm, org, (x) => markSent(x, org, stale))).toEqual(new Set());
    const [row] = await ledger(org);
    expect(row).toMatchObject({ state: 'CLAIMED', attempts: 2 });
    expect(new Date(row!.lease_until).getTime()).toBeGreaterThan(Date.now() + 30_000); // the owner's lease is untouched

    expect(await asOrganisation(worker.orm, org, (x) => markSent(x, org, owner))).toEqual(new Set([owner[0]!.id]));
    expect((await ledger(org))[0]!.state).toBe('SENT');
  });
});

describe('send deadline', () => {
  it('a send the SMTP server holds is abandoned at the deadline, its connection destroyed (it never arrives), and the next send goes through', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'Waymark <no-reply@waymark.local>', deadlineMs: 400 });
    const mail = (n: string) => ({ to: `${n}@deadline.test`, subject: n, text: n, html: `<p>${n}</p>`, messageId: `<${n}@waymark.local>`, headers: {} });
    try {
      smtp.pause();
      const started = Date.now();
      await expect(mailer.send(mail('held'))).rejects.toBeInstanceOf(SendDeadlineExceeded);
      expect(Date.now() - started).toBeLessThan(5_000);
      smtp.resume();
      await mailer.send(mail('after'));
      await new Promise((r) => setTimeout(r, 300));
      const arrived = smtp.messages.flatMap((m) => m.to).filter((t) => t.endsWith('@deadline.test'));
      expect(arrived).toEqual(['after@deadline.test']);
    } finally {
      smtp.resume();
      mailer.close();
    }
  });
});

describe('marks after SMTP accepted', () => {
  it('PostgreSQL failing right after SMTP accepted delays the marks but sends nothing twice', async () => {
    const s = await seedOrganisation(db, { owners: 12, itemsEach: 1 });
    const org = s.organisation.id;
    smtp.pause();
    await reminders.add(JOBS.organisationReminders.name, { organisationId: org, localDate: today() }, { jobId: `marks-${randomUUID()}`, attempts: 8, backoff: { type: 'fixed', delay: 200 } });
    await until(async () => (await ledger(org)).length > 0, 'a ledger row', 10_000, 20);
    // The database refuses new connections and every session of the worker is ended, while the held sends are accepted.
    const name = new URL(db.ownerUrl).pathname.slice(1);
    const cut = withAdminClient(testConfig().DATABASE_URL, async (admin) => {
      await admin.query(`alter database "${name}" allow_connections false`);
      try {
        await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [name]);
        await new Promise((r) => setTimeout(r, 900));
      } finally {
        await admin.query(`alter database "${name}" allow_connections true`);
      }
    });
    await new Promise((r) => setTimeout(r, 50));
    smtp.resume();
    await cut;
    await until(() => mailsTo(s).length >= s.expected.size, 'every digest', 30_000);
    await until(async () => (await ledger(org)).every((r) => r.state === 'SENT'), 'every ledger row SENT', 30_000);
    await new Promise((r) => setTimeout(r, LEASE_MS + 500));
    expect(tally(mailsTo(s), addresses(s))).toEqual({ duplicates: 0, misses: 0, strangers: 0, distinct: s.expected.size });
  }, 60_000);
});

describe('a failed job', () => {
  it("a day's job that used up its tries does not lose the day: the next scan finds what was not sent", async () => {
    const s = await seedOrganisation(db, { owners: 3, itemsEach: 1 });
    const data = { organisationId: s.organisation.id, localDate: today() };
    smtp.refuse({ code: 451 });
    try {
      await reminders.add(JOBS.organisationReminders.name, data, { jobId: organisationRemindersJobId(data), attempts: 1 });
      await until(async () => (await reminders.getJobState(organisationRemindersJobId(data))) === 'failed', 'the job to fail', 15_000);
    } finally {
      smtp.accept();
    }
    expect(mailsTo(s)).toHaveLength(0);
    await reminders.add(JOBS.reminderScan.name, {}, { jobId: `scan-${randomUUID()}` });
    await until(() => mailsTo(s).length >= s.expected.size, 'every digest');
    expect(tally(mailsTo(s), addresses(s))).toEqual({ duplicates: 0, misses: 0, strangers: 0, distinct: s.expected.size });
  }, 40_000);
});

describe('lanes', () => {
  const run = async (options: { throwAt?: number; abortAfterMs?: number }) => {
    let started = 0;
    let running = 0;
    const stop = new AbortController();
    if (options.abortAfterMs !== undefined) setTimeout(() => stop.abort(new Error('cancelled')), options.abortAfterMs);
    const result = await inLanes(Array.from({ length: 200 }, (_, i) => i), 8, async (i) => {
      started += 1;
      running += 1;
      try {
        await new Promise((r) => setTimeout(r, 5));
        if (i === options.throwAt) throw new Error(`item ${i} failed`);
      } finally {
        running -= 1;
      }
    }, stop.signal).then(() => null, (error: unknown) => error);
    const atEnd = { started, running };
    await new Promise((r) => setTimeout(r, 100));
    return { result, atEnd, later: started };
  };

  it('when one lane throws, the others stop before their next item, and the error comes once all have stopped', async () => {
    const { result, atEnd, later } = await run({ throwAt: 20 });
    expect(String(result)).toMatch(/item 20 failed/);
    expect(atEnd.running).toBe(0);
    expect(atEnd.started).toBeLessThan(40);
    expect(later).toBe(atEnd.started);
  });

  it('a cancelled job stops its lanes the same way', async () => {
    const { result, atEnd, later } = await run({ abortAfterMs: 30 });
    expect(String(result)).toMatch(/cancelled/);
    expect(atEnd.running).toBe(0);
    expect(atEnd.started).toBeLessThan(200);
    expect(later).toBe(atEnd.started);
  });
});
