import { type Reader, anyUuid, consensusMaps } from '@waymark/db';
import { type AssessmentScore, AssessmentStatus, isUuid, notFound, scoreAssessment } from '@waymark/domain';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import { byId, grouped, perRequest } from '../../graphql/loader';
import { type Columns, columnsFor } from '../../graphql/selection';
import type { FrameworkTree } from '@waymark/db';
import type { AssessmentRow, AssessorRow, ConsensusRow, ReopeningRow } from './types';

/** An assessment's columns as the read path gives them. */
export const ASSESSMENT = [
  'id', 'frameworkId', 'cycle', 'status', 'dueOn', 'previousId', 'createdBy', 'submittedAt', 'submittedBy', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof AssessmentRow)[];

export async function findAssessment(db: Reader, id: string): Promise<AssessmentRow> {
  const row = isUuid(id) ? await db.sql.selectFrom('assessment').select(ASSESSMENT).where('id', '=', id).executeTakeFirst() : null;
  if (!row) throw notFound('Assessment', id);
  return row;
}

export function listAssessments(
  db: Reader,
  page: PageArgs,
  filter: { status?: AssessmentStatus | null; cycle?: string | null },
): Promise<Connection<AssessmentRow>> {
  let query = db.sql.selectFrom('assessment as a').select(ASSESSMENT);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.cycle) query = query.where('a.cycle', '=', filter.cycle);
  return keysetPage({
    query,
    order: [
      { ref: 'a.createdAt', direction: 'desc', cast: 'timestamptz' },
      { ref: 'a.id', direction: 'desc', cast: 'uuid' },
    ],
    orderName: 'assessments',
    page,
  });
}

export const assessmentById = perRequest((db) =>
  byId<AssessmentRow>((ids) => db.sql.selectFrom('assessment').select(ASSESSMENT).where('id', '=', anyUuid(ids)).execute()),
);

// Scores, completion and disagreements need the key and value of every answer; the rest is read
// when the operation shows it.
const ANSWER_FIELDS = ['areaForImprovement', 'note', 'updatedAt'] as const;
const CONSENSUS: Columns<keyof ConsensusRow> = { type: 'ConsensusAnswer', always: ['assessmentId', 'nodeKey', 'value'], optional: [...ANSWER_FIELDS, 'setBy', 'needsReview'] };
const ASSESSOR: Columns<keyof AssessorRow> = { type: 'AssessorAnswer', always: ['assessmentId', 'nodeKey', 'value', 'userId'], optional: ANSWER_FIELDS };

export const consensusByAssessment = perRequest((db, selection) =>
  grouped<ConsensusRow, 'assessmentId'>(
    (ids) => db.sql.selectFrom('consensusAnswer').select(columnsFor(CONSENSUS, selection)).where('assessmentId', '=', anyUuid(ids)).execute(),
    'assessmentId',
  ),
);

export const assessorAnswersByAssessment = perRequest((db, selection) =>
  grouped<AssessorRow, 'assessmentId'>(
    (ids) =>
      db.sql
        .selectFrom('assessorAnswer')
        .select(columnsFor(ASSESSOR, selection))
        .where('assessmentId', '=', anyUuid(ids))
        .orderBy('nodeKey')
        .orderBy('userId')
        .execute(),
    'assessmentId',
  ),
);

export const reopeningsByAssessment = perRequest((db) =>
  grouped<ReopeningRow, 'assessmentId'>(
    (ids) =>
      db.sql
        .selectFrom('assessmentReopening')
        .select(['id', 'assessmentId', 'reason', 'reopenedBy', 'createdAt'])
        .where('assessmentId', '=', anyUuid(ids))
        .orderBy('createdAt')
        .orderBy('id')
        .execute(),
    'assessmentId',
  ),
);

/** Scores from agreed answers: the one scoring function of packages/domain, fed the framework's shape. */
export function scoresOf(rows: readonly { nodeKey: string; value: string }[], tree: FrameworkTree): AssessmentScore {
  return scoreAssessment(tree.scoring, consensusMaps(rows, tree));
}
