import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApiConfig as Config } from '@waymark/config';
import type { Permission, Role } from '@waymark/domain';
import type { Loaders } from './graphql/loaders';

/** Who is asking and for which organisation. Built once per request; passed first to every service. */
export interface RequestContext {
  requestId: string;
  config: Config;
  /** Runs inside the request's transaction, with row-level security set to `organisationId`. */
  em: EntityManager;
  userId: string | null;
  apiKeyId: string | null;
  organisationId: string | null;
  role: Role | null;
  permissions: ReadonlySet<Permission>;
  loaders: Loaders;
}

/** A context that acts for an organisation: what every tenant service requires. */
export interface TenantContext extends RequestContext {
  organisationId: string;
}

/** Narrows a context the guard has already checked; a missing organisation here is a wiring bug. */
export function tenant(ctx: RequestContext): TenantContext {
  if (!ctx.organisationId) throw new Error('tenant operation reached without an organisation');
  return ctx as TenantContext;
}
