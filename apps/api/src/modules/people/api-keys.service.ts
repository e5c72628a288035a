import { randomUUID } from 'node:crypto';
import { ApiKey } from '@waymark/db';
import { API_KEY_SCOPES, badInput, forbidden, isApiKeyScope, notFound, isUuid } from '@waymark/domain';
import type { TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import { API_KEY_PREFIX } from '../../auth/credentials';
import { issueSecret } from '../../auth/secrets';
import type { ApiKeyType, ApiKeyWithSecret } from './types';

export function createApiKey(ctx: TenantContext, name: string, scopes: string[]): ApiKeyWithSecret {
  if (!ctx.userId) throw forbidden('Only a person can create API keys');
  const bad = scopes.find((s) => !isApiKeyScope(s));
  if (bad !== undefined) throw badInput('scopes', `"${bad}" is not an API key scope; choose from ${API_KEY_SCOPES.join(', ')}`, { reason: 'UNKNOWN_SCOPE', scope: bad });
  const id = randomUUID();
  const { token, hash, display } = issueSecret(API_KEY_PREFIX, ctx.organisationId, id);
  const apiKey = ctx.em.create(ApiKey, {
    id, organisationId: ctx.organisationId, name, prefix: display, secretHash: hash, scopes: [...new Set(scopes)], createdBy: ctx.userId,
  });
  audit(ctx, 'apikey.create', 'ApiKey', apiKey.id, null, snapshot(apiKey));
  return { apiKey, secret: token };
}

export function listApiKeys(ctx: TenantContext, page: PageArgs): Promise<Connection<ApiKeyType>> {
  return keysetPage({
    query: ctx.db.sql.selectFrom('apiKey').select(['id', 'name', 'prefix', 'scopes', 'createdAt', 'lastUsedAt', 'revokedAt']),
    order: [
      { ref: 'createdAt', direction: 'desc', cast: 'timestamptz' },
      { ref: 'id', direction: 'desc', cast: 'uuid' },
    ],
    orderName: 'api-keys',
    page,
  });
}

/** Revoking twice is harmless: the first revocation stands and nothing more is recorded. */
export async function revokeApiKey(ctx: TenantContext, id: string): Promise<ApiKey> {
  const apiKey = isUuid(id) ? await ctx.em.findOne(ApiKey, { id, organisationId: ctx.organisationId }) : null;
  if (!apiKey) throw notFound('ApiKey', id);
  if (apiKey.revokedAt) return apiKey;
  const before = snapshot(apiKey);
  apiKey.revokedAt = new Date();
  audit(ctx, 'apikey.revoke', 'ApiKey', apiKey.id, before, snapshot(apiKey));
  return apiKey;
}
