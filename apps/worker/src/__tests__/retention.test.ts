import { Queue, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { JOBS, jobId, queuePrefix } from '@waymark/jobs';
import { createTestDatabase, fixtures, type TestDatabase } from '@waymark/testing';
import { startWorker, type WaymarkWorker } from '../worker';

/** The retention job through the real worker, Redis and PostgreSQL: old rows go, recent ones stay, in each organisation. */
let db: TestDatabase;
let worker: WaymarkWorker;
let redis: IORedis;
let owner: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new IORedis(db.config.REDIS_URL, { maxRetriesPerRequest: null });
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  worker = await startWorker({ ...db.config, WORKER_HEALTH_PORT: 0, AUDIT_RETENTION_DAYS: '60', DELIVERY_RETENTION_DAYS: '30' } as never, { schedulers: false });
});
afterAll(async () => {
  await worker.stop();
  await owner.end();
  await redis.quit();
  await db.drop();
});

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);

async function seed(org: string, user: string) {
  const rows: Record<string, string> = {};
  for (const [name, days] of [['oldAudit', 61], ['newAudit', 59]] as const) {
    rows[name] = randomUUID();
    await owner.query(`insert into audit_entry (id, organisation_id, action, entity_type, at) values ($1, $2, 'test', 'Thing', $3)`, [rows[name], org, daysAgo(days)]);
  }
  for (const [name, days, state] of [['oldSent', 31, 'SENT'], ['newSent', 29, 'SENT'], ['oldClaimed', 31, 'CLAIMED']] as const) {
    rows[name] = randomUUID();
    await owner.query(
      `insert into reminder_delivery (id, created_at, organisation_id, recipient_user_id, period, channel, items, subject, message_id, lease_until, state)
       values ($1, $2, $3, $4, $5, 'email', '[]', 'Due soon', $6, now(), $7)`,
      [rows[name], daysAgo(days), org, user, `p-${name}`, `<${randomUUID()}@x>`, state],
    );
  }
  return rows;
}

it('deletes audit entries and finished deliveries older than the settings, per organisation, and keeps the rest', async () => {
  const fx = fixtures(db.owner);
  const a = await fx.organisation();
  const b = await fx.organisation();
  const user = await fx.user();
  const rowsA = await seed(a.id, user.id);
  const rowsB = await seed(b.id, user.id);
  // The record of a deleted organisation (no organisation) is kept whatever its age.
  const record = randomUUID();
  await owner.query(`insert into audit_entry (id, organisation_id, action, entity_type, at) values ($1, null, 'organisation.delete', 'Organisation', $2)`, [record, daysAgo(400)]);

  const queue = new Queue(JOBS.retentionPrune.queue, { connection: redis, prefix: queuePrefix(JOBS.retentionPrune.queue) });
  const events = new QueueEvents(JOBS.retentionPrune.queue, { connection: db.config.REDIS_URL as never, prefix: queuePrefix(JOBS.retentionPrune.queue) });
  await events.waitUntilReady();
  try {
    const job = await queue.add(JOBS.retentionPrune.name, {}, { jobId: jobId('retention', randomUUID()) });
    const result = await job.waitUntilFinished(events, 20_000);
    const byOrg = new Map((result.organisations as { organisationId: string }[]).map((o) => [o.organisationId, o]));
    for (const org of [a.id, b.id]) expect(byOrg.get(org)).toEqual({ organisationId: org, auditEntries: 1, reminderDeliveries: 1, webhookDeliveries: 0 });

    const present = async (table: string, id: string) => (await owner.query(`select 1 from ${table} where id = $1`, [id])).rowCount === 1;
    for (const rows of [rowsA, rowsB]) {
      expect(await present('audit_entry', rows.oldAudit!)).toBe(false);
      expect(await present('audit_entry', rows.newAudit!)).toBe(true);
      expect(await present('reminder_delivery', rows.oldSent!)).toBe(false);
      expect(await present('reminder_delivery', rows.newSent!)).toBe(true);
      // A delivery still in flight is not finished: it stays, however old.
      expect(await present('reminder_delivery', rows.oldClaimed!)).toBe(true);
    }
    expect(await present('audit_entry', record)).toBe(true);

    // Running again deletes nothing more.
    const again = await (await queue.add(JOBS.retentionPrune.name, {}, { jobId: jobId('retention', randomUUID()) })).waitUntilFinished(events, 20_000);
    expect(again.organisations.filter((o: { organisationId: string }) => o.organisationId === a.id || o.organisationId === b.id)).toEqual([]);
  } finally {
    await events.close();
    await queue.close();
  }
});
