import { Network, NetworkMember } from '@waymark/db';
import { type NetworkAction, conflict, isUuid, networkMove, notFound } from '@waymark/domain';
import { sql } from 'kysely';
import { type TenantContext, actorOf } from '../../context';
import { audit } from '../../graphql/audit';
import { assertBody, assertInstitution, findNetwork, membership } from './reads';
import type { InstitutionRow, MembershipRow, NetworkRow } from './types';

/** A regional body's networks and their memberships: the writes (the reads are in reads.ts). */
export async function createNetwork(ctx: TenantContext, name: string): Promise<NetworkRow> {
  await assertBody(ctx);
  const network = ctx.em.create(Network, { organisationId: ctx.organisationId, name: name.trim(), createdBy: actorOf(ctx) });
  audit(ctx, 'network.create', 'Network', network.id, null, { name: network.name });
  await ctx.em.flush();
  return { id: network.id, name: network.name, createdAt: network.createdAt };
}

/** The body invites an institution (again, after it declined, left or was removed). */
export async function invite(ctx: TenantContext, networkId: string, organisationId: string): Promise<MembershipRow> {
  await assertBody(ctx);
  const network = await findNetwork(ctx.db, networkId);
  const institution = isUuid(organisationId)
    ? await ctx.db.sql
        .selectFrom(sql<Pick<InstitutionRow, 'id'>>`waymark_institution_directory()`.as('d'))
        .select('d.id')
        .where('d.id', '=', organisationId)
        .executeTakeFirst()
    : undefined;
  if (!institution) throw notFound('Institution', organisationId);
  const existing = await ctx.em.findOne(NetworkMember, { organisationId: ctx.organisationId, networkId: network.id, memberOrganisationId: organisationId });
  const status = networkMove(existing?.status ?? null, 'invite');
  const row =
    existing ?? ctx.em.create(NetworkMember, { organisationId: ctx.organisationId, networkId: network.id, memberOrganisationId: organisationId, invitedBy: actorOf(ctx) });
  const before = existing ? { status: existing.status } : null;
  Object.assign(row, { status, invitedBy: actorOf(ctx), respondedAt: null, respondedBy: null, createdAt: existing ? new Date() : row.createdAt });
  audit(ctx, 'network.invite', 'NetworkMembership', row.id, before, { status, networkId: network.id, organisationId });
  await ctx.em.flush();
  return (await membership(ctx.db, row.id))!;
}

/** The body removes an institution (invited or a member). */
export async function remove(ctx: TenantContext, membershipId: string): Promise<MembershipRow> {
  await assertBody(ctx);
  const row = isUuid(membershipId) ? await ctx.em.findOne(NetworkMember, { organisationId: ctx.organisationId, id: membershipId }) : null;
  if (!row) throw notFound('NetworkMembership', membershipId);
  const status = networkMove(row.status, 'remove');
  audit(ctx, 'network.remove', 'NetworkMembership', row.id, { status: row.status }, { status });
  Object.assign(row, { status, respondedAt: new Date(), respondedBy: actorOf(ctx) });
  await ctx.em.flush();
  return (await membership(ctx.db, row.id))!;
}

/**
 * The institution answers: accept or decline an invitation, or leave. The row is the body's, so
 * it is changed where it names this institution (row-level security allows exactly that).
 */
export async function answer(ctx: TenantContext, membershipId: string, action: Extract<NetworkAction, 'accept' | 'decline' | 'leave'>): Promise<MembershipRow> {
  await assertInstitution(ctx);
  const current = await membership(ctx.db, membershipId);
  if (!current || current.institution.id !== ctx.organisationId) throw notFound('NetworkMembership', membershipId);
  const status = networkMove(current.status, action);
  // The row is the body's (another organisation's), changed where it names this institution, as
  // row-level security allows: the organisation scope would hide it, so this update, which crosses
  // organisations today, is written in the system scope and narrowed by its own conditions.
  const changed = await ctx.db
    .sqlAs({ kind: 'system', purpose: "an institution answers a body's network membership" })
    .updateTable('networkMember')
    .set({ status, respondedAt: sql<Date>`now()`, respondedBy: actorOf(ctx), updatedAt: sql<Date>`now()` })
    .where('id', '=', current.id)
    .where('memberOrganisationId', '=', ctx.organisationId)
    .where('status', '=', current.status)
    .executeTakeFirstOrThrow();
  if (!changed.numUpdatedRows) throw conflict('The membership changed meanwhile: read it again', { retryable: true });
  audit(ctx, `network.${action}`, 'NetworkMembership', current.id, { status: current.status }, { status, networkId: current.networkId, body: current.body.id });
  await ctx.em.flush();
  return (await membership(ctx.db, current.id))!;
}
