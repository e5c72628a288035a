import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { MemberRole, type Organisation, asOrganisation, recordEvent } from '@waymark/db';
import type { DomainEvent, DomainEventType } from '@waymark/domain';
import { WEBHOOK_JOBS, WEBHOOK_QUEUE, queuePrefix } from '@waymark/jobs';
import { webhookFanOut } from '../processors/webhooks';
import { type RedisService, startRedis, testConfig, until, withAdminClient } from '@waymark/testing';
import { type As, type TestApi, ok, startTestApi } from '@waymark/api/testing';
import { type WaymarkWorker, startWorker } from '../worker';
import { WebhookReceiver } from './webhook-receiver';

/**
 * Webhooks end to end: endpoints registered over GraphQL, events fanned out by the real worker on
 * a Redis of its own, delivered to a real HTTP receiver that verifies every signature with the
 * standardwebhooks library. Small backoff (50 ms) and three tries keep it quick.
 */
let redis: RedisService;
let api: TestApi;
let worker: WaymarkWorker;
let queue: Queue;
let connection: IORedis;
let receiver: WebhookReceiver;
let orgA: Organisation;
let orgB: Organisation;
let ownerA: As;
let ownerB: As;

async function endpoint(as: As, path: string, eventTypes: string[]): Promise<{ id: string; secret: string }> {
  const res = ok(
    await api.gql(
      `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id } } }`,
      { i: { url: `${receiver.url}${path}`, eventTypes, description: `test ${path}` } },
      as,
    ),
  );
  receiver.expect(path, res.createWebhookEndpoint.secret);
  return { id: res.createWebhookEndpoint.endpoint.id, secret: res.createWebhookEndpoint.secret };
}

const PAYLOADS: { [T in DomainEventType]: DomainEvent<T>['payload'] } = {
  'assessment.submitted': { cycle: '2026', frameworkId: randomUUID(), submittedAt: new Date().toISOString() },
  'assessment.reopened': { cycle: '2026', frameworkId: randomUUID(), reason: 'a test' },
  'plan.generated': { assessmentId: randomUUID(), planId: randomUUID(), items: 3 },
  'action_item.status_changed': { from: 'OPEN', to: 'DONE', assessmentId: randomUUID() },
  'action_item.overdue': { dueOn: '2026-01-01', nextReviewOn: null, period: '2026-01-02' },
  'partner.review_due': { nextReviewOn: '2026-01-01', period: '2026-01-02' },
};

/** A domain event written to the outbox as the API writes them; the worker's relay takes it from there. */
async function emit(organisationId: string, type: DomainEventType): Promise<string> {
  const event: DomainEvent = { organisationId, type, subjectId: randomUUID(), payload: PAYLOADS[type] };
  return asOrganisation(worker.orm, organisationId, (session) => Promise.resolve(recordEvent(session, event).id));
}

beforeAll(async () => {
  redis = await startRedis();
  receiver = await new WebhookReceiver().start();
  api = await startTestApi({ config: { REDIS_URL: redis.url } });
  worker = await startWorker({
    ...api.db.config,
    REDIS_URL: redis.url,
    WEBHOOK_MAX_ATTEMPTS: 3,
    WEBHOOK_BACKOFF_BASE_MS: 50,
    WEBHOOK_BACKOFF_MAX_MS: 200,
    WEBHOOK_CONCURRENCY: 4,
    WEBHOOK_ENDPOINT_CONCURRENCY: 1,
    WORKER_HEALTH_PORT: 0,
    OUTBOX_POLL_MS: 200,
  }, { schedulers: false });
  connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
  queue = new Queue(WEBHOOK_QUEUE, { connection, prefix: queuePrefix(WEBHOOK_QUEUE) });
  orgA = await api.fx.organisation({ name: 'Hooks A' });
  orgB = await api.fx.organisation({ name: 'Hooks B' });
  ownerA = (await api.actor(orgA, MemberRole.OWNER)).as;
  ownerB = (await api.actor(orgB, MemberRole.OWNER)).as;
});

