import { randomBytes } from 'node:crypto';
import { createLogger } from '@waymark/logger';
import { FIXTURE_PASSWORD, withAdminClient } from '@waymark/testing';
import { MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

/** A logger whose lines the test can read, parsed. */
function capturedLog(production: boolean) {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const log = createLogger({
    level: 'info',
    name: 'api',
    production,
    destination: {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
  return { log, lines, raw };
}

/** The request line for an id; written when the response closes, so it may follow the answer by a moment. */
async function requestLine(lines: Record<string, unknown>[], requestId: string) {
  for (let i = 0; i < 100; i++) {
    const line = lines.find((l) => l.msg === 'request' && l.requestId === requestId);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no request line for ${requestId}`);
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('signals for operators', () => {
  let api: TestApi;
  const captured = capturedLog(false);
  const METRICS_TOKEN = randomBytes(24).toString('hex');
  beforeAll(async () => {
    api = await startTestApi({ log: captured.log, config: { METRICS_TOKEN } });
  });
  afterAll(() => api.close());
  const origin = () => api.url.replace('/graphql', '');

  it('gives every response a request id, keeping a plausible one the client sent', async () => {
    const mine = 'trace-0123456789abcdef';
    const kept = await post(api.url, { query: '{ __typename }' }, { 'x-request-id': mine });
    expect(kept.headers.get('x-request-id')).toBe(mine);
    const replaced = await post(api.url, { query: '{ __typename }' }, { 'x-request-id': 'bad id\u00e9' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    for (const path of ['/healthz', '/readyz', '/exports/organisation.json', '/nowhere']) {
      expect((await fetch(origin() + path)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('writes one line per request with its operation, status, duration, outcome and organisation, and no credential', async () => {
    const org = await api.fx.organisation();
    const { user, as } = await api.actor(org, MemberRole.MANAGER);
    const res = await post(api.url, { query: 'query Mine { organisation { name } }' }, { authorization: `Bearer ${as.token}`, 'x-organisation-id': org.id });
    const line = await requestLine(captured.lines, res.headers.get('x-request-id')!);
    expect(line).toMatchObject({ level: 'info', operation: 'Mine', status: 200, outcome: 'ok', organisationId: org.id });
    expect(typeof line.durationMs).toBe('number');
    expect(captured.lines.filter((l) => l.requestId === res.headers.get('x-request-id'))).toHaveLength(1);

    const SIGN_IN = 'mutation SignIn($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
    const refused = await post(api.url, { query: SIGN_IN, variables: { e: user.email, p: 'wrong-password-value' } });
    expect(await requestLine(captured.lines, refused.headers.get('x-request-id')!)).toMatchObject({ operation: 'SignIn', outcome: 'UNAUTHENTICATED', organisationId: null });
    const { login } = ok(await api.gql(SIGN_IN, { e: user.email, p: FIXTURE_PASSWORD }));
    const everything = captured.raw.join('\n');
    for (const secret of [as.token!, login.token, 'wrong-password-value', FIXTURE_PASSWORD]) expect(everything).not.toContain(secret);
  });

  it('serves /readyz with what the API needs', async () => {
    const res = await fetch(`${origin()}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: 'ok', redis: 'ok', rateLimits: 'redis' });
  });

  it('serves Prometheus metrics behind METRICS_TOKEN: durations by operation, errors by code, the pool', async () => {
    await post(api.url, { query: 'query Probe { __typename }' });
    await post(api.url, { query: '{ me { user { id } } }' }, { authorization: 'Bearer forged' });
    expect((await fetch(`${origin()}/metrics`)).status).toBe(401);
    expect((await fetch(`${origin()}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    const res = await fetch(`${origin()}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/waymark_api_request_duration_seconds_count\{operation="Probe",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/waymark_api_errors_total\{code="UNAUTHENTICATED"\} [1-9]/);
    expect(text).toMatch(/waymark_api_db_pool_connections\{state="used"\} \d+/);
    expect(text).toMatch(/waymark_api_db_pool_connections\{state="waiting"\} \d+/);
    expect(text).toMatch(/waymark_api_process_resident_memory_bytes \d+/);
    // Prometheus reserves `_total` for counters (`promtool check metrics` refuses it on anything else).
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name, type }));
    expect(types.filter((t) => t.name!.endsWith('_total') && t.type !== 'counter')).toEqual([]);
    expect(text).toMatch(/^waymark_api_nodejs_active_handles_all \d+$/m);
  });
});

describe('the production surface', () => {
  let api: TestApi;
  const captured = capturedLog(true);
  const TITLE = 'Confidential board minutes 7f3a';
  beforeAll(async () => {
    api = await startTestApi({
      log: captured.log,
      config: {
        NODE_ENV: 'production',
        DATABASE_APP_PASSWORD: randomBytes(32).toString('base64url'),
        DATABASE_ANALYTICS_PASSWORD: randomBytes(32).toString('base64url'),
        WEB_BASE_URL: 'https://waymark.example.org/',
      },
    });
    // An unexpected database failure whose message quotes what the client sent.
    await withAdminClient(api.db.ownerUrl, async (client) => {
      await client.query(`create function fail_evidence() returns trigger language plpgsql as $$
        begin raise exception 'cannot store %', new.title using errcode = 'P0001'; end $$`);
      await client.query(`create trigger fail_evidence before insert on evidence for each row execute function fail_evidence()`);
    });
  });
  afterAll(() => api.close());

  it('refuses introspection and suggests no field names', async () => {
    const res = await api.gql('{ __schema { types { name } } }');
    expect(res.data ?? null).toBeNull();
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await api.gql('{ organisatio { id } }');
    expect(errorCode(typo)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean/);
  });

  it('serves no sandbox page', async () => {
    const res = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/<html|sandbox|embeddable/i);
  });

  it('logs an unexpected failure without its SQL, its data or a stack, and tells the client nothing of it', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.ASSESSOR);
    const res = await api.gql(`mutation($i: EvidenceInput!) { createEvidence(input: $i) { id } }`, { i: { title: TITLE, url: 'https://example.org/m', evidenceDate: '2026-01-01' } }, as);
    expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(res)).not.toContain(TITLE);

    const logged = captured.lines.find((l) => l.level === 'error' && (l.err as { database?: boolean } | undefined)?.database);
    expect(logged?.err).toMatchObject({ database: true, code: 'P0001' });
    const everything = captured.raw.join('\n');
    expect(everything).not.toContain(TITLE);
    expect(everything).not.toMatch(/insert into/i);
    expect(everything).not.toMatch(/\n?\s+at .+:\d+:\d+/);
    ok(await api.gql('{ __typename }'));
  });
});
