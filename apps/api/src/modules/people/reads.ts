import { type Reader, type Sql, anyUuid } from '@waymark/db';
import DataLoader from 'dataloader';
import { sql } from 'kysely';
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

/**
 * Memberships with their organisation and person, on `db` (the organisation's scope, or the
 * person's own across organisations): the scope narrows `membership` (and `organisation`).
 */
export const membershipSelect = (db: Sql) =>
  db
    .selectFrom('membership as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisationId')
    .innerJoin('appUser as u', 'u.id', 'm.userId')
    .select([
      'm.id', 'm.role', 'm.createdAt', 'o.id as organisationId', 'o.name as organisationName', 'o.slug', 'o.kind',
      'u.id as userId', 'u.email', 'u.name as userName',
    ]);

export const membershipView = (r: MembershipRow): MembershipType => ({
  id: r.id,
  role: r.role,
  createdAt: r.createdAt,
  organisation: { id: r.organisationId, name: r.organisationName, slug: r.slug, kind: r.kind },
  user: { id: r.userId, email: r.email, name: r.userName },
});

/** The signed-in person's memberships in every organisation, in the order they joined (one statement). */
export async function myMemberships(db: Reader): Promise<MembershipType[]> {
  if (!db.userId) return [];
  const rows: MembershipRow[] = await membershipSelect(db.ownSql).orderBy('m.createdAt').orderBy('m.id').execute();
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
      // No organisation in scope: nobody is anyone's to show.
      if (!db.organisationId) return ids.map(() => null);
      const rows: PersonRow[] = await db.sql
        .selectFrom('appUser as u')
        // An erased person is shown by their number in this organisation ("Former member 3").
        .leftJoin('formerMember as f', 'f.userId', 'u.id')
        .select((eb) => [
          'u.id',
          eb.fn.coalesce(sql<string>`'Former member ' || ${eb.ref('f.number')}`, 'u.name').as('name'),
          eb.ref('u.email').$castTo<string | null>().as('email'), sql<ActorKind>`'PERSON'`.as('kind'),
          eb.exists(eb.selectFrom('membership as m').select(sql`1`.as('one')).whereRef('m.userId', '=', 'u.id')).$castTo<boolean>().as('member'),
        ])
        .where('u.id', '=', anyUuid(ids))
        .unionAll((eb) =>
          eb
            .selectFrom('apiKey as k')
            .select(['k.id', 'k.name', sql<string | null>`null`.as('email'), sql<ActorKind>`'API_KEY'`.as('kind'), sql<boolean>`false`.as('member')])
            .where('k.id', '=', anyUuid(ids)),
        )
        .execute();
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