afterAll(async () => {
  await queue?.close();
  await connection?.quit();
  await worker?.stop();
  await api?.close();
  await receiver?.close();
  await redis?.close();
});

it('delivers each event once, validly signed, to each subscribed endpoint of its own organisation and no other', async () => {
  await endpoint(ownerA, '/a1', ['plan.generated']);
  await endpoint(ownerA, '/a2', ['plan.generated', 'assessment.submitted']);
  await endpoint(ownerA, '/a3', ['assessment.submitted']);
  await endpoint(ownerB, '/b1', ['plan.generated']);
  const eventId = await emit(orgA.id, 'plan.generated');
  await until(() => receiver.at('/a1').length + receiver.at('/a2').length >= 2, 'two deliveries');
  // The same event fanned out again (as an event job run again after a crash would): the ledger makes no second delivery.
  const [row] = (await withAdminClient(api.db.ownerUrl, (c) => c.query(`select * from outbox_event where id = $1`, [eventId]))).rows;
  await webhookFanOut(worker.services, {
    id: row.id, organisationId: row.organisation_id, type: row.type, subjectId: row.subject_id, payload: row.payload, occurredAt: new Date(row.created_at).toISOString(),
  });
  await until(async () => {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed');
    return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0;
  }, 'the queue to drain');
  await new Promise((r) => setTimeout(r, 300));

  for (const path of ['/a1', '/a2']) {
    const got = receiver.at(path).filter((r) => JSON.parse(r.body).data.eventId === eventId);
    expect(got).toHaveLength(1);
    expect(got[0]!.verifiedBy).toHaveLength(1);
    expect(got[0]!.id).toMatch(/^msg_[0-9a-f-]{36}$/);
    expect(JSON.parse(got[0]!.body)).toMatchObject({ type: 'plan.generated', data: { eventId } });
  }
  expect(receiver.at('/a3')).toHaveLength(0);
  expect(receiver.at('/b1')).toHaveLength(0);
  expect(receiver.at('/a1')[0]!.id).not.toBe(receiver.at('/a2')[0]!.id);

  const ledgerA = ok(await api.gql(`{ webhookDeliveries { totalCount edges { node { status attempts lastStatusCode eventId } } } }`, {}, ownerA));
  expect(ledgerA.webhookDeliveries.edges.map((e: any) => e.node)).toEqual([
    { status: 'DELIVERED', attempts: 1, lastStatusCode: 204, eventId },
    { status: 'DELIVERED', attempts: 1, lastStatusCode: 204, eventId },
  ]);
  expect(ok(await api.gql(`{ webhookDeliveries { totalCount } }`, {}, ownerB)).webhookDeliveries.totalCount).toBe(0);
});

