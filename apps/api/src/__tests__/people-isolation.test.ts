import { randomUUID } from 'node:crypto';
import { ApiKey, AuditEntry, Invitation, Membership, type Organisation } from '@waymark/db';
import { MemberRole, type As, type TestApi, errorCode, ok, startTestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const INVITE = `mutation($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id sends } }`;
const ACCEPT = `mutation($token: String!, $name: String, $password: String) { acceptInvitation(token: $token, name: $name, password: $password) { user { id } } }`;
const CREATE_KEY = `mutation($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) { secret apiKey { id } } }`;
const MUTATIONS = {
  changeMemberRole: `mutation($id: ID!) { changeMemberRole(membershipId: $id, role: VIEWER) { id } }`,
  removeMember: `mutation($id: ID!) { removeMember(membershipId: $id) }`,
  revokeInvitation: `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`,
  revokeApiKey: `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
};
const LISTS = {
  members: `{ members(first: 100) { edges { node { id user { id } } } } }`,
  invitations: `{ invitations(first: 100) { edges { node { id } } } }`,
  apiKeys: `{ apiKeys(first: 100) { edges { node { id } } } }`,
  auditLog: `{ auditLog(first: 100) { edges { node { id entityId } } } }`,
};
const AUDIT = `query($first: Int, $after: String) { auditLog(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id action entityType entityId actorUserId actorApiKeyId before after at } }
} }`;

const ownerEm = () => api.db.owner.em.fork();

interface Tenant {
  org: Organisation;
  owner: { user: { id: string }; as: As };
  membership: Membership;
  invitationId: string;
  apiKeyId: string;
}

async function tenantWithRows(): Promise<Tenant> {
  const org = await api.fx.organisation();
  const owner = await api.actor(org, MemberRole.OWNER);
  const { membership } = await api.fx.member(org, MemberRole.ASSESSOR);
  const invitation = ok(await api.gql(INVITE, { email: `p-${randomUUID().slice(0, 8)}@example.test`, role: 'VIEWER' }, owner.as));
  const key = ok(await api.gql(CREATE_KEY, { name: 'sync', scopes: ['organisation:read'] }, owner.as));
  return { org, owner, membership, invitationId: invitation.inviteMember.id, apiKeyId: key.createApiKey.apiKey.id };
}

describe('tenant isolation for people', () => {
  it("answers NOT_FOUND for another organisation's ids, exactly as for missing or malformed ones, and changes nothing", async () => {
    const a = await tenantWithRows();
    const b = await tenantWithRows();
    const targets: Record<keyof typeof MUTATIONS, string> = {
      changeMemberRole: a.membership.id,
      removeMember: a.membership.id,
      revokeInvitation: a.invitationId,
      revokeApiKey: a.apiKeyId,
    };
    for (const [name, query] of Object.entries(MUTATIONS) as [keyof typeof MUTATIONS, string][]) {
      const foreign = await api.gql(query, { id: targets[name] }, b.owner.as);
      const missing = await api.gql(query, { id: randomUUID() }, b.owner.as);
      const malformed = await api.gql(query, { id: 'not-an-id' }, b.owner.as);
      for (const res of [foreign, missing, malformed]) {
        expect({ name, code: errorCode(res) }).toEqual({ name, code: 'NOT_FOUND' });
        expect(res.data).toBeNull();
      }
      expect(foreign.errors![0]!.message.replace(targets[name], '<id>')).toBe(missing.errors![0]!.message.replace(/[0-9a-f-]{36}/, '<id>'));
    }

    const em = ownerEm();
    expect((await em.findOneOrFail(Membership, { id: a.membership.id }, { filters: false })).role).toBe('ASSESSOR');
    const invitation = await em.findOneOrFail(Invitation, { id: a.invitationId }, { filters: false });
    expect(invitation.revokedAt).toBeNull();
    expect((await em.findOneOrFail(ApiKey, { id: a.apiKeyId }, { filters: false })).revokedAt).toBeNull();
    // Nothing was written to A's audit trail by B.
    expect(await em.count(AuditEntry, { organisationId: a.org.id, actorUserId: b.owner.user.id })).toBe(0);
  });

  it("never lists another organisation's members, invitations, keys or audit entries", async () => {
    const a = await tenantWithRows();
    const b = await tenantWithRows();
    const aIds = [a.membership.id, a.invitationId, a.apiKeyId, a.owner.user.id, a.membership.userId, a.org.id];
    for (const [name, query] of Object.entries(LISTS)) {
      const mine = ok(await api.gql(query, {}, a.owner.as));
      const theirs = ok(await api.gql(query, {}, b.owner.as));
      expect({ name, size: mine[name].edges.length > 0 }).toEqual({ name, size: true });
      const text = JSON.stringify(theirs);
      for (const id of aIds) expect({ name, leaks: text.includes(id) }).toEqual({ name, leaks: false });
    }
  });
});

describe('audit log', () => {
  it('records every people mutation with who, what and before/after, newest first', async () => {
    const org = await api.fx.organisation();
    const owner = await api.actor(org, MemberRole.OWNER);
    const other = await api.fx.member(org, MemberRole.VIEWER);
    const leaving = await api.fx.member(org, MemberRole.VIEWER);
    const as = owner.as;

    ok(await api.gql(`mutation { updateOrganisation(input: { name: "Audited" }) { id } }`, {}, as));
    ok(await api.gql(MUTATIONS.changeMemberRole.replace('VIEWER', 'ASSESSOR'), { id: other.membership.id }, as));
    ok(await api.gql(MUTATIONS.removeMember, { id: leaving.membership.id }, as));
    const invited = ok(await api.gql(INVITE, { email: `a-${randomUUID().slice(0, 8)}@example.test`, role: 'VIEWER' }, as)).inviteMember;
    const joiner = ok(await api.gql(ACCEPT, { token: api.linkToken('invitation', org.id, invited.id), name: 'Joiner', password: 'twelve chars or more' })).acceptInvitation.user;
    const revoked = ok(await api.gql(INVITE, { email: `r-${randomUUID().slice(0, 8)}@example.test`, role: 'VIEWER' }, as)).inviteMember;
    ok(await api.gql(MUTATIONS.revokeInvitation, { id: revoked.id }, as));
    const key = ok(await api.gql(CREATE_KEY, { name: 'k', scopes: ['audit:read'] }, as)).createApiKey;
    ok(await api.gql(MUTATIONS.revokeApiKey, { id: key.apiKey.id }, as));

    const page1 = ok(await api.gql(AUDIT, { first: 5 }, as)).auditLog;
    const page2 = ok(await api.gql(AUDIT, { first: 50, after: page1.pageInfo.endCursor }, as)).auditLog;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const entries = [...page1.edges, ...page2.edges].map((e: any) => e.node);
    expect(entries).toHaveLength(page1.totalCount);
    const times = entries.map((e: any) => Date.parse(e.at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    const byOwner = { actorUserId: owner.user.id, actorApiKeyId: null };
    const find = (action: string, entityId: string) => entries.find((e: any) => e.action === action && e.entityId === entityId);
    expect(find('organisation.update', org.id)).toMatchObject({ ...byOwner, entityType: 'Organisation', before: { name: org.name }, after: { name: 'Audited' } });
    expect(find('member.role.change', other.membership.id)).toMatchObject({ ...byOwner, entityType: 'Membership', before: { role: 'VIEWER' }, after: { role: 'ASSESSOR' } });
    expect(find('member.remove', leaving.membership.id)).toMatchObject({ ...byOwner, before: { role: 'VIEWER', userId: leaving.user.id }, after: null });
    expect(find('invitation.create', invited.id)).toMatchObject({ ...byOwner, entityType: 'Invitation', before: null, after: { role: 'VIEWER' } });
    expect(find('invitation.accept', invited.id)).toMatchObject({ actorUserId: joiner.id, before: { acceptedAt: null }, after: { acceptedBy: joiner.id } });
    expect(entries.find((e: any) => e.action === 'member.add')).toMatchObject({ actorUserId: joiner.id, entityType: 'Membership', after: { userId: joiner.id, role: 'VIEWER' } });
    expect(find('invitation.revoke', revoked.id)).toMatchObject({ ...byOwner, before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    expect(find('apikey.create', key.apiKey.id)).toMatchObject({ ...byOwner, entityType: 'ApiKey', after: { name: 'k', scopes: ['audit:read'] } });
    expect(find('apikey.revoke', key.apiKey.id)).toMatchObject({ ...byOwner, before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    // Hashes never reach the audit trail.
    expect(JSON.stringify(entries)).not.toMatch(/tokenHash|secretHash|passwordHash/);

    // Every row carries the organisation; sign-ins (no organisation yet) are kept apart.
    const stored = await ownerEm().find(AuditEntry, { id: { $in: entries.map((e: any) => e.id) } });
    expect(stored.every((e) => e.organisationId === org.id)).toBe(true);
  });

  it('is for owners and managers only', async () => {
    const org = await api.fx.organisation();
    const assessor = await api.actor(org, MemberRole.ASSESSOR);
    const manager = await api.actor(org, MemberRole.MANAGER);
    expect(errorCode(await api.gql(AUDIT, {}, assessor.as))).toBe('FORBIDDEN');
    expect(ok(await api.gql(AUDIT, {}, manager.as)).auditLog.totalCount).toBe(0);
  });
});
