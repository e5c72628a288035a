import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Membership, MemberRole, Organisation, SsoLogin, SsoProvider, SsoProtocol, User } from '@waymark/db';
import { WaymarkError, badInput, conflict, forbidden, isUuid, openSecret, sealSecret } from '@waymark/domain';
import type { ApiConfig } from '@waymark/config';
import type { RequestContext, TenantContext } from '../../context';
import { audit } from '../../graphql/audit';
import { hashPassword } from '../../auth/passwords';
import { issueSecret, parseSecret, secretMatches } from '../../auth/secrets';
import { normaliseEmail, sessionFor } from '../people/auth.service';
import { assertAssignable } from '../people/members.service';
import { activeOrganisation } from '../people/organisation.service';
import type { AuthPayload } from '../people/types';
import { type OidcClientSettings, OidcProblem, checkIssuer, finishOidc, startOidc } from './oidc';
import { SamlProblem, type SamlSpSettings, finishSaml, startSaml } from './saml';
import type { ConfigureSsoInput, SsoDiscovery, SsoSettings } from './types';

/** A sign-in through a provider must come back within this long. */
export const SSO_LOGIN_TTL_MINUTES = 10;
/** The web app exchanges its one-time code for a session within this long. */
const HANDOFF_TTL_MS = 2 * 60_000;
const STATE_PREFIX = 'sso';
const HANDOFF_PREFIX = 'ssoh';
const MAX_DOMAINS = 20;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A refusal shown to the person on the sign-in page, in words; `reason` is for logs and tests. */
export class SsoRefusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    /** What went wrong, for the log only. */
    readonly detail: string | null = null,
  ) {
    super(message);
  }

  because(detail: string): SsoRefusal {
    return new SsoRefusal(this.status, this.reason, this.message, detail);
  }
}

/**
 * The address the provider sends people back to, and what the owner gives the provider: in
 * production WEB_BASE_URL (the API serves the web app, so it is the API's public address too);
 * elsewhere the address the request came to (local providers, tests on free ports).
 */
export function publicBase(config: ApiConfig, origin: string | null): string {
  return config.NODE_ENV === 'production' || !origin ? config.WEB_BASE_URL : `${origin}/`;
}

