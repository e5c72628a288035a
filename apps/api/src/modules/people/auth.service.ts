import { AccountMail, PasswordReset, User, UserSession } from '@waymark/db';
import { WaymarkError, badInput, forbidden, unauthenticated } from '@waymark/domain';
import { accountLinkToken } from '@waymark/jobs';
import { traceparent } from '@waymark/telemetry';
import type { RequestContext } from '../../context';
import { audit } from '../../graphql/audit';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../auth/passwords';
import { hashSecret, parseSecret, secretMatches } from '../../auth/secrets';
import { startSession } from '../../auth/tokens';
import { MIN_PASSWORD_LENGTH, PASSWORD_RESET_TTL_MINUTES } from './inputs';
import { challengeFor, confirmedFactor } from './second-factor.service';
import type { AuthPayload, Me } from './types';
import { myMemberships } from './reads';
import { organisationsRequiringSso } from '../sso/service';

const WRONG_CREDENTIALS = 'Email or password is wrong';

/** Why a session ended before its time (user_session.revoked_reason). */
export type SessionEnd = 'sign-out' | 'sign-out-everywhere' | 'password-change' | 'password-reset';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** A user with the password hash loaded (it is lazy, so nothing else ever reads it by accident). */
export function findUserWithPassword(ctx: RequestContext, email: string): Promise<User | null> {
  return ctx.em.findOne(User, { email: normaliseEmail(email) }, { populate: ['passwordHash'] });
}

