import { Organisation, RecoveryCode, SecondFactor, User } from '@waymark/db';
import { WaymarkError, badInput, conflict, forbidden, unauthenticated } from '@waymark/domain';
import type { RequestContext, TenantContext } from '../../context';
import { audit } from '../../graphql/audit';
import { verifyPassword } from '../../auth/passwords';
import {
  asRecoveryCode, asTotpCode, checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, openTotpSecret, recoveryCodeMatches,
  sealTotpSecret, totpUri,
} from '../../auth/second-factor';
import { signChallenge, verifyChallenge } from '../../auth/tokens';
import type { AuthPayload, OrganisationType, RecoveryCodes, SecondFactorSetup, SecondFactorStatus } from './types';
import { getOrganisation, activeOrganisation } from './organisation.service';

/**
 * Codes are counted like passwords (the same lock-out machinery), under a key of their own: a right
 * password must not clear a run of wrong codes, or guessing could go on between passwords.
 */
const codeAttempts = (userId: string) => `second-factor:${userId}`;

const personal = (ctx: RequestContext, userId: string) => ({ em: ctx.em, userId, apiKeyId: null, organisationId: null });

function person(ctx: RequestContext): string {
  if (!ctx.userId || !ctx.sessionId) throw forbidden('Only a person signed in with a session has a second factor, not an API key');
  return ctx.userId;
}

const wrongCode = () => badInput('code', 'is not a current code from your authenticator app, nor an unused recovery code', { reason: 'WRONG_CODE' });
const usedCode = () => badInput('code', 'has been used already: wait for the next code your app shows', { reason: 'CODE_USED' });

/** The person's confirmed factor, read under their own scope (the caller has set it). */
export function confirmedFactor(ctx: RequestContext, userId: string): Promise<SecondFactor | null> {
  return ctx.em.findOne(SecondFactor, { userId, confirmedAt: { $ne: null } });
}

/**
 * The person's key. One sealed under an earlier AUTH_TOKEN_SECRET no longer opens: no code from the
 * app can match it then (a recovery code still can), so it reads as a wrong code, never as a fault.
 */
function keyOf(ctx: RequestContext, factor: SecondFactor): string {
  try {
    return openTotpSecret(ctx.config.AUTH_TOKEN_SECRET, factor.userId, factor.secretSealed);
  } catch {
    throw wrongCode();
  }
}

/** Instead of a session: proof of the password, to be completed with a code. */
export function challengeFor(ctx: RequestContext, user: User): AuthPayload {
  const { challenge, expiresAt } = signChallenge(ctx.config.AUTH_TOKEN_SECRET, user.id);
  return { token: null, expiresAt, user: { id: user.id, email: user.email, name: user.name }, memberships: [], secondFactorChallenge: challenge };
}

/**
 * Proves a code for a factor: a TOTP code (accepted once: its time step is recorded, and the update
 * is conditional, so two requests with one code cannot both pass) or an unused recovery code (spent
 * in the same conditional way). Returns how it was proven.
 */
async function proveCode(ctx: RequestContext, factor: SecondFactor, input: string): Promise<'totp' | 'recovery-code'> {
  const totp = asTotpCode(input);
  if (totp) {
    const check = checkTotp(keyOf(ctx, factor), totp, factor.lastTimeStep);
    if (!check.ok) throw check.used ? usedCode() : wrongCode();
    const taken = await ctx.em.nativeUpdate(
      SecondFactor,
      { id: factor.id, $or: [{ lastTimeStep: null }, { lastTimeStep: { $lt: check.timeStep } }] },
      { lastTimeStep: check.timeStep },
    );
    if (taken !== 1) throw usedCode();
    factor.lastTimeStep = check.timeStep;
    return 'totp';
  }
  const recovery = asRecoveryCode(input);
  if (!recovery) throw wrongCode();
  const unused = await ctx.em.find(RecoveryCode, { userId: factor.userId, usedAt: null });
  for (const code of unused) {
    if (!(await recoveryCodeMatches(code.codeHash, recovery))) continue;
    const spent = await ctx.em.nativeUpdate(RecoveryCode, { id: code.id, usedAt: null }, { usedAt: new Date() });
    if (spent !== 1) throw usedCode();
    audit(personal(ctx, factor.userId), 'auth.recovery-code-used', 'User', factor.userId, null, { recoveryCodesLeft: unused.length - 1 });
    return 'recovery-code';
  }
  throw wrongCode();
}

/** Checks a code under the sign-in lock-out: a wrong one counts as a failed sign-in, a right one clears the run. */
async function proveCodeLimited(ctx: RequestContext, factor: SecondFactor, input: string): Promise<'totp' | 'recovery-code'> {
  await ctx.limits.attemptLogin(codeAttempts(factor.userId), ctx.address);
  const how = await proveCode(ctx, factor, input);
  await ctx.limits.loginSucceeded(codeAttempts(factor.userId), ctx.address);
  return how;
}

/** The second step of signing in: the challenge and a code give the session. */
export async function completeSignIn(ctx: RequestContext, challenge: string, code: string, open: (user: User) => Promise<AuthPayload>): Promise<AuthPayload> {
  const userId = verifyChallenge(ctx.config.AUTH_TOKEN_SECRET, challenge);
  if (!userId) throw unauthenticated('This sign-in has expired or is not valid: sign in with your password again');
  // Counted before anything is read, as a password is.
  await ctx.limits.attemptLogin(codeAttempts(userId), ctx.address);
  await ctx.setScope({ organisationId: null, userId });
  const [user, factor] = await Promise.all([ctx.em.findOne(User, { id: userId }), confirmedFactor(ctx, userId)]);
  // The factor was turned off (or the person erased) since the password step: start again.
  if (!user || !factor) throw unauthenticated('This sign-in is not valid any more: sign in with your password again');
  const how = await proveCode(ctx, factor, code);
  await ctx.limits.loginSucceeded(codeAttempts(userId), ctx.address);
  user.lastLoginAt = new Date();
  audit(personal(ctx, userId), 'auth.login', 'User', userId, null, { email: user.email, secondFactor: how });
  return open(user);
}

