import { randomUUID } from 'node:crypto';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { AccountMail, Assessment, AssessmentStatus, MemberRole, OutboxEvent } from '@waymark/db';
import { QUEUES } from '@waymark/jobs';
import { TRACE_KEY, type Tracing, installTracing, traceparent } from '@waymark/telemetry';
import { type ReceivedMail, type RedisService, type SmtpReceiver, bodyOf, startRedis, startSmtpReceiver, until } from '@waymark/testing';
import { type TestApi, ok, startTestApi } from '@waymark/api/testing';
import { type WaymarkWorker, startWorker } from '../worker';
import { WebhookReceiver } from './webhook-receiver';

/**
 * Traces end to end, in one process with an in-memory exporter: a GraphQL mutation over real HTTP
 * to the real API, the row it commits, the real worker (its own Redis) and what it sends: the
 * invitation email at a real SMTP server, and a webhook at a real HTTP receiver. Each is one trace
 * with the parent links of the path it took. Last, with tracing off, nothing is recorded and no
 * trace context is written to a row or a job.
 */
const exporter = new InMemorySpanExporter();
let tracing: Tracing | null = null;
let redis: RedisService;
let smtp: SmtpReceiver;
let receiver: WebhookReceiver;
let api: TestApi;
let worker: WaymarkWorker;

beforeAll(async () => {
  tracing = installTracing({ serviceName: 'waymark-test', processors: [new SimpleSpanProcessor(exporter)] });
  redis = await startRedis();
  smtp = await startSmtpReceiver();
  receiver = await new WebhookReceiver().start();
  api = await startTestApi({ config: { REDIS_URL: redis.url } });
  worker = await startWorker(
    { ...api.db.config, REDIS_URL: redis.url, SMTP_URL: smtp.url, WORKER_HEALTH_PORT: 0, OUTBOX_POLL_MS: 200, WEBHOOK_BACKOFF_BASE_MS: 50, WEBHOOK_BACKOFF_MAX_MS: 200 },
    { schedulers: false },
  );
});

afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await receiver?.close();
  await smtp?.close();
  await redis?.close();
  await tracing?.shutdown();
});

const spans = () => exporter.getFinishedSpans();
const named = (name: string, traceId?: string) => spans().filter((s) => s.name === name && (!traceId || s.spanContext().traceId === traceId));
const one = (name: string, traceId: string) => until(() => named(name, traceId)[0], `span ${name}`);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const mailsTo = (address: string) => smtp.messages.filter((m: ReceivedMail) => m.to.includes(address));

/** Every attribute value of every span, as text (to prove what is never there). */
const attributeText = (list: readonly ReadableSpan[]) => list.flatMap((s) => [s.name, s.status.message ?? '', ...Object.values(s.attributes).map(String)]).join('\n');

const INVITE = `mutation Invite($email: String!) { inviteMember(email: $email, role: ASSESSOR) { id } }`;

