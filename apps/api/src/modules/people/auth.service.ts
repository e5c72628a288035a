import { Membership, User, setTenantScope } from '@waymark/db';
import { unauthenticated } from '@waymark/domain';
import type { RequestContext } from '../../context';
import { audit } from '../../graphql/audit';
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords';
import { signToken } from '../../auth/tokens';
import type { AuthPayload, Me } from './types';
import { membershipViews, userView } from './views';

const WRONG_CREDENTIALS = 'Email or password is wrong';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** A user with the password hash loaded (it is lazy, so nothing else ever reads it by accident). */
export function findUserWithPassword(ctx: RequestContext, email: string): Promise<User | null> {
  return ctx.em.findOne(User, { email: normaliseEmail(email) }, { populate: ['passwordHash'] });
}

/** A user's memberships in every organisation: the transaction's scope must name that user. */
export function membershipsOf(ctx: RequestContext, userId: string): Promise<Membership[]> {
  return ctx.em.find(Membership, { userId }, { filters: false, orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** A signed session token for a user, with the organisations they may act for. */
export async function sessionFor(ctx: RequestContext, user: User): Promise<AuthPayload> {
  const { token, expiresAt } = signToken(ctx.config.AUTH_TOKEN_SECRET, ctx.config.AUTH_TOKEN_TTL_SECONDS, { userId: user.id });
  const memberships = await membershipViews(ctx, await membershipsOf(ctx, user.id));
  return { token, expiresAt, user: userView(user), memberships };
}

/**
 * Signs a person in. An unknown email and a wrong password look the same, and take about as long,
 * so the answer never tells whether an address has an account.
 */
export async function login(ctx: RequestContext, email: string, password: string): Promise<AuthPayload> {
  const user = await findUserWithPassword(ctx, email);
  if (!user) {
    await burnPasswordCheck(password);
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  if (!(await verifyPassword(user.passwordHash, password))) throw unauthenticated(WRONG_CREDENTIALS);

  // No organisation is chosen at sign-in; the user's own scope shows their memberships everywhere.
  await setTenantScope(ctx.em, { organisationId: null, userId: user.id });
  user.lastLoginAt = new Date();
  audit({ ...ctx, userId: user.id, apiKeyId: null }, 'auth.login', 'User', user.id, null, { email: user.email }, null);
  await ctx.em.flush();
  return sessionFor(ctx, user);
}

export async function me(ctx: RequestContext): Promise<Me> {
  const base = {
    apiKeyId: ctx.apiKeyId,
    activeOrganisationId: ctx.organisationId,
    role: (ctx.role ?? null) as Me['role'],
    permissions: [...ctx.permissions].sort(),
  };
  if (!ctx.userId) return { ...base, user: null, memberships: [] };
  const user = await ctx.em.findOne(User, { id: ctx.userId });
  if (!user) throw unauthenticated('The session token names no user: log in again');
  return { ...base, user: userView(user), memberships: await membershipViews(ctx, await membershipsOf(ctx, user.id)) };
}
