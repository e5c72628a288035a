import { randomUUID } from 'node:crypto';
import { AuditEntry, Membership, type Organisation, PasswordReset, SsoLogin, User } from '@waymark/db';
import { FIXTURE_PASSWORD } from '@waymark/testing';
import { issueSecret } from '../auth/secrets';
import { type OidcIdp, startOidcIdp } from './idp/oidc';
import { type SamlAnswer, TestSamlIdp, makeSigningKey } from './idp/saml';
import { type As, MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

/**
 * Single sign-on through OpenID Connect, against a real provider (oidc-provider in a child
 * process): the browser's part is played by a small cookie-keeping client that follows the
 * redirects and fills in the provider's own login form.
 */
let api: TestApi;
let idp: OidcIdp;
let origin: string;
let orgA: Organisation;
let orgB: Organisation;
let orgSlow: Organisation;
let ownerA: { user: User; as: As };
let ownerB: { user: User; as: As };

const CONFIGURE = `mutation($input: ConfigureSsoInput!) { configureSso(input: $input) { protocol oidcIssuer oidcClientId oidcClientSecretSet allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl } }`;
const SETTINGS = `{ ssoSettings { oidcIssuer oidcClientId allowedDomains oidcClientSecretSet } }`;
const DISCOVER = `query($email: String!) { ssoDiscovery(email: $email) { organisationName protocol startUrl } }`;
const FINISH = `mutation($code: String!) { finishSsoSignIn(code: $code) { token user { email } memberships { role organisation { id } } } }`;
const ME = `{ me { user { email } role } }`;

const oidcInput = (clientId: string, domains: string[], extra: Record<string, unknown> = {}) => ({
  protocol: 'OIDC', oidcIssuer: idp.issuer, oidcClientId: clientId, oidcClientSecret: `${clientId}-secret`, allowedDomains: domains, defaultRole: 'ASSESSOR', ssoRequired: false,
  ...extra,
});

/** A browser's cookie jar and redirects, as far as the provider's pages need. */
class Browser {
  private cookies = new Map<string, Map<string, string>>();

  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.cookies.get(target.host) ?? new Map<string, string>();
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    this.cookies.set(target.host, jar);
    return res;
  }

  /**
   * From Waymark's start (for `email`) through the provider's login form (signing in there as
   * `account`), up to the provider's redirect back to Waymark: returns that callback URL, not yet
   * visited.
   */
  async toCallback(email: string, account = email): Promise<string> {
    let url = `${origin}/sso/start?email=${encodeURIComponent(email)}`;
    for (let step = 0; step < 12; step += 1) {
      const res = await this.get(url);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url).href;
        if (url.startsWith(`${origin}/sso/oidc/callback`)) return url;
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (res.status !== 200 || !action || !html.includes('name="login"')) throw new Error(`unexpected page at ${url}: ${res.status} ${html.slice(0, 300)}`);
      const form = new URLSearchParams({ prompt: 'login', login: account, password: 'any password' });
      const posted = await this.get(new URL(action.replace(/&amp;/g, '&'), url).href, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      url = new URL(posted.headers.get('location')!, url).href;
    }
    throw new Error('too many redirects');
  }
}

/** Waymark's callback as the browser visits it: where it sends the browser, or its refusal page. */
async function callback(url: string): Promise<{ status: number; location: string | null; page: string }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), page: await res.text() };
}

const codeOf = (location: string) => new URLSearchParams(new URL(location).hash.slice(1)).get('code')!;

async function signInThrough(email: string, account = email) {
  const cb = await callback(await new Browser().toCallback(email, account));
  expect(cb.status).toBe(302);
  expect(cb.location!.startsWith(`${origin}/sso/finish#code=ssoh_`)).toBe(true);
  return ok(await api.gql(FINISH, { code: codeOf(cb.location!) })).finishSsoSignIn as { token: string; user: { email: string }; memberships: { role: string; organisation: { id: string } }[] };
}

const ownerEm = () => api.db.owner.em.fork();

