import { type PartnerStatus, type PartnerType, type Reader, anyUuid } from '@waymark/db';
import { sql } from 'kysely';
import { notFound, isUuid } from '@waymark/domain';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import { byId, grouped, perRequest } from '../../graphql/loader';
import type { PartnerFilter, PartnerLinkObject, PartnerRow } from './types';


/** A partner's columns as the read path gives them. */
const PARTNER = [
  'id', 'name', 'partnerType', 'contactName', 'contactEmail', 'contactPhone', 'theyBring', 'weBring', 'status', 'startDate', 'nextReviewOn',
  'reviewIntervalDays', 'notes', 'createdBy', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof PartnerRow)[];

export async function findPartner(db: Reader, id: string): Promise<PartnerRow> {
  const row = isUuid(id) ? await db.sql.selectFrom('partner').select(PARTNER).where('id', '=', id).executeTakeFirst() : null;
  if (!row) throw notFound('Partner', id);
  return row;
}

/** The register by name (then id, so two partners of one name keep their places between pages). */
export function listPartners(db: Reader, page: PageArgs, filter: PartnerFilter | null | undefined): Promise<Connection<PartnerRow>> {
  let query = db.sql.selectFrom('partner as p').select(PARTNER);
  if (filter?.status?.length) query = query.where('p.status', '=', sql<PartnerStatus>`any(${filter.status}::partner_status[])`);
  if (filter?.partnerType?.length) query = query.where('p.partnerType', '=', sql<PartnerType>`any(${filter.partnerType}::partner_type[])`);
  if (filter?.reviewDueBy) query = query.where('p.nextReviewOn', '<=', sql<string>`${filter.reviewDueBy}::date`);
  return keysetPage({
    query,
    order: [
      { ref: 'p.name', direction: 'asc', cast: 'text' },
      { ref: 'p.id', direction: 'asc', cast: 'uuid' },
    ],
    orderName: 'partners',
    page,
  });
}

export const partnerById = perRequest((db) =>
  byId<PartnerRow>((ids) => db.sql.selectFrom('partner').select(PARTNER).where('id', '=', anyUuid(ids)).execute()),
);

export const linksByPartner = perRequest((db) =>
  grouped<PartnerLinkObject, 'partnerId'>(
    (ids) =>
      db.sql
        .selectFrom('partnerLink')
        .select(['partnerId', 'assessmentId', 'nodeKey', 'createdAt'])
        .where('partnerId', '=', anyUuid(ids))
        .orderBy('createdAt')
        .orderBy('id')
        .execute(),
    'partnerId',
  ),
);

/** Partnerships cited for the answers of assessments, in one join, by name. */
export const partnersByAssessment = perRequest((db) =>
  grouped<PartnerRow & { assessmentId: string; nodeKey: string }, 'assessmentId'>(
    (ids) =>
      db.sql
        .selectFrom('partnerLink as l')
        .innerJoin('partner as p', (j) => j.onRef('p.organisationId', '=', 'l.organisationId').onRef('p.id', '=', 'l.partnerId'))
        .select([...PARTNER.map((c) => `p.${c}` as const), 'l.assessmentId', 'l.nodeKey'])
        .where('l.assessmentId', '=', anyUuid(ids))
        .orderBy('p.name')
        .orderBy('p.id')
        .execute(),
    'assessmentId',
  ),
);
