import { ApiKey } from '@waymark/db';
import { MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const CREATE = `mutation($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) {
  secret apiKey { id name prefix scopes createdAt lastUsedAt revokedAt }
} }`;
const LIST = `{ apiKeys { totalCount edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`;
const ORGANISATION = `{ organisation { id name } }`;
const ME = `{ me { user { id } apiKeyId activeOrganisationId permissions memberships { id } } }`;

/** The raw response text, to prove a secret or hash appears nowhere in it. */
async function raw(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<string> {
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return res.text();
}

async function ownerOfNewOrg() {
  const org = await api.fx.organisation();
  return { org, ...(await api.actor(org, MemberRole.OWNER)) };
}

describe('API keys', () => {
  it('creates a key whose secret works as x-api-key and as a bearer token, recording its use', async () => {
    const { org, as } = await ownerOfNewOrg();
    const { createApiKey } = ok(await api.gql(CREATE, { name: ' Reporting sync ', scopes: ['organisation:read', 'organisation:read'] }, as));
    const { secret, apiKey } = createApiKey;
    expect(secret).toMatch(/^wmk_[0-9a-f]{64}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'Reporting sync', scopes: ['organisation:read'], lastUsedAt: null, revokedAt: null });
    expect(apiKey.prefix).toBe(`wmk_…${secret.slice(-4)}`);

    expect(ok(await api.gql(ORGANISATION, {}, { apiKey: secret })).organisation.id).toBe(org.id);
    expect(ok(await api.gql(ORGANISATION, {}, { headers: { authorization: `Bearer ${secret}` } })).organisation.id).toBe(org.id);
    const { me } = ok(await api.gql(ME, {}, { apiKey: secret }));
    expect(me).toEqual({ user: null, apiKeyId: apiKey.id, activeOrganisationId: org.id, permissions: ['organisation:read'], memberships: [] });

    const listed = ok(await api.gql(LIST, {}, as)).apiKeys.edges.map((e: any) => e.node);
    expect(listed).toHaveLength(1);
    expect(listed[0].lastUsedAt).not.toBeNull();
  });

  it('never serves the secret or its hash again', async () => {
    const { as } = await ownerOfNewOrg();
    const { secret, apiKey } = ok(await api.gql(CREATE, { name: 'k', scopes: ['frameworks:read'] }, as)).createApiKey;
    const stored = await api.db.owner.em.fork().findOneOrFail(ApiKey, { id: apiKey.id }, { filters: false });
    const headers = { authorization: `Bearer ${as.token}`, 'x-organisation-id': as.organisationId! };
    const listText = await raw(LIST, {}, headers);
    const revokeText = await raw(REVOKE, { id: apiKey.id }, headers);
    const auditText = await raw(`{ auditLog { edges { node { action before after } } } }`, {}, headers);
    for (const text of [listText, revokeText, auditText]) {
      expect(text).toContain(apiKey.id);
      expect(text).not.toContain(secret.slice(-43));
      expect(text).not.toContain(stored.secretHash);
      expect(text).not.toMatch(/secretHash/);
    }
    expect(errorCode(await api.gql(`{ apiKeys { edges { node { secretHash } } } }`, {}, as))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('holds only its scopes', async () => {
    const { as } = await ownerOfNewOrg();
    const without = ok(await api.gql(CREATE, { name: 'frameworks only', scopes: ['frameworks:read'] }, as)).createApiKey.secret;
    const res = await api.gql(ORGANISATION, {}, { apiKey: without });
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.status).toBe(200);
    // Managing keys, people or the organisation is never a scope.
    const all = ok(await api.gql(CREATE, { name: 'reader', scopes: ['organisation:read', 'members:read', 'audit:read'] }, as)).createApiKey.secret;
    expect(ok(await api.gql(ORGANISATION, {}, { apiKey: all })).organisation).toBeTruthy();
    expect(errorCode(await api.gql(LIST, {}, { apiKey: all }))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(CREATE, { name: 'child', scopes: ['organisation:read'] }, { apiKey: all }))).toBe('FORBIDDEN');
  });

  it('refuses a scope that is not an API key scope, naming it', async () => {
    const { as } = await ownerOfNewOrg();
    for (const scope of ['members:manage', 'apikeys:manage', 'nonsense']) {
      const res = await api.gql(CREATE, { name: 'bad', scopes: ['organisation:read', scope] }, as);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toMatch(new RegExp(`^scopes: "${scope}"`));
    }
    expect(errorCode(await api.gql(CREATE, { name: 'none', scopes: [] }, as))).toBe('BAD_USER_INPUT');
    expect(errorCode(await api.gql(CREATE, { name: '', scopes: ['organisation:read'] }, as))).toBe('BAD_USER_INPUT');
    expect(ok(await api.gql(LIST, {}, as)).apiKeys.totalCount).toBe(0);
  });

  it('stops working once revoked; revoking again changes nothing', async () => {
    const { as } = await ownerOfNewOrg();
    const { secret, apiKey } = ok(await api.gql(CREATE, { name: 'k', scopes: ['organisation:read'] }, as)).createApiKey;
    const first = ok(await api.gql(REVOKE, { id: apiKey.id }, as)).revokeApiKey;
    expect(first.revokedAt).not.toBeNull();
    const res = await api.gql(ORGANISATION, {}, { apiKey: secret });
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.status).toBe(401);
    expect(errorCode(await api.gql(ORGANISATION, {}, { headers: { authorization: `Bearer ${secret}` } }))).toBe('UNAUTHENTICATED');
    expect(ok(await api.gql(REVOKE, { id: apiKey.id }, as)).revokeApiKey.revokedAt).toBe(first.revokedAt);
  });

  it("acts only for its own organisation: another organisation's header is FORBIDDEN", async () => {
    const { as } = await ownerOfNewOrg();
    const other = await api.fx.organisation();
    const { secret } = ok(await api.gql(CREATE, { name: 'k', scopes: ['organisation:read'] }, as)).createApiKey;
    expect(errorCode(await api.gql(ORGANISATION, {}, { apiKey: secret, organisationId: other.id }))).toBe('FORBIDDEN');
    expect(ok(await api.gql(ORGANISATION, {}, { apiKey: secret, organisationId: as.organisationId })).organisation.id).toBe(as.organisationId);
  });

  it('is managed by owners only', async () => {
    const org = await api.fx.organisation();
    const manager = await api.actor(org, MemberRole.MANAGER);
    expect(errorCode(await api.gql(CREATE, { name: 'k', scopes: ['organisation:read'] }, manager.as))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(LIST, {}, manager.as))).toBe('FORBIDDEN');
  });
});
