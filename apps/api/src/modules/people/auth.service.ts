import { User } from '@waymark/db';
import { unauthenticated } from '@waymark/domain';
import type { RequestContext } from '../../context';
import { audit } from '../../graphql/audit';
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords';
import { signToken } from '../../auth/tokens';
import type { AuthPayload, Me } from './types';
import { myMemberships } from './views';

const WRONG_CREDENTIALS = 'Email or password is wrong';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** A user with the password hash loaded (it is lazy, so nothing else ever reads it by accident). */
export function findUserWithPassword(ctx: RequestContext, email: string): Promise<User | null> {
  return ctx.em.findOne(User, { email: normaliseEmail(email) }, { populate: ['passwordHash'] });
}

/** A signed session token for a user, with the organisations they may act for. The session's scope must name the user. */
export async function sessionFor(ctx: RequestContext, user: User): Promise<AuthPayload> {
  const { token, expiresAt } = signToken(ctx.config.AUTH_TOKEN_SECRET, ctx.config.AUTH_TOKEN_TTL_SECONDS, { userId: user.id });
  await ctx.em.flush();
  return { token, expiresAt, user: { id: user.id, email: user.email, name: user.name }, memberships: await myMemberships(ctx.db) };
}

/**
 * Signs a person in. An unknown email and a wrong password look the same, take about as long and
 * count alike towards a lock-out, so the answer never tells whether an address has an account.
 */
export async function login(ctx: RequestContext, email: string, password: string): Promise<AuthPayload> {
  const account = normaliseEmail(email);
  // Locked out: refused before the database is asked or a password hashed, whether or not the account exists.
  await ctx.limits.attemptLogin(account, ctx.address);
  const user = await findUserWithPassword(ctx, account);
  const proven = user ? await verifyPassword(user.passwordHash, password) : await burnPasswordCheck(password);
  if (!user || !proven) throw unauthenticated(WRONG_CREDENTIALS);
  await ctx.limits.loginSucceeded(account, ctx.address);

  // No organisation is chosen at sign-in; the user's own scope shows their memberships everywhere.
  await ctx.setScope({ organisationId: null, userId: user.id });
  user.lastLoginAt = new Date();
  audit({ em: ctx.em, userId: user.id, apiKeyId: null, organisationId: null }, 'auth.login', 'User', user.id, null, { email: user.email });
  return sessionFor(ctx, user);
}

export async function me(ctx: RequestContext): Promise<Me> {
  const base = {
    apiKeyId: ctx.apiKeyId,
    activeOrganisationId: ctx.organisationId,
    role: ctx.role,
    permissions: [...ctx.permissions].sort(),
  };
  if (!ctx.userId) return { ...base, user: null, memberships: [] };
  const user = await ctx.db.sharedOne<{ id: string; email: string; name: string }>(`select id, email, name from app_user where id = $1`, ctx.userId);
  if (!user) throw unauthenticated('The session token names no user: log in again');
  return { ...base, user, memberships: await myMemberships(ctx.db) };
}