it("makes a failing endpoint's delivery a dead letter after its tries, and redelivers it once the endpoint recovers", async () => {
  receiver.mode('/failing', 'fail');
  await endpoint(ownerA, '/failing', ['partner.review_due']);
  await emit(orgA.id, 'partner.review_due');
  const deadLetters = `{ webhookDeadLetters { totalCount edges { node { id status attempts lastStatusCode lastError deadAt } } } }`;
  await until(async () => ok(await api.gql(deadLetters, {}, ownerA)).webhookDeadLetters.totalCount === 1, 'a dead letter');
  const dead = ok(await api.gql(deadLetters, {}, ownerA)).webhookDeadLetters.edges[0].node;
  expect(dead).toMatchObject({ status: 'DEAD', attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500' });
  const tries = receiver.at('/failing');
  expect(tries).toHaveLength(3);
  expect(new Set(tries.map((t) => t.id))).toEqual(new Set([`msg_${dead.id}`]));
  expect(tries.every((t) => t.verifiedBy.length === 1)).toBe(true);

  // The organisation's own figures say so; B sees none of it (and nobody sees queue-wide counts).
  const health = `{ queueHealth { deliveries { deadLetters lastFailure { message } } queues { name } } }`;
  const mine = ok(await api.gql(health, {}, ownerA)).queueHealth;
  expect(mine).toMatchObject({ deliveries: { deadLetters: 1, lastFailure: { message: 'HTTP 500' } }, queues: null });
  const theirs = ok(await api.gql(health, {}, ownerB)).queueHealth;
  expect(theirs).toMatchObject({ deliveries: { deadLetters: 0, lastFailure: null }, queues: null });
  expect(ok(await api.gql(deadLetters, {}, ownerB)).webhookDeadLetters.totalCount).toBe(0);
  expect((await api.gql(`mutation($id: ID!) { redeliverWebhook(id: $id) { id } }`, { id: dead.id }, ownerB)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

  receiver.mode('/failing', 'ok');
  const again = ok(await api.gql(`mutation($id: ID!) { redeliverWebhook(id: $id) { id status redeliveries } }`, { id: dead.id }, ownerA)).redeliverWebhook;
  expect(again).toEqual({ id: dead.id, status: 'PENDING', redeliveries: 1 });
  await until(() => receiver.at('/failing').some((r) => r.answered === 204), 'the redelivery');
  await until(
    async () => ok(await api.gql(`{ webhookDeliveries(filter: { status: [DELIVERED] }) { edges { node { id } } } }`, {}, ownerA)).webhookDeliveries.edges.some((e: any) => e.node.id === dead.id),
    'the ledger to say delivered',
  );
  const delivered = receiver.at('/failing').filter((r) => r.answered === 204);
  expect(delivered).toHaveLength(1);
  expect(delivered[0]!.id).toBe(`msg_${dead.id}`);
  expect(delivered[0]!.verifiedBy).toHaveLength(1);
  expect(ok(await api.gql(deadLetters, {}, ownerA)).webhookDeadLetters.totalCount).toBe(0);
  // A delivered one cannot be redelivered.
  expect((await api.gql(`mutation($id: ID!) { redeliverWebhook(id: $id) { id } }`, { id: dead.id }, ownerA)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
});

it("does not hold up organisation B's delivery behind organisation A's slow endpoint", async () => {
  receiver.mode('/slow', 'hold');
  await endpoint(ownerA, '/slow', ['action_item.overdue']);
  await endpoint(ownerB, '/b-fast', ['action_item.overdue']);
  for (let i = 0; i < 6; i++) await emit(orgA.id, 'action_item.overdue');
  await until(() => receiver.at('/slow').length >= 1, "A's first delivery to start");
  await emit(orgB.id, 'action_item.overdue');
  // B's delivery arrives while A's endpoint still sits on its request; A never has more in flight than its share.
  await until(() => receiver.at('/b-fast').length === 1, "B's delivery");
  expect(receiver.at('/slow').filter((r) => r.answered === null)).toHaveLength(1);
  expect(receiver.at('/b-fast')[0]!.verifiedBy).toHaveLength(1);
  receiver.release('/slow');
  await until(() => new Set(receiver.at('/slow').filter((r) => r.answered === 204).map((r) => r.id)).size === 6, "all of A's deliveries");
  expect(receiver.at('/b-fast')).toHaveLength(1);
});

it('signs with the old and the new secret during the grace period after a rotation', async () => {
  const { id, secret: old } = await endpoint(ownerA, '/rotating', ['assessment.reopened']);
  const rotated = ok(await api.gql(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { previousSecretExpiresAt } } }`, { id }, ownerA)).rotateWebhookSecret;
  expect(rotated.secret).not.toBe(old);
  expect(Date.parse(rotated.endpoint.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  receiver.expect('/rotating', old, rotated.secret);
  await emit(orgA.id, 'assessment.reopened');
  await until(() => receiver.at('/rotating').length === 1, 'the delivery');
  const [got] = receiver.at('/rotating');
  expect(got!.signatures).toHaveLength(2);
  expect(got!.verifiedBy).toEqual([old, rotated.secret]);
});

it('a backlog on one endpoint waits without spinning: each waiting delivery is picked up about once, and woken as a slot frees', async () => {
  receiver.mode('/backlog', 'hold');
  const { id } = await endpoint(ownerA, '/backlog', ['plan.generated']);
  for (let i = 0; i < 12; i++) await emit(orgA.id, 'plan.generated');
  await until(() => receiver.at('/backlog').length >= 1, 'the first delivery to start');
  await new Promise((r) => setTimeout(r, 3_000));
  const ofEndpoint = async () => (await queue.getJobs(['wait', 'delayed', 'active', 'prioritized', 'completed'])).filter((j) => String(j.id).endsWith(id));
  const jobs = await ofEndpoint();
  expect(jobs).toHaveLength(12);
  // Polling every few hundred milliseconds would have started each of the 11 waiting jobs about ten times by now.
  const starts = jobs.reduce((sum, j) => sum + j.attemptsStarted, 0);
  expect(starts).toBeLessThanOrEqual(2 * jobs.length);
  receiver.release('/backlog');
  await until(() => new Set(receiver.at('/backlog').filter((r) => r.answered === 204).map((r) => r.id)).size === 12, 'the whole backlog', 30_000);
  expect(receiver.at('/backlog')).toHaveLength(12);
});

it('an answer that cannot be recorded at once (PostgreSQL away) is recorded when it is back, and the event is not sent again', async () => {
  receiver.mode('/record', 'hold');
  await endpoint(ownerA, '/record', ['partner.review_due']);
  await emit(orgA.id, 'partner.review_due');
  await until(() => receiver.at('/record').length === 1, 'the delivery to arrive');
  // The database refuses new connections and ends every session while the endpoint answers 204.
  const name = new URL(api.db.ownerUrl).pathname.slice(1);
  await withAdminClient(testConfig().DATABASE_URL, async (admin) => {
    await admin.query(`alter database "${name}" allow_connections false`);
    try {
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [name]);
      receiver.release('/record');
      await new Promise((r) => setTimeout(r, 1_000));
    } finally {
      await admin.query(`alter database "${name}" allow_connections true`);
    }
  });
  const status = async () => (await api.db.owner.em.fork().getConnection().execute<{ status: string }[]>(
    `select d.status from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id where e.url like '%/record' and d.organisation_id = ?`, [orgA.id],
  ))[0]?.status;
  await until(async () => (await status()) === 'DELIVERED', 'the delivery to be recorded');
  await new Promise((r) => setTimeout(r, 1_500));
  expect(receiver.at('/record')).toHaveLength(1);
});

it('one delivery run by two jobs at once (its endpoint slots forgotten, as after a Redis restart) is sent by the one holding its claim only', async () => {
  receiver.mode('/twice', 'hold');
  const { id } = await endpoint(ownerA, '/twice', ['assessment.submitted']);
  await emit(orgA.id, 'assessment.submitted');
  await until(() => receiver.at('/twice').length === 1, 'the first send');
  const [row] = await api.db.owner.em.fork().getConnection().execute<{ id: string }[]>('select id from webhook_delivery where endpoint_id = ?', [id]);
  await connection.del(`waymark-webhook-slots:${id}`);
  await queue.add(WEBHOOK_JOBS.deliver.name, { organisationId: orgA.id, deliveryId: row!.id }, { jobId: `twice-${randomUUID()}` });
  await new Promise((r) => setTimeout(r, 1_500));
  expect(receiver.at('/twice')).toHaveLength(1);
  receiver.release('/twice');
  await until(async () => (await api.db.owner.em.fork().getConnection().execute<{ status: string }[]>('select status from webhook_delivery where id = ?', [row!.id]))[0]?.status === 'DELIVERED', 'the delivery to be recorded');
  await new Promise((r) => setTimeout(r, 500));
  expect(receiver.at('/twice')).toHaveLength(1);
});
