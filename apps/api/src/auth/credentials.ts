import { WaymarkError, forbidden, unauthenticated, isUuid } from '@waymark/domain';
import { parseSecret } from './secrets';
import { verifyToken } from './tokens';

export const API_KEY_PREFIX = 'wmk';

/** Who a request says it is, checked as far as can be without the database. */
export type Credential =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; sessionId: string; organisationId: string | null }
  | { kind: 'key'; organisationId: string; keyId: string; secret: string };

type Headers = Record<string, string | string[] | undefined>;

const one = (headers: Headers, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Reads the credential headers of a request, the same for GraphQL and for downloads: a session
 * token (`Authorization: Bearer <jwt>`, with `x-organisation-id` to choose among one's
 * organisations) or an API key (`x-api-key`, or `Authorization: Bearer wmk_...`), which implies its
 * own organisation. Anything that does not check out is UNAUTHENTICATED, FORBIDDEN or
 * BAD_USER_INPUT, never a silent downgrade to anonymous.
 */
export function readCredential(headers: Headers, tokenSecret: string): Credential {
  const authorization = one(headers, 'authorization');
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (authorization && !bearer) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  const apiKey = one(headers, 'x-api-key') ?? (bearer?.startsWith(`${API_KEY_PREFIX}_`) ? bearer : undefined);
  const organisationHeader = one(headers, 'x-organisation-id')?.trim() || null;
  if (organisationHeader && !isUuid(organisationHeader)) {
    throw new WaymarkError('BAD_USER_INPUT', 'x-organisation-id: must be an organisation id (a UUID)', { field: 'x-organisation-id' });
  }
  if (apiKey) {
    const parsed = parseSecret(API_KEY_PREFIX, apiKey);
    if (!parsed) throw unauthenticated('The API key is malformed');
    if (organisationHeader && organisationHeader.toLowerCase() !== parsed.organisationId) {
      throw forbidden('An API key acts only for its own organisation: drop x-organisation-id or use the matching key');
    }
    return { kind: 'key', organisationId: parsed.organisationId, keyId: parsed.rowId, secret: parsed.secret };
  }
  if (!bearer) return { kind: 'anonymous' };
  const claims = verifyToken(tokenSecret, bearer);
  if (!claims || !isUuid(claims.userId) || !isUuid(claims.sessionId)) throw unauthenticated('The session token is invalid or has expired: log in again');
  return { kind: 'user', userId: claims.userId, sessionId: claims.sessionId, organisationId: organisationHeader };
}