export async function secondFactorStatus(ctx: RequestContext): Promise<SecondFactorStatus> {
  const userId = person(ctx);
  const [factor, left] = await Promise.all([
    ctx.db.ownSql.selectFrom('secondFactor').select(['confirmedAt']).where('userId', '=', userId).where('confirmedAt', 'is not', null).executeTakeFirst(),
    ctx.db.ownSql.selectFrom('recoveryCode').select((eb) => eb.fn.countAll<string>().as('n')).where('userId', '=', userId).where('usedAt', 'is', null).executeTakeFirst(),
  ]);
  return { enabled: Boolean(factor), enabledAt: factor?.confirmedAt ?? null, recoveryCodesLeft: factor ? Number(left?.n ?? 0) : 0 };
}

/** Starts setting up: a new key (replacing any unconfirmed one), shown this once. */
export async function beginSetup(ctx: RequestContext): Promise<SecondFactorSetup> {
  const userId = person(ctx);
  const existing = await ctx.em.findOne(SecondFactor, { userId });
  if (existing?.confirmedAt) throw conflict('A second factor is already on: turn it off first to set up another', { reason: 'SECOND_FACTOR_ON' });
  const user = await ctx.em.findOneOrFail(User, { id: userId });
  const secret = newTotpSecret();
  const factor = existing ?? ctx.em.create(SecondFactor, { userId, secretSealed: '' });
  factor.secretSealed = sealTotpSecret(ctx.config.AUTH_TOKEN_SECRET, userId, secret);
  factor.lastTimeStep = null;
  return { secret, uri: totpUri(secret, user.email) };
}

/** Turns the factor on with a current code for the new key, and answers the recovery codes, once. */
export async function confirmSetup(ctx: RequestContext, code: string): Promise<RecoveryCodes> {
  const userId = person(ctx);
  const factor = await ctx.em.findOne(SecondFactor, { userId });
  if (!factor) throw conflict('Start setting up an authenticator app first', { reason: 'NO_SETUP' });
  if (factor.confirmedAt) throw conflict('A second factor is already on', { reason: 'SECOND_FACTOR_ON' });
  const totp = asTotpCode(code);
  await ctx.limits.attemptLogin(codeAttempts(userId), ctx.address);
  if (!totp) throw wrongCode();
  const check = checkTotp(keyOf(ctx, factor), totp, null);
  if (!check.ok) throw wrongCode();
  await ctx.limits.loginSucceeded(codeAttempts(userId), ctx.address);
  factor.confirmedAt = new Date();
  factor.lastTimeStep = check.timeStep;
  const codes = newRecoveryCodes();
  await ctx.em.nativeDelete(RecoveryCode, { userId });
  for (const plain of codes) ctx.em.create(RecoveryCode, { userId, codeHash: await hashRecoveryCode(plain) });
  audit(personal(ctx, userId), 'auth.second-factor-enable', 'User', userId, null, { recoveryCodes: codes.length });
  return { codes };
}

/** Turns the factor off, proven by a current code (or a recovery code) or the password. */
export async function disable(ctx: RequestContext, code: string | null | undefined, password: string | null | undefined): Promise<boolean> {
  const userId = person(ctx);
  const factor = await confirmedFactor(ctx, userId);
  if (!factor) throw conflict('There is no second factor to turn off', { reason: 'SECOND_FACTOR_OFF' });
  if (code) {
    await proveCodeLimited(ctx, factor, code);
  } else if (password) {
    const user = await ctx.em.findOneOrFail(User, { id: userId }, { populate: ['passwordHash'] });
    await ctx.limits.attemptLogin(user.email, ctx.address);
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new WaymarkError('BAD_USER_INPUT', 'password: is not your current password', { field: 'password', reason: 'WRONG_PASSWORD' });
    }
    await ctx.limits.loginSucceeded(user.email, ctx.address);
  } else {
    throw badInput('code', 'give a current code from your authenticator app, or your password', { reason: 'REQUIRED' });
  }
  await ctx.em.nativeDelete(RecoveryCode, { userId });
  await ctx.em.nativeDelete(SecondFactor, { userId });
  audit(personal(ctx, userId), 'auth.second-factor-disable', 'User', userId, null, { provenBy: code ? 'code' : 'password' });
  return true;
}

/**
 * An owner requires (or stops requiring) a second factor of the organisation's owners and managers.
 * A person who turns it on must have one already, or the change would shut them out at once.
 */
export async function setRequirement(ctx: TenantContext, required: boolean): Promise<OrganisationType> {
  const org: Organisation = await activeOrganisation(ctx);
  if (required && ctx.userId && !(await confirmedFactor(ctx, ctx.userId))) {
    throw conflict('Set up your own second factor first (Your account), then require it of others', { reason: 'SECOND_FACTOR_OFF' });
  }
  if (org.requireSecondFactor !== required) {
    audit(ctx, 'organisation.second-factor-requirement', 'Organisation', org.id, { requireSecondFactor: org.requireSecondFactor }, { requireSecondFactor: required });
    org.requireSecondFactor = required;
    await ctx.em.flush();
  }
  return getOrganisation(ctx);
}
