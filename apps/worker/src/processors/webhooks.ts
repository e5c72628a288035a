import { sql } from 'kysely';
import { DelayedError, type Job } from 'bullmq';
import { asOrganisation } from '@waymark/db';
import { WebhookDeliveryStatus, openSecret, retryDelay } from '@waymark/domain';
import { type DomainEventJob, WEBHOOK_JOBS, type WebhookDeliveryPayload, webhookDeliveryJobOptions, webhookJobIds } from '@waymark/jobs';
import type { WorkerServices } from '../services';
import { withBackoff } from '../backoff';
import { sendWebhook } from '../webhooks/send';
import { webhookHeaders } from '../webhooks/sign';
import type { EventConsumer } from './domain-event';
import { defineProcessor } from './processor';
import { SpanKind, SpanStatusCode, inSpan, withTraceContext } from '@waymark/telemetry';

/** BullMQ's backoff strategy for webhook jobs (see retryDelay); the registry registers it. */
export const webhookBackoff = (cfg: WorkerServices['cfg']) => (attemptsMade: number) =>
  retryDelay(attemptsMade, cfg.WEBHOOK_BACKOFF_BASE_MS, cfg.WEBHOOK_BACKOFF_MAX_MS);

/**
 * A relayed domain event to every enabled endpoint of its organisation that subscribes to its
 * type: a ledger row per endpoint (the unique (event, endpoint) makes a repeated fan-out add none),
 * then one delivery job per row still owed, with a deterministic id. The rows commit before any job
 * is queued; a crash in between is repaired when the event job runs again, which finds the rows and
 * queues their jobs (BullMQ ignores an id it already has).
 */
export const webhookFanOut: EventConsumer = async (services, event: DomainEventJob) => {
  const body = JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: { eventId: event.id, subjectId: event.subjectId, ...event.payload } });
  const rows = await asOrganisation(services.orm, event.organisationId, async (session) => {
    await session.db.sql
      .insertInto('webhookDelivery')
      .columns(['id', 'createdAt', 'updatedAt', 'organisationId', 'endpointId', 'eventId', 'eventType', 'body', 'status', 'attempts', 'redeliveries'])
      .expression((db) =>
        db
          .selectFrom('webhookEndpoint as e')
          .select([
            sql<string>`gen_random_uuid()`.as('id'), sql<Date>`now()`.as('createdAt'), sql<Date>`now()`.as('updatedAt'), 'e.organisationId', 'e.id as endpointId',
            sql<string>`${event.id}::uuid`.as('eventId'), sql<string>`${event.type}`.as('eventType'), sql<string>`${body}`.as('body'),
            sql<WebhookDeliveryStatus>`'PENDING'`.as('status'), sql<number>`0`.as('attempts'), sql<number>`0`.as('redeliveries'),
          ])
          .where('e.enabled', '=', true)
          .where(sql<boolean>`${event.type} = any(e.event_types)`),
      )
      .onConflict((conflict) => conflict.columns(['organisationId', 'eventId', 'endpointId']).doNothing())
      .execute();
    return session.db.sql
      .selectFrom('webhookDelivery')
      .select(['id', 'endpointId', 'eventId', 'status'])
      .where('eventId', '=', event.id)
      .orderBy('id')
      .execute();
  });
  const owed = rows.filter((r) => r.status === WebhookDeliveryStatus.PENDING || r.status === WebhookDeliveryStatus.RETRYING);
  if (!owed.length) return;
  await services.queues.webhooks.addBulk(
    owed.map((r) => ({
      name: WEBHOOK_JOBS.deliver.name,
      data: withTraceContext({ organisationId: event.organisationId, deliveryId: r.id } satisfies WebhookDeliveryPayload),
      opts: webhookDeliveryJobOptions(services.cfg.WEBHOOK_MAX_ATTEMPTS, webhookJobIds.deliver(r.eventId, r.endpointId)),
    })),
  );
};

/** How long an endpoint's answer is retried into the ledger (the lock of the job is renewed meanwhile). */
const RECORD_RETRY_MS = 60_000;