/** A new password must be long enough; the field named is the one the person typed it in. */
export function assertPasswordRules(field: string, password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw badInput(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`, { reason: 'TOO_SHORT', limit: MIN_PASSWORD_LENGTH, actual: password.length });
}

/**
 * A new server-side session for a user and its signed token, with the organisations they may act
 * for; or, when the person has a second factor and is not already signed in with a session, a
 * challenge to complete with a code (a reset or invitation link alone does not pass the second
 * factor). The session's scope must name the user (row-level security on user_session).
 */
export async function sessionFor(ctx: RequestContext, user: User): Promise<AuthPayload> {
  const alreadySignedIn = ctx.userId === user.id && ctx.sessionId !== null;
  if (!alreadySignedIn && (await confirmedFactor(ctx, user.id))) return challengeFor(ctx, user);
  return openSessionFor(ctx, user);
}

/** A new session, with no second-factor check: only after the person has proven everything they must. */
export async function openSessionFor(ctx: RequestContext, user: User): Promise<AuthPayload> {
  const { token, expiresAt } = await startSession(ctx.em, ctx.config.AUTH_TOKEN_SECRET, ctx.config.AUTH_TOKEN_TTL_SECONDS, user.id);
  await ctx.em.flush();
  return { token, expiresAt, user: { id: user.id, email: user.email, name: user.name }, memberships: await myMemberships(ctx.db), secondFactorChallenge: null };
}

/**
 * Ends a person's live sessions at once (the next request with their tokens is UNAUTHENTICATED),
 * all of them or all but one. The scope must name the person. Returns how many ended.
 */
export function endSessions(ctx: RequestContext, userId: string, reason: SessionEnd, except?: string): Promise<number> {
  return ctx.em.nativeUpdate(
    UserSession,
    { userId, revokedAt: null, expiresAt: { $gt: new Date() }, ...(except ? { id: { $ne: except } } : {}) },
    { revokedAt: new Date(), revokedReason: reason },
  );
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
  // Told only once the password is proven, so it says nothing about an address to a guesser.
  await assertPasswordSignInAllowed(ctx, user.id);

  // No organisation is chosen at sign-in; the user's own scope shows their memberships everywhere.
  await ctx.setScope({ organisationId: null, userId: user.id });
  // With a second factor the password alone opens no session: completeSignIn does, with a code.
  if (await confirmedFactor(ctx, user.id)) return challengeFor(ctx, user);
  user.lastLoginAt = new Date();
  audit({ em: ctx.em, userId: user.id, apiKeyId: null, organisationId: null }, 'auth.login', 'User', user.id, null, { email: user.email });
  return openSessionFor(ctx, user);
}

/**
 * A session opened by a password (sign-in, a reset link, an invitation accepted with a password)
 * is refused to a member of an organisation that requires single sign-on of them.
 */
export async function assertPasswordSignInAllowed(ctx: RequestContext, userId: string): Promise<void> {
  const requiring = await organisationsRequiringSso(ctx, userId);
  if (requiring.length) {
    throw forbidden(`${requiring.join(', ')} requires you to sign in through its identity provider: use "Sign in with your organisation"`, { reason: 'SSO_REQUIRED' });
  }
}

/** The person behind a session token; an API key has no session to end or password to change. */
function sessionOwner(ctx: RequestContext): { userId: string; sessionId: string } {
  if (!ctx.userId || !ctx.sessionId) throw forbidden('Only a person signed in with a session can do this, not an API key');
  return { userId: ctx.userId, sessionId: ctx.sessionId };
}

const personal = (ctx: RequestContext, userId: string) => ({ em: ctx.em, userId, apiKeyId: null, organisationId: null });

/** Ends this session only. */
export async function signOut(ctx: RequestContext): Promise<boolean> {
  const { userId, sessionId } = sessionOwner(ctx);
  await ctx.em.nativeUpdate(UserSession, { id: sessionId, userId, revokedAt: null }, { revokedAt: new Date(), revokedReason: 'sign-out' satisfies SessionEnd });
  audit(personal(ctx, userId), 'auth.sign-out', 'User', userId, null, { sessions: 1 });
  return true;
}

/** Ends every session of the person, this one included (a lost phone, a shared computer). */
export async function signOutEverywhere(ctx: RequestContext): Promise<number> {
  const { userId } = sessionOwner(ctx);
  const ended = await endSessions(ctx, userId, 'sign-out-everywhere');
  audit(personal(ctx, userId), 'auth.sign-out-everywhere', 'User', userId, null, { sessions: ended });
  return ended;
}

/**
 * Changes the password, proven by the current one (wrong guesses count towards the same lock-out
 * as sign-in). Every other session ends; this one goes on.
 */
export async function changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<number> {
  const { userId, sessionId } = sessionOwner(ctx);
  const user = await ctx.em.findOneOrFail(User, { id: userId }, { populate: ['passwordHash'] });
  await ctx.limits.attemptLogin(user.email, ctx.address);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new WaymarkError('BAD_USER_INPUT', 'currentPassword: is not your current password', { field: 'currentPassword', reason: 'WRONG_PASSWORD' });
  }
  await ctx.limits.loginSucceeded(user.email, ctx.address);
  assertPasswordRules('newPassword', newPassword);
  user.passwordHash = await hashPassword(newPassword);
  const ended = await endSessions(ctx, userId, 'password-change', sessionId);
  audit(personal(ctx, userId), 'auth.password-change', 'User', userId, null, { otherSessionsEnded: ended });
  return ended;
}

/**
 * Sends a password reset link to the address if it has an account, and says the same either way
 * (the limits count any address, known or not). The email is written with the reset and sent by
 * the worker; the link works once, for PASSWORD_RESET_TTL_MINUTES.
 */
export async function requestPasswordReset(ctx: RequestContext, rawEmail: string): Promise<boolean> {
  const email = normaliseEmail(rawEmail);
  await ctx.limits.attemptPasswordReset(email, ctx.address);
  const user = await ctx.em.findOne(User, { email });
  if (!user) return true;
  await ctx.setScope({ organisationId: null, userId: user.id });
  const reset = ctx.em.create(PasswordReset, {
    userId: user.id, tokenHash: '', expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000),
  });
  reset.tokenHash = hashSecret(accountLinkToken(ctx.config.AUTH_TOKEN_SECRET, 'password-reset', user.id, reset.id, 1).secret);
  ctx.em.create(AccountMail, { ownerId: user.id, kind: 'password-reset', subjectId: reset.id, recipient: user.email, traceparent: traceparent() });
  audit(personal(ctx, user.id), 'auth.password-reset-request', 'User', user.id, null, null);
  return true;
}

/** Every way a reset link can fail reads the same, so a guess learns nothing. */
const invalidReset = () => new WaymarkError('NOT_FOUND', 'This password reset link is not valid any more: ask for a new one', { what: 'PasswordReset' });

/** Sets a new password with a reset link (once), ends every session, and signs in with a new one. */
export async function resetPassword(ctx: RequestContext, token: string, newPassword: string): Promise<AuthPayload> {
  const parsed = parseSecret('pwr', token);
  if (!parsed) throw invalidReset();
  // The token names its person: the reset is read under their scope only.
  await ctx.setScope({ organisationId: null, userId: parsed.organisationId });
  const reset = await ctx.em.findOne(PasswordReset, { id: parsed.rowId, userId: parsed.organisationId });
  if (!reset || !secretMatches(parsed.secret, reset.tokenHash) || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) throw invalidReset();
  assertPasswordRules('newPassword', newPassword);
  const user = await ctx.em.findOneOrFail(User, { id: reset.userId }, { populate: ['passwordHash'] });
  user.passwordHash = await hashPassword(newPassword);
  // This link and any other still open are spent.
  await ctx.em.nativeUpdate(PasswordReset, { userId: user.id, usedAt: null }, { usedAt: new Date() });
  reset.usedAt = new Date();
  const ended = await endSessions(ctx, user.id, 'password-reset');
  audit(personal(ctx, user.id), 'auth.password-reset', 'User', user.id, null, { sessionsEnded: ended });
  await assertPasswordSignInAllowed(ctx, user.id);
  return sessionFor(ctx, user);
}

export async function me(ctx: RequestContext): Promise<Me> {
  const base = {
    apiKeyId: ctx.apiKeyId,
    activeOrganisationId: ctx.organisationId,
    role: ctx.role,
    permissions: [...ctx.permissions].sort(),
    secondFactorRequired: ctx.secondFactorMissing,
  };
  if (!ctx.userId) return { ...base, user: null, memberships: [] };
  const user = await ctx.db.sql.selectFrom('appUser').select(['id', 'email', 'name']).where('id', '=', ctx.userId).executeTakeFirst();
  if (!user) throw unauthenticated('The session token names no user: log in again');
  return { ...base, user, memberships: await myMemberships(ctx.db) };
}
