import type { AuthChecker } from 'type-graphql';
import type { Permission } from '@waymark/domain';
import { forbidden, unauthenticated } from '@waymark/domain';
import type { RequestContext } from '../context';

/** The special "guard" for operations anyone may call (log in, accept an invitation). */
export const PUBLIC = 'public';
/** Any signed-in person, whether or not they act for an organisation (e.g. `me`). */
export const SIGNED_IN = 'signed-in';

export type Guard = Permission | typeof PUBLIC | typeof SIGNED_IN;

type Caller = Pick<RequestContext, 'userId' | 'apiKeyId' | 'organisationId' | 'permissions'> & { secondFactorMissing?: boolean };

/** Refusal of an owner or manager who has not set up the second factor their organisation requires. */
export const secondFactorRequired = () =>
  forbidden(
    'Your organisation requires owners and managers to use a second factor: set up an authenticator app under Your account, then carry on',
    { reason: 'SECOND_FACTOR_REQUIRED' },
  );

/**
 * The one access rule, for GraphQL fields and downloads alike: a credential, an organisation to act
 * for, and one of the permissions asked for. Throws UNAUTHENTICATED or FORBIDDEN.
 */
export function assertAllowed(caller: Caller, guards: readonly Guard[]): void {
  if (guards.includes(PUBLIC)) return;
  if (!caller.userId && !caller.apiKeyId) throw unauthenticated();
  if (guards.includes(SIGNED_IN)) return;
  if (!caller.organisationId) throw forbidden('Choose an organisation to act for with the x-organisation-id header');
  if (caller.secondFactorMissing) throw secondFactorRequired();
  if (guards.some((g) => caller.permissions.has(g as Permission))) return;
  throw forbidden(`This needs the ${guards.join(' or ')} permission, which your role or key does not have`);
}

/** Every field carries `@Authorized(...)` with the permissions it needs; the guard snapshot test reads these. */
export const authChecker: AuthChecker<RequestContext, Guard> = ({ context }, guards) => {
  assertAllowed(context, guards);
  return true;
};