/** A delivery waiting for its endpoint sleeps at most this long before it looks again (woken sooner when a slot frees). */
const WAIT_BASE_MS = 5_000;
const WAIT_PER_POSITION_MS = 500;
const WAIT_MAX_MS = 5 * 60_000;

/** Moves a waiting delivery out of the delayed set now; one that is not delayed (yet, or any more) will look again by itself. */
async function wake(services: WorkerServices, jobId: string) {
  const job = await services.queues.webhooks.getJob(jobId).catch(() => undefined);
  for (let i = 0; job && i < 3; i++) {
    if (await job.promote().then(() => true, () => false)) return;
    // It may be between taking its place in the wait list and reaching the delayed set.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type DeliveryOutcome = 'delivered' | 'already delivered' | 'dead letter' | 'gone' | 'endpoint disabled';

/**
 * One try of one delivery. The ledger row says whether it is still owed (a delivered one is never
 * sent again); the endpoint's slot limit is taken before sending (when it is full, the job waits in
 * the delayed set without spending a try). After the last failed try the row is a dead letter.
 */
export async function deliver(services: WorkerServices, payload: WebhookDeliveryPayload, job: Job): Promise<DeliveryOutcome> {
  const { cfg, orm } = services;
  const { organisationId, deliveryId } = payload;
  const target = await asOrganisation(orm, organisationId, (session) =>
    session.db.sql
      .selectFrom('webhookDelivery as d')
      .innerJoin('webhookEndpoint as e', 'e.id', 'd.endpointId')
      .select(['d.id', 'd.endpointId', 'd.status', 'd.body', 'e.url', 'e.enabled', 'e.secretCiphertext', 'e.previousSecretCiphertext', 'e.previousSecretExpiresAt'])
      .where('d.id', '=', deliveryId)
      .executeTakeFirst(),
  );
  if (!target) return 'gone';
  if (target.status === WebhookDeliveryStatus.DELIVERED) return 'already delivered';
  if (!target.enabled) {
    await record(services, payload, { ok: false, status: null, error: 'the endpoint is disabled' }, true, false);
    return 'endpoint disabled';
  }
  const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

  const slots = services.webhookSlots;
  const holder = String(job.id);
  const slot = await slots.take(target.endpointId, holder);
  if (!slot.taken) {
    // The endpoint already has its share in flight: wait, without spending a try, until a finished
    // request wakes this job (the oldest waiter first), or as a backstop after a wait that grows
    // with the queue before it.
    const backstop = Math.min(WAIT_MAX_MS, WAIT_BASE_MS + slot.position * WAIT_PER_POSITION_MS);
    await job.moveToDelayed(Date.now() + backstop + Math.floor(Math.random() * 1_000), job.token);
    throw new DelayedError();
  }
  // The delivery's claim in the ledger: BullMQ can run one job twice at once (its lock lost while
  // Redis was frozen or restarting), and only the attempt holding the claim sends.
  const leaseMs = cfg.WEBHOOK_TIMEOUT_MS + 5_000;
  let claim: number | null = null;
  let result;
  try {
    claim = (await asOrganisation(orm, organisationId, (session) =>
      session.db.sql
        .updateTable('webhookDelivery')
        .set((eb) => ({ claimedUntil: sql<Date>`now() + make_interval(secs => ${leaseMs}::double precision / 1000)`, claims: eb('claims', '+', 1) }))
        .where('id', '=', deliveryId)
        .where('status', 'in', ['PENDING', 'RETRYING'])
        .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<', sql<Date>`now()`)]))
        .returning('claims')
        .executeTakeFirst(),
    ))?.claims ?? null;
    if (claim !== null) {
      const secrets = [openSecret(cfg.AUTH_TOKEN_SECRET, organisationId, target.endpointId, target.secretCiphertext)];
      if (target.previousSecretCiphertext && target.previousSecretExpiresAt && new Date(target.previousSecretExpiresAt) > new Date()) {
        secrets.push(openSecret(cfg.AUTH_TOKEN_SECRET, organisationId, target.endpointId, target.previousSecretCiphertext));
      }
      const headers = webhookHeaders(`msg_${target.id}`, new Date(), target.body, secrets);
      // One span per attempt: the endpoint and delivery ids and the answer's status (never the URL, whose query may hold a secret).
      result = await inSpan('webhook deliver', {
        kind: SpanKind.CLIENT,
        attributes: { 'waymark.webhook.endpoint.id': target.endpointId, 'waymark.webhook.delivery.id': target.id, 'waymark.webhook.attempt': job.attemptsMade + 1 },
      }, async (span) => {
        const sent = await sendWebhook({ url: target.url, headers, body: target.body, timeoutMs: cfg.WEBHOOK_TIMEOUT_MS, allowPrivateTargets: cfg.WEBHOOK_ALLOW_PRIVATE_TARGETS });
        if (sent.status !== null) span.setAttribute('http.response.status_code', sent.status);
        if (!sent.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: sent.status === null ? 'no answer' : `HTTP ${sent.status}` });
        return sent;
      });
    }
  } finally {
    const next = await slots.release(target.endpointId, holder);
    if (next) await wake(services, next);
  }
  if (claim === null || !result) {
    // Delivered meanwhile, or another attempt is sending it now: look again when its claim ends, without spending a try.
    const now = await asOrganisation(orm, organisationId, (session) =>
      session.db.sql.selectFrom('webhookDelivery').select('status').where('id', '=', deliveryId).executeTakeFirst(),
    );
    if (!now || now.status === WebhookDeliveryStatus.DELIVERED) return 'already delivered';
    if (now.status === WebhookDeliveryStatus.DEAD) return 'dead letter';
    await job.moveToDelayed(Date.now() + leaseMs, job.token);
    throw new DelayedError();
  }
  // The endpoint has answered: its outcome must reach the ledger, or a delivered event would be sent
  // again. While PostgreSQL is away (a restart) the write is retried before the job gives up.
  const answered = result;
  await withBackoff(() => record(services, payload, answered, lastTry, true, claim), { firstMs: 50, maxMs: 2_000, giveUpAt: Date.now() + RECORD_RETRY_MS });
  if (!result.ok) throw new Error(result.error ?? 'delivery failed');
  return 'delivered';
}

/** Writes a try's outcome to the ledger: delivered, retrying, or (after the last try) a dead letter. */
async function record(
  services: WorkerServices,
  { organisationId, deliveryId }: WebhookDeliveryPayload,
  result: { ok: boolean; status: number | null; error: string | null },
  lastTry: boolean,
  attempted: boolean,
  /** The attempt's claim number: its outcome is recorded only while no later attempt has claimed the row. */
  claim: number | null = null,
): Promise<void> {
  const status = result.ok ? WebhookDeliveryStatus.DELIVERED : lastTry ? WebhookDeliveryStatus.DEAD : WebhookDeliveryStatus.RETRYING;
  await asOrganisation(services.orm, organisationId, (session) =>
    session.db.sql
      .updateTable('webhookDelivery')
      .set((eb) => ({
        status,
        attempts: eb('attempts', '+', attempted ? 1 : 0),
        lastStatusCode: result.status,
        lastError: result.error,
        ...(attempted ? { lastAttemptAt: sql<Date>`now()` } : {}),
        ...(result.ok ? { deliveredAt: sql<Date>`now()` } : {}),
        ...(status === WebhookDeliveryStatus.DEAD ? { deadAt: sql<Date>`now()` } : {}),
        updatedAt: sql<Date>`now()`,
        claimedUntil: null,
      }))
      .where('id', '=', deliveryId)
      .where('status', '<>', 'DELIVERED')
      .$if(claim !== null, (q) => q.where('claims', '=', claim!))
      .execute(),
  );
  if (status === WebhookDeliveryStatus.DELIVERED) services.metrics.webhooksDelivered.inc();
  if (status === WebhookDeliveryStatus.DEAD) services.metrics.webhooksDead.inc();
}

/** One webhook delivery (a ledger row) to its endpoint, one try per run. */
export const webhookDelivery = defineProcessor({
  job: WEBHOOK_JOBS.deliver,
  handle: (services, payload, job) => deliver(services, payload, job),
});
