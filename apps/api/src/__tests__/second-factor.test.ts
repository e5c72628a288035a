import { generateSync } from 'otplib';
import { AuditEntry, Organisation, PasswordReset, RecoveryCode, SecondFactor, type User } from '@waymark/db';
import { createLogger } from '@waymark/logger';
import { FIXTURE_PASSWORD } from '@waymark/testing';
import { signChallenge } from '../auth/tokens';
import { type As, type GqlResponse, MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

/**
 * A second factor (TOTP) with recovery codes, through HTTP against the real server: setting it up,
 * signing in in two steps, recovery codes spent once, codes refused a second time, wrong codes
 * locked out like passwords, and an owner's requirement of owners and managers, organisation by
 * organisation. The codes are computed here from the key the API showed, as an authenticator app does.
 */
const LOCKOUT_AFTER = 3;
let api: TestApi;
const logLines: string[] = [];
beforeAll(async () => {
  const log = createLogger({ level: 'debug', name: 'api', destination: { write: (line: string) => void logLines.push(line) } });
  api = await startTestApi({ log, config: { RATE_LIMIT_LOGIN_FAILURES: String(LOCKOUT_AFTER), RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000' } });
});
afterAll(() => api.close());

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt secondFactorChallenge user { email } memberships { role } } }`;
const COMPLETE = `mutation($c: String!, $code: String!) { completeSignIn(challenge: $c, code: $code) { token secondFactorChallenge memberships { organisation { id } } } }`;
const BEGIN = `mutation { beginSecondFactorSetup { secret uri } }`;
const CONFIRM = `mutation($code: String!) { confirmSecondFactor(code: $code) { codes } }`;
const STATUS = `{ secondFactor { enabled enabledAt recoveryCodesLeft } }`;
const DISABLE = `mutation($code: String, $password: String) { disableSecondFactor(code: $code, password: $password) }`;
const REQUIRE = `mutation($r: Boolean!) { setSecondFactorRequirement(required: $r) { id requireSecondFactor } }`;
const ME = `{ me { user { id } role permissions secondFactorRequired } }`;

/** The code an authenticator app shows `steps` 30-second steps from now. */
const codeFor = (secret: string, steps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

const reason = (res: GqlResponse) => res.errors?.[0]?.extensions?.reason;
const ownerEm = () => api.db.owner.em.fork();
const audits = (action: string, entityId: string) => ownerEm().count(AuditEntry, { action, entityId });

/** A member who turns the factor on: the key shown, and the recovery codes. Confirmed with the current step's code. */
async function withFactor(as: As): Promise<{ secret: string; codes: string[] }> {
  const { secret } = ok(await api.gql(BEGIN, {}, as)).beginSecondFactorSetup;
  const { codes } = ok(await api.gql(CONFIRM, { code: codeFor(secret) }, as)).confirmSecondFactor;
  return { secret, codes };
}

const login = async (user: User, password = FIXTURE_PASSWORD) => ok(await api.gql(LOGIN, { e: user.email, p: password })).login;

describe('setting up a second factor', () => {
  it('shows a key and its otpauth URI once, refuses a wrong code, turns on with a current one and shows ten recovery codes', async () => {
    const org = await api.fx.organisation();
    const { user, as } = await api.actor(org, MemberRole.ASSESSOR);
    expect(ok(await api.gql(STATUS, {}, as)).secondFactor).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });

    const { secret, uri } = ok(await api.gql(BEGIN, {}, as)).beginSecondFactorSetup;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.searchParams.get('secret')).toBe(secret);
    expect(parsed.searchParams.get('issuer')).toBe('Waymark');
    expect(decodeURIComponent(parsed.pathname)).toContain(user.email);
    // Not on until confirmed: the password alone still signs in.
    expect((await login(user)).token).toEqual(expect.any(String));

    const wrong = await api.gql(CONFIRM, { code: codeFor(secret, 5) }, as);
    expect([errorCode(wrong), reason(wrong)]).toEqual(['BAD_USER_INPUT', 'WRONG_CODE']);
    const notACode = await api.gql(CONFIRM, { code: 'twelve' }, as);
    expect([errorCode(notACode), reason(notACode)]).toEqual(['BAD_USER_INPUT', 'WRONG_CODE']);
    expect(ok(await api.gql(STATUS, {}, as)).secondFactor.enabled).toBe(false);

    const { codes } = ok(await api.gql(CONFIRM, { code: codeFor(secret) }, as)).confirmSecondFactor;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(ok(await api.gql(STATUS, {}, as)).secondFactor).toEqual({ enabled: true, enabledAt: expect.any(String), recoveryCodesLeft: 10 });
    expect(await audits('auth.second-factor-enable', user.id)).toBe(1);

    // Neither the key nor a code is kept in the clear; the key is never shown again.
    const row = await ownerEm().findOneOrFail(SecondFactor, { userId: user.id });
    expect(row.secretSealed).not.toContain(secret);
    const hashes = (await ownerEm().find(RecoveryCode, { userId: user.id })).map((r) => r.codeHash).join(' ');
    for (const code of codes) expect(hashes).not.toContain(code);
    const again = await api.gql(BEGIN, {}, as);
    expect([errorCode(again), reason(again)]).toEqual(['CONFLICT', 'SECOND_FACTOR_ON']);
    expect(await api.gql(CONFIRM, { code: codeFor(secret) }, as).then(errorCode)).toBe('CONFLICT');

    // Nothing secret reached the log.
    const log = logLines.join('\n');
    for (const s of [secret, ...codes]) expect(log).not.toContain(s);
  });

  it('is a person\'s own: an API key has none, and nobody reads another person\'s', async () => {
    const org = await api.fx.organisation();
    const { as: owner } = await api.actor(org, MemberRole.OWNER);
    const { as: other } = await api.actor(org, MemberRole.ASSESSOR);
    await withFactor(owner);
    expect(ok(await api.gql(STATUS, {}, owner)).secondFactor.enabled).toBe(true);
    // Another member of the same organisation sees only their own state, not the owner's.
    expect(ok(await api.gql(STATUS, {}, other)).secondFactor).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });
    const { secret: apiKey } = ok(await api.gql(`mutation { createApiKey(name: "sync", scopes: ["organisation:read"]) { secret } }`, {}, owner)).createApiKey;
    for (const query of [STATUS, BEGIN]) expect(errorCode(await api.gql(query, {}, { apiKey }))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(STATUS, {}, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('signing in with a second factor', () => {
  it('answers a challenge instead of a session, and the challenge with a current code gives the session', async () => {
    const org = await api.fx.organisation();
    const { user, as } = await api.actor(org, MemberRole.VIEWER);
    const { secret } = await withFactor(as);

    const first = await login(user);
    expect(first).toEqual({ token: null, expiresAt: expect.any(String), secondFactorChallenge: expect.any(String), user: { email: user.email }, memberships: [] });
    // The challenge is not a session token, and a wrong password gives no challenge.
    expect(errorCode(await api.gql(ME, {}, { token: first.secondFactorChallenge }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(LOGIN, { e: user.email, p: 'not the password at all' }))).toBe('UNAUTHENTICATED');

    const wrong = await api.gql(COMPLETE, { c: first.secondFactorChallenge, code: codeFor(secret, 7) });
    expect([errorCode(wrong), reason(wrong)]).toEqual(['BAD_USER_INPUT', 'WRONG_CODE']);
    const forged = await api.gql(COMPLETE, { c: `${first.secondFactorChallenge.slice(0, -4)}AAAA`, code: codeFor(secret, 1) });
    expect(errorCode(forged)).toBe('UNAUTHENTICATED');

    // The setup used this step's code; the app's next one signs in (a step either side is accepted).
    const code = codeFor(secret, 1);
    const done = ok(await api.gql(COMPLETE, { c: first.secondFactorChallenge, code })).completeSignIn;
    expect(done.secondFactorChallenge).toBeNull();
    expect(done.memberships).toEqual([{ organisation: { id: org.id } }]);
    expect(ok(await api.gql(ME, {}, { token: done.token })).me.user.id).toBe(user.id);

    // The same code again, with a fresh challenge: refused as used, so a code seen over a shoulder is worth nothing.
    const second = await login(user);
    const replay = await api.gql(COMPLETE, { c: second.secondFactorChallenge, code });
    expect([errorCode(replay), reason(replay)]).toEqual(['BAD_USER_INPUT', 'CODE_USED']);
  });

  it('takes a recovery code once only', async () => {
    const org = await api.fx.organisation();
    const { user, as } = await api.actor(org, MemberRole.MANAGER);
    const { codes } = await withFactor(as);
    const code = codes[3]!;

    // Typed as people type them: capitals, no dash.
    const typed = code.toUpperCase().replace('-', ' ');
    const signedIn = ok(await api.gql(COMPLETE, { c: (await login(user)).secondFactorChallenge, code: typed })).completeSignIn;
    expect(ok(await api.gql(ME, {}, { token: signedIn.token, organisationId: org.id })).me.role).toBe('MANAGER');
    expect(ok(await api.gql(STATUS, {}, { token: signedIn.token })).secondFactor.recoveryCodesLeft).toBe(9);
    expect(await audits('auth.recovery-code-used', user.id)).toBe(1);

    const reused = await api.gql(COMPLETE, { c: (await login(user)).secondFactorChallenge, code });
    expect([errorCode(reused), reason(reused)]).toEqual(['BAD_USER_INPUT', 'WRONG_CODE']);
    // Another unused one still works.
    expect(ok(await api.gql(COMPLETE, { c: (await login(user)).secondFactorChallenge, code: codes[4]! })).completeSignIn.token).toEqual(expect.any(String));
  });

  it('locks out wrong codes like wrong passwords, and a right password does not clear the run', async () => {
    const org = await api.fx.organisation();
    const { user, as } = await api.actor(org, MemberRole.ASSESSOR);
    const { secret, codes } = await withFactor(as);
    const challenge = (await login(user)).secondFactorChallenge;
    for (let i = 0; i < LOCKOUT_AFTER; i++) {
      expect(errorCode(await api.gql(COMPLETE, { c: challenge, code: codeFor(secret, 9 + i) }))).toBe('BAD_USER_INPUT');
    }
    const locked = await api.gql(COMPLETE, { c: challenge, code: codeFor(secret, 1) });
    expect(errorCode(locked)).toBe('RATE_LIMITED');
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // The password is right, and still the code step stays locked.
    const again = await login(user);
    expect(errorCode(await api.gql(COMPLETE, { c: again.secondFactorChallenge, code: codeFor(secret, 1) }))).toBe('RATE_LIMITED');
    // Recovery codes are behind the same lock.
    expect(errorCode(await api.gql(COMPLETE, { c: again.secondFactorChallenge, code: codes[0]! }))).toBe('RATE_LIMITED');
  });

  it('a reset link alone does not pass the second factor', async () => {
    const org = await api.fx.organisation();
    const { user, as } = await api.actor(org, MemberRole.VIEWER);
    const { codes } = await withFactor(as);
    ok(await api.gql(`mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: user.email }));
    const reset = await ownerEm().findOneOrFail(PasswordReset, { userId: user.id });
    const token = api.linkToken('password-reset', user.id, reset.id);
    const res = ok(await api.gql(`mutation($t: String!) { resetPassword(token: $t, newPassword: "a brand new long password") { token secondFactorChallenge } }`, { t: token })).resetPassword;
    expect(res.token).toBeNull();
    expect(ok(await api.gql(COMPLETE, { c: res.secondFactorChallenge, code: codes[0]! })).completeSignIn.token).toEqual(expect.any(String));
  });

  it('reads a key that no longer opens (sealed under another AUTH_TOKEN_SECRET) as a wrong code, and a recovery code still signs in', async () => {
    const org = await api.fx.organisation();
    const { user, as } = await api.actor(org, MemberRole.VIEWER);
    const { secret, codes } = await withFactor(as);
    const em = ownerEm();
    const row = await em.findOneOrFail(SecondFactor, { userId: user.id });
    const [version, iv, , body] = row.secretSealed.split('.');
    row.secretSealed = [version, iv, 'A'.repeat(22), body].join('.');
    await em.flush();
    const res = await api.gql(COMPLETE, { c: (await login(user)).secondFactorChallenge, code: codeFor(secret, 1) });
    expect([res.status, errorCode(res), reason(res)]).toEqual([200, 'BAD_USER_INPUT', 'WRONG_CODE']);
    expect(ok(await api.gql(COMPLETE, { c: (await login(user)).secondFactorChallenge, code: codes[0]! })).completeSignIn.token).toEqual(expect.any(String));
  });

  it('refuses a challenge for someone whose factor was turned off since', async () => {
    const org = await api.fx.organisation();
    const { user } = await api.actor(org, MemberRole.VIEWER);
    const challenge = signChallenge(api.db.config.AUTH_TOKEN_SECRET, user.id).challenge;
    expect(errorCode(await api.gql(COMPLETE, { c: challenge, code: '123456' }))).toBe('UNAUTHENTICATED');
  });
});