export function callbackUrls(base: string) {
  return {
    oidcCallbackUrl: new URL('sso/oidc/callback', base).href,
    samlAcsUrl: new URL('sso/saml/acs', base).href,
    samlEntityId: new URL('sso/saml/metadata', base).href,
  };
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/** Which organisation's provider an email domain belongs to (across organisations: a narrow SECURITY DEFINER function). */
export async function providerForDomain(ctx: RequestContext, domain: string): Promise<{ organisationId: string; organisationName: string; protocol: SsoProtocol } | null> {
  const { rows } = await sql<{ organisationId: string; organisationName: string; protocol: SsoProtocol }>`
    select organisation_id as "organisationId", organisation_name as "organisationName", protocol from waymark_sso_discover(${domain})`.execute(ctx.db.sql);
  return rows[0] ?? null;
}

/** The sign-in screen's question: does this address sign in through its organisation's provider? */
export async function discover(ctx: RequestContext, rawEmail: string): Promise<SsoDiscovery | null> {
  const email = normaliseEmail(rawEmail);
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw badInput('email', 'must be an email address', { reason: 'NOT_AN_EMAIL' });
  const found = await providerForDomain(ctx, domainOf(email));
  if (!found) return null;
  const start = new URL('sso/start', publicBase(ctx.config, ctx.origin));
  start.searchParams.set('email', email);
  return { organisationName: found.organisationName, protocol: found.protocol, startUrl: start.pathname + start.search };
}

/** Organisations that require a person to sign in through their provider (the break-glass owner excepted). */
export async function organisationsRequiringSso(ctx: RequestContext, userId: string): Promise<string[]> {
  const { rows } = await sql<{ organisationName: string }>`select organisation_name as "organisationName" from waymark_sso_required(${userId}::uuid)`.execute(ctx.db.sql);
  return rows.map((r) => r.organisationName);
}

// ---------------------------------------------------------------------------------------------
// Settings (owners)

export async function readSettings(ctx: TenantContext): Promise<SsoSettings | null> {
  const row = await ctx.db.sql
    .selectFrom('ssoProvider as p')
    .leftJoin('appUser as u', 'u.id', 'p.breakGlassUserId')
    .select([
      'p.id', 'p.protocol', 'p.enabled', 'p.oidcIssuer', 'p.oidcClientId', 'p.samlEntryPoint', 'p.samlIdpIssuer', 'p.samlCertificate', 'p.allowedDomains',
      'p.defaultRole', 'p.ssoRequired', 'p.updatedAt', 'u.email as breakGlassEmail',
    ])
    .select((eb) => eb('p.oidcClientSecretCiphertext', 'is not', null).$castTo<boolean>().as('oidcClientSecretSet'))
    .executeTakeFirst();
  if (!row) return null;
  return { ...row, breakGlassEmail: row.breakGlassEmail ?? null, ...callbackUrls(publicBase(ctx.config, ctx.origin)) };
}

/** What the audit log keeps of the settings: never the client secret, sealed or not. */
const visible = (p: SsoProvider) => ({
  protocol: p.protocol, enabled: p.enabled, oidcIssuer: p.oidcIssuer, oidcClientId: p.oidcClientId, oidcClientSecretSet: p.oidcClientSecretCiphertext !== null,
  samlEntryPoint: p.samlEntryPoint, samlIdpIssuer: p.samlIdpIssuer, samlCertificateSet: p.samlCertificate !== null, allowedDomains: p.allowedDomains,
  defaultRole: p.defaultRole, ssoRequired: p.ssoRequired, breakGlassUserId: p.breakGlassUserId,
});

function httpUrl(field: string, value: string | null | undefined, allowHttp: boolean): string {
  if (!value) throw badInput(field, 'is required for this protocol', { reason: 'BLANK' });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput(field, 'must be a URL such as https://login.example.org', { reason: 'NOT_A_URL' });
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) throw badInput(field, 'must start with https://', { reason: 'NOT_HTTPS' });
  return url.href.replace(/\/$/, '');
}

function domains(values: string[]): string[] {
  const list = [...new Set(values.map((d) => d.trim().toLowerCase().replace(/^@/, '')))];
  if (list.length === 0) throw badInput('allowedDomains', 'name at least one email domain, such as example.org', { reason: 'NO_DOMAINS' });
  if (list.length > MAX_DOMAINS) throw badInput('allowedDomains', `at most ${MAX_DOMAINS} domains`, { reason: 'TOO_MANY' });
  const bad = list.find((d) => !DOMAIN.test(d));
  if (bad !== undefined) throw badInput('allowedDomains', `"${bad}" is not an email domain such as example.org`, { reason: 'NOT_A_DOMAIN', domain: bad });
  return list.sort();
}

function pem(value: string | null | undefined): string {
  if (!value) throw badInput('samlCertificate', 'is required for SAML: the identity provider’s signing certificate (PEM)', { reason: 'BLANK' });
  const body = value.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length < 100) throw badInput('samlCertificate', 'must be a PEM certificate (-----BEGIN CERTIFICATE----- ...)', { reason: 'NOT_A_CERTIFICATE' });
  return body;
}

