import { randomUUID } from 'node:crypto';
import { ApiKey } from '@waymark/db';
import { API_KEY_SCOPES, badInput, forbidden, isApiKeyScope, notFound } from '@waymark/domain';
import type { TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import type { PageInput } from '../../graphql/connection';
import { isUuid } from '../../graphql/ids';
import { paginate } from '../../graphql/paginate';
import { API_KEY_PREFIX } from '../../auth/authenticate';
import { issueSecret } from '../../auth/secrets';
import type { ApiKeyWithSecret } from './types';

export async function createApiKey(ctx: TenantContext, name: string, scopes: string[]): Promise<ApiKeyWithSecret> {
  if (!ctx.userId) throw forbidden('Only a person can create API keys');
  const bad = scopes.find((s) => !isApiKeyScope(s));
  if (bad !== undefined) {
    throw badInput('scopes', `"${bad}" is not an API key scope; choose from ${API_KEY_SCOPES.join(', ')}`, { scope: bad });
  }
  const trimmed = name.trim();
  if (!trimmed) throw badInput('name', 'must not be blank');

  const id = randomUUID();
  const { token, hash, display } = issueSecret(API_KEY_PREFIX, ctx.organisationId, id);
  const apiKey = ctx.em.create(ApiKey, {
    id,
    organisationId: ctx.organisationId,
    name: trimmed,
    prefix: display,
    secretHash: hash,
    scopes: [...new Set(scopes)],
    createdBy: ctx.userId,
  });
  audit(ctx, 'apikey.create', 'ApiKey', apiKey.id, null, snapshot(apiKey));
  await ctx.em.flush();
  return { apiKey, secret: token };
}

export function listApiKeys(ctx: TenantContext, page: PageInput) {
  return paginate(ctx.em, ApiKey, { organisationId: ctx.organisationId }, page, { direction: 'desc' });
}

/** Revoking twice is harmless: the first revocation stands and nothing more is recorded. */
export async function revokeApiKey(ctx: TenantContext, id: string): Promise<ApiKey> {
  const apiKey = isUuid(id) ? await ctx.em.findOne(ApiKey, { id, organisationId: ctx.organisationId }) : null;
  if (!apiKey) throw notFound('ApiKey', id);
  if (apiKey.revokedAt) return apiKey;
  const before = snapshot(apiKey);
  apiKey.revokedAt = new Date();
  audit(ctx, 'apikey.revoke', 'ApiKey', apiKey.id, before, snapshot(apiKey));
  await ctx.em.flush();
  return apiKey;
}
