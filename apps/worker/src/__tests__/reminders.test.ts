import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { NotificationPreference, asOrganisation, recordEvent } from '@waymark/db';
import { isoWeek } from '@waymark/domain';
import { JOBS, queuePrefix, verifyUnsubscribe } from '@waymark/jobs';
import { createLogger } from '@waymark/logger';
import {
  type RedisService, type SmtpReceiver, type TestDatabase, bodyOf, createTestDatabase, header, poll, startRedis, startSmtpReceiver, tally, until,
} from '@waymark/testing';
import { type WaymarkWorker, startWorker } from '../worker';
import { type SeededOrganisation, seedOrganisation, today } from './helpers';

/**
 * Reminders end to end: the worker in this process against this file's own database, its own
 * redis-server and a real SMTP server, so Redis and SMTP can be stopped and refused at will.
 */
let db: TestDatabase;
let redis: RedisService;
let smtp: SmtpReceiver;
let worker: WaymarkWorker;
let producer: IORedis;
let reminders: Queue;
const cfg = () => ({
  ...db.config, REDIS_URL: redis.url, SMTP_URL: smtp.url, WORKER_HEALTH_PORT: 0, REMINDER_LOCAL_HOUR: 0,
  REMINDER_LEASE_MS: 1_500, REMINDER_RETRY_DELAY_MS: 200, WORKER_STALLED_MS: 1_000, OUTBOX_POLL_MS: 200,
});

beforeAll(async () => {
  db = await createTestDatabase();
  [redis, smtp] = await Promise.all([startRedis(), startSmtpReceiver()]);
  worker = await startWorker(cfg(), { schedulers: false, logger: createLogger({ level: 'silent', name: 'test' }) });
  producer = new IORedis(redis.url, { maxRetriesPerRequest: null });
  reminders = new Queue(JOBS.reminderScan.queue, { connection: producer, prefix: queuePrefix(JOBS.reminderScan.queue) });
  reminders.on('error', () => undefined); // Redis is stopped on purpose below
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await reminders?.close();
  producer?.disconnect();
  await Promise.all([redis?.close(), smtp?.close()]);
  await db?.drop();
});

const idle = async () => {
  const quiet = await poll(async () => {
    const c = await reminders.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
    return Object.values(c).every((n) => n === 0);
  }, 30_000, 50);
  if (!quiet) throw new Error(`reminder jobs still running: ${JSON.stringify(await reminders.getJobCounts())}`);
};
const scan = async () => {
  await reminders.add(JOBS.reminderScan.name, {}, { jobId: `scan-${randomUUID()}` });
  await new Promise((r) => setTimeout(r, 100));
  await idle();
};
const addresses = (seeded: SeededOrganisation) => seeded.people.filter((p) => seeded.expected.has(p.id)).map((p) => p.email);
const ledger = (organisationId: string) =>
  db.owner.em.fork().getConnection().execute<{ recipient_user_id: string; state: string; period: string; attempts: number }[]>(
    'select recipient_user_id, state, period, attempts from reminder_delivery where organisation_id = ?', [organisationId],
  );
const mailsTo = (seeded: SeededOrganisation) => smtp.messages.filter((m) => m.to.some((t) => seeded.people.some((p) => p.email === t)));

