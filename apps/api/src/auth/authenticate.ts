import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey, Membership, setTenantScope } from '@waymark/db';
import {
  type Permission,
  type Role,
  WaymarkError,
  forbidden,
  isApiKeyScope,
  permissionsForRole,
  unauthenticated,
} from '@waymark/domain';
import { parseSecret, secretMatches } from './secrets';
import { verifyToken } from './tokens';

export interface Principal {
  userId: string | null;
  apiKeyId: string | null;
  organisationId: string | null;
  role: Role | null;
  permissions: ReadonlySet<Permission>;
}

export const ANONYMOUS: Principal = { userId: null, apiKeyId: null, organisationId: null, role: null, permissions: new Set() };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const API_KEY_PREFIX = 'wmk';

export interface Credentials {
  authorization?: string;
  apiKey?: string;
  organisationHeader?: string;
}

type Headers = Record<string, string | string[] | undefined>;

/** The credential headers of a request, the same for GraphQL and for downloads. */
export function credentialsFrom(headers: Headers): Credentials {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { authorization: one('authorization'), apiKey: one('x-api-key'), organisationHeader: one('x-organisation-id') };
}

/**
 * Turns request headers into a principal and points the transaction's row-level security at its
 * organisation. A person names the organisation with `x-organisation-id` (or has only one); an API
 * key implies its own. Anything that does not check out is UNAUTHENTICATED or FORBIDDEN, never a
 * silent downgrade to anonymous.
 */
export async function authenticate(em: EntityManager, secret: string, creds: Credentials): Promise<Principal> {
  const bearer = creds.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (creds.authorization && !bearer) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  const apiKey = creds.apiKey ?? (bearer?.startsWith(`${API_KEY_PREFIX}_`) ? bearer : undefined);
  const organisationHeader = creds.organisationHeader?.trim() || undefined;
  if (organisationHeader && !UUID.test(organisationHeader)) {
    throw new WaymarkError('BAD_USER_INPUT', 'x-organisation-id: must be an organisation id (a UUID)', { field: 'x-organisation-id' });
  }

  if (apiKey) return authenticateApiKey(em, apiKey, organisationHeader);
  if (!bearer) {
    await setTenantScope(em, { organisationId: null, userId: null });
    return ANONYMOUS;
  }

  const claims = verifyToken(secret, bearer);
  if (!claims) throw unauthenticated('The session token is invalid or has expired: log in again');
  await setTenantScope(em, { organisationId: null, userId: claims.userId });
  const memberships = await em.find(Membership, { userId: claims.userId }, { filters: false });
  const membership = organisationHeader
    ? memberships.find((m) => m.organisationId === organisationHeader)
    : memberships.length === 1
      ? memberships[0]
      : undefined;
  // Naming an organisation you do not belong to looks exactly like naming one that does not exist.
  if (organisationHeader && !membership) throw new WaymarkError('NOT_FOUND', `Organisation ${organisationHeader} was not found`);
  if (!membership) return { ...ANONYMOUS, userId: claims.userId };

  await setTenantScope(em, { organisationId: membership.organisationId, userId: claims.userId });
  const role = membership.role as Role;
  return { userId: claims.userId, apiKeyId: null, organisationId: membership.organisationId, role, permissions: permissionsForRole(role) };
}

async function authenticateApiKey(em: EntityManager, token: string, organisationHeader: string | undefined): Promise<Principal> {
  const parsed = parseSecret(API_KEY_PREFIX, token);
  if (!parsed) throw unauthenticated('The API key is malformed');
  if (organisationHeader && organisationHeader !== parsed.organisationId) {
    throw forbidden('An API key acts only for its own organisation: drop x-organisation-id or use the matching key');
  }
  await setTenantScope(em, { organisationId: parsed.organisationId, userId: null });
  const key = await em.findOne(ApiKey, { id: parsed.rowId });
  if (!key || key.revokedAt || !secretMatches(parsed.secret, key.secretHash)) {
    throw unauthenticated('The API key is unknown or has been revoked');
  }
  // Recording every use would write on every read; once a minute is enough to tell a key is alive.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: new Date() });
  }
  const permissions = new Set(key.scopes.filter(isApiKeyScope)) as ReadonlySet<Permission>;
  return { userId: null, apiKeyId: key.id, organisationId: key.organisationId, role: null, permissions };
}