export async function configure(ctx: TenantContext, input: ConfigureSsoInput): Promise<SsoSettings> {
  if (!ctx.userId) throw forbidden('Only a person can do this, not an API key');
  const allowHttp = ctx.config.NODE_ENV !== 'production';
  const org = await activeOrganisation(ctx);
  if (input.defaultRole === MemberRole.OWNER) throw badInput('defaultRole', 'cannot be OWNER: make owners by hand once they have signed in', { reason: 'OWNER_NOT_DEFAULT' });
  assertAssignable(ctx, org, input.defaultRole);
  const allowed = domains(input.allowedDomains);
  for (const domain of allowed) {
    const holder = await providerForDomain(ctx, domain);
    if (holder && holder.organisationId !== ctx.organisationId) throw conflict(`${domain} already signs in through another organisation's provider`, { field: 'allowedDomains', domain, reason: 'DOMAIN_TAKEN' });
  }

  let provider = await ctx.em.findOne(SsoProvider, { organisationId: ctx.organisationId }, { populate: ['oidcClientSecretCiphertext'] });
  const before = provider ? visible(provider) : null;
  const id = provider?.id ?? randomUUID();

  let breakGlassUserId: string | null = null;
  if (input.breakGlassEmail) {
    const email = normaliseEmail(input.breakGlassEmail);
    const owner = await ctx.em.findOne(User, { email });
    const membership = owner ? await ctx.em.findOne(Membership, { organisationId: ctx.organisationId, userId: owner.id }) : null;
    if (!owner || membership?.role !== MemberRole.OWNER) throw badInput('breakGlassEmail', `${email} is not an owner of this organisation`, { reason: 'NOT_AN_OWNER' });
    breakGlassUserId = owner.id;
  }
  if (input.ssoRequired && !breakGlassUserId) {
    throw badInput('breakGlassEmail', 'name a break-glass owner who may still sign in with a password when SSO is required', { reason: 'BREAK_GLASS_NEEDED' });
  }

  const fields: Partial<SsoProvider> = {
    protocol: input.protocol, enabled: input.enabled ?? true, allowedDomains: allowed, defaultRole: input.defaultRole, ssoRequired: input.ssoRequired,
    breakGlassUserId, updatedAt: new Date(),
    oidcIssuer: null, oidcClientId: null, samlEntryPoint: null, samlIdpIssuer: null, samlCertificate: null,
  };
  if (input.protocol === SsoProtocol.OIDC) {
    fields.oidcIssuer = httpUrl('oidcIssuer', input.oidcIssuer, allowHttp);
    if (!input.oidcClientId) throw badInput('oidcClientId', 'is required for OpenID Connect', { reason: 'BLANK' });
    fields.oidcClientId = input.oidcClientId;
    const keptSecret = provider?.oidcClientSecretCiphertext ? openSecret(ctx.config.AUTH_TOKEN_SECRET, ctx.organisationId, id, provider.oidcClientSecretCiphertext) : null;
    const secret = input.oidcClientSecret || keptSecret;
    if (!secret) throw badInput('oidcClientSecret', 'is required the first time (afterwards, leave it out to keep the one saved)', { reason: 'BLANK' });
    fields.oidcClientSecretCiphertext = sealSecret(ctx.config.AUTH_TOKEN_SECRET, ctx.organisationId, id, secret);
    try {
      await checkIssuer({ issuer: fields.oidcIssuer, clientId: fields.oidcClientId, clientSecret: secret, allowHttp });
    } catch {
      throw badInput('oidcIssuer', `${fields.oidcIssuer} does not answer OpenID Connect discovery (/.well-known/openid-configuration)`, { reason: 'DISCOVERY_FAILED' });
    }
  } else {
    fields.samlEntryPoint = httpUrl('samlEntryPoint', input.samlEntryPoint, allowHttp);
    if (!input.samlIdpIssuer) throw badInput('samlIdpIssuer', 'is required for SAML: the identity provider’s entity id', { reason: 'BLANK' });
    fields.samlIdpIssuer = input.samlIdpIssuer;
    fields.samlCertificate = pem(input.samlCertificate);
    fields.oidcClientSecretCiphertext = null;
  }

  if (provider) ctx.em.assign(provider, fields);
  else provider = ctx.em.create(SsoProvider, { id, organisationId: ctx.organisationId, ...fields } as SsoProvider);
  audit(ctx, before ? 'sso.update' : 'sso.configure', 'SsoProvider', provider.id, before, visible(provider));
  await ctx.em.flush();
  return (await readSettings(ctx))!;
}