beforeAll(async () => {
  api = await startTestApi();
  origin = new URL(api.url).origin;
  const redirect = [`${origin}/sso/oidc/callback`];
  idp = await startOidcIdp(
    ['waymark-a', 'waymark-b', 'waymark-slow'].map((id) => ({ client_id: id, client_secret: `${id}-secret`, redirect_uris: redirect })),
    { shortCodeClients: ['waymark-slow'] },
  );
  orgA = await api.fx.organisation({ name: 'Alpha Archive' });
  orgB = await api.fx.organisation({ name: 'Beta Museum' });
  orgSlow = await api.fx.organisation({ name: 'Slow Library' });
  ownerA = await api.actor(orgA, MemberRole.OWNER);
  ownerB = await api.actor(orgB, MemberRole.OWNER);
  const ownerSlow = await api.actor(orgSlow, MemberRole.OWNER);
  ok(await api.gql(CONFIGURE, { input: oidcInput('waymark-a', ['alpha.example']) }, ownerA.as));
  ok(await api.gql(CONFIGURE, { input: oidcInput('waymark-b', ['beta.example']) }, ownerB.as));
  ok(await api.gql(CONFIGURE, { input: oidcInput('waymark-slow', ['slow.example']) }, ownerSlow.as));
});
afterAll(async () => {
  await idp?.close();
  await api?.close();
});

describe('settings', () => {
  it('an owner saves the provider; the secret is kept encrypted and never returned; the change is audited', async () => {
    const res = await api.gql(SETTINGS, {}, ownerA.as);
    expect(ok(res).ssoSettings).toEqual({ oidcIssuer: idp.issuer, oidcClientId: 'waymark-a', allowedDomains: ['alpha.example'], oidcClientSecretSet: true });
    expect(JSON.stringify(res)).not.toContain('waymark-a-secret');
    const audit = await ownerEm().find(AuditEntry, { organisationId: orgA.id, action: 'sso.configure' }, { filters: false });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('waymark-a-secret');
    // Saved again without a secret: the saved one stays.
    const again = ok(await api.gql(CONFIGURE, { input: oidcInput('waymark-a', ['alpha.example'], { oidcClientSecret: null }) }, ownerA.as)).configureSso;
    expect(again.oidcClientSecretSet).toBe(true);
    expect(again.oidcCallbackUrl).toBe(`${origin}/sso/oidc/callback`);
  });

  it('refuses bad settings in words', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ allowedDomains: ['not a domain'] }, 'allowedDomains'],
      [{ allowedDomains: [] }, 'allowedDomains'],
      [{ oidcIssuer: 'ftp://idp.example' }, 'oidcIssuer'],
      [{ oidcIssuer: 'http://127.0.0.1:9/nothing-here' }, 'oidcIssuer'],
      [{ defaultRole: 'OWNER' }, 'defaultRole'],
      [{ ssoRequired: true }, 'breakGlassEmail'],
      [{ ssoRequired: true, breakGlassEmail: 'nobody@alpha.example' }, 'breakGlassEmail'],
    ];
    for (const [extra, field] of cases) {
      const res = await api.gql(CONFIGURE, { input: oidcInput('waymark-a', ['alpha.example'], extra) }, ownerA.as);
      expect([errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    }
  });

  it('only owners see or change them, each of their own organisation only', async () => {
    const manager = await api.actor(orgA, MemberRole.MANAGER);
    expect(errorCode(await api.gql(SETTINGS, {}, manager.as))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(CONFIGURE, { input: oidcInput('waymark-a', ['alpha.example']) }, manager.as))).toBe('FORBIDDEN');
    // B's owner naming A answers as for an organisation that does not exist; B's own settings are B's.
    expect(errorCode(await api.gql(SETTINGS, {}, { ...ownerB.as, organisationId: orgA.id }))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(CONFIGURE, { input: oidcInput('waymark-b', ['beta.example']) }, { ...ownerB.as, organisationId: orgA.id }))).toBe('NOT_FOUND');
    expect(ok(await api.gql(SETTINGS, {}, ownerB.as)).ssoSettings.oidcClientId).toBe('waymark-b');
    // A domain belongs to one organisation: B cannot take A's.
    const taken = await api.gql(CONFIGURE, { input: oidcInput('waymark-b', ['beta.example', 'alpha.example']) }, ownerB.as);
    expect(errorCode(taken)).toBe('CONFLICT');
    expect(ok(await api.gql(SETTINGS, {}, ownerA.as)).ssoSettings.allowedDomains).toEqual(['alpha.example']);
  });
});

