import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };

/**
 * OpenID Connect through openid-client (a certified relying party). It ships only ES modules: Node
 * 20.19 and later load them with require(), which is what the compiled import() becomes.
 */
let loading: Promise<typeof OpenIdClient> | null = null;
const openIdClient = () => (loading ??= import('openid-client'));
let loadingJose: Promise<typeof Jose> | null = null;
const jose = () => (loadingJose ??= import('jose'));

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Plain http issuers are allowed outside production only (local providers, tests). */
  allowHttp: boolean;
}

/** Why a provider's answer was not accepted, in a word the sign-in page turns into a sentence. */
export type OidcRefusal = 'PROVIDER_REFUSED' | 'UNVERIFIED' | 'NO_EMAIL' | 'UNREACHABLE';

export class OidcProblem extends Error {
  constructor(
    readonly refusal: OidcRefusal,
    detail: string,
  ) {
    super(detail);
  }
}

/** Seconds to wait for the provider (discovery, the token endpoint) before giving up. */
const PROVIDER_TIMEOUT_SECONDS = 10;

async function configurationFor(settings: OidcClientSettings): Promise<OpenIdClient.Configuration> {
  const client = await openIdClient();
  try {
    return await client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      ...(settings.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    throw new OidcProblem('UNREACHABLE', `discovery at ${settings.issuer} failed: ${(error as Error).message}`);
  }
}

/** Checks that an issuer answers OpenID Connect discovery (when an owner saves the settings). */
export async function checkIssuer(settings: OidcClientSettings): Promise<void> {
  await configurationFor(settings);
}

export interface OidcStart {
  url: string;
  nonce: string;
  codeVerifier: string;
}

/** Where to send the browser: the provider's authorization endpoint with state, nonce and PKCE (S256). */
export async function startOidc(settings: OidcClientSettings, redirectUri: string, state: string, loginHint: string): Promise<OidcStart> {
  const client = await openIdClient();
  const config = await configurationFor(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    login_hint: loginHint,
  });
  return { url: url.href, nonce, codeVerifier };
}

export interface OidcIdentity {
  email: string;
  name: string | null;
  idToken: string | null;
}

/**
 * The callback: the code is exchanged (with the PKCE verifier), and the ID token's signature,
 * issuer, audience, expiry and nonce are checked by openid-client. Any failure is an OidcProblem.
 */
export async function finishOidc(
  settings: OidcClientSettings,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<OidcIdentity> {
  const client = await openIdClient();
  const config = await configurationFor(settings);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedNonce: checks.nonce,
      expectedState: checks.state,
      idTokenExpected: true,
    });
  } catch (error) {
    if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) {
      throw new OidcProblem('PROVIDER_REFUSED', `${error.error}: ${error.error_description ?? ''}`);
    }
    throw new OidcProblem('UNVERIFIED', (error as Error).message);
  }
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) throw new OidcProblem('UNVERIFIED', 'no ID token');
  await verifySignature(config, settings, tokens.id_token);
  let email = typeof claims.email === 'string' ? claims.email : null;
  let verified = claims.email_verified;
  let name = typeof claims.name === 'string' ? claims.name : null;
  if (!email) {
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => null);
    email = typeof info?.email === 'string' ? info.email : null;
    verified = info?.email_verified;
    name = name ?? (typeof info?.name === 'string' ? info.name : null);
  }
  // A provider that says the address is not verified is not trusted with it.
  if (!email || verified === false) throw new OidcProblem('NO_EMAIL', 'the provider gave no verified email address');
  return { email, name, idToken: tokens.id_token ?? null };
}

/**
 * The ID token's signature, against the keys the provider publishes. openid-client does not check
 * it for a token that came straight from the token endpoint (OpenID Connect Core 3.1.3.7 lets a
 * client rely on TLS instead); Waymark checks it anyway, so a token endpoint answered by anyone
 * but the provider (a proxy, a hijacked route, plain http in development) signs nobody in.
 */
async function verifySignature(config: OpenIdClient.Configuration, settings: OidcClientSettings, idToken: string): Promise<void> {
  const { createRemoteJWKSet, jwtVerify } = await jose();
  const jwksUri = config.serverMetadata().jwks_uri;
  if (!jwksUri) throw new OidcProblem('UNVERIFIED', 'the provider publishes no signing keys (jwks_uri)');
  try {
    await jwtVerify(idToken, createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: PROVIDER_TIMEOUT_SECONDS * 1000 }), {
      issuer: config.serverMetadata().issuer,
      audience: settings.clientId,
    });
  } catch (error) {
    throw new OidcProblem('UNVERIFIED', `ID token signature: ${(error as Error).message}`);
  }
}