// ---------------------------------------------------------------------------------------------
// Signing in (the HTTP routes run these in a write session of their own)

const STALE = new SsoRefusal(400, 'STALE', 'This sign-in has already been used or has expired. Start again from the sign-in page.');

function oidcSettings(ctx: RequestContext, provider: SsoProvider): OidcClientSettings {
  if (!provider.oidcIssuer || !provider.oidcClientId || !provider.oidcClientSecretCiphertext) throw new SsoRefusal(409, 'NOT_CONFIGURED', 'Single sign-on is not set up completely for this organisation. Ask an owner.');
  return {
    issuer: provider.oidcIssuer, clientId: provider.oidcClientId, allowHttp: ctx.config.NODE_ENV !== 'production',
    clientSecret: openSecret(ctx.config.AUTH_TOKEN_SECRET, provider.organisationId, provider.id, provider.oidcClientSecretCiphertext),
  };
}

/** Starts a sign-in for an email address: the provider of its domain, a login row, and where to send the browser. */
export async function startSignIn(ctx: RequestContext, rawEmail: string): Promise<string> {
  const email = normaliseEmail(rawEmail);
  const found = /^[^@\s]+@[^@\s]+$/.test(email) ? await providerForDomain(ctx, domainOf(email)) : null;
  if (!found) throw new SsoRefusal(404, 'NO_PROVIDER', `No organisation signs in ${email || 'this address'} through its own provider. Sign in with your email and password instead.`);
  await ctx.setScope({ organisationId: found.organisationId, userId: null });
  const provider = await ctx.em.findOneOrFail(SsoProvider, { organisationId: found.organisationId }, { populate: ['oidcClientSecretCiphertext'] });
  const base = publicBase(ctx.config, ctx.origin);
  const loginId = randomUUID();
  const state = issueSecret(STATE_PREFIX, provider.organisationId, loginId);
  const urls = callbackUrls(base);
  const saml = provider.protocol === SsoProtocol.SAML;
  const login = ctx.em.create(SsoLogin, {
    id: loginId, organisationId: provider.organisationId, providerId: provider.id, stateHash: state.hash, redirectUri: saml ? urls.samlAcsUrl : urls.oidcCallbackUrl,
    expiresAt: new Date(Date.now() + SSO_LOGIN_TTL_MINUTES * 60_000),
  });
  if (saml) {
    const started = await startSaml(samlSettings(provider, login), state.token).catch((error: unknown) => {
      throw new SsoRefusal(409, 'NOT_CONFIGURED', 'Single sign-on is not set up completely for this organisation. Ask an owner.', String(error));
    });
    login.requestId = started.requestId;
    await ctx.em.flush();
    return started.url;
  }
  let start;
  try {
    start = await startOidc(oidcSettings(ctx, provider), login.redirectUri, state.token, email);
  } catch (error) {
    if (error instanceof OidcProblem) throw new SsoRefusal(502, 'UNREACHABLE', "Your organisation's identity provider did not answer. Try again in a minute.");
    throw error;
  }
  login.nonce = start.nonce;
  login.codeVerifier = start.codeVerifier;
  await ctx.em.flush();
  return start.url;
}

/** The login a state (or RelayState) names, claimed once: a second answer for it is refused. */
async function claimLogin(ctx: RequestContext, state: string | undefined): Promise<SsoLogin> {
  const parsed = state ? parseSecret(STATE_PREFIX, state) : null;
  if (!parsed) throw STALE;
  await ctx.setScope({ organisationId: parsed.organisationId, userId: null });
  const login = await ctx.em.findOne(SsoLogin, { id: parsed.rowId, organisationId: parsed.organisationId });
  if (!login || !secretMatches(parsed.secret, login.stateHash)) throw STALE;
  // One answer per sign-in, even when two arrive at once: the row lock decides which.
  const claimed = await ctx.em.nativeUpdate(SsoLogin, { id: login.id, organisationId: login.organisationId, answeredAt: null, expiresAt: { $gt: new Date() } }, { answeredAt: new Date() });
  if (claimed !== 1) throw STALE;
  return login;
}

