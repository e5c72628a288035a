import { type Reader, consensusMaps } from '@waymark/db';
import { type AssessmentScore, AssessmentStatus, notFound, scoreAssessment, isUuid } from '@waymark/domain';
import { type Connection, type PageArgs, Params, keysetPage } from '../../graphql/connection';
import { byId, grouped, perRequest } from '../../graphql/loader';
import { type ColumnSpec, columnsOf } from '../../graphql/selection';
import type { FrameworkTree } from '@waymark/db';
import type { AssessmentRow, AssessorRow, ConsensusRow, ReopeningRow } from './types';

export const ASSESSMENT_COLUMNS = `a.id, a.framework_id as "frameworkId", a.cycle, a.status, a.due_on as "dueOn", a.previous_id as "previousId",
  a.created_by as "createdBy", a.submitted_at as "submittedAt", a.submitted_by as "submittedBy", a.created_at as "createdAt", a.updated_at as "updatedAt"`;

export async function findAssessment(db: Reader, id: string): Promise<AssessmentRow> {
  const row = isUuid(id)
    ? await db.tenantOne<AssessmentRow>(`select ${ASSESSMENT_COLUMNS} from assessment a where a.organisation_id = $1 and a.id = $2`, id)
    : null;
  if (!row) throw notFound('Assessment', id);
  return row;
}

export function listAssessments(
  db: Reader,
  page: PageArgs,
  filter: { status?: AssessmentStatus | null; cycle?: string | null },
): Promise<Connection<AssessmentRow>> {
  const params = new Params();
  const where = ['a.organisation_id = $1'];
  if (filter.status) where.push(`a.status = ${params.add(filter.status)}::assessment_status`);
  if (filter.cycle) where.push(`a.cycle = ${params.add(filter.cycle)}`);
  return keysetPage<AssessmentRow>(db, {
    columns: `${ASSESSMENT_COLUMNS}`,
    from: `from assessment a`,
    where,
    params,
    order: [
      { sql: 'a.created_at', direction: 'desc', cast: 'timestamptz' },
      { sql: 'a.id', direction: 'desc', cast: 'uuid' },
    ],
    orderName: 'assessments',
    page,
  });
}

export const assessmentById = perRequest((db) =>
  byId<AssessmentRow>((ids) => db.tenant(`select ${ASSESSMENT_COLUMNS} from assessment a where a.organisation_id = $1 and a.id = any($2::uuid[])`, ids)),
);

// Scores, completion and disagreements need the key and value of every answer; the rest is read
// when the operation shows it.
const ANSWER_FIELDS = {
  areaForImprovement: 'area_for_improvement as "areaForImprovement"',
  note: 'note',
  updatedAt: 'updated_at as "updatedAt"',
};
const CONSENSUS: ColumnSpec = {
  type: 'ConsensusAnswer',
  always: ['assessment_id as "assessmentId"', 'node_key as "nodeKey"', 'value'],
  fields: { ...ANSWER_FIELDS, setBy: 'set_by as "setBy"' },
};
const ASSESSOR: ColumnSpec = {
  type: 'AssessorAnswer',
  always: ['assessment_id as "assessmentId"', 'node_key as "nodeKey"', 'value', 'user_id as "userId"'],
  fields: ANSWER_FIELDS,
};

export const consensusByAssessment = perRequest((db, selection) =>
  grouped<ConsensusRow, 'assessmentId'>(
    (ids) => db.tenant(`select ${columnsOf(CONSENSUS, selection)} from consensus_answer where organisation_id = $1 and assessment_id = any($2::uuid[])`, ids),
    'assessmentId',
  ),
);

export const assessorAnswersByAssessment = perRequest((db, selection) =>
  grouped<AssessorRow, 'assessmentId'>(
    (ids) =>
      db.tenant(
        `select ${columnsOf(ASSESSOR, selection)} from assessor_answer where organisation_id = $1 and assessment_id = any($2::uuid[]) order by node_key, user_id`,
        ids,
      ),
    'assessmentId',
  ),
);

export const reopeningsByAssessment = perRequest((db) =>
  grouped<ReopeningRow, 'assessmentId'>(
    (ids) =>
      db.tenant(
        `select id, assessment_id as "assessmentId", reason, reopened_by as "reopenedBy", created_at as "createdAt"
           from assessment_reopening where organisation_id = $1 and assessment_id = any($2::uuid[]) order by created_at, id`,
        ids,
      ),
    'assessmentId',
  ),
);

/** Scores from agreed answers: the one scoring function of packages/domain, fed the framework's shape. */
export function scoresOf(rows: readonly { nodeKey: string; value: string }[], tree: FrameworkTree): AssessmentScore {
  return scoreAssessment(tree.scoring, consensusMaps(rows, tree));
}
