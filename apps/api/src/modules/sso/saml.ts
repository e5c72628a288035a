import { type CacheProvider, SAML, ValidateInResponseTo } from '@node-saml/node-saml';

export interface SamlSpSettings {
  /** The provider's single sign-on address (HTTP-Redirect binding). */
  entryPoint: string;
  /** The provider's entity id: the Issuer its responses must carry. */
  idpIssuer: string;
  /** The provider's signing certificate (base64 body of the PEM). */
  certificate: string;
  /** Waymark's Assertion Consumer Service address (where the provider POSTs its response). */
  acsUrl: string;
  /** Waymark's entity id, the audience assertions must name. */
  spEntityId: string;
}

export class SamlProblem extends Error {}

/** A sign-in may take this long at the provider (as the login row's own lifetime). */
const REQUEST_LIFETIME_MS = 10 * 60_000;

/**
 * node-saml for one sign-in. Its cache of issued request ids is the login row: on the way out it
 * reports the id it made (`issued`), on the way back only the login's own id is known, so
 * InResponseTo must name the request this very sign-in sent (and the row is taken once).
 */
function samlFor(settings: SamlSpSettings, expected: { requestId: string; issuedAt: Date } | null, issued: { id?: string } = {}): SAML {
  const cacheProvider: CacheProvider = {
    saveAsync: (key, value) => {
      issued.id = key;
      return Promise.resolve({ value, createdAt: Date.now() });
    },
    // node-saml reads the cached value as the instant the request was made (for its own expiry check).
    getAsync: (key) => Promise.resolve(expected && key === expected.requestId ? expected.issuedAt.toISOString() : null),
    removeAsync: (key) => Promise.resolve(key),
  };
  return new SAML({
    entryPoint: settings.entryPoint,
    idpIssuer: settings.idpIssuer,
    idpCert: settings.certificate,
    issuer: settings.spEntityId,
    audience: settings.spEntityId,
    callbackUrl: settings.acsUrl,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_LIFETIME_MS,
    cacheProvider,
    identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    disableRequestedAuthnContext: true,
  });
}

/** Where to send the browser (the AuthnRequest, deflated, with RelayState), and the request's id. */
export async function startSaml(settings: SamlSpSettings, relayState: string): Promise<{ url: string; requestId: string }> {
  const issued: { id?: string } = {};
  const url = await samlFor(settings, null, issued).getAuthorizeUrlAsync(relayState, undefined, {});
  if (!issued.id) throw new SamlProblem('node-saml made no request id');
  return { url, requestId: issued.id };
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The provider's response: node-saml checks the signature against the provider's certificate
 * (reading the assertion only from the signed bytes, since 5.1), the issuer, the audience, the
 * validity window and that InResponseTo names this sign-in's request. Returns the email address.
 */
export async function finishSaml(settings: SamlSpSettings, request: { requestId: string; issuedAt: Date }, samlResponse: string): Promise<{ email: string; name: string | null }> {
  let profile;
  try {
    ({ profile } = await samlFor(settings, request).validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (error) {
    throw new SamlProblem((error as Error).message);
  }
  if (!profile) throw new SamlProblem('no assertion');
  const candidates = [profile.email, profile.mail, profile['urn:oid:0.9.2342.19200300.100.1.3'], profile.nameID];
  const email = candidates.find((c): c is string => typeof c === 'string' && EMAIL.test(c));
  if (!email) throw new SamlProblem('the assertion names no email address');
  const name = typeof profile.displayName === 'string' ? profile.displayName : null;
  return { email, name };
}
