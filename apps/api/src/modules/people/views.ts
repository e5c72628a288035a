import type { Reader } from '@waymark/db';
import type { MembershipType } from './types';

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