describe('one trace from a mutation to what it sent', () => {
  it('the invitation: GraphQL mutation -> account_mail row -> the worker\'s delivery -> the SMTP send', async () => {
    const org = await api.fx.organisation({ name: 'Traced Library' });
    const { as } = await api.actor(org, MemberRole.OWNER);
    const email = `traced-${randomUUID().slice(0, 8)}@example.test`;
    const invitation = ok(await api.gql(INVITE, { email }, as)).inviteMember;
    const [mail] = await until(() => mailsTo(email).length === 1 && mailsTo(email), 'the invitation email');

    const graphql = await until(() => named('mutation Invite')[0], 'the GraphQL span');
    const traceId = graphql.spanContext().traceId;
    expect(graphql.attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'Invite', 'waymark.organisation.id': org.id });
    const [row] = await api.db.owner.em.fork().find(AccountMail, { subjectId: invitation.id });
    expect(row!.traceparent).toBe(`00-${traceId}-${graphql.spanContext().spanId}-01`);

    const delivery = await one('account-mail deliver', traceId);
    expect(parentOf(delivery)).toBe(graphql.spanContext().spanId);
    expect(delivery.attributes).toMatchObject({ 'waymark.mail.kind': 'invitation', 'waymark.mail.id': row!.id });
    const send = await one('smtp send', traceId);
    expect(parentOf(send)).toBe(delivery.spanContext().spanId);
    expect(send.attributes['waymark.mail.kind']).toBe('invitation');

    // Nothing that identifies the person or opens the link is on any span.
    const token = /#token=([A-Za-z0-9_-]+)/.exec(bodyOf(mail!))?.[1];
    expect(token).toBeDefined();
    const text = attributeText(spans());
    for (const secret of [email, email.split('@')[0]!, token!, api.db.config.AUTH_TOKEN_SECRET, as.token!]) expect(text).not.toContain(secret);
  });

  it('a webhook: GraphQL mutation -> outbox -> relay -> event job -> delivery job -> the HTTP attempt', async () => {
    const org = await api.fx.organisation({ name: 'Traced Hooks' });
    const { user, as } = await api.actor(org, MemberRole.OWNER);
    const created = ok(await api.gql(
      `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id } } }`,
      { i: { url: `${receiver.url}/traced`, eventTypes: ['assessment.reopened'], description: 'traces' } },
      as,
    )).createWebhookEndpoint;
    receiver.expect('/traced', created.secret);
    const em = api.db.owner.em.fork();
    const framework = await api.fx.framework();
    const assessment = em.create(Assessment, {
      organisationId: org.id, frameworkId: framework.id, cycle: `traced-${randomUUID().slice(0, 6)}`, createdBy: user.id, status: AssessmentStatus.SUBMITTED, submittedAt: new Date(),
    });
    await em.flush();

    ok(await api.gql(`mutation Reopen($id: ID!) { reopenAssessment(id: $id, reason: "traced end to end") { id } }`, { id: assessment.id }, as));
    await until(() => receiver.at('/traced').length > 0, 'the webhook');

    const graphql = await until(() => named('mutation Reopen')[0], 'the GraphQL span');
    const traceId = graphql.spanContext().traceId;
    const relay = await one('outbox relay', traceId);
    expect(parentOf(relay)).toBe(graphql.spanContext().spanId);
    const eventJob = await one('job domain-event', traceId);
    expect(parentOf(eventJob)).toBe(relay.spanContext().spanId);
    expect(eventJob.attributes['messaging.destination.name']).toBe(QUEUES.events);
    const deliveryJob = await one('job webhook-deliver', traceId);
    expect(parentOf(deliveryJob)).toBe(eventJob.spanContext().spanId);
    const attempt = await one('webhook deliver', traceId);
    expect(parentOf(attempt)).toBe(deliveryJob.spanContext().spanId);
    expect(attempt.attributes['waymark.webhook.endpoint.id']).toBe(created.endpoint.id);
    expect(attempt.attributes['http.response.status_code']).toBe(receiver.at('/traced')[0]!.answered);

    // The webhook's URL and signing secret are on no span.
    const text = attributeText(spans());
    for (const secret of [receiver.url, created.secret]) expect(text).not.toContain(secret);
  });
});

describe('tracing off', () => {
  it('records nothing and adds no trace context to rows or job data', async () => {
    await tracing!.shutdown();
    tracing = null;
    exporter.reset();
    expect(traceparent()).toBeNull();

    const org = await api.fx.organisation({ name: 'Untraced' });
    const { user, as } = await api.actor(org, MemberRole.OWNER);
    const email = `untraced-${randomUUID().slice(0, 8)}@example.test`;
    const invitation = ok(await api.gql(INVITE, { email }, as)).inviteMember;
    await until(() => mailsTo(email).length === 1, 'the invitation email');
    const em = api.db.owner.em.fork();
    expect((await em.find(AccountMail, { subjectId: invitation.id })).map((r) => r.traceparent)).toEqual([null]);

    const framework = await api.fx.framework();
    const assessment = em.create(Assessment, {
      organisationId: org.id, frameworkId: framework.id, cycle: `untraced-${randomUUID().slice(0, 6)}`, createdBy: user.id, status: AssessmentStatus.SUBMITTED, submittedAt: new Date(),
    });
    await em.flush();
    ok(await api.gql(`mutation Reopen($id: ID!) { reopenAssessment(id: $id, reason: "untraced end to end") { id } }`, { id: assessment.id }, as));
    const event = await until(async () => (await em.fork().findOne(OutboxEvent, { subjectId: assessment.id, relayedAt: { $ne: null } }, { filters: false })) ?? false, 'the relay');
    expect(event.traceparent).toBeNull();
    const job = await until(async () => (await worker.queues.events.getJob(event.id)) ?? false, 'the event job');
    expect(job.data).not.toHaveProperty(TRACE_KEY);
    expect(Object.keys(job.data as object).sort()).toEqual(['id', 'occurredAt', 'organisationId', 'payload', 'subjectId', 'type']);

    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
