import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';

/**
 * A SAML 2.0 identity provider for tests, built here from xml-crypto (the signing library node-saml
 * itself uses to verify), not from `samlp` or `saml-idp`: samlp 8 signs with xml-crypto 2 and
 * @auth0/xmldom 0.1 (both with published vulnerabilities), and saml-idp depends on a GitHub
 * fork of samlp that the npm registry does not carry. It reads the AuthnRequest Waymark really
 * sends (the HTTP-Redirect URL), and answers as a provider would: a signed Response for the
 * Assertion Consumer Service, with the request's id as InResponseTo and the RelayState back.
 */
export interface SigningKey {
  key: string;
  /** PEM certificate. */
  cert: string;
}

export function makeSigningKey(name = 'waymark-test-idp'): SigningKey {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-saml-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${name}`, '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SamlAnswer {
  acsUrl: string;
  form: { SAMLResponse: string; RelayState: string };
}

export interface AnswerOptions {
  email: string;
  /** The audience the assertion names (default: Waymark's entity id from the request's Issuer). */
  audience?: string;
  /** How long from now the assertion is valid (negative: already expired). */
  validForSeconds?: number;
  /** Sign with this key instead of the provider's own. */
  signWith?: SigningKey;
}

export class TestSamlIdp {
  readonly signing = makeSigningKey();

  constructor(readonly entityId: string) {}

  get entryPoint(): string {
    return `${this.entityId}/sso`;
  }

  /** The AuthnRequest in Waymark's redirect, read as the provider would read it. */
  static readRequest(redirect: string): { id: string; acsUrl: string; issuer: string; relayState: string } {
    const url = new URL(redirect);
    const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
    const id = /\sID="([^"]+)"/.exec(xml)?.[1];
    const acsUrl = /AssertionConsumerServiceURL="([^"]+)"/.exec(xml)?.[1];
    const issuer = /<saml:Issuer[^>]*>([^<]+)<\/saml:Issuer>/.exec(xml)?.[1];
    if (!id || !acsUrl || !issuer) throw new Error(`not an AuthnRequest: ${xml}`);
    return { id, acsUrl, issuer, relayState: url.searchParams.get('RelayState') ?? '' };
  }

  /** The provider's signed answer to the request in `redirect`, for the person `options.email`. */
  answer(redirect: string, options: AnswerOptions): SamlAnswer {
    const request = TestSamlIdp.readRequest(redirect);
    const now = new Date();
    const until = new Date(now.getTime() + (options.validForSeconds ?? 300) * 1000).toISOString();
    const notBefore = new Date(Math.min(now.getTime(), now.getTime() + (options.validForSeconds ?? 300) * 1000) - 60_000).toISOString();
    const assertionId = `_a${randomUUID().replace(/-/g, '')}`;
    const xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID().replace(/-/g, '')}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${request.acsUrl}" InResponseTo="${request.id}">` +
      `<saml:Issuer>${this.entityId}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      `<saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${now.toISOString()}">` +
      `<saml:Issuer>${this.entityId}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${options.email}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${request.id}" NotOnOrAfter="${until}" Recipient="${request.acsUrl}"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${options.audience ?? request.issuer}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="_s${randomUUID().slice(0, 8)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `<saml:AttributeStatement><saml:Attribute Name="email"><saml:AttributeValue>${options.email}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>` +
      `</saml:Assertion></samlp:Response>`;
    const signer = options.signWith ?? this.signing;
    const sig = new SignedXml({
      privateKey: signer.key,
      publicCert: signer.cert,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    sig.addReference({
      xpath: "//*[local-name(.)='Assertion']",
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    });
    sig.computeSignature(xml, { location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } });
    return { acsUrl: request.acsUrl, form: { SAMLResponse: Buffer.from(sig.getSignedXml()).toString('base64'), RelayState: request.relayState } };
  }
}