describe('signing in', () => {
  it('discovers the provider from the email domain', async () => {
    expect(ok(await api.gql(DISCOVER, { email: 'Someone@Alpha.example' })).ssoDiscovery).toEqual({
      organisationName: 'Alpha Archive', protocol: 'OIDC', startUrl: '/sso/start?email=someone%40alpha.example',
    });
    expect(ok(await api.gql(DISCOVER, { email: 'someone@elsewhere.example' })).ssoDiscovery).toBeNull();
    expect(errorCode(await api.gql(DISCOVER, { email: 'not an email' }))).toBe('BAD_USER_INPUT');
  });

  it('a first sign-in makes the person a member with the default role, and the session works on /graphql', async () => {
    const email = `ada.${randomUUID().slice(0, 6)}@alpha.example`;
    const first = await signInThrough(email);
    expect(first.user.email).toBe(email);
    expect(first.memberships).toEqual([{ role: 'ASSESSOR', organisation: { id: orgA.id } }]);
    expect(ok(await api.gql(ME, {}, { token: first.token, organisationId: orgA.id })).me).toEqual({ user: { email }, role: 'ASSESSOR' });
    // Again: the same person and membership, not another.
    await signInThrough(email);
    const user = await ownerEm().findOneOrFail(User, { email });
    expect(await ownerEm().count(Membership, { userId: user.id }, { filters: false })).toBe(1);
    expect(await ownerEm().count(AuditEntry, { action: 'auth.sso-login', entityId: user.id }, { filters: false })).toBe(2);
  });

  it('signing out ends the session', async () => {
    const { token } = await signInThrough(`bo.${randomUUID().slice(0, 6)}@alpha.example`);
    ok(await api.gql(`mutation { signOut }`, {}, { token }));
    expect(errorCode(await api.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
  });

  it('refuses an address whose domain the organisation does not allow, in words, and makes nobody', async () => {
    const outsider = `eve.${randomUUID().slice(0, 6)}@elsewhere.example`;
    const cb = await callback(await new Browser().toCallback('someone@alpha.example', outsider));
    expect(cb.status).toBe(403);
    expect(cb.page).toContain(`${outsider} is not in an email domain Alpha Archive allows`);
    expect(await ownerEm().count(User, { email: outsider })).toBe(0);
  });

  it('refuses a replayed answer, and a one-time code used twice', async () => {
    const url = await new Browser().toCallback(`cy.${randomUUID().slice(0, 6)}@alpha.example`);
    const first = await callback(url);
    expect(first.status).toBe(302);
    const replay = await callback(url);
    expect(replay.status).toBe(400);
    expect(replay.page).toContain('already been used or has expired');
    const code = codeOf(first.location!);
    ok(await api.gql(FINISH, { code }));
    expect(errorCode(await api.gql(FINISH, { code }))).toBe('NOT_FOUND');
  });

  it('refuses a state that was never issued, and a sign-in that took too long', async () => {
    const forged = `${origin}/sso/oidc/callback?code=abc&state=${issueSecret('sso', orgA.id, randomUUID()).token}`;
    expect((await callback(forged)).status).toBe(400);
    const url = await new Browser().toCallback(`di.${randomUUID().slice(0, 6)}@alpha.example`);
    const loginId = new URLSearchParams(new URL(url).search).get('state')!;
    const em = ownerEm();
    const login = await em.findOneOrFail(SsoLogin, { organisationId: orgA.id, answeredAt: null, nonce: { $ne: null } }, { filters: false, orderBy: { createdAt: 'desc' } });
    expect(loginId).toContain(login.id.replace(/-/g, ''));
    login.expiresAt = new Date(Date.now() - 1000);
    await em.flush();
    expect((await callback(url)).status).toBe(400);
  });

  it('refuses an expired authorization code (the provider says so)', async () => {
    const url = await new Browser().toCallback(`ed.${randomUUID().slice(0, 6)}@slow.example`);
    // The provider's codes for this client live one second.
    await new Promise((r) => setTimeout(r, 2100));
    const cb = await callback(url);
    expect(cb.status).toBe(401);
    expect(cb.page).toContain('refused this sign-in');
  });

  it('refuses an ID token signed with another key', async () => {
    const url = await new Browser().toCallback(`fy.${randomUUID().slice(0, 6)}@alpha.example`);
    await idp.impostorToken(true);
    try {
      const cb = await callback(url);
      expect(cb.status).toBe(401);
      expect(cb.page).toContain('could not be verified');
    } finally {
      await idp.impostorToken(false);
    }
  });

  it("refuses a code issued for another organisation's client (another audience): an answer for A cannot sign into B", async () => {
    const forA = new URL(await new Browser().toCallback(`gu.${randomUUID().slice(0, 6)}@alpha.example`));
    const forB = new URL(await new Browser().toCallback(`ha.${randomUUID().slice(0, 6)}@beta.example`));
    // A's code with B's state: B's client redeems a code the provider issued to A's client.
    const crossed = new URL(forB);
    crossed.searchParams.set('code', forA.searchParams.get('code')!);
    const cb = await callback(crossed.href);
    expect(cb.status).toBe(401);
    expect(cb.page).toContain('refused this sign-in');
    expect(await ownerEm().count(Membership, { organisationId: orgB.id }, { filters: false })).toBe(1);
  });
});

describe('requiring single sign-on', () => {
  it('refuses the password of members other than the break-glass owner', async () => {
    const org = await api.fx.organisation({ name: 'Required Records' });
    const owner = await api.fx.user({ email: `owner.${randomUUID().slice(0, 6)}@required.example` });
    await api.fx.member(org, MemberRole.OWNER, owner);
    const member = await api.fx.user({ email: `member.${randomUUID().slice(0, 6)}@required.example` });
    await api.fx.member(org, MemberRole.ASSESSOR, member);
    const as = { token: await api.tokenFor(owner), organisationId: org.id };
    const input = { ...oidcInput('waymark-b', ['required.example']), ssoRequired: true, breakGlassEmail: owner.email };
    expect(ok(await api.gql(CONFIGURE, { input }, as)).configureSso).toMatchObject({ ssoRequired: true, breakGlassEmail: owner.email });

    const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
    const refused = await api.gql(LOGIN, { e: member.email, p: FIXTURE_PASSWORD });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('Required Records requires you to sign in through its identity provider');
    // A wrong password still reads as a wrong password (nothing said about SSO to a guesser).
    expect(errorCode(await api.gql(LOGIN, { e: member.email, p: 'not the password at all' }))).toBe('UNAUTHENTICATED');
    ok(await api.gql(LOGIN, { e: owner.email, p: FIXTURE_PASSWORD }));

    // A reset link opens no password session around it either (and changes nothing).
    ok(await api.gql(`mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: member.email }));
    const reset = await ownerEm().findOneOrFail(PasswordReset, { userId: member.id });
    const res = await api.gql(`mutation($t: String!) { resetPassword(token: $t, newPassword: "a brand new long password") { token } }`, {
      t: api.linkToken('password-reset', member.id, reset.id),
    });
    expect([errorCode(res), res.errors?.[0]?.extensions?.reason]).toEqual(['FORBIDDEN', 'SSO_REQUIRED']);
    expect(errorCode(await api.gql(LOGIN, { e: member.email, p: 'a brand new long password' }))).toBe('UNAUTHENTICATED');
  });
});

describe('SAML 2.0', () => {
  let saml: TestSamlIdp;
  let orgC: Organisation;
  let ownerC: { user: User; as: As };

  const samlInput = (idp: TestSamlIdp, domains: string[]) => ({
    protocol: 'SAML', samlEntryPoint: idp.entryPoint, samlIdpIssuer: idp.entityId, samlCertificate: idp.signing.cert, allowedDomains: domains, defaultRole: 'VIEWER', ssoRequired: false,
  });

  /** Waymark's redirect to the provider for `email`: the AuthnRequest and RelayState in its address. */
  async function start(email: string): Promise<string> {
    const res = await fetch(`${origin}/sso/start?email=${encodeURIComponent(email)}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return res.headers.get('location')!;
  }

  /** The browser posting the provider's form to Waymark's Assertion Consumer Service. */
  async function post(answer: SamlAnswer): Promise<{ status: number; location: string | null; page: string }> {
    const res = await fetch(answer.acsUrl, { method: 'POST', body: new URLSearchParams(answer.form), redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), page: await res.text() };
  }

  beforeAll(async () => {
    saml = new TestSamlIdp('https://idp.saml-records.example');
    orgC = await api.fx.organisation({ name: 'Saml Records' });
    ownerC = await api.actor(orgC, MemberRole.OWNER);
    const saved = ok(await api.gql(`mutation($input: ConfigureSsoInput!) { configureSso(input: $input) { protocol samlAcsUrl samlEntityId } }`, { input: samlInput(saml, ['saml.example']) }, ownerC.as));
    expect(saved.configureSso).toEqual({ protocol: 'SAML', samlAcsUrl: `${origin}/sso/saml/acs`, samlEntityId: `${origin}/sso/saml/metadata` });
  });

  it('signs a person in from a signed assertion, a member with the default role', async () => {
    const email = `sam.${randomUUID().slice(0, 6)}@saml.example`;
    const redirect = await start(email);
    expect(redirect.startsWith(`${saml.entryPoint}?SAMLRequest=`)).toBe(true);
    expect(TestSamlIdp.readRequest(redirect).acsUrl).toBe(`${origin}/sso/saml/acs`);
    const cb = await post(saml.answer(redirect, { email }));
    expect(cb.status).toBe(302);
    const session = ok(await api.gql(FINISH, { code: codeOf(cb.location!) })).finishSsoSignIn;
    expect(session.memberships).toEqual([{ role: 'VIEWER', organisation: { id: orgC.id } }]);
    expect(ok(await api.gql(ME, {}, { token: session.token, organisationId: orgC.id })).me).toEqual({ user: { email }, role: 'VIEWER' });
    ok(await api.gql(`mutation { signOut }`, {}, { token: session.token }));
    expect(errorCode(await api.gql(ME, {}, { token: session.token }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a replayed assertion', async () => {
    const email = `rey.${randomUUID().slice(0, 6)}@saml.example`;
    const answer = saml.answer(await start(email), { email });
    expect((await post(answer)).status).toBe(302);
    const again = await post(answer);
    expect(again.status).toBe(400);
    expect(again.page).toContain('already been used or has expired');
  });

  it.each([
    ['another audience', (email: string) => ({ email, audience: 'https://another-service.example/saml' })],
    ['an expired assertion', (email: string) => ({ email, validForSeconds: -120 })],
    ['a signature from another key', (email: string) => ({ email, signWith: makeSigningKey('impostor') })],
  ])('refuses %s, and makes nobody', async (_what, options) => {
    const email = `x.${randomUUID().slice(0, 6)}@saml.example`;
    const cb = await post(saml.answer(await start(email), options(email)));
    expect(cb.status).toBe(401);
    expect(cb.page).toContain('could not be verified');
    expect(await ownerEm().count(User, { email })).toBe(0);
  });

  it('refuses an address in a domain the organisation does not allow', async () => {
    const outsider = `out.${randomUUID().slice(0, 6)}@elsewhere.example`;
    const cb = await post(saml.answer(await start(`someone@saml.example`), { email: outsider }));
    expect(cb.status).toBe(403);
    expect(cb.page).toContain(`${outsider} is not in an email domain Saml Records allows`);
  });

  it("an assertion for one organisation's provider cannot sign into another", async () => {
    // Organisation D trusts another provider; C's provider's answer to C's request is posted with D's RelayState.
    const other = new TestSamlIdp('https://idp.other-records.example');
    const orgD = await api.fx.organisation({ name: 'Other Records' });
    const ownerD = await api.actor(orgD, MemberRole.OWNER);
    ok(await api.gql(CONFIGURE, { input: samlInput(other, ['other.example']) }, ownerD.as));
    const email = `mal.${randomUUID().slice(0, 6)}@saml.example`;
    const forC = saml.answer(await start(email), { email });
    const dRelay = TestSamlIdp.readRequest(await start(`mal@other.example`)).relayState;
    const cb = await post({ ...forC, form: { ...forC.form, RelayState: dRelay } });
    expect(cb.status).toBe(401);
    expect(await ownerEm().count(Membership, { organisationId: orgD.id }, { filters: false })).toBe(1);
  });
});