const refusalFor: Record<string, SsoRefusal> = {
  PROVIDER_REFUSED: new SsoRefusal(401, 'PROVIDER_REFUSED', "Your organisation's identity provider refused this sign-in (its code was not for Waymark, or had expired). Start again from the sign-in page."),
  UNVERIFIED: new SsoRefusal(401, 'UNVERIFIED', "The answer from your organisation's identity provider could not be verified, so nobody was signed in. Start again, or ask an owner to check the settings."),
  NO_EMAIL: new SsoRefusal(401, 'NO_EMAIL', "Your organisation's identity provider did not give a verified email address, so nobody was signed in."),
  UNREACHABLE: new SsoRefusal(502, 'UNREACHABLE', "Your organisation's identity provider did not answer. Try again in a minute."),
};

/**
 * The provider's answer (OpenID Connect): checked, then the person is found or made a member with
 * the default role (when their domain is allowed), and a one-time code for the web app is made.
 * Returns where to send the browser.
 */
export async function finishOidcSignIn(ctx: RequestContext, callbackUrl: URL): Promise<string> {
  const state = callbackUrl.searchParams.get('state') ?? undefined;
  const login = await claimLogin(ctx, state);
  const provider = await ctx.em.findOne(SsoProvider, { id: login.providerId, organisationId: login.organisationId }, { populate: ['oidcClientSecretCiphertext'] });
  if (!provider?.enabled || provider.protocol !== SsoProtocol.OIDC || !login.nonce || !login.codeVerifier) throw STALE;
  // The provider reports its answer at the address it was given; the exchange must name the same one.
  const answer = new URL(login.redirectUri);
  answer.search = callbackUrl.search;
  let identity;
  try {
    identity = await finishOidc(oidcSettings(ctx, provider), answer, { state: state!, nonce: login.nonce, codeVerifier: login.codeVerifier });
  } catch (error) {
    if (error instanceof OidcProblem) throw refusalFor[error.refusal]!.because(error.message);
    throw error;
  }
  const user = await memberFor(ctx, provider, identity.email, identity.name);
  login.idToken = identity.idToken;
  return handOff(ctx, login, user);
}

function samlSettings(provider: SsoProvider, login: SsoLogin): SamlSpSettings {
  if (!provider.samlEntryPoint || !provider.samlIdpIssuer || !provider.samlCertificate) throw new SsoRefusal(409, 'NOT_CONFIGURED', 'Single sign-on is not set up completely for this organisation. Ask an owner.');
  return {
    entryPoint: provider.samlEntryPoint, idpIssuer: provider.samlIdpIssuer, certificate: provider.samlCertificate,
    acsUrl: login.redirectUri, spEntityId: new URL('metadata', login.redirectUri).href,
  };
}

/**
 * The provider's response (SAML, HTTP-POST binding): RelayState names the sign-in, taken once;
 * node-saml checks the response against it; then as for OpenID Connect.
 */
export async function finishSamlSignIn(ctx: RequestContext, relayState: string | undefined, samlResponse: string | undefined): Promise<string> {
  const login = await claimLogin(ctx, relayState);
  const provider = await ctx.em.findOne(SsoProvider, { id: login.providerId, organisationId: login.organisationId });
  if (!provider?.enabled || provider.protocol !== SsoProtocol.SAML || !login.requestId) throw STALE;
  if (!samlResponse) throw refusalFor.UNVERIFIED!.because('no SAMLResponse');
  let identity;
  try {
    identity = await finishSaml(samlSettings(provider, login), { requestId: login.requestId, issuedAt: login.createdAt }, samlResponse);
  } catch (error) {
    if (error instanceof SamlProblem) throw refusalFor.UNVERIFIED!.because(`SAML: ${error.message}`);
    throw error;
  }
  const user = await memberFor(ctx, provider, identity.email, identity.name);
  return handOff(ctx, login, user);
}

