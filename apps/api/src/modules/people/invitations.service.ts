import { AccountMail, Invitation, type MemberRole, Membership, User } from '@waymark/db';
import { WaymarkError, badInput, conflict, forbidden, notFound, unauthenticated, isUuid } from '@waymark/domain';
import { accountLinkToken } from '@waymark/jobs';
import { traceparent } from '@waymark/telemetry';
import type { RequestContext, TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { hashSecret, parseSecret, secretMatches } from '../../auth/secrets';
import { assertPasswordRules, assertPasswordSignInAllowed, findUserWithPassword, normaliseEmail, sessionFor } from './auth.service';
import { type AcceptInvitationArgs, INVITATION_TTL_DAYS } from './inputs';
import { assertAssignable } from './members.service';
import { activeOrganisation } from './organisation.service';
import type { AuthPayload, InvitationType } from './types';

export const INVITATION_PREFIX = 'inv';
const DAY_MS = 24 * 3600 * 1000;

/** Every way a token can fail reads the same, so a guess learns nothing. */
const invalidInvitation = () => new WaymarkError('NOT_FOUND', 'Invitation not found or no longer valid', { what: 'Invitation' });

/**
 * Gives the invitation a new link (send number `sends`) that lasts INVITATION_TTL_DAYS, and writes
 * its email in the same transaction: the worker sends it once. Only the link's hash is kept; the
 * link itself is never shown, the email is the way to join.
 */
function send(ctx: TenantContext, invitation: Invitation): void {
  const link = accountLinkToken(ctx.config.AUTH_TOKEN_SECRET, 'invitation', invitation.organisationId, invitation.id, invitation.sends);
  invitation.tokenHash = hashSecret(link.secret);
  invitation.expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS);
  ctx.em.create(AccountMail, {
    ownerId: invitation.organisationId, kind: 'invitation', subjectId: invitation.id, sendNumber: invitation.sends, recipient: invitation.email,
    traceparent: traceparent(),
  });
}

export async function inviteMember(ctx: TenantContext, rawEmail: string, role: MemberRole): Promise<Invitation> {
  if (!ctx.userId) throw forbidden('Only a person can do this, not an API key');
  const email = normaliseEmail(rawEmail);
  assertAssignable(ctx, await activeOrganisation(ctx), role);

  const existing = await ctx.em.findOne(User, { email });
  if (existing && (await ctx.em.count(Membership, { organisationId: ctx.organisationId, userId: existing.id }))) {
    throw conflict(`${email} is already a member`, { field: 'email' });
  }
  const pending = await ctx.em.count(Invitation, { organisationId: ctx.organisationId, email, acceptedAt: null, revokedAt: null, expiresAt: { $gt: new Date() } });
  if (pending) throw conflict(`${email} already has a pending invitation: resend it or revoke it`, { field: 'email' });

  const invitation = ctx.em.create(Invitation, {
    organisationId: ctx.organisationId, email, role, tokenHash: '', invitedBy: ctx.userId, expiresAt: new Date(),
  });
  send(ctx, invitation);
  audit(ctx, 'invitation.create', 'Invitation', invitation.id, null, snapshot(invitation));
  return invitation;
}

/** Sends a pending (or expired) invitation again with a new link; the old link stops working. */
export async function resendInvitation(ctx: TenantContext, id: string): Promise<Invitation> {
  const invitation = isUuid(id) ? await ctx.em.findOne(Invitation, { id, organisationId: ctx.organisationId }) : null;
  if (!invitation) throw notFound('Invitation', id);
  if (invitation.acceptedAt) throw conflict('This invitation has been accepted: there is nothing to resend');
  if (invitation.revokedAt) throw conflict('This invitation was revoked: invite them again instead');
  const before = snapshot(invitation);
  invitation.sends += 1;
  send(ctx, invitation);
  audit(ctx, 'invitation.resend', 'Invitation', invitation.id, before, snapshot(invitation));
  return invitation;
}

