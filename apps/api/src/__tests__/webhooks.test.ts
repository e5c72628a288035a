import { randomUUID } from 'node:crypto';
import { ActionItem, ActionItemKind, ActionItemStatus, ActionPlan, Assessment, MemberRole, type Organisation, User } from '@waymark/db';
import { withAdminClient } from '@waymark/testing';
import { type As, type TestApi, errorCode, ok, startTestApi } from './harness';

// ical.js is an ES module; Jest runs this file as CommonJS, where its `require` build is the one to use.
const ICAL: typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default = require('ical.js');

/**
 * Webhook endpoints and calendar feeds over GraphQL, against a server that refuses private
 * webhook targets (as production does), and the feed over plain HTTP as a calendar app reads it.
 */
let api: TestApi;
let org: Organisation;
let other: Organisation;
let owner: As;
let manager: As;
let assessor: As;
let ownerId: string;
let assessorId: string;

const CREATE = `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id url eventTypes enabled description } } }`;
const create = (url: string, as: As = manager, eventTypes = ['plan.generated']) => api.gql(CREATE, { i: { url, eventTypes } }, as);

beforeAll(async () => {
  api = await startTestApi({ config: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' } });
  org = await api.fx.organisation({ name: 'Webhook Library' });
  other = await api.fx.organisation({ name: 'Elsewhere Museum' });
  const o = await api.actor(org, MemberRole.OWNER);
  owner = o.as;
  ownerId = o.user.id;
  manager = (await api.actor(org, MemberRole.MANAGER)).as;
  const a = await api.actor(org, MemberRole.ASSESSOR);
  assessor = a.as;
  assessorId = a.user.id;
});
afterAll(() => api.close());

describe('webhook endpoints', () => {
  it('registers an endpoint with a Standard Webhooks secret shown once, and lists it without one', async () => {
    const res = ok(await api.gql(CREATE, { i: { url: 'https://93.184.215.14/hooks', eventTypes: ['plan.generated', 'assessment.submitted', 'plan.generated'], description: 'CRM' } }, manager));
    const { secret, endpoint } = res.createWebhookEndpoint;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(endpoint).toMatchObject({ url: 'https://93.184.215.14/hooks', eventTypes: ['assessment.submitted', 'plan.generated'], enabled: true, description: 'CRM' });
    const listed = ok(await api.gql(`{ webhookEndpoints { totalCount edges { node { id url } } } }`, {}, owner));
    expect(listed.webhookEndpoints.edges.map((e: any) => e.node.id)).toContain(endpoint.id);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(10));

    const updated = ok(await api.gql(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: false, description: "" }) { enabled description } }`, { id: endpoint.id }, manager));
    expect(updated.updateWebhookEndpoint).toEqual({ enabled: false, description: null });
    const rotated = ok(await api.gql(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { previousSecretExpiresAt } } }`, { id: endpoint.id }, manager));
    expect(rotated.rotateWebhookSecret.secret).not.toBe(secret);
    expect(rotated.rotateWebhookSecret.endpoint.previousSecretExpiresAt).not.toBeNull();
    // The audit log records the change, never a secret (sealed or not).
    const audit = JSON.stringify(ok(await api.gql(`{ auditLog(first: 100) { edges { node { action before after } } } }`, {}, owner)));
    expect(audit).toContain('webhook.rotate-secret');
    expect(audit).not.toContain(secret.slice(10));
    expect(audit).not.toMatch(/ciphertext|v1\./i);
    expect(ok(await api.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: endpoint.id }, manager)).deleteWebhookEndpoint).toBe(true);
    expect(errorCode(await api.gql(`query($id: ID!) { webhookEndpoint(id: $id) { id } }`, { id: endpoint.id }, manager))).toBe('NOT_FOUND');
  });

  it.each([
    ['a loopback address', 'http://127.0.0.1:8080/hook'],
    ['another loopback address', 'http://127.1.2.3/'],
    ['a private address (10/8)', 'http://10.0.0.5/hook'],
    ['a private address (172.16/12)', 'https://172.20.1.1/'],
    ['a private address (192.168/16)', 'http://192.168.1.10/'],
    ['a link-local address (cloud metadata)', 'http://169.254.169.254/latest/meta-data/'],
    ['the unspecified address', 'http://0.0.0.0/'],
    ['a carrier-grade NAT address', 'http://100.64.0.1/'],
    ['the IPv6 loopback', 'http://[::1]:3000/'],
    ['an IPv6 link-local address', 'http://[fe80::1]/'],
    ['an IPv6 unique local address', 'http://[fd00::1]/'],
    ['loopback written as IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/'],
    ['a name that resolves to loopback', 'http://localhost:4000/hook'],
  ])('refuses %s with BAD_USER_INPUT (%s)', async (_what, url) => {
    const res = await create(url);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/^url: /);
  });

  it('refuses a private target on update too, and keeps the endpoint as it was', async () => {
    const { endpoint } = ok(await create('https://93.184.215.14/ok')).createWebhookEndpoint;
    const res = await api.gql(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { url: "http://10.1.1.1/" }) { url } }`, { id: endpoint.id }, manager);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(ok(await api.gql(`query($id: ID!) { webhookEndpoint(id: $id) { url } }`, { id: endpoint.id }, manager)).webhookEndpoint.url).toBe('https://93.184.215.14/ok');
  });

  it.each([
    ['not a URL', 'not a url', ['plan.generated']],
    ['another scheme', 'ftp://93.184.215.14/', ['plan.generated']],
    ['credentials in the URL', 'https://user:pw@93.184.215.14/', ['plan.generated']],
    ['an unknown event type', 'https://93.184.215.14/', ['plan.exploded']],
    ['no event type', 'https://93.184.215.14/', []],
  ])('answers %s with BAD_USER_INPUT', async (_what, url, eventTypes) => {
    const res = await api.gql(CREATE, { i: { url, eventTypes } }, manager);
    expect(res.status).toBeLessThan(500);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('is for managers and owners only', async () => {
    expect(errorCode(await create('https://93.184.215.14/', assessor))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(`{ webhookDeadLetters { totalCount } }`, {}, assessor))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(`{ queueHealth { deliveries { deadLetters } } }`, {}, assessor))).toBe('FORBIDDEN');
  });

  it('redelivers only dead letters, and answers a malformed or unknown id as NOT_FOUND', async () => {
    expect(errorCode(await api.gql(`mutation { redeliverWebhook(id: "nope") { id } }`, {}, manager))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(`mutation($id: ID!) { redeliverWebhook(id: $id) { id } }`, { id: randomUUID() }, manager))).toBe('NOT_FOUND');
  });

  it("shows an organisation its own background work only, never queue-wide counts mixing other organisations'", async () => {
    // The other organisation has a reminder being sent, one sent, and an event not yet relayed.
    const stranger = await api.fx.member(other, MemberRole.OWNER);
    await withAdminClient(api.db.ownerUrl, async (c) => {
      const delivery = `insert into reminder_delivery (id, organisation_id, recipient_user_id, subject, period, channel, state, lease_until, attempts, message_id, items, sent_at, created_at)
        values (gen_random_uuid(), $1, $2, 'digest', $3, 'email', $4, now(), 1, gen_random_uuid()::text, '[]', $5, now())`;
      await c.query(delivery, [other.id, stranger.user.id, '2026-12-01', 'CLAIMED', null]);
      await c.query(delivery, [other.id, stranger.user.id, '2026-11-30', 'SENT', new Date()]);
      await c.query(`insert into outbox_event (id, organisation_id, type, subject_id, payload, created_at) values (gen_random_uuid(), $1, 'plan.generated', 'x', '{}', now() - interval '90 seconds')`, [other.id]);
    });
    const q = `{ queueHealth { deliveries { pending deadLetters } reminders { sending sentLastDay lastSentAt } events { waiting oldestWaitingAgeSeconds } queues { name waiting } queuesUnavailableReason } }`;
    const asOwner = ok(await api.gql(q, {}, owner)).queueHealth;
    expect(asOwner).toEqual({
      deliveries: { pending: 0, deadLetters: 0 },
      reminders: { sending: 0, sentLastDay: 0, lastSentAt: null },
      events: { waiting: 0, oldestWaitingAgeSeconds: null },
      queues: null,
      queuesUnavailableReason: expect.stringMatching(/operators/),
    });
    expect(ok(await api.gql(q, {}, manager)).queueHealth).toEqual(asOwner);
    const theirs = ok(await api.gql(q, {}, { token: await api.tokenFor(stranger.user), organisationId: other.id })).queueHealth;
    expect(theirs).toMatchObject({ reminders: { sending: 1, sentLastDay: 1 }, events: { waiting: 1 }, queues: null });
    expect(theirs.events.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(90);
  });
});

describe('calendar feed', () => {
  const base = () => api.url.replace(/\/graphql$/, '');
  let mine: string;
  let reviewOnly: string;

  beforeAll(async () => {
    const framework = await api.fx.framework();
    const em = api.db.owner.em.fork();
    const seed = (organisationId: string, by: string) => {
      const assessment = em.create(Assessment, { organisationId, frameworkId: framework.id, cycle: `c-${randomUUID().slice(0, 6)}`, createdBy: by });
      const plan = em.create(ActionPlan, { organisationId, assessmentId: assessment.id, generatedBy: by });
      return (what: string, fields: Partial<ActionItem>) =>
        em.create(ActionItem, {
          organisationId, planId: plan.id, assessmentId: assessment.id, itemKey: `action:${randomUUID()}`, kind: ActionItemKind.ACTION, nodeKey: '3.1.1',
          elementKey: '3.1', what, why: 'y', gap: {}, priority: 1, priorityReason: 'r', target: 't', ...fields,
        });
    };
    const item = seed(org.id, ownerId);
    mine = item('Mine: write the partnership plan', { ownerUserId: assessorId, dueOn: '2026-05-01', nextReviewOn: '2026-04-01', status: ActionItemStatus.IN_PROGRESS }).id;
    reviewOnly = item('Mine: review only', { ownerUserId: assessorId, nextReviewOn: '2026-06-15' }).id;
    item('Mine but done', { ownerUserId: assessorId, dueOn: '2026-05-02', status: ActionItemStatus.DONE });
    item('Mine but dropped', { ownerUserId: assessorId, dueOn: '2026-05-03', status: ActionItemStatus.DROPPED });
    item('Mine but carried forward', { ownerUserId: assessorId, dueOn: '2026-05-04', status: ActionItemStatus.CARRIED_FORWARD });
    item("The owner's, not mine", { ownerUserId: ownerId, dueOn: '2026-05-05' });
    // The same person in another organisation: that organisation's items are not in this feed.
    await api.fx.member(other, MemberRole.ASSESSOR, await em.findOneOrFail(User, { id: assessorId }));
    seed(other.id, assessorId)('Elsewhere: mine in another organisation', { ownerUserId: assessorId, dueOn: '2026-05-06' });
    await em.flush();
  });

  const feedUrl = async (as: As) => ok(await api.gql(`mutation { createCalendarFeed { url token } }`, {}, as)).createCalendarFeed as { url: string; token: string };

  it("serves a person's own open due and review dates, with stable UIDs, and nothing else", async () => {
    const { url, token } = await feedUrl(assessor);
    expect(url).toBe(`${base()}/calendar/${token}.ics`);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    const uids = [...text.matchAll(/^UID:(.+)\r$/gm)].map((m) => m[1]);
    expect(uids.sort()).toEqual([`due-${mine}@waymark`, `review-${mine}@waymark`, `review-${reviewOnly}@waymark`].sort());
    expect(text).toContain('DTSTART;VALUE=DATE:20260501');
    expect(text).toContain('DTSTART;VALUE=DATE:20260401');
    expect(text).not.toMatch(/done|dropped|carried|owner's|Elsewhere/i);
    // Fetched again, the same events (calendar apps update rather than duplicate).
    const again = await (await fetch(url)).text();
    expect([...again.matchAll(/^UID:(.+)\r$/gm)].map((m) => m[1]).sort()).toEqual(uids.sort());
    expect(ok(await api.gql(`{ calendarFeed { lastUsedAt } }`, {}, assessor)).calendarFeed.lastUsedAt).not.toBeNull();
    // The person's feed in the other organisation has that organisation's items only.
    const elsewhere = await feedUrl({ ...assessor, organisationId: other.id });
    const otherText = await (await fetch(elsewhere.url)).text();
    expect(otherText).toContain('Elsewhere: mine in another organisation');
    expect(otherText).not.toContain('Mine: write the partnership plan');
  });

  it('folds long lines at 75 octets, so accents and emoji survive an independent parser (ical.js)', async () => {
    const what = `Écrire le plan de partenariat avec l'Amgueddfa Cymru 🎨📚 – ${'é'.repeat(40)}`;
    const em = api.db.owner.em.fork();
    const plan = await em.findOneOrFail(ActionItem, { id: mine }, { filters: { tenant: { organisationId: org.id } } });
    em.create(ActionItem, {
      organisationId: org.id, planId: plan.planId, assessmentId: plan.assessmentId, itemKey: `action:${randomUUID()}`, kind: ActionItemKind.ACTION,
      nodeKey: '3.1.2', elementKey: '3.1', what, why: 'y', gap: {}, priority: 1, priorityReason: 'r', target: 't', ownerUserId: assessorId, dueOn: '2026-07-01',
    });
    await em.flush();
    const text = await (await fetch((await feedUrl(assessor)).url)).text();
    const lines = text.split('\r\n');
    expect(lines.filter((line) => Buffer.byteLength(line) > 75)).toEqual([]);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true); // something was long enough to fold
    const calendar = new ICAL.Component(ICAL.parse(text));
    const summaries = calendar.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('summary'));
    expect(summaries).toContain(`Due: ${what}`);
    const description = calendar.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('description')).find((d) => String(d).startsWith('Écrire'));
    expect(String(description).startsWith(`${what}\n\nStatus: `)).toBe(true);
  });

  it('stops answering the old URL when rotated, and every URL when revoked (404)', async () => {
    const first = await feedUrl(owner);
    expect((await fetch(first.url)).status).toBe(200);
    const second = await feedUrl(owner);
    expect((await fetch(first.url)).status).toBe(404);
    expect((await fetch(second.url)).status).toBe(200);
    expect(ok(await api.gql(`mutation { revokeCalendarFeed }`, {}, owner)).revokeCalendarFeed).toBe(true);
    const revoked = await fetch(second.url);
    expect(revoked.status).toBe(404);
    expect(await revoked.json()).toEqual({ errors: [{ message: 'No calendar feed at this address', extensions: { code: 'NOT_FOUND' } }] });
    expect(ok(await api.gql(`{ calendarFeed { createdAt } }`, {}, owner)).calendarFeed).toBeNull();
    expect(ok(await api.gql(`mutation { revokeCalendarFeed }`, {}, owner)).revokeCalendarFeed).toBe(false);
  });

  it('is a person\'s own: an API key cannot make one', async () => {
    const key = ok(await api.gql(`mutation { createApiKey(name: "k", scopes: ["plans:read"]) { secret } }`, {}, owner)).createApiKey.secret;
    expect(errorCode(await api.gql(`mutation { createCalendarFeed { url } }`, {}, { apiKey: key }))).toBe('FORBIDDEN');
  });
});
