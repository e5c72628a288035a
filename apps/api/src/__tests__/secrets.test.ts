import { randomBytes, randomUUID } from 'node:crypto';
import { signUnsubscribe } from '@waymark/jobs';
import { createLogger } from '@waymark/logger';
import { FIXTURE_PASSWORD } from '@waymark/testing';
import { MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

/**
 * Secret links and credentials stay secret: nothing an operator can read (the log, /metrics) holds
 * a token, and /metrics names routes by their template only, so no path a client sends can add a
 * series to it.
 */
let api: TestApi;
const raw: string[] = [];
const METRICS_TOKEN = randomBytes(24).toString('hex');
const origin = () => api.url.replace('/graphql', '');

beforeAll(async () => {
  const log = createLogger({ level: 'debug', name: 'api', destination: { write: (line: string) => void raw.push(line) } });
  api = await startTestApi({ log, config: { METRICS_TOKEN, RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000' } });
});
afterAll(() => api.close());

const metricsText = async () => (await fetch(`${origin()}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
/** The request series: one per (operation or route template, outcome), and one per error code. */
const requestSeries = (text: string) => text.split('\n').filter((l) => /^waymark_api_(request_duration_seconds_count|errors_total)\{/.test(l)).length;

it('keeps every secret URL and credential out of the log and /metrics, however it was used', async () => {
  const secrets: string[] = [METRICS_TOKEN, FIXTURE_PASSWORD];
  const org = await api.fx.organisation();
  const { user, as: owner } = await api.actor(org, MemberRole.OWNER);
  const post = (path: string, headers: Record<string, string> = {}) => fetch(`${origin()}${path}`, { method: 'POST', headers });

  // A session token from signing in, used as a bearer token.
  const { token } = ok(await api.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: user.email, p: FIXTURE_PASSWORD })).login;
  secrets.push(token, owner.token!);
  ok(await api.gql(`{ me { user { id } } }`, {}, { token }));
  expect(errorCode(await api.gql(`{ me { user { id } } }`, {}, { token: `${token.slice(0, -4)}AAAA` }))).toBe('UNAUTHENTICATED');

  // An API key, in both headers, and a forged one of the same shape.
  const { secret: apiKey } = ok(await api.gql(`mutation { createApiKey(name: "sync", scopes: ["organisation:read"]) { secret } }`, {}, owner)).createApiKey;
  secrets.push(apiKey);
  ok(await api.gql(`{ organisation { id } }`, {}, { apiKey }));
  ok(await api.gql(`{ organisation { id } }`, {}, { headers: { authorization: `Bearer ${apiKey}` } }));
  const forgedKey = `${apiKey.slice(0, -43)}${randomBytes(32).toString('base64url')}`;
  secrets.push(forgedKey);
  expect(errorCode(await api.gql(`{ organisation { id } }`, {}, { apiKey: forgedKey }))).toBe('UNAUTHENTICATED');

  // An invitation token, accepted, then tried again.
  const invited = ok(await api.gql(`mutation { inviteMember(email: "new.person@example.test", role: VIEWER) { token } }`, {}, owner)).inviteMember.token;
  secrets.push(invited);
  const accept = `mutation($t: String!) { acceptInvitation(token: $t, name: "New Person", password: "a long enough password 1") { token } }`;
  secrets.push(ok(await api.gql(accept, { t: invited })).acceptInvitation.token);
  expect(errorCode(await api.gql(accept, { t: invited }))).toBeDefined();

  // A calendar feed: fetched, replaced, the old one fetched again (404).
  const feed = ok(await api.gql(`mutation { createCalendarFeed { url token } }`, {}, owner)).createCalendarFeed;
  secrets.push(feed.token);
  expect((await fetch(`${origin()}/calendar/${feed.token}.ics`)).status).toBe(200);
  const replaced = ok(await api.gql(`mutation { createCalendarFeed { token } }`, {}, owner)).createCalendarFeed.token;
  secrets.push(replaced);
  expect((await fetch(`${origin()}/calendar/${feed.token}.ics`)).status).toBe(404);
  expect((await fetch(`${origin()}/calendar/${replaced}.ics`)).status).toBe(200);

  // The one-click unsubscribe link, shown, used, and tampered with.
  const unsubscribe = signUnsubscribe(api.db.config.AUTH_TOKEN_SECRET, { organisationId: org.id, userId: user.id });
  secrets.push(unsubscribe);
  expect((await fetch(`${origin()}/unsubscribe/${unsubscribe}`)).status).toBe(200);
  expect((await post(`/unsubscribe/${unsubscribe}`)).status).toBe(200);
  expect((await post(`/unsubscribe/${unsubscribe.slice(0, -2)}xx`)).status).toBe(400);

  // Webhook signing secrets: made, rotated.
  const hook = ok(await api.gql(`mutation { createWebhookEndpoint(input: { url: "https://93.184.215.14/in", eventTypes: ["plan.generated"] }) { secret endpoint { id } } }`, {}, owner)).createWebhookEndpoint;
  secrets.push(hook.secret);
  secrets.push(ok(await api.gql(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: hook.endpoint.id }, owner)).rotateWebhookSecret.secret);

  // Metrics read with the right token and a wrong one.
  expect((await fetch(`${origin()}/metrics`, { headers: { authorization: 'Bearer the-wrong-token-0123456789' } })).status).toBe(401);
  const metrics = await metricsText();
  await new Promise((r) => setTimeout(r, 100));

  const everything = raw.join('');
  // The run did use those URLs: the log names them by their templates.
  expect(everything).toContain('"operation":"GET /calendar/:token"');
  expect(everything).toContain('"operation":"POST /unsubscribe/:token"');
  for (const secret of secrets) {
    // The whole secret, and its random tail on its own (the part a prefix or a format cannot hide).
    for (const part of [secret, secret.slice(-16)]) {
      expect({ secret: part, inLog: everything.includes(part), inMetrics: metrics.includes(part) }).toEqual({ secret: part, inLog: false, inMetrics: false });
    }
  }
});

/** A small seeded generator, so the paths are the same on every run. */
function paths(seed: number, count: number): { method: string; path: string }[] {
  let state = seed >>> 0;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const word = () => Math.floor(next() * 2 ** 40).toString(36);
  const token = () => `wcal_${randomBytes(32).toString('hex')}_${randomBytes(32).toString('base64url')}`;
  const kinds = [
    () => `/calendar/${token()}.ics`,
    () => `/calendar/${word()}`,
    () => `/unsubscribe/${randomBytes(24).toString('base64url')}.${randomBytes(32).toString('base64url')}`,
    () => `/exports/tables/${word()}.csv`,
    () => `/exports/assessments/${randomUUID()}/report.pdf`,
    () => `/exports/${word()}/${word()}`,
    () => `/assets/${word()}.js`,
    () => `/${word()}/${word()}/${randomUUID()}`,
    () => `/${encodeURIComponent(word() + '<script>')}`,
    () => pick(['/healthz', '/readyz']),
  ];
  return Array.from({ length: count }, () => ({ method: pick(['GET', 'GET', 'POST', 'PUT', 'DELETE', 'PROPFIND']), path: pick(kinds)() }));
}

it('adds no series to /metrics for 1,000 paths it has not seen, secret ones included', async () => {
  const send = async (batch: { method: string; path: string }[]) => {
    for (let i = 0; i < batch.length; i += 20) {
      await Promise.all(batch.slice(i, i + 20).map(({ method, path }) => fetch(`${origin()}${path}`, { method }).then((r) => r.arrayBuffer())));
    }
  };
  // Every kind of path once or more first: each route template's series exist from here on.
  await send(paths(7, 300));
  const before = requestSeries(await metricsText());
  const batch = paths(20261207, 1_000);
  await send(batch);
  const text = await metricsText();
  expect(requestSeries(text)).toBe(before);
  for (const { path } of batch.filter((p) => /^\/(calendar|unsubscribe)\//.test(p.path))) expect(text).not.toContain(path.split('/')[2]!.slice(0, 24));
  expect(text).toMatch(/operation="GET \/calendar\/:token"/);
  expect(text).toMatch(/operation="OTHER \/\*"/);
});

it('says at start-up how /metrics is served, and serves it only with the token', async () => {
  expect(raw.join('')).toContain('metrics: GET /metrics on the API port, for a bearer token equal to METRICS_TOKEN only');
  expect((await fetch(`${origin()}/metrics`)).status).toBe(401);
});

describe('in production without METRICS_TOKEN', () => {
  const lines: string[] = [];
  let prod: TestApi;
  beforeAll(async () => {
    const log = createLogger({ level: 'info', name: 'api', production: true, destination: { write: (line: string) => void lines.push(line) } });
    prod = await startTestApi({
      log,
      config: {
        NODE_ENV: 'production', DATABASE_APP_PASSWORD: randomBytes(32).toString('base64url'), DATABASE_ANALYTICS_PASSWORD: randomBytes(32).toString('base64url'),
        WEB_BASE_URL: 'https://waymark.example.org/',
      },
    });
  });
  afterAll(() => prod.close());

  it('serves no metrics at all, and says so at start-up', async () => {
    const res = await fetch(prod.url.replace('/graphql', '/metrics'));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/waymark_api_/);
    expect(lines.join('')).toContain('metrics: GET /metrics is off (production without METRICS_TOKEN); set METRICS_TOKEN to serve it');
  });
});