export function listInvitations(ctx: TenantContext, page: PageArgs): Promise<Connection<InvitationType>> {
  return keysetPage({
    query: ctx.db.sql.selectFrom('invitation').select(['id', 'email', 'role', 'createdAt', 'expiresAt', 'acceptedAt', 'revokedAt', 'sends']),
    order: [
      { ref: 'createdAt', direction: 'desc', cast: 'timestamptz' },
      { ref: 'id', direction: 'desc', cast: 'uuid' },
    ],
    orderName: 'invitations',
    page,
  });
}

export async function revokeInvitation(ctx: TenantContext, id: string): Promise<Invitation> {
  const invitation = isUuid(id) ? await ctx.em.findOne(Invitation, { id, organisationId: ctx.organisationId }) : null;
  if (!invitation) throw notFound('Invitation', id);
  if (invitation.acceptedAt) throw conflict('This invitation has been accepted: remove the member instead');
  if (invitation.revokedAt) return invitation;
  const before = snapshot(invitation);
  invitation.revokedAt = new Date();
  audit(ctx, 'invitation.revoke', 'Invitation', invitation.id, before, snapshot(invitation));
  return invitation;
}

/** The account the invitation is for: an existing one proves its password, a new one is created. */
async function accountFor(ctx: RequestContext, email: string, args: AcceptInvitationArgs): Promise<User> {
  const existing = await findUserWithPassword(ctx, email);
  if (existing) {
    // Someone already signed in as that person needs no password; anyone else must know it.
    const proven = ctx.userId === existing.id || (!!args.password && (await verifyPassword(existing.passwordHash, args.password)));
    if (!proven) throw unauthenticated(`${email} already has an account: give its password to accept`);
    return existing;
  }
  if (!args.name) throw badInput('name', 'is required to create a new account', { reason: 'BLANK' });
  const password = args.password ?? '';
  assertPasswordRules('password', password);
  return ctx.em.create(User, { email, name: args.name, passwordHash: await hashPassword(password) });
}

/**
 * Joins an organisation with an invitation token. The token names its organisation, so the
 * invitation is read under that organisation's row-level security, never across all of them.
 */
export async function acceptInvitation(ctx: RequestContext, args: AcceptInvitationArgs): Promise<AuthPayload> {
  const parsed = parseSecret(INVITATION_PREFIX, args.token);
  if (!parsed) throw invalidInvitation();
  await ctx.setScope({ organisationId: parsed.organisationId, userId: null });
  const invitation = await ctx.em.findOne(Invitation, { id: parsed.rowId, organisationId: parsed.organisationId });
  if (
    !invitation ||
    !secretMatches(parsed.secret, invitation.tokenHash) ||
    invitation.acceptedAt ||
    invitation.revokedAt ||
    invitation.expiresAt.getTime() <= Date.now()
  ) {
    throw invalidInvitation();
  }

  const user = await accountFor(ctx, invitation.email, args);
  if (await ctx.em.count(Membership, { organisationId: invitation.organisationId, userId: user.id })) throw conflict(`${invitation.email} is already a member`);
  const membership = ctx.em.create(Membership, { organisationId: invitation.organisationId, userId: user.id, role: invitation.role });
  const before = snapshot(invitation);
  invitation.acceptedAt = new Date();
  invitation.acceptedBy = user.id;

  const actor = { em: ctx.em, userId: user.id, apiKeyId: null, organisationId: invitation.organisationId };
  audit(actor, 'invitation.accept', 'Invitation', invitation.id, before, snapshot(invitation));
  audit(actor, 'member.add', 'Membership', membership.id, null, snapshot(membership));
  await ctx.em.flush();

  // From here the user's own scope applies too, so the session lists all their organisations.
  await ctx.setScope({ organisationId: invitation.organisationId, userId: user.id });
  // Joined with a password: not into an organisation that requires its own sign-in of them.
  if (ctx.userId !== user.id) await assertPasswordSignInAllowed(ctx, user.id);
  return sessionFor(ctx, user);
}
