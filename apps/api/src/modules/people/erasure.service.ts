import { Membership, User } from '@waymark/db';
import { WaymarkError, badInput, conflict, isUuid, notFound } from '@waymark/domain';
import { sql } from 'kysely';
import type { RequestContext, TenantContext } from '../../context';
import { verifyPassword } from '../../auth/passwords';
import { activeOrganisation } from './organisation.service';
import type { ErasedPerson, OrganisationDeletion } from './types';

/** How recent a full export must be for deleting the organisation without saying it is not wanted. */
export const EXPORT_FRESH_DAYS = 7;

/** The audit action a completed download of /exports/organisation.json writes. */
export const EXPORT_AUDIT_ACTION = 'organisation.export';

/** What waymark_erase_person returns: the person's stable number in each organisation they were part of. */
interface ErasedIn {
  organisationId: string;
  number: number;
}

/**
 * Erases a person in one statement (waymark_erase_person, which checks the caller again from the
 * request's own sign-in): sessions ended, memberships, invitations and feeds gone, their name and
 * address replaced by "Former member N" in every organisation's rows, the account emptied.
 */
async function erase(ctx: RequestContext, personId: string): Promise<ErasedIn[]> {
  // Anything the unit of work holds is written first, so the function sees it.
  await ctx.em.flush();
  return ctx.db.sql.selectFrom(sql<ErasedIn>`waymark_erase_person(${personId}::uuid)`.as('e')).selectAll().execute();
}

/**
 * An owner erases a member of the organisation they act for. The person's every membership must be
 * in an organisation the caller owns (someone else's members are not theirs to erase); the
 * function refuses otherwise and says so.
 */
export async function erasePerson(ctx: TenantContext, membershipId: string): Promise<ErasedPerson> {
  const membership = isUuid(membershipId) ? await ctx.em.findOne(Membership, { id: membershipId, organisationId: ctx.organisationId }) : null;
  if (!membership) throw notFound('Membership', membershipId);
  if (membership.userId === ctx.userId) {
    throw badInput('membershipId', 'To erase yourself, use eraseMyAccount with your password', { reason: 'SELF' });
  }
  const erased = await erase(ctx, membership.userId);
  const here = erased.find((e) => e.organisationId === ctx.organisationId);
  return { id: membership.userId, label: `Former member ${here?.number ?? ''}`.trim() };
}

/** A person erases their own account, after giving their password again. */
export async function eraseMyAccount(ctx: RequestContext, password: string): Promise<boolean> {
  if (!ctx.userId || !ctx.sessionId) throw new WaymarkError('FORBIDDEN', 'Only a signed-in person can erase their own account (not an API key)');
  const user = await ctx.em.findOneOrFail(User, { id: ctx.userId }, { populate: ['passwordHash'] });
  await ctx.limits.attemptLogin(user.email, ctx.address);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw badInput('password', 'is not your password', { reason: 'WRONG_PASSWORD' });
  }
  await ctx.limits.loginSucceeded(user.email, ctx.address);
  await erase(ctx, ctx.userId);
  return true;
}

/**
 * Deletes the organisation the request acts for, and everything it owns. A real organisation has
 * records to keep, so the owner must first download the full export (within EXPORT_FRESH_DAYS) or
 * say that they do not want it, and must type the organisation's name.
 */
export async function deleteOrganisation(ctx: TenantContext, confirmName: string, exportDeclined: boolean): Promise<OrganisationDeletion> {
  const org = await activeOrganisation(ctx);
  if (confirmName.trim().toLowerCase() !== org.name.trim().toLowerCase()) {
    throw badInput('confirmName', `must be the organisation's name, "${org.name}", to confirm`, { reason: 'NAME_MISMATCH' });
  }
  const since = new Date(Date.now() - EXPORT_FRESH_DAYS * 24 * 3600 * 1000);
  const exported = await ctx.db.sql
    .selectFrom('auditEntry')
    .select('at')
    .where('action', '=', EXPORT_AUDIT_ACTION)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!exported && !exportDeclined) {
    throw conflict(
      `Download the organisation's export first (it was not downloaded in the last ${EXPORT_FRESH_DAYS} days), or set exportDeclined to say you do not want it`,
      { reason: 'EXPORT_FIRST', field: 'exportDeclined' },
    );
  }
  await ctx.em.flush();
  const result = await ctx.db.sql
    .selectFrom(sql<{ tally: Record<string, number> }>`waymark_delete_organisation(${ctx.organisationId}::uuid)`.as('tally'))
    .selectAll()
    .executeTakeFirstOrThrow();
  // Nothing of the organisation is left for the unit of work to write back.
  ctx.em.clear();
  const rows = Object.values(result.tally).reduce((sum, n) => sum + Number(n), 0);
  return { organisationId: org.id, deletedAt: new Date(), rowsErased: rows, exportedAt: exported?.at ?? null };
}
