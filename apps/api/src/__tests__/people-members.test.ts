import { Membership, OrganisationKind } from '@waymark/db';
import { MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const MEMBERS = `query($first: Int, $after: String) { members(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id role createdAt user { id name email } } }
} }`;
const CHANGE = `mutation($id: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $id, role: $role) { id role user { id } } }`;
const REMOVE = `mutation($id: ID!) { removeMember(membershipId: $id) }`;

const roleOf = async (id: string) => (await api.db.owner.em.fork().findOne(Membership, { id }, { filters: false }))?.role;

describe('members', () => {
  it('lists the members with their people, a page at a time', async () => {
    const org = await api.fx.organisation();
    const owner = await api.actor(org, MemberRole.OWNER);
    const viewer = await api.fx.member(org, MemberRole.VIEWER);
    const assessor = await api.fx.member(org, MemberRole.ASSESSOR);

    const first = ok(await api.gql(MEMBERS, { first: 2 }, owner.as)).members;
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = ok(await api.gql(MEMBERS, { first: 2, after: first.pageInfo.endCursor }, owner.as)).members;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const nodes = [...first.edges, ...rest.edges].map((e: any) => e.node);
    // Rows made in the same millisecond order by id, so compare as a set.
    expect(nodes.map((n: any) => `${n.user.id}:${n.role}`).sort()).toEqual(
      [`${owner.user.id}:OWNER`, `${viewer.user.id}:VIEWER`, `${assessor.user.id}:ASSESSOR`].sort(),
    );
    expect(nodes.find((n: any) => n.role === 'VIEWER').user).toEqual({ id: viewer.user.id, name: viewer.user.name, email: viewer.user.email });
    expect(errorCode(await api.gql(MEMBERS, { first: 101 }, owner.as))).toBe('BAD_USER_INPUT');
  });

  it('never demotes or removes the last owner', async () => {
    const org = await api.fx.organisation();
    const owner = await api.actor(org, MemberRole.OWNER);
    const [mine] = await api.db.owner.em.fork().find(Membership, { userId: owner.user.id }, { filters: false });

    expect(errorCode(await api.gql(CHANGE, { id: mine!.id, role: 'MANAGER' }, owner.as))).toBe('CONFLICT');
    expect(errorCode(await api.gql(REMOVE, { id: mine!.id }, owner.as))).toBe('CONFLICT');
    expect(await roleOf(mine!.id)).toBe('OWNER');

    // With a second owner, the first may step down; then the second is the last.
    const second = await api.fx.member(org, MemberRole.MANAGER);
    expect(ok(await api.gql(CHANGE, { id: second.membership.id, role: 'OWNER' }, owner.as)).changeMemberRole.role).toBe('OWNER');
    expect(ok(await api.gql(CHANGE, { id: mine!.id, role: 'MANAGER' }, owner.as)).changeMemberRole.role).toBe('MANAGER');
    const secondAs = { token: await api.tokenFor(second.user), organisationId: org.id };
    expect(errorCode(await api.gql(REMOVE, { id: second.membership.id }, secondAs))).toBe('CONFLICT');
    expect(ok(await api.gql(REMOVE, { id: mine!.id }, secondAs)).removeMember).toBe(true);
    expect(await roleOf(mine!.id)).toBeUndefined();
  });

  it('keeps an owner when two owners demote each other at the same moment', async () => {
    const org = await api.fx.organisation();
    const one = await api.fx.member(org, MemberRole.OWNER);
    const two = await api.fx.member(org, MemberRole.OWNER);
    const asOf = async (user: { id: string }) => ({ token: await api.tokenFor(user as never), organisationId: org.id });
    const [asOne, asTwo] = [await asOf(one.user), await asOf(two.user)];
    const results = await Promise.all([
      api.gql(CHANGE, { id: two.membership.id, role: 'MANAGER' }, asOne),
      api.gql(CHANGE, { id: one.membership.id, role: 'MANAGER' }, asTwo),
    ]);
    // One wins. The other is refused: CONFLICT when both ran at once (the last owner stays), or
    // FORBIDDEN when the winner committed first and the loser is no longer an owner.
    const codes = results.map(errorCode);
    expect(codes.filter((c) => c === undefined)).toHaveLength(1);
    expect(['CONFLICT', 'FORBIDDEN']).toContain(codes.find((c) => c !== undefined));
    const roles = [await roleOf(one.membership.id), await roleOf(two.membership.id)];
    expect(roles.sort()).toEqual(['MANAGER', 'OWNER']);
  });

  it('lets only an owner grant or take away OWNER', async () => {
    const org = await api.fx.organisation();
    const owner = await api.actor(org, MemberRole.OWNER);
    const otherOwner = await api.fx.member(org, MemberRole.OWNER);
    const manager = await api.actor(org, MemberRole.MANAGER);
    const viewer = await api.fx.member(org, MemberRole.VIEWER);

    expect(errorCode(await api.gql(CHANGE, { id: viewer.membership.id, role: 'OWNER' }, manager.as))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(CHANGE, { id: otherOwner.membership.id, role: 'VIEWER' }, manager.as))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(REMOVE, { id: otherOwner.membership.id }, manager.as))).toBe('FORBIDDEN');
    expect(await roleOf(viewer.membership.id)).toBe('VIEWER');
    expect(await roleOf(otherOwner.membership.id)).toBe('OWNER');

    // A manager still manages everyone else.
    expect(ok(await api.gql(CHANGE, { id: viewer.membership.id, role: 'ASSESSOR' }, manager.as)).changeMemberRole.role).toBe('ASSESSOR');
    expect(ok(await api.gql(REMOVE, { id: viewer.membership.id }, manager.as)).removeMember).toBe(true);
    expect(ok(await api.gql(CHANGE, { id: otherOwner.membership.id, role: 'MANAGER' }, owner.as)).changeMemberRole.role).toBe('MANAGER');
  });

  it('gives ANALYST only in a regional body', async () => {
    const library = await api.fx.organisation();
    const owner = await api.actor(library, MemberRole.OWNER);
    const viewer = await api.fx.member(library, MemberRole.VIEWER);
    const res = await api.gql(CHANGE, { id: viewer.membership.id, role: 'ANALYST' }, owner.as);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/^role:/);
    expect(await roleOf(viewer.membership.id)).toBe('VIEWER');

    const body = await api.fx.organisation({ kind: OrganisationKind.REGIONAL_BODY });
    const bodyOwner = await api.actor(body, MemberRole.OWNER);
    const member = await api.fx.member(body, MemberRole.VIEWER);
    expect(ok(await api.gql(CHANGE, { id: member.membership.id, role: 'ANALYST' }, bodyOwner.as)).changeMemberRole.role).toBe('ANALYST');
  });

  it('is not managed by viewers or assessors', async () => {
    const org = await api.fx.organisation();
    const assessor = await api.actor(org, MemberRole.ASSESSOR);
    const viewer = await api.fx.member(org, MemberRole.VIEWER);
    expect(errorCode(await api.gql(CHANGE, { id: viewer.membership.id, role: 'MANAGER' }, assessor.as))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(REMOVE, { id: viewer.membership.id }, assessor.as))).toBe('FORBIDDEN');
    // Reading the member list is fine for them.
    expect(ok(await api.gql(MEMBERS, {}, assessor.as)).members.totalCount).toBe(2);
  });
});