describe('reminder digests', () => {
  let a: SeededOrganisation;
  let b: SeededOrganisation;

  beforeAll(async () => {
    a = await seedOrganisation(db, { owners: 3, itemsEach: 4, tag: 'alpha' });
    b = await seedOrganisation(db, { owners: 2, itemsEach: 2, tag: 'beta' });
    await scan();
  }, 60_000);

  it('sends each person of each organisation one digest with exactly their reminders, and nothing to anyone else', () => {
    for (const seeded of [a, b]) {
      const mails = mailsTo(seeded);
      expect(tally(mails, addresses(seeded))).toEqual({ duplicates: 0, misses: 0, strangers: 0, distinct: seeded.expected.size });
      const other = seeded === a ? b : a;
      for (const mail of mails) {
        const body = bodyOf(mail);
        for (const ids of other.expected.values()) for (const id of ids) expect(body).not.toContain(id);
        expect(body).not.toContain(other.organisation.id);
        expect(body).toContain(`/o/${seeded.organisation.id}/`);
      }
    }
  });

  it('carries links back to the items, a deterministic Message-ID and a one-click unsubscribe (RFC 8058)', () => {
    const owner = a.people[1]!;
    const mail = mailsTo(a).find((m) => m.to.includes(owner.email))!;
    const body = bodyOf(mail);
    for (const id of a.expected.get(owner.id)!) expect(body).toContain(`http://localhost:4000/o/${a.organisation.id}/plan/${id}`);
    expect(body).toContain('&lt;b&gt;alpha&lt;/b&gt;'); // the title is escaped in the HTML part
    const manager = a.people[0]!;
    const managerBody = bodyOf(mailsTo(a).find((m) => m.to.includes(manager.email))!);
    expect(managerBody).toMatch(/OVERDUE Action item/);
    for (const words of ['Partner review: Partner alpha', 'Evidence: Policy alpha', 'Next cycle: Start the cycle after old-alpha']) expect(managerBody).toContain(words);
    expect(managerBody).not.toMatch(/Later alpha/);
    expect(header(mail, 'Message-ID')).toMatch(/^<digest\.[0-9a-f-]{36}@waymark\.local>$/);
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(http:\/\/localhost:4000\/unsubscribe\/([^>]+))>$/.exec(header(mail, 'List-Unsubscribe') ?? '');
    expect(unsubscribe).not.toBeNull();
    expect(verifyUnsubscribe(db.config.AUTH_TOKEN_SECRET, unsubscribe![2]!)).toEqual({ organisationId: a.organisation.id, userId: owner.id });
    expect(header(mail, 'Content-Type')).toMatch(/multipart\/alternative/);
  });

  it('never sends a period twice: another scan, and a retried job, find every delivery sent', async () => {
    const before = smtp.messages.length;
    await scan();
    await reminders.add(JOBS.organisationReminders.name, { organisationId: a.organisation.id, localDate: today() }, { jobId: `again-${randomUUID()}` });
    await new Promise((r) => setTimeout(r, 100));
    await idle();
    expect(smtp.messages.length).toBe(before);
    const rows = await ledger(a.organisation.id);
    expect(rows).toHaveLength(a.expected.size);
    expect(rows.every((r) => r.state === 'SENT' && r.period === today())).toBe(true);
  });

  it('records overdue items and partner reviews due as outbox events once, and relays them', async () => {
    const rows = await db.owner.em.fork().getConnection().execute<{ type: string; relayed_at: Date | null }[]>(
      'select type, relayed_at from outbox_event where organisation_id = ? order by type', [a.organisation.id],
    );
    expect(rows.map((r) => r.type)).toEqual(['action_item.overdue', 'partner.review_due']);
    await until(async () => {
      const r = await db.owner.em.fork().getConnection().execute<{ n: number }[]>(
        'select count(*)::int as n from outbox_event where organisation_id = ? and relayed_at is null', [a.organisation.id],
      );
      return r[0]!.n === 0;
    }, 'every event relayed', 10_000);
  });

  it('an organisation job run for another organisation reads nothing of the first', async () => {
    // Row-level security scopes each job to its organisation: B's job cannot claim or send A's.
    const before = await ledger(a.organisation.id);
    await reminders.add(JOBS.organisationReminders.name, { organisationId: b.organisation.id, localDate: '2030-01-01' }, { jobId: `b-${randomUUID()}` });
    await new Promise((r) => setTimeout(r, 100));
    await idle();
    expect(await ledger(a.organisation.id)).toEqual(before);
    const sentToA = smtp.messages.filter((m) => m.subject?.includes('2030-01-01')).flatMap((m) => m.to).filter((t) => a.people.some((p) => p.email === t));
    expect(sentToA).toEqual([]);
  });
});

describe('preferences', () => {
  it('NONE sends nothing, WEEKLY sends one digest for the ISO week', async () => {
    const c = await seedOrganisation(db, { owners: 2, itemsEach: 1 });
    const [, none, weekly] = c.people;
    const em = db.owner.em.fork();
    em.create(NotificationPreference, { organisationId: c.organisation.id, userId: none!.id, frequency: 'NONE' });
    em.create(NotificationPreference, { organisationId: c.organisation.id, userId: weekly!.id, frequency: 'WEEKLY' });
    await em.flush();
    await scan();
    const mails = mailsTo(c);
    expect(mails.flatMap((m) => m.to).sort()).toEqual([c.people[0]!.email, weekly!.email].sort());
    const rows = await ledger(c.organisation.id);
    expect(rows.find((r) => r.recipient_user_id === weekly!.id)?.period).toBe(isoWeek(today()));
    expect(rows.find((r) => r.recipient_user_id === none!.id)).toBeUndefined();
  });
});

