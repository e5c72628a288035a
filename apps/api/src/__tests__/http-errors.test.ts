import { MemberRole, type TestApi, errorCode, startTestApi } from './harness';

/** Whatever a client sends, it gets a typed error: never a 500, never a stack trace. */
let api: TestApi;
let token: string;
let organisationId: string;

beforeAll(async () => {
  api = await startTestApi();
  const org = await api.fx.organisation();
  const { as } = await api.actor(org, MemberRole.VIEWER);
  token = as.token!;
  organisationId = org.id;
});
afterAll(() => api.close());

async function raw(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text() };
}

const auth = () => ({ authorization: `Bearer ${token}`, 'x-organisation-id': organisationId });

it.each([
  ['malformed JSON', '{"query": '],
  ['a syntax error', JSON.stringify({ query: '{ assessments { ' })],
  ['an unknown field', JSON.stringify({ query: '{ nope }' })],
  ['a wrong variable type', JSON.stringify({ query: 'query($id: ID!) { assessment(id: $id) { id } }', variables: { id: { a: 1 } } })],
  ['a missing variable', JSON.stringify({ query: 'query($id: ID!) { assessment(id: $id) { id } }' })],
  ['a huge page', JSON.stringify({ query: '{ assessments(first: 100000) { totalCount } }' })],
  ['a forged cursor', JSON.stringify({ query: '{ assessments(after: "bm90IGEgY3Vyc29y") { totalCount } }' })],
  ['a non-uuid id', JSON.stringify({ query: '{ assessment(id: "1 OR 1=1") { id } }' })],
  ['a body that is not GraphQL', JSON.stringify({ hello: 'world' })],
  ['a subscription (there are none)', JSON.stringify({ query: 'subscription { x }' })],
])('%s gets a 4xx or a typed error, with no stack trace', async (_name, body) => {
  const res = await raw(body, auth());
  expect(res.status).toBeLessThan(500);
  expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  expect(res.text).not.toMatch(/stacktrace/i);
  const parsed = JSON.parse(res.text);
  const code = parsed.errors?.[0]?.extensions?.code;
  expect(code).toBeDefined();
  expect(code).not.toBe('INTERNAL_SERVER_ERROR');
});

const persisted = (persistedQuery: unknown, query: string | undefined = '{ __typename }') => JSON.stringify({ query, extensions: { persistedQuery } });

it.each([
  ['a malformed hash', persisted({ version: 1, sha256Hash: 'abc' })],
  ["another document's hash", persisted({ version: 1, sha256Hash: 'a'.repeat(64) })],
  ['a hash that is not a string', persisted({ version: 1, sha256Hash: 42 })],
  ['no hash', persisted({ version: 1 })],
  ['an unsupported version', persisted({ version: 2, sha256Hash: 'a'.repeat(64) })],
  ['no version', persisted({ sha256Hash: 'a'.repeat(64) })],
  ['an extension that is not an object', persisted('x')],
  ['a wrong hash on a mutation', JSON.stringify({ query: 'mutation { createApiKey(name: "x", scopes: []) { secret } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'zz' } } })],
])('a persisted query with %s answers a typed client error (BAD_REQUEST, 400), not an internal one', async (_name, body) => {
  const res = await raw(body, auth());
  expect(res.status).toBe(400);
  expect(JSON.parse(res.text).errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST', field: 'extensions.persistedQuery' });
});

it('treats a malformed or foreign organisation header as input, not a crash', async () => {
  expect(errorCode(await api.gql('{ organisation { id } }', {}, { token, organisationId: 'not-a-uuid' }))).toBe('BAD_USER_INPUT');
  const unknown = await api.gql('{ organisation { id } }', {}, { token, organisationId: '00000000-0000-4000-8000-000000000000' });
  expect(errorCode(unknown)).toBe('NOT_FOUND');
});

it('rejects a bad or expired token as UNAUTHENTICATED with a 401', async () => {
  const res = await api.gql('{ me { user { id } } }', {}, { token: 'not.a.jwt' });
  expect(errorCode(res)).toBe('UNAUTHENTICATED');
  expect(res.status).toBe(401);
  const basic = await api.gql('{ me { user { id } } }', {}, { headers: { authorization: 'Basic abc' } });
  expect(errorCode(basic)).toBe('UNAUTHENTICATED');
});

it('answers /healthz', async () => {
  const res = await fetch(api.url.replace('/graphql', '/healthz'));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
});
