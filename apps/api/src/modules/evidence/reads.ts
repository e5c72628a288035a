import { type Reader, anyUuid } from '@waymark/db';
import { notFound, isUuid } from '@waymark/domain';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import { byId, grouped, perRequest } from '../../graphql/loader';
import { type Columns, type Selection, columnsFor } from '../../graphql/selection';
import type { EvidenceLinkType, EvidenceRow } from './types';


/** Evidence rows as nested lists read them: the columns the operation shows. */
export const EVIDENCE: Columns<keyof EvidenceRow> = {
  type: 'Evidence',
  always: ['id'],
  optional: ['title', 'url', 'fileReference', 'description', 'evidenceDate', 'expiresOn', 'createdBy', 'createdAt'],
};

/** An evidence row's columns as the read path gives them. */
const EVIDENCE_ROW = [
  'id', 'title', 'url', 'fileReference', 'description', 'evidenceDate', 'expiresOn', 'createdBy', 'createdAt',
] as const satisfies readonly (keyof EvidenceRow)[];

/** The evidence columns an operation shows, of `e` in a join. */
export const evidenceColumns = (selection?: Selection) => columnsFor(EVIDENCE, selection).map((c) => `e.${c}` as const);

export async function findEvidence(db: Reader, id: string): Promise<EvidenceRow> {
  const row = isUuid(id) ? await db.sql.selectFrom('evidence').select(EVIDENCE_ROW).where('id', '=', id).executeTakeFirst() : null;
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
  byId<EvidenceRow>((ids) => db.sql.selectFrom('evidence').select(EVIDENCE_ROW).where('id', '=', anyUuid(ids)).execute()),
);

/** Evidence cited for the answers of assessments, in one join: the rows carry the answer they support. */
export const evidenceByAssessment = perRequest((db, selection) =>
  grouped<EvidenceRow & { assessmentId: string; nodeKey: string }, 'assessmentId'>(
    (ids) =>
      db.sql
        .selectFrom('evidenceLink as l')
        .innerJoin('evidence as e', (j) => j.onRef('e.organisationId', '=', 'l.organisationId').onRef('e.id', '=', 'l.evidenceId'))
        .select([...evidenceColumns(selection), 'l.assessmentId', 'l.nodeKey'])
        .where('l.assessmentId', '=', anyUuid(ids))
        .orderBy('l.createdAt')
        .orderBy('e.id')
        .execute(),
    'assessmentId',
  ),
);

export const linksByEvidence = perRequest((db) =>
  grouped<EvidenceLinkType, 'evidenceId'>(
    (ids) =>
      db.sql
        .selectFrom('evidenceLink')
        .select(['evidenceId', 'assessmentId', 'nodeKey', 'createdAt'])
        .where('evidenceId', '=', anyUuid(ids))
        .orderBy('createdAt')
        .orderBy('id')
        .execute(),
    'evidenceId',
  ),
);