/** The person an allowed address belongs to, made a member with the default role on first sign-in. */
async function memberFor(ctx: RequestContext, provider: SsoProvider, rawEmail: string, name: string | null): Promise<User> {
  const email = normaliseEmail(rawEmail);
  const org = await ctx.em.findOneOrFail(Organisation, { id: provider.organisationId });
  if (!provider.allowedDomains.includes(domainOf(email))) {
    throw new SsoRefusal(403, 'DOMAIN_NOT_ALLOWED', `${email} is not in an email domain ${org.name} allows to sign in through its identity provider. Ask an owner of ${org.name} to invite you instead.`);
  }
  let user = await ctx.em.findOne(User, { email });
  const actorFor = (userId: string) => ({ em: ctx.em, userId, apiKeyId: null, organisationId: provider.organisationId });
  if (!user) {
    // Nobody knows this password: the account signs in through the provider (or resets a password by email).
    user = ctx.em.create(User, { email, name: (name || email.slice(0, email.indexOf('@'))).slice(0, 200), passwordHash: await hashPassword(randomBytes(32).toString('base64url')) });
    audit(actorFor(user.id), 'user.create-by-sso', 'User', user.id, null, { email });
  }
  const member = await ctx.em.findOne(Membership, { organisationId: provider.organisationId, userId: user.id });
  if (!member) {
    const membership = ctx.em.create(Membership, { organisationId: provider.organisationId, userId: user.id, role: provider.defaultRole });
    audit(actorFor(user.id), 'member.add-by-sso', 'Membership', membership.id, null, { userId: user.id, role: provider.defaultRole });
  }
  user.lastLoginAt = new Date();
  audit(actorFor(user.id), 'auth.sso-login', 'User', user.id, null, { email, protocol: provider.protocol });
  return user;
}

async function handOff(ctx: RequestContext, login: SsoLogin, user: User): Promise<string> {
  const code = issueSecret(HANDOFF_PREFIX, login.organisationId, login.id);
  login.userId = user.id;
  login.handoffHash = code.hash;
  await ctx.em.flush();
  const finish = new URL('sso/finish', publicBase(ctx.config, ctx.origin));
  // In the fragment: browsers never send it to a server, so it reaches no access log.
  finish.hash = `code=${code.token}&organisation=${login.organisationId}`;
  return finish.href;
}

/** Every way a hand-off code can fail reads the same. */
const invalidHandoff = () => new WaymarkError('NOT_FOUND', 'This sign-in has already been used or has expired: start again', { what: 'SsoSignIn' });

/** The web app exchanges the one-time code for a session, as after a password sign-in. */
export async function finishSignIn(ctx: RequestContext, code: string): Promise<AuthPayload> {
  const parsed = parseSecret(HANDOFF_PREFIX, code);
  if (!parsed || !isUuid(parsed.rowId)) throw invalidHandoff();
  await ctx.setScope({ organisationId: parsed.organisationId, userId: null });
  const login = await ctx.em.findOne(SsoLogin, { id: parsed.rowId, organisationId: parsed.organisationId });
  if (!login?.handoffHash || !login.userId || !login.answeredAt || !secretMatches(parsed.secret, login.handoffHash)) throw invalidHandoff();
  const taken = await ctx.em.nativeUpdate(
    SsoLogin,
    { id: login.id, organisationId: login.organisationId, handedOffAt: null, answeredAt: { $gt: new Date(Date.now() - HANDOFF_TTL_MS) } },
    { handedOffAt: new Date() },
  );
  if (taken !== 1) throw invalidHandoff();
  await ctx.setScope({ organisationId: login.organisationId, userId: login.userId });
  const user = await ctx.em.findOneOrFail(User, { id: login.userId });
  return sessionFor(ctx, user);
}

