import { type Reader } from '@waymark/db';
import { notFound, isUuid } from '@waymark/domain';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import { byId, grouped, perRequest } from '../../graphql/loader';
import { type ColumnSpec, columnsOf } from '../../graphql/selection';
import type { EvidenceLinkType, EvidenceRow } from './types';

export const EVIDENCE_COLUMNS = `e.id, e.title, e.url, e.file_reference as "fileReference", e.description, e.evidence_date as "evidenceDate",
  e.expires_on as "expiresOn", e.created_by as "createdBy", e.created_at as "createdAt"`;

/** Evidence rows as nested lists read them: the columns the operation shows. */
export const EVIDENCE: ColumnSpec = {
  type: 'Evidence',
  always: ['e.id'],
  fields: {
    title: 'e.title',
    url: 'e.url',
    fileReference: 'e.file_reference as "fileReference"',
    description: 'e.description',
    evidenceDate: 'e.evidence_date as "evidenceDate"',
    expiresOn: 'e.expires_on as "expiresOn"',
    createdBy: 'e.created_by as "createdBy"',
    createdAt: 'e.created_at as "createdAt"',
  },
};

/** An evidence row's columns as the read path gives them. */
const EVIDENCE_ROW = [
  'id', 'title', 'url', 'fileReference', 'description', 'evidenceDate', 'expiresOn', 'createdBy', 'createdAt',
] as const satisfies readonly (keyof EvidenceRow)[];

export async function findEvidence(db: Reader, id: string): Promise<EvidenceRow> {
  const row = isUuid(id) ? await db.tenantOne<EvidenceRow>(`select ${EVIDENCE_COLUMNS} from evidence e where e.organisation_id = $1 and e.id = $2`, id) : null;
  if (!row) throw notFound('Evidence', id);
  return row;
}

export function listEvidence(db: Reader, page: PageArgs): Promise<Connection<EvidenceRow>> {
  return keysetPage({
    query: db.sql.selectFrom('evidence as e').select(EVIDENCE_ROW),
    order: [
      { ref: 'e.createdAt', direction: 'desc', cast: 'timestamptz' },
      { ref: 'e.id', direction: 'desc', cast: 'uuid' },
    ],
    orderName: 'evidence',
    page,
  });
}

export const evidenceById = perRequest((db) =>
  byId<EvidenceRow>((ids) => db.tenant(`select ${EVIDENCE_COLUMNS} from evidence e where e.organisation_id = $1 and e.id = any($2::uuid[])`, ids)),
);

/** Evidence cited for the answers of assessments, in one join: the rows carry the answer they support. */
export const evidenceByAssessment = perRequest((db, selection) =>
  grouped<EvidenceRow & { assessmentId: string; nodeKey: string }, 'assessmentId'>(
    (ids) =>
      db.tenant(
        `select ${columnsOf(EVIDENCE, selection)}, l.assessment_id as "assessmentId", l.node_key as "nodeKey"
           from evidence_link l join evidence e on e.organisation_id = l.organisation_id and e.id = l.evidence_id
          where l.organisation_id = $1 and l.assessment_id = any($2::uuid[]) order by l.created_at, e.id`,
        ids,
      ),
    'assessmentId',
  ),
);

export const linksByEvidence = perRequest((db) =>
  grouped<EvidenceLinkType, 'evidenceId'>(
    (ids) =>
      db.tenant(
        `select evidence_id as "evidenceId", assessment_id as "assessmentId", node_key as "nodeKey", created_at as "createdAt"
           from evidence_link where organisation_id = $1 and evidence_id = any($2::uuid[]) order by created_at, id`,
        ids,
      ),
    'evidenceId',
  ),
);