describe('faults', () => {
  it('an SMTP server refusing for a while (421, then 451) delays reminders but loses or repeats none', async () => {
    // 421 until at least two sends were refused, then (with no gap in which one could pass) one 451.
    smtp.refuse({ code: 421 });
    const d = await seedOrganisation(db, { owners: 5, itemsEach: 1 });
    await reminders.add(JOBS.reminderScan.name, {}, { jobId: `scan-${randomUUID()}` });
    await until(() => smtp.refused >= 2, 'two refusals', 10_000);
    smtp.refuse({ code: 451, times: 1 });
    await until(() => mailsTo(d).length >= d.expected.size, 'every digest', 30_000);
    await idle();
    expect(smtp.refused).toBeGreaterThanOrEqual(3);
    expect(tally(mailsTo(d), addresses(d))).toMatchObject({ duplicates: 0, misses: 0, strangers: 0 });
    expect((await ledger(d.organisation.id)).every((r) => r.state === 'SENT')).toBe(true);
  });

  it('Redis restarting (and forgetting everything) mid-run loses or repeats no reminder', async () => {
    const e = await seedOrganisation(db, { owners: 30, itemsEach: 1 });
    smtp.pause();
    await reminders.add(JOBS.reminderScan.name, {}, { jobId: `scan-${randomUUID()}` });
    // The run has claimed its deliveries and waits on SMTP: now Redis goes away and comes back empty.
    await until(async () => (await ledger(e.organisation.id)).length > 0, 'a ledger row', 10_000);
    await redis.restart();
    smtp.resume();
    await until(() => mailsTo(e).length >= e.expected.size, 'every digest', 30_000);
    // The next tick of the schedule queues the day's job again (Redis forgot it): it finds all sent.
    await scan();
    await new Promise((r) => setTimeout(r, 300));
    expect(tally(mailsTo(e), addresses(e))).toEqual({ duplicates: 0, misses: 0, strangers: 0, distinct: e.expected.size });
    expect((await ledger(e.organisation.id)).every((r) => r.state === 'SENT')).toBe(true);
  }, 60_000);

  it('an event produced while Redis is down waits in the outbox and is relayed once it is back; a rolled-back change makes none', async () => {
    const f = await seedOrganisation(db, { owners: 0, itemsEach: 0 });
    const subject = randomUUID();
    await redis.stop();
    const event = await asOrganisation(worker.orm, f.organisation.id, async (session) => {
      const row = recordEvent(session, { organisationId: f.organisation.id, type: 'assessment.reopened', subjectId: subject, payload: { cycle: 'x', frameworkId: randomUUID(), reason: 'late' } });
      await session.em.flush();
      return row;
    });
    await expect(
      asOrganisation(worker.orm, f.organisation.id, async (session) => {
        recordEvent(session, { organisationId: f.organisation.id, type: 'assessment.submitted', subjectId: subject, payload: { cycle: 'x', frameworkId: subject, submittedAt: new Date().toISOString() } });
        await session.em.flush();
        throw new Error('the change fails after its event was written');
      }),
    ).rejects.toThrow(/change fails/);
    await new Promise((r) => setTimeout(r, 600));
    const pending = () => db.owner.em.fork().getConnection().execute<{ id: string; relayed_at: Date | null }[]>(
      'select id, relayed_at from outbox_event where organisation_id = ?', [f.organisation.id],
    );
    expect(await pending()).toEqual([{ id: event.id, relayed_at: null }]);
    await redis.restart();
    await until(async () => (await pending())[0]!.relayed_at !== null, 'the event relayed', 15_000);
    const events = new Queue(JOBS.domainEvent.queue, { connection: producer, prefix: queuePrefix(JOBS.domainEvent.queue) });
    events.on('error', () => undefined);
    try {
      const job = await events.getJob(event.id);
      expect(job?.data).toMatchObject({ id: event.id, type: 'assessment.reopened', subjectId: subject, organisationId: f.organisation.id });
      expect((await pending())).toHaveLength(1);
    } finally {
      await events.close();
    }
  }, 60_000);
});
