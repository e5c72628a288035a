import { type PartnerStatus, type PartnerType, type Reader } from '@waymark/db';
import { sql } from 'kysely';
import { notFound, isUuid } from '@waymark/domain';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import { byId, grouped, perRequest } from '../../graphql/loader';
import type { PartnerFilter, PartnerLinkObject, PartnerRow } from './types';

export const PARTNER_COLUMNS = `p.id, p.name, p.partner_type as "partnerType", p.contact_name as "contactName", p.contact_email as "contactEmail",
  p.contact_phone as "contactPhone", p.they_bring as "theyBring", p.we_bring as "weBring", p.status, p.start_date as "startDate",
  p.next_review_on as "nextReviewOn", p.review_interval_days as "reviewIntervalDays", p.notes, p.created_by as "createdBy",
  p.created_at as "createdAt", p.updated_at as "updatedAt"`;

/** A partner's columns as the read path gives them. */
const PARTNER = [
  'id', 'name', 'partnerType', 'contactName', 'contactEmail', 'contactPhone', 'theyBring', 'weBring', 'status', 'startDate', 'nextReviewOn',
  'reviewIntervalDays', 'notes', 'createdBy', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof PartnerRow)[];

export async function findPartner(db: Reader, id: string): Promise<PartnerRow> {
  const row = isUuid(id) ? await db.tenantOne<PartnerRow>(`select ${PARTNER_COLUMNS} from partner p where p.organisation_id = $1 and p.id = $2`, id) : null;
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
  byId<PartnerRow>((ids) => db.tenant(`select ${PARTNER_COLUMNS} from partner p where p.organisation_id = $1 and p.id = any($2::uuid[])`, ids)),
);

const LINK_COLUMNS = `partner_id as "partnerId", assessment_id as "assessmentId", node_key as "nodeKey", created_at as "createdAt"`;

export const linksByPartner = perRequest((db) =>
  grouped<PartnerLinkObject, 'partnerId'>(
    (ids) => db.tenant(`select ${LINK_COLUMNS} from partner_link where organisation_id = $1 and partner_id = any($2::uuid[]) order by created_at, id`, ids),
    'partnerId',
  ),
);

/** Partnerships cited for the answers of assessments, in one join, by name. */
export const partnersByAssessment = perRequest((db) =>
  grouped<PartnerRow & { assessmentId: string; nodeKey: string }, 'assessmentId'>(
    (ids) =>
      db.tenant(
        `select ${PARTNER_COLUMNS}, l.assessment_id as "assessmentId", l.node_key as "nodeKey"
           from partner_link l join partner p on p.organisation_id = l.organisation_id and p.id = l.partner_id
          where l.organisation_id = $1 and l.assessment_id = any($2::uuid[]) order by p.name, p.id`,
        ids,
      ),
    'assessmentId',
  ),
);