async function SecondFactorRowsOf(user: User): Promise<number> {
  return ownerEm().count(SecondFactor, { userId: user.id, confirmedAt: { $ne: null } });
}

describe('turning it off', () => {
  it('needs a current code or the password', async () => {
    const org = await api.fx.organisation();
    const { user, as } = await api.actor(org, MemberRole.ASSESSOR);
    const { secret } = await withFactor(as);
    const none = await api.gql(DISABLE, {}, as);
    expect([errorCode(none), reason(none)]).toEqual(['BAD_USER_INPUT', 'REQUIRED']);
    const wrongPassword = await api.gql(DISABLE, { password: 'not my password at all' }, as);
    expect([errorCode(wrongPassword), reason(wrongPassword)]).toEqual(['BAD_USER_INPUT', 'WRONG_PASSWORD']);
    const wrongCode = await api.gql(DISABLE, { code: codeFor(secret, 6) }, as);
    expect([errorCode(wrongCode), reason(wrongCode)]).toEqual(['BAD_USER_INPUT', 'WRONG_CODE']);
    expect(await SecondFactorRowsOf(user)).toBe(1);

    expect(ok(await api.gql(DISABLE, { code: codeFor(secret, 1) }, as)).disableSecondFactor).toBe(true);
    expect(await SecondFactorRowsOf(user)).toBe(0);
    expect(await ownerEm().count(RecoveryCode, { userId: user.id })).toBe(0);
    expect(await audits('auth.second-factor-disable', user.id)).toBe(1);
    expect((await login(user)).token).toEqual(expect.any(String));

    // And with the password.
    await withFactor(as);
    expect(ok(await api.gql(DISABLE, { password: FIXTURE_PASSWORD }, as)).disableSecondFactor).toBe(true);
    expect(errorCode(await api.gql(DISABLE, { password: FIXTURE_PASSWORD }, as))).toBe('CONFLICT');
  });
});

