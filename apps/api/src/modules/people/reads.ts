import type { Reader } from '@waymark/db';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../context';
import { perRequest } from '../../graphql/loader';
import type { ActorKind, MembershipType, PersonType } from './types';

interface MembershipRow {
  id: string;
  role: MembershipType['role'];
  createdAt: Date;
  organisationId: string;
  organisationName: string;
  slug: string;
  kind: MembershipType['organisation']['kind'];
  userId: string;
  email: string;
  userName: string;
}

export const MEMBERSHIP_COLUMNS = `m.id, m.role, m.created_at as "createdAt", o.id as "organisationId", o.name as "organisationName", o.slug, o.kind,
    u.id as "userId", u.email, u.name as "userName"`;
export const MEMBERSHIP_FROM = `from membership m join organisation o on o.id = m.organisation_id join app_user u on u.id = m.user_id`;
export const MEMBERSHIP_SELECT = `select ${MEMBERSHIP_COLUMNS} ${MEMBERSHIP_FROM}`;

export const membershipView = (r: MembershipRow): MembershipType => ({
  id: r.id,
  role: r.role,
  createdAt: r.createdAt,
  organisation: { id: r.organisationId, name: r.organisationName, slug: r.slug, kind: r.kind },
  user: { id: r.userId, email: r.email, name: r.userName },
});

/** The signed-in person's memberships in every organisation, in the order they joined (one statement). */
export async function myMemberships(db: Reader): Promise<MembershipType[]> {
  const rows = await db.own<MembershipRow>(`${MEMBERSHIP_SELECT} where m.user_id = $1 order by m.created_at, m.id`);
  return rows.map(membershipView);
}

export type { MembershipRow };

interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  kind: ActorKind;
  member: boolean;
}

/**
 * People and keys by id, one statement for a whole answer: users (with whether they belong to the
 * organisation in scope) and, for ids that are not users, the organisation's API keys.
 */
export const personById = perRequest(
  (db) =>
    new DataLoader<string, PersonRow | null>(async (ids) => {
      const rows = await db.tenant<PersonRow>(
        `select u.id, u.name, u.email, 'PERSON' as kind,
                exists (select 1 from membership m where m.organisation_id = $1 and m.user_id = u.id) as member
           from app_user u where u.id = any($2::uuid[])
         union all
         select k.id, k.name, null, 'API_KEY', false from api_key k where k.organisation_id = $1 and k.id = any($2::uuid[])`,
        [...ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

/** A person as the viewer may see them: the email only to members, and only of current members. */
export async function personOf(ctx: RequestContext, id: string | null): Promise<PersonType | null> {
  if (!id) return null;
  const row = await ctx.loaders.of(personById).load(id);
  if (!row) return { id, name: 'Former member', email: null, kind: 'UNKNOWN', member: false };
  const showEmail = row.kind === 'PERSON' && row.member && ctx.permissions.has('members:read');
  return { ...row, email: showEmail ? row.email : null };
}

/** For fields that always name someone. */
export async function requiredPersonOf(ctx: RequestContext, id: string): Promise<PersonType> {
  return (await personOf(ctx, id))!;
}
