import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '@waymark/domain';

/**
 * One-click unsubscribe links (RFC 8058): the worker signs, the API checks, both with the same
 * secret (AUTH_TOKEN_SECRET). A token names one person in one organisation and nothing else, so it
 * can only ever turn off that person's reminders from that organisation. The HMAC is keyed
 * separately from session tokens by its purpose string, so neither token can pass for the other.
 */
export interface UnsubscribeClaim {
  organisationId: string;
  userId: string;
}

const PURPOSE = 'waymark.unsubscribe.v1';

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(`${PURPOSE}.${body}`).digest('base64url');

export function signUnsubscribe(secret: string, claim: UnsubscribeClaim): string {
  const body = Buffer.from(`${claim.organisationId}.${claim.userId}`).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The claim of a genuine token, or null for anything else (malformed, tampered, signed with another secret). */
export function verifyUnsubscribe(secret: string, token: string): UnsubscribeClaim | null {
  if (token.length > 200) return null;
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [organisationId, userId, ...extra] = Buffer.from(body, 'base64url').toString('utf8').split('.');
  if (extra.length || !organisationId || !userId || !isUuid(organisationId) || !isUuid(userId)) return null;
  return { organisationId, userId };
}
