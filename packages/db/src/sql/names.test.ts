import type { SqlRunner } from '../session/runner';
import { sqlOn } from './index';

/**
 * camelCase in the builder, snake_case in SQL, camelCase rows: the compiler writes the names (see
 * names.ts). These compile statements and read the SQL; the database tests run them.
 */
const ORG = '00000000-0000-4000-8000-00000000000a';
const noRunner = undefined as unknown as SqlRunner;
const db = sqlOn(noRunner, { kind: 'organisation', id: ORG });

it('writes tables and columns snake_case and names the output columns as the builder does', () => {
  const q = db.selectFrom('evidenceLink as l').select(['l.nodeKey', 'l.assessmentId as assessment', 'l.id']).compile();
  expect(q.sql).toBe(
    'select "l"."node_key" as "nodeKey", "l"."assessment_id" as "assessment", "l"."id" from "evidence_link" as "l" where "l"."organisation_id" = $1',
  );
});

it('keeps deeper names snake_case, so a CTE or subquery and the references to it agree', () => {
  const q = db
    .with('latest', (w) => w.selectFrom('assessment').select(['id', 'submittedAt as doneAt']))
    .selectFrom('latest')
    .select(['latest.doneAt', 'latest.id'])
    .where('latest.id', 'in', (eb) => eb.selectFrom('actionPlan').select('assessmentId'))
    .compile();
  expect(q.sql).toBe(
    'with "latest" as (select "id", "submitted_at" as "done_at" from "assessment" where "assessment"."organisation_id" = $1) ' +
      'select "latest"."done_at" as "doneAt", "latest"."id" from "latest" ' +
      'where "latest"."id" in (select "assessment_id" from "action_plan" where "action_plan"."organisation_id" = $2)',
  );
});

it('names what a write returns in camelCase too', () => {
  const q = db.updateTable('actionItem').set({ dueOn: '2027-01-01' }).where('id', '=', ORG).returning(['id', 'dueOn', 'updatedAt as changed']).compile();
  expect(q.sql).toBe(
    'update "action_item" set "due_on" = $1 where ("id" = $2) and "action_item"."organisation_id" = $3 returning "id", "due_on" as "dueOn", "updated_at" as "changed"',
  );
});