describe("an owner's requirement", () => {
  it('stops owners and managers without a factor acting for that organisation only, telling them why, until they set one up', async () => {
    const orgA = await api.fx.organisation();
    const orgB = await api.fx.organisation();
    const { as: ownerAs } = await api.actor(orgA, MemberRole.OWNER);
    const { as: manager } = await api.actor(orgA, MemberRole.MANAGER);
    const { as: assessor } = await api.actor(orgA, MemberRole.ASSESSOR);
    // One person, manager in both: A will require a factor, B will not.
    const { user: both, as: bothInA } = await api.actor(orgA, MemberRole.MANAGER);
    await api.fx.member(orgB, MemberRole.MANAGER, both);
    const bothInB = { ...bothInA, organisationId: orgB.id };
    const { as: managerB } = await api.actor(orgB, MemberRole.MANAGER);

    // An owner without a factor cannot require one (it would shut them out at once); a manager may not at all.
    const early = await api.gql(REQUIRE, { r: true }, ownerAs);
    expect([errorCode(early), reason(early)]).toEqual(['CONFLICT', 'SECOND_FACTOR_OFF']);
    expect(errorCode(await api.gql(REQUIRE, { r: true }, manager))).toBe('FORBIDDEN');
    await withFactor(ownerAs);
    expect(ok(await api.gql(REQUIRE, { r: true }, ownerAs)).setSecondFactorRequirement).toEqual({ id: orgA.id, requireSecondFactor: true });
    expect(await audits('organisation.second-factor-requirement', orgA.id)).toBe(1);
    expect((await ownerEm().findOneOrFail(Organisation, { id: orgB.id })).requireSecondFactor).toBe(false);

    // The owner has one: carries on. The assessor is not asked.
    ok(await api.gql(`{ members { totalCount } }`, {}, ownerAs));
    ok(await api.gql(`{ assessments { totalCount } }`, {}, assessor));
    // The manager without one: refused with the reason in words, and `me` says so.
    for (const as of [manager, bothInA]) {
      const refused = await api.gql(`{ assessments { totalCount } }`, {}, as);
      expect([errorCode(refused), reason(refused)]).toEqual(['FORBIDDEN', 'SECOND_FACTOR_REQUIRED']);
      expect(refused.errors?.[0]?.message).toMatch(/second factor/);
      expect(ok(await api.gql(ME, {}, as)).me).toMatchObject({ role: 'MANAGER', permissions: [], secondFactorRequired: true });
    }
    // B's members are not touched by A's rule: the same person acts for B, and B's own manager too.
    for (const as of [bothInB, managerB]) {
      ok(await api.gql(`{ assessments { totalCount } }`, {}, as));
      expect(ok(await api.gql(ME, {}, as)).me.secondFactorRequired).toBe(false);
    }

    // Setting one up is allowed while refused, and lifts the refusal on the next request.
    await withFactor(manager);
    ok(await api.gql(`{ assessments { totalCount } }`, {}, manager));
    expect(ok(await api.gql(ME, {}, manager)).me.secondFactorRequired).toBe(false);

    // Lifting the requirement frees the rest.
    expect(ok(await api.gql(REQUIRE, { r: false }, ownerAs)).setSecondFactorRequirement.requireSecondFactor).toBe(false);
    ok(await api.gql(`{ assessments { totalCount } }`, {}, bothInA));
    expect(await audits('organisation.second-factor-requirement', orgA.id)).toBe(2);
  });
});
