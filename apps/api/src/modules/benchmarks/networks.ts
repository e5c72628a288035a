import { Network, NetworkMember, type NetworkMemberStatus, OrganisationKind, type Reader } from '@waymark/db';
import { type NetworkAction, conflict, forbidden, networkMove, notFound, isUuid } from '@waymark/domain';
import { type RequestContext, type TenantContext, actorOf } from '../../context';
import { type Connection, type PageArgs, Params, keysetPage } from '../../graphql/connection';
import { audit } from '../../graphql/audit';
import { grouped, perRequest } from '../../graphql/loader';
import type { InstitutionRow, MembershipRow, NetworkRow } from './types';

/** The kind of the organisation in scope: networks belong to regional bodies, memberships to institutions. */
export async function kindOf(db: Reader): Promise<OrganisationKind | null> {
  return (await db.organisation<{ kind: OrganisationKind }>(`select kind from organisation where id = $1`))?.kind ?? null;
}

export async function assertBody(ctx: RequestContext): Promise<void> {
  if ((await kindOf(ctx.db)) !== OrganisationKind.REGIONAL_BODY) throw forbidden('Only a regional body has networks', { reason: 'REGIONAL_BODY_ONLY' });
}

export async function assertInstitution(ctx: RequestContext): Promise<void> {
  if ((await kindOf(ctx.db)) === OrganisationKind.REGIONAL_BODY) throw forbidden('A regional body is not a member of networks: only institutions are');
}

const NETWORK_COLUMNS = `n.id, n.name, n.created_at as "createdAt"`;

export function listNetworks(db: Reader, page: PageArgs): Promise<Connection<NetworkRow>> {
  return keysetPage<NetworkRow>(db, {
    columns: NETWORK_COLUMNS,
    from: 'from network n',
    where: ['n.organisation_id = $1'],
    params: new Params(),
    order: [
      { sql: 'n.name', direction: 'asc', cast: 'text' },
      { sql: 'n.id', direction: 'asc', cast: 'uuid' },
    ],
    orderName: 'networks',
    page,
  });
}

export async function findNetwork(db: Reader, id: string): Promise<NetworkRow> {
  const row = isUuid(id) ? await db.tenantOne<NetworkRow>(`select ${NETWORK_COLUMNS} from network n where n.organisation_id = $1 and n.id = $2`, id) : null;
  if (!row) throw notFound('Network', id);
  return row;
}

/**
 * Memberships read through waymark_network_counterparts(), which returns only rows naming the
 * organisation in scope (as the body or as the institution) with the other side's name, kind and
 * region; row-level security alone would hide the other organisation's row.
 */
const MEMBERSHIP_COLUMNS = `c.membership_id as id, m.status, m.created_at as "invitedAt", m.responded_at as "respondedAt",
  c.network_id as "networkId", c.network_name as "networkName",
  json_build_object('id', c.body_id, 'name', c.body_name, 'kind', 'REGIONAL_BODY', 'region', null) as body,
  json_build_object('id', c.institution_id, 'name', c.institution_name, 'kind', c.institution_kind, 'region', c.institution_region) as institution`;
const MEMBERSHIP_FROM = `from waymark_network_counterparts() c join network_member m on m.id = c.membership_id`;

function membershipPage(db: Reader, where: string[], params: Params, page: PageArgs, orderName: string): Promise<Connection<MembershipRow>> {
  return keysetPage<MembershipRow>(db, {
    columns: MEMBERSHIP_COLUMNS,
    from: MEMBERSHIP_FROM,
    where,
    params,
    order: [
      { sql: 'c.institution_name', direction: 'asc', cast: 'text' },
      { sql: 'c.membership_id', direction: 'asc', cast: 'uuid' },
    ],
    orderName,
    page,
    // The function applies the organisation in scope itself.
    shared: true,
  });
}

/** A body's network members (every status), by institution name. */
export function networkMembers(db: Reader, networkId: string, page: PageArgs, status?: NetworkMemberStatus[] | null): Promise<Connection<MembershipRow>> {
  const params = new Params(1);
  const where = [`c.body_id = ${params.add(db.organisationId)}::uuid`, `c.network_id = ${params.add(networkId)}::uuid`];
  if (status?.length) where.push(`m.status = any(${params.add(status)}::network_member_status[])`);
  return membershipPage(db, where, params, page, 'network members');
}

/** An institution's invitations and memberships, in every body's networks. */
export function myNetworkMemberships(db: Reader, page: PageArgs): Promise<Connection<MembershipRow>> {
  const params = new Params(1);
  return membershipPage(db, [`c.institution_id = ${params.add(db.organisationId)}::uuid`], params, page, 'network memberships');
}

async function membership(db: Reader, id: string): Promise<MembershipRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.shared<MembershipRow>(`select ${MEMBERSHIP_COLUMNS} ${MEMBERSHIP_FROM} where c.membership_id = $1`, id);
  return row ?? null;
}

/** Counts per network, for the body's list. */
export const memberCounts = perRequest((db) =>
  grouped<{ networkId: string; status: NetworkMemberStatus; n: number }, 'networkId'>(
    (ids) =>
      db.tenant(
        `select network_id as "networkId", status, count(*)::int as n from network_member
          where organisation_id = $1 and network_id = any($2::uuid[]) group by network_id, status`,
        ids,
      ),
    'networkId',
  ),
);

/** Institutions a body may invite, by name; `search` matches part of the name. */
export function institutionDirectory(db: Reader, page: PageArgs, search?: string | null): Promise<Connection<InstitutionRow>> {
  const params = new Params(1);
  const where: string[] = [];
  if (search) where.push(`d.name ilike ${params.add(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  return keysetPage<InstitutionRow>(db, {
    columns: 'd.id, d.name, d.kind, d.region',
    from: 'from waymark_institution_directory() d',
    where,
    params,
    order: [
      { sql: 'd.name', direction: 'asc', cast: 'text' },
      { sql: 'd.id', direction: 'asc', cast: 'uuid' },
    ],
    orderName: 'institutions',
    page,
    shared: true,
  });
}

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
  const [institution] = isUuid(organisationId)
    ? await ctx.db.shared<InstitutionRow>(`select id from waymark_institution_directory() where id = $1`, organisationId)
    : [];
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
  const changed = await ctx.em.execute<{ affectedRows: number }>(
    `update network_member set status = ?, responded_at = now(), responded_by = ?, updated_at = now()
      where id = ? and member_organisation_id = ? and status = ?`,
    [status, actorOf(ctx), current.id, ctx.organisationId, current.status],
    'run',
  );
  if (!changed.affectedRows) throw conflict('The membership changed meanwhile: read it again', { retryable: true });
  audit(ctx, `network.${action}`, 'NetworkMembership', current.id, { status: current.status }, { status, networkId: current.networkId, body: current.body.id });
  await ctx.em.flush();
  return (await membership(ctx.db, current.id))!;
}
