import { randomUUID } from 'node:crypto';
import { AccountMail, AuditEntry, PasswordReset, UserSession } from '@waymark/db';
import { FIXTURE_PASSWORD } from '@waymark/testing';
import { signToken } from '../auth/tokens';
import { MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

/**
 * Sessions the server ends: a session token names a user_session row, and every request checks it,
 * so sign-out, sign-out everywhere, a password change or a reset act on the very next request.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt } }`;
const ME = `{ me { user { id } role } }`;
const SIGN_OUT = `mutation { signOut }`;
const EVERYWHERE = `mutation { signOutEverywhere }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
const REQUEST_RESET = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) { token user { email } } }`;
const NEW_PASSWORD = 'a brand new long password';

const ownerEm = () => api.db.owner.em.fork();

async function person() {
  const org = await api.fx.organisation();
  const user = await api.fx.user();
  await api.fx.member(org, MemberRole.ASSESSOR, user);
  const signIn = async (password = FIXTURE_PASSWORD) => ok(await api.gql(LOGIN, { email: user.email, password })).login.token as string;
  return { org, user, signIn };
}

const alive = async (token: string) => {
  const res = await api.gql(ME, {}, { token });
  if (errorCode(res) === 'UNAUTHENTICATED') return false;
  ok(res);
  return true;
};

describe('sessions', () => {
  it('signs out: the very next request with the old token is UNAUTHENTICATED, other sessions go on', async () => {
    const { user, signIn } = await person();
    const [laptop, phone] = [await signIn(), await signIn()];
    expect(await alive(laptop)).toBe(true);
    expect(ok(await api.gql(SIGN_OUT, {}, { token: laptop })).signOut).toBe(true);
    const after = await api.gql(ME, {}, { token: laptop });
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(after.status).toBe(401);
    expect(await alive(phone)).toBe(true);

    const rows = await ownerEm().find(UserSession, { userId: user.id }, { orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.revokedReason).sort()).toEqual(['sign-out', null].sort());
    expect(await ownerEm().count(AuditEntry, { action: 'auth.sign-out', entityId: user.id })).toBe(1);
  });

  it('signs out everywhere: every session ends, this one too', async () => {
    const { signIn } = await person();
    const tokens = [await signIn(), await signIn(), await signIn()];
    expect(ok(await api.gql(EVERYWHERE, {}, { token: tokens[0] })).signOutEverywhere).toBe(3);
    for (const token of tokens) expect(await alive(token)).toBe(false);
  });

  it("ends only the caller's own sessions, never another person's", async () => {
    const a = await person();
    const b = await person();
    const [aToken, bToken] = [await a.signIn(), await b.signIn()];
    ok(await api.gql(EVERYWHERE, {}, { token: aToken }));
    expect(await alive(bToken)).toBe(true);
    expect(await ownerEm().count(UserSession, { userId: b.user.id, revokedAt: { $ne: null } })).toBe(0);
  });

  it('refuses an API key: it has no session to end or password to change', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);
    const { secret } = ok(await api.gql(`mutation { createApiKey(name: "k", scopes: ["organisation:read"]) { secret } }`, {}, as)).createApiKey;
    for (const q of [SIGN_OUT, EVERYWHERE]) expect(errorCode(await api.gql(q, {}, { apiKey: secret }))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(CHANGE, { c: 'x', n: NEW_PASSWORD }, { apiKey: secret }))).toBe('FORBIDDEN');
    for (const q of [SIGN_OUT, EVERYWHERE]) expect(errorCode(await api.gql(q))).toBe('UNAUTHENTICATED');
  });

  it('expires for real: a token past its time is refused, and so is a live token whose session row has expired', async () => {
    const { user } = await person();
    // Issued with a one-second lifetime (row and token alike), used after it has passed.
    const short = await api.tokenFor(user, 1);
    expect(await alive(short)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(errorCode(await api.gql(ME, {}, { token: short }))).toBe('UNAUTHENTICATED');

    // The server's own clock decides too: a well-signed token whose session ran out is refused.
    const token = await api.tokenFor(user);
    expect(await alive(token)).toBe(true);
    await ownerEm().nativeUpdate(UserSession, { userId: user.id, revokedAt: null }, { expiresAt: new Date(Date.now() - 1000) });
    expect(errorCode(await api.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a well-signed token for a session the server never opened, or opened for someone else', async () => {
    const a = await person();
    const b = await person();
    const forged = signToken(api.db.config.AUTH_TOKEN_SECRET, 3600, { userId: a.user.id, sessionId: randomUUID() }).token;
    expect(errorCode(await api.gql(ME, {}, { token: forged }))).toBe('UNAUTHENTICATED');
    await b.signIn();
    const [bSession] = await ownerEm().find(UserSession, { userId: b.user.id });
    const borrowed = signToken(api.db.config.AUTH_TOKEN_SECRET, 3600, { userId: a.user.id, sessionId: bSession!.id }).token;
    expect(errorCode(await api.gql(ME, {}, { token: borrowed }))).toBe('UNAUTHENTICATED');
  });

  it('acts on membership at once: removed, the token no longer reaches the organisation; a new role applies on the next request', async () => {
    const org = await api.fx.organisation();
    const owner = await api.actor(org, MemberRole.OWNER);
    const member = await api.fx.member(org, MemberRole.ASSESSOR);
    const as = { token: await api.tokenFor(member.user), organisationId: org.id };
    expect(ok(await api.gql(ME, {}, as)).me.role).toBe('ASSESSOR');
    ok(await api.gql(`mutation($id: ID!) { changeMemberRole(membershipId: $id, role: VIEWER) { id } }`, { id: member.membership.id }, owner.as));
    expect(ok(await api.gql(ME, {}, as)).me.role).toBe('VIEWER');
    ok(await api.gql(`mutation($id: ID!) { removeMember(membershipId: $id) }`, { id: member.membership.id }, owner.as));
    expect(errorCode(await api.gql(`{ organisation { id } }`, {}, as))).toBe('NOT_FOUND');
  });
});

describe('passwords', () => {
  it('changes the password with the current one: other sessions end, this one goes on, the new password signs in', async () => {
    const { user, signIn } = await person();
    const [here, elsewhere] = [await signIn(), await signIn()];
    const wrong = await api.gql(CHANGE, { c: 'not my password', n: NEW_PASSWORD }, { token: here });
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors![0]!.extensions).toMatchObject({ field: 'currentPassword', reason: 'WRONG_PASSWORD' });
    const short = await api.gql(CHANGE, { c: FIXTURE_PASSWORD, n: 'short' }, { token: here });
    expect(short.errors![0]!.extensions).toMatchObject({ field: 'newPassword', reason: 'TOO_SHORT', limit: 12, actual: 5 });
    expect(await alive(elsewhere)).toBe(true);

    expect(ok(await api.gql(CHANGE, { c: FIXTURE_PASSWORD, n: NEW_PASSWORD }, { token: here })).changePassword).toBe(1);
    expect(await alive(here)).toBe(true);
    expect(await alive(elsewhere)).toBe(false);
    expect(errorCode(await api.gql(LOGIN, { email: user.email, password: FIXTURE_PASSWORD }))).toBe('UNAUTHENTICATED');
    expect(await alive(await signIn(NEW_PASSWORD))).toBe(true);
  });

  it('asks for a reset the same way whether or not the address has an account, and writes one email only for a real one', async () => {
    const { user } = await person();
    const unknown = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    const known = await api.gql(REQUEST_RESET, { email: user.email.toUpperCase() });
    const stranger = await api.gql(REQUEST_RESET, { email: unknown });
    expect(known).toEqual(stranger);
    expect(known.data).toEqual({ requestPasswordReset: true });
    const mails = await ownerEm().find(AccountMail, { kind: 'password-reset', recipient: { $in: [user.email, unknown] } });
    expect(mails.map((m) => [m.recipient, m.ownerId, m.state])).toEqual([[user.email, user.id, 'PENDING']]);
  });

  it('resets with the emailed link once: every session ends, the new password signs in, the link dies', async () => {
    const { user, signIn } = await person();
    const before = await signIn();
    ok(await api.gql(REQUEST_RESET, { email: user.email }));
    const [reset] = await ownerEm().find(PasswordReset, { userId: user.id });
    const token = api.linkToken('password-reset', user.id, reset!.id);

    const short = await api.gql(RESET, { t: token, p: 'short' });
    expect(short.errors![0]!.extensions).toMatchObject({ field: 'newPassword', reason: 'TOO_SHORT' });
    const done = ok(await api.gql(RESET, { t: token, p: NEW_PASSWORD })).resetPassword;
    expect(done.user.email).toBe(user.email);
    expect(await alive(done.token)).toBe(true);
    expect(await alive(before)).toBe(false);
    expect(await alive(await signIn(NEW_PASSWORD))).toBe(true);

    const again = await api.gql(RESET, { t: token, p: 'yet another long password' });
    expect(errorCode(again)).toBe('NOT_FOUND');
  });

  it('refuses an expired, a forged or a superseded link alike', async () => {
    const { user } = await person();
    ok(await api.gql(REQUEST_RESET, { email: user.email }));
    ok(await api.gql(REQUEST_RESET, { email: user.email }));
    const resets = await ownerEm().find(PasswordReset, { userId: user.id }, { orderBy: { createdAt: 'asc' } });
    const [first, second] = resets.map((r) => api.linkToken('password-reset', user.id, r.id));
    await ownerEm().nativeUpdate(PasswordReset, { id: resets[0]!.id }, { expiresAt: new Date(Date.now() - 1000) });
    const forged = `${second!.slice(0, -43)}${'A'.repeat(43)}`;
    for (const t of [first!, forged, 'pwr_garbage', api.linkToken('password-reset', randomUUID(), resets[1]!.id)]) {
      const res = await api.gql(RESET, { t, p: NEW_PASSWORD });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.errors![0]!.message).toBe('This password reset link is not valid any more: ask for a new one');
    }
    // The genuine one still works, and spends the other.
    ok(await api.gql(RESET, { t: second!, p: NEW_PASSWORD }));
    expect(await ownerEm().count(PasswordReset, { userId: user.id, usedAt: null })).toBe(0);
  });

  it('limits reset requests per address: the fourth for one account within the hour is RATE_LIMITED, known or not', async () => {
    const email = `limited-${randomUUID().slice(0, 8)}@example.test`;
    for (let i = 0; i < 3; i++) expect(ok(await api.gql(REQUEST_RESET, { email })).requestPasswordReset).toBe(true);
    expect(errorCode(await api.gql(REQUEST_RESET, { email }))).toBe('RATE_LIMITED');
  });
});
