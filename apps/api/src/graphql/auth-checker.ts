import type { AuthChecker } from 'type-graphql';
import type { Permission } from '@waymark/domain';
import { forbidden, unauthenticated } from '@waymark/domain';
import type { RequestContext } from '../context';

/** The special "guard" for operations anyone may call (log in, accept an invitation). */
export const PUBLIC = 'public';
/** Any signed-in person, whether or not they act for an organisation (e.g. `me`). */
export const SIGNED_IN = 'signed-in';

export type Guard = Permission | typeof PUBLIC | typeof SIGNED_IN;

/**
 * Every field carries `@Authorized(...)` with the permissions it needs (any one suffices). Tenant
 * permissions also need an organisation to act for. The guard snapshot test reads these.
 */
export const authChecker: AuthChecker<RequestContext, Guard> = ({ context }, guards) => {
  if (guards.includes(PUBLIC)) return true;
  if (!context.userId && !context.apiKeyId) throw unauthenticated();
  if (guards.includes(SIGNED_IN)) return true;
  if (!context.organisationId) throw forbidden('Choose an organisation to act for with the x-organisation-id header');
  if (guards.some((g) => context.permissions.has(g as Permission))) return true;
  throw forbidden(`This needs the ${guards.join(' or ')} permission, which your role or key does not have`);
};
