import { randomUUID } from 'node:crypto';
import { Invitation, type MemberRole, Membership, User, isUuid } from '@waymark/db';
import { WaymarkError, badInput, conflict, forbidden, notFound, unauthenticated } from '@waymark/domain';
import type { RequestContext, TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { type Connection, type PageInput, Params, keysetPage } from '../../graphql/connection';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { issueSecret, parseSecret, secretMatches } from '../../auth/secrets';
import { findUserWithPassword, normaliseEmail, sessionFor } from './auth.service';
import { type AcceptInvitationArgs, INVITATION_TTL_DAYS, MIN_PASSWORD_LENGTH } from './inputs';
import { assertAssignable } from './members.service';
import { activeOrganisation } from './organisation.service';
import type { AuthPayload, InvitationType, InvitationWithToken } from './types';

export const INVITATION_PREFIX = 'inv';
const DAY_MS = 24 * 3600 * 1000;

/** Every way a token can fail reads the same, so a guess learns nothing. */
const invalidInvitation = () => new WaymarkError('NOT_FOUND', 'Invitation not found or no longer valid', { what: 'Invitation' });

export async function inviteMember(ctx: TenantContext, rawEmail: string, role: MemberRole): Promise<InvitationWithToken> {
  if (!ctx.userId) throw forbidden('Only a person can do this, not an API key');
  const email = normaliseEmail(rawEmail);
  assertAssignable(ctx, await activeOrganisation(ctx), role);

  const existing = await ctx.em.findOne(User, { email });
  if (existing && (await ctx.em.count(Membership, { organisationId: ctx.organisationId, userId: existing.id }))) {
    throw conflict(`${email} is already a member`, { field: 'email' });
  }
  const pending = await ctx.em.count(Invitation, { organisationId: ctx.organisationId, email, acceptedAt: null, revokedAt: null, expiresAt: { $gt: new Date() } });
  if (pending) throw conflict(`${email} already has a pending invitation: revoke it to send a new one`, { field: 'email' });

  const id = randomUUID();
  const { token, hash } = issueSecret(INVITATION_PREFIX, ctx.organisationId, id);
  const invitation = ctx.em.create(Invitation, {
    id, organisationId: ctx.organisationId, email, role, tokenHash: hash, invitedBy: ctx.userId, expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS),
  });
  audit(ctx, 'invitation.create', 'Invitation', invitation.id, null, snapshot(invitation));
  return { invitation, token };
}

export function listInvitations(ctx: TenantContext, page: PageInput): Promise<Connection<InvitationType>> {
  return keysetPage<InvitationType>(ctx.db, {
    columns: `id, email, role, created_at as "createdAt", expires_at as "expiresAt", accepted_at as "acceptedAt", revoked_at as "revokedAt"`,
    from: `from invitation`,
    where: ['organisation_id = $1'],
    params: new Params(),
    order: [
      { sql: 'created_at', direction: 'desc', cast: 'timestamptz' },
      { sql: 'id', direction: 'desc', cast: 'uuid' },
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
  if (!args.name) throw badInput('name', 'is required to create a new account');
  if (!args.password || args.password.length < MIN_PASSWORD_LENGTH) throw badInput('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  return ctx.em.create(User, { email, name: args.name, passwordHash: await hashPassword(args.password) });
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
  return sessionFor(ctx, user);
}
