import { LockMode } from '@mikro-orm/core';
import { MemberRole, Membership, type Organisation, OrganisationKind } from '@waymark/db';
import { badInput, conflict, forbidden, notFound, isUuid } from '@waymark/domain';
import type { TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import { activeOrganisation } from './organisation.service';
import type { MembershipType } from './types';
import { type MembershipRow, membershipSelect, membershipView } from './reads';

/**
 * Who may hand out a role: ANALYST exists only in regional bodies, and only an owner makes
 * another owner. Shared by role changes and invitations, so neither is a way around the other.
 */
export function assertAssignable(ctx: TenantContext, org: Organisation, role: MemberRole): void {
  if (role === MemberRole.ANALYST && org.kind !== OrganisationKind.REGIONAL_BODY) throw badInput('role', 'ANALYST can only be given in a regional body', { reason: 'ANALYST_IN_BODY_ONLY' });
  if (role === MemberRole.OWNER && ctx.role !== MemberRole.OWNER) throw forbidden('Only an owner can make someone an owner');
}

async function membershipForWrite(ctx: TenantContext, id: string): Promise<Membership> {
  const membership = isUuid(id) ? await ctx.em.findOne(Membership, { id, organisationId: ctx.organisationId }) : null;
  if (!membership) throw notFound('Membership', id);
  return membership;
}

/**
 * Taking OWNER away from someone: only an owner may, and never from the last one. The owner rows
 * are locked first, so two owners demoting each other at once cannot both succeed.
 */
async function assertOwnerMayGo(ctx: TenantContext, membership: Membership): Promise<void> {
  if (membership.role !== MemberRole.OWNER) return;
  if (ctx.role !== MemberRole.OWNER) throw forbidden('Only an owner can change or remove an owner');
  const owners = await ctx.em.find(
    Membership,
    { organisationId: ctx.organisationId, role: MemberRole.OWNER },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
  );
  if (owners.filter((o) => o.id !== membership.id).length === 0) {
    throw conflict('An organisation always keeps at least one owner: make someone else an owner first', { reason: 'LAST_OWNER' });
  }
}

async function memberView(ctx: TenantContext, id: string): Promise<MembershipType> {
  const row: MembershipRow | undefined = await membershipSelect(ctx.db.sql).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Membership', id);
  return membershipView(row);
}

export async function listMembers(ctx: TenantContext, page: PageArgs): Promise<Connection<MembershipType>> {
  const rows = await keysetPage({
    query: membershipSelect(ctx.db.sql).$castTo<MembershipRow>(),
    // Counted on memberships alone: every membership has its organisation and person.
    count: ctx.db.sql.selectFrom('membership as m'),
    order: [
      { ref: 'm.createdAt', direction: 'asc', cast: 'timestamptz' },
      { ref: 'm.id', direction: 'asc', cast: 'uuid' },
    ],
    orderName: 'members',
    page,
  });
  return {
    edges: rows.edges.map((e) => ({ cursor: e.cursor, node: membershipView(e.node) })),
    pageInfo: rows.pageInfo,
    get totalCount() {
      return rows.totalCount;
    },
  };
}

export async function changeMemberRole(ctx: TenantContext, membershipId: string, role: MemberRole): Promise<MembershipType> {
  const membership = await membershipForWrite(ctx, membershipId);
  assertAssignable(ctx, await activeOrganisation(ctx), role);
  if (membership.role !== role) {
    if (role !== MemberRole.OWNER) await assertOwnerMayGo(ctx, membership);
    const before = snapshot(membership);
    membership.role = role;
    audit(ctx, 'member.role.change', 'Membership', membership.id, before, snapshot(membership));
    await ctx.em.flush();
  }
  return memberView(ctx, membership.id);
}

export async function removeMember(ctx: TenantContext, membershipId: string): Promise<boolean> {
  const membership = await membershipForWrite(ctx, membershipId);
  await assertOwnerMayGo(ctx, membership);
  audit(ctx, 'member.remove', 'Membership', membership.id, snapshot(membership), null);
  ctx.em.remove(membership);
  return true;
}
