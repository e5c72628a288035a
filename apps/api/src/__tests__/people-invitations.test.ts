import { randomUUID } from 'node:crypto';
import { AccountMail, Invitation, Membership, OrganisationKind } from '@waymark/db';
import { FIXTURE_PASSWORD } from '@waymark/testing';
import { MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const INVITE = `mutation($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) {
  id email role createdAt expiresAt acceptedAt revokedAt sends
} }`;
const RESEND = `mutation($id: ID!) { resendInvitation(id: $id) { id sends expiresAt revokedAt acceptedAt } }`;
const ACCEPT = `mutation($token: String!, $name: String, $password: String) { acceptInvitation(token: $token, name: $name, password: $password) {
  token user { id email name } memberships { role organisation { id } }
} }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { id revokedAt acceptedAt } }`;
const INVITATIONS = `{ invitations { totalCount edges { node { id email role acceptedAt revokedAt expiresAt } } } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ME = `{ me { user { email } activeOrganisationId role } }`;

const ownerEm = () => api.db.owner.em.fork();
const newEmail = () => `invitee-${randomUUID().slice(0, 8)}@example.test`;
const PASSWORD = 'a long enough password';

/** Invites, and returns the invitation with the token its email carries (see the worker's test for the email itself). */
async function invite(as: { organisationId?: string }, email: string, role = 'ASSESSOR') {
  const invitation = ok(await api.gql(INVITE, { email, role }, as)).inviteMember;
  return { invitation, token: api.linkToken('invitation', as.organisationId!, invitation.id, invitation.sends) };
}

const mailsFor = (invitationId: string) => ownerEm().find(AccountMail, { kind: 'invitation', subjectId: invitationId }, { orderBy: { sendNumber: 'asc' } });

describe('invitations', () => {
  it('invite, accept as a new user, log in with the role; the token works once', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.MANAGER);
    const email = newEmail();
    const { token, invitation } = await invite(as, email.toUpperCase());
    expect(token).toMatch(/^inv_[0-9a-f]{64}_/);
    expect(invitation).toMatchObject({ email, role: 'ASSESSOR', acceptedAt: null, revokedAt: null, sends: 1 });
    // One email is written with the invitation, for the worker to send; it carries no token.
    const mails = await mailsFor(invitation.id);
    expect(mails.map((m) => [m.recipient, m.sendNumber, m.state, m.ownerId])).toEqual([[email, 1, 'PENDING', org.id]]);
    expect(JSON.stringify(mails)).not.toContain(token.slice(-43));
    const days = (new Date(invitation.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    // Only a hash is stored, and it is never served.
    const stored = await ownerEm().findOneOrFail(Invitation, { id: invitation.id }, { filters: false });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(token).not.toContain(stored.tokenHash);
    // The API never hands the token out: it is not a field of anything.
    expect(errorCode(await api.gql(`mutation { inviteMember(email: "x@example.test", role: VIEWER) { token } }`, {}, as))).toBe('GRAPHQL_VALIDATION_FAILED');
    const listed = await api.gql(INVITATIONS, {}, as);
    expect(ok(listed).invitations.edges.map((e: any) => e.node.id)).toContain(invitation.id);
    expect(JSON.stringify(listed)).not.toContain(stored.tokenHash);
    expect(errorCode(await api.gql(`{ invitations { edges { node { tokenHash } } } }`, {}, as))).toBe('GRAPHQL_VALIDATION_FAILED');

    // A short password is refused, naming the field, and nothing is used up.
    const short = await api.gql(ACCEPT, { token, name: 'Nova', password: 'short' });
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    expect(short.errors![0]!.message).toMatch(/^password:/);
    const noName = await api.gql(ACCEPT, { token, password: PASSWORD });
    expect(errorCode(noName)).toBe('BAD_USER_INPUT');
    expect(noName.errors![0]!.message).toMatch(/^name:/);

    const accepted = ok(await api.gql(ACCEPT, { token, name: 'Nova', password: PASSWORD })).acceptInvitation;
    expect(accepted.user).toMatchObject({ email, name: 'Nova' });
    expect(accepted.memberships).toEqual([{ role: 'ASSESSOR', organisation: { id: org.id } }]);
    expect(ok(await api.gql(ME, {}, { token: accepted.token })).me).toMatchObject({ activeOrganisationId: org.id, role: 'ASSESSOR' });

    const { login } = ok(await api.gql(LOGIN, { email, password: PASSWORD }));
    expect(ok(await api.gql(ME, {}, { token: login.token })).me).toMatchObject({ user: { email }, role: 'ASSESSOR' });

    const again = await api.gql(ACCEPT, { token, name: 'Nova', password: PASSWORD });
    expect(errorCode(again)).toBe('NOT_FOUND');
    expect(again.errors![0]!.message).toBe('Invitation not found or no longer valid');
    expect(await ownerEm().count(Membership, { organisationId: org.id, role: MemberRole.ASSESSOR }, { filters: false })).toBe(1);
  });

  it('adds an existing account only with its password', async () => {
    const org = await api.fx.organisation();
    const other = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);
    const person = await api.fx.user();
    await api.fx.member(other, MemberRole.VIEWER, person);
    const { token } = await invite(as, person.email, 'VIEWER');

    expect(errorCode(await api.gql(ACCEPT, { token }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(ACCEPT, { token, password: 'wrong password here' }))).toBe('UNAUTHENTICATED');
    const accepted = ok(await api.gql(ACCEPT, { token, password: FIXTURE_PASSWORD })).acceptInvitation;
    expect(accepted.user.email).toBe(person.email);
    // The session lists every organisation the person belongs to.
    expect(accepted.memberships.map((m: any) => m.organisation.id).sort()).toEqual([org.id, other.id].sort());
  });

  it('a revoked, an expired or a forged token does not work', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);

    const revoked = await invite(as, newEmail());
    const { revokeInvitation } = ok(await api.gql(REVOKE, { id: revoked.invitation.id }, as));
    expect(revokeInvitation.revokedAt).not.toBeNull();
    expect(errorCode(await api.gql(ACCEPT, { token: revoked.token, name: 'R', password: PASSWORD }))).toBe('NOT_FOUND');

    const expired = await invite(as, newEmail());
    await ownerEm().nativeUpdate(Invitation, { id: expired.invitation.id }, { expiresAt: new Date(Date.now() - 1000) }, { filters: false });
    expect(errorCode(await api.gql(ACCEPT, { token: expired.token, name: 'E', password: PASSWORD }))).toBe('NOT_FOUND');

    const real = await invite(as, newEmail());
    const forged = `${real.token.slice(0, -43)}${'A'.repeat(43)}`;
    for (const token of [forged, 'inv_garbage', real.token.replace(org.id.replace(/-/g, ''), randomUUID().replace(/-/g, ''))]) {
      const res = await api.gql(ACCEPT, { token, name: 'F', password: PASSWORD });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.errors![0]!.message).toBe('Invitation not found or no longer valid');
    }
    // The real one still works after all that.
    ok(await api.gql(ACCEPT, { token: real.token, name: 'Real', password: PASSWORD }));
  });

  it('refuses a second pending invitation or an existing member (CONFLICT)', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);
    const email = newEmail();
    await invite(as, email);
    expect(errorCode(await api.gql(INVITE, { email: email.toUpperCase(), role: 'VIEWER' }, as))).toBe('CONFLICT');
    const { user } = await api.actor(org, MemberRole.VIEWER);
    expect(errorCode(await api.gql(INVITE, { email: user.email, role: 'VIEWER' }, as))).toBe('CONFLICT');
  });

  it('follows the role rules: VIEWER cannot invite, only an OWNER invites an OWNER, ANALYST only in a regional body', async () => {
    const org = await api.fx.organisation();
    const viewer = await api.actor(org, MemberRole.VIEWER);
    const manager = await api.actor(org, MemberRole.MANAGER);
    const owner = await api.actor(org, MemberRole.OWNER);
    expect(errorCode(await api.gql(INVITE, { email: newEmail(), role: 'VIEWER' }, viewer.as))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(INVITE, { email: newEmail(), role: 'OWNER' }, manager.as))).toBe('FORBIDDEN');
    await invite(owner.as, newEmail(), 'OWNER');
    const analyst = await api.gql(INVITE, { email: newEmail(), role: 'ANALYST' }, owner.as);
    expect(errorCode(analyst)).toBe('BAD_USER_INPUT');
    expect(analyst.errors![0]!.message).toMatch(/^role:/);

    const body = await api.fx.organisation({ kind: OrganisationKind.REGIONAL_BODY });
    const bodyOwner = await api.actor(body, MemberRole.OWNER);
    expect((await invite(bodyOwner.as, newEmail(), 'ANALYST')).invitation.role).toBe('ANALYST');
  });

  it('validates the email, naming the field', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);
    const res = await api.gql(INVITE, { email: 'not an email', role: 'VIEWER' }, as);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/^email:/);
  });

  it('resends with a new link: the old link dies, one more email is written, and the 14 days start again', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);
    const first = await invite(as, newEmail());
    await ownerEm().nativeUpdate(Invitation, { id: first.invitation.id }, { expiresAt: new Date(Date.now() - 1000) }, { filters: false });
    const resent = ok(await api.gql(RESEND, { id: first.invitation.id }, as)).resendInvitation;
    expect(resent.sends).toBe(2);
    expect(new Date(resent.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13.9 * 86_400_000);
    expect((await mailsFor(first.invitation.id)).map((m) => m.sendNumber)).toEqual([1, 2]);

    expect(errorCode(await api.gql(ACCEPT, { token: first.token, name: 'Old', password: PASSWORD }))).toBe('NOT_FOUND');
    const second = api.linkToken('invitation', org.id, first.invitation.id, 2);
    ok(await api.gql(ACCEPT, { token: second, name: 'New', password: PASSWORD }));
    // Accepted or revoked: nothing to resend.
    expect(errorCode(await api.gql(RESEND, { id: first.invitation.id }, as))).toBe('CONFLICT');
    const revoked = await invite(as, newEmail());
    ok(await api.gql(REVOKE, { id: revoked.invitation.id }, as));
    expect(errorCode(await api.gql(RESEND, { id: revoked.invitation.id }, as))).toBe('CONFLICT');
    expect(await mailsFor(revoked.invitation.id)).toHaveLength(1);
  });

  it('lets someone already signed in as the invited person join without their password', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);
    const person = await api.fx.user();
    const { token } = await invite(as, person.email, 'VIEWER');
    const someoneElse = await api.fx.user();
    expect(errorCode(await api.gql(ACCEPT, { token }, { token: await api.tokenFor(someoneElse) }))).toBe('UNAUTHENTICATED');
    const accepted = ok(await api.gql(ACCEPT, { token }, { token: await api.tokenFor(person) })).acceptInvitation;
    expect(accepted.memberships).toEqual([{ role: 'VIEWER', organisation: { id: org.id } }]);
  });

  it('cannot revoke an accepted invitation', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);
    const { token, invitation } = await invite(as, newEmail());
    ok(await api.gql(ACCEPT, { token, name: 'A', password: PASSWORD }));
    expect(errorCode(await api.gql(REVOKE, { id: invitation.id }, as))).toBe('CONFLICT');
  });
});
