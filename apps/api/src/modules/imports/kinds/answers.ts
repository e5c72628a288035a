import { type FrameworkTree } from '@waymark/db';
import { EvidenceAnswer, PracticeAnswer, WaymarkError, badInput, conflict } from '@waymark/domain';
import { ANSWER_COLUMNS } from '../../../exports/answers';
import { AnswerInput } from '../../assessments/inputs';
import * as assessments from '../../assessments/service';
import type { ConsensusRow } from '../../assessments/types';
import { type Value, same, shown } from '../cells';
import { changesOf, checkedInput } from '../rows';
import type { ImportColumn, ImportLayoutSpec, ImportSpec, RowInput } from '../spec';
import type { ImportFieldChange } from '../types';

type Saved = Pick<ConsensusRow, 'nodeKey' | 'value' | 'areaForImprovement' | 'note' | 'updatedAt'>;

interface State {
  assessmentId: string;
  tree: FrameworkTree;
  saved: Map<string, Saved>;
}

/** The columns of answers.csv / answers.xlsx that are read back; the others describe the item. */
const COLUMNS: ImportColumn[] = [
  {
    name: 'node_key', type: 'text', field: 'nodeKey', required: true, example: '3.1.1.a',
    description: 'The item answered: an action part (3.1.1.a), an action without parts (3.1.3) or an evidence prompt (3.1.g1.2).',
  },
  {
    name: 'value', type: [...new Set([...Object.values(PracticeAnswer), ...Object.values(EvidenceAnswer)])], field: 'value', example: 'STARTED',
    description: 'The agreed answer: YES, STARTED or NO for parts and actions; YES, NO or NOT_APPLICABLE for prompts. A blank cell takes an answered item back to unanswered.',
  },
  {
    name: 'area_for_improvement', type: 'boolean', field: 'areaForImprovement', example: 'true',
    description: 'Prompts only: true marks the prompt as an area for improvement (true, false, yes, no; blank is false).',
  },
  { name: 'note', type: 'text', field: 'note', example: 'Agreed at the team meeting in March', description: 'A note on the answer (up to 4,000 characters).' },
  {
    name: 'updated_at', type: 'instant', field: 'updatedAt', example: '2026-03-31T09:30:00.000Z',
    description: 'When the answer was last saved, as exported: a row whose answer someone changed since is refused (CONFLICT) instead of overwriting it. Leave the column out to overwrite.',
  },
];

/** The answers layout: that of answers.csv / answers.xlsx. */
export const ANSWER_LAYOUT: ImportLayoutSpec = {
  kind: 'ANSWERS',
  noun: 'answer',
  perAssessment: true,
  columns: COLUMNS,
  key: 'node_key',
  ignored: ANSWER_COLUMNS.filter((c) => !COLUMNS.some((r) => r.name === c)),
  required: ['node_key', 'value'],
};
const ANSWER_FIELDS = COLUMNS.filter((c) => ['value', 'area_for_improvement', 'note'].includes(c.name));

/** Someone changed the answer after the file was exported: say what it is now, keep theirs. */
function changedSince(row: RowInput, saved: Saved | undefined): WaymarkError | null {
  if (!row.values.has('updated_at') || same(row.values.get('updated_at'), saved?.updatedAt ?? null)) return null;
  const now = saved ? `${saved.value}, saved at ${saved.updatedAt.toISOString()}` : 'unanswered';
  return conflict(`someone changed this answer after the file was exported (it is now ${now}): export the answers again and make your change there`, { field: 'updatedAt' });
}

/** The agreed answer a row describes, filled from what is saved for the columns the file does not have. */
function wanted(row: RowInput, saved: Saved | undefined) {
  const pick = <T>(column: string, fallback: T) => (row.values.has(column) ? (row.values.get(column) as T) : fallback);
  return {
    value: pick<string | null>('value', saved?.value ?? null),
    areaForImprovement: pick<boolean | null>('area_for_improvement', saved?.areaForImprovement ?? false) ?? false,
    note: pick<string | null>('note', saved?.note ?? null),
  };
}

/**
 * An assessment's agreed answers, in the layout of its answers export. A row with a value sets the
 * agreed answer to its item (as setConsensusAnswers does, with `updated_at` as the answer the file
 * was made from); a row whose value is blank takes an answered item back to unanswered (as
 * clearConsensusAnswers does). Items the file does not list are left as they are.
 */
export function answerImport(assessmentId: string): ImportSpec<State> {
  return {
    ...ANSWER_LAYOUT,
    async load(ctx) {
      const assessment = await assessments.assessmentForWrite(ctx, assessmentId);
      assessments.assertEditable(assessment);
      const [tree, rows] = await Promise.all([
        assessments.frameworkOf(ctx, assessment),
        ctx.db.sql
          .selectFrom('consensusAnswer')
          .select(['nodeKey', 'value', 'areaForImprovement', 'note', 'updatedAt'])
          .where('assessmentId', '=', assessment.id)
          .execute(),
      ]);
      return { assessmentId: assessment.id, tree, saved: new Map(rows.map((r) => [r.nodeKey, r])) };
    },
    async apply(ctx, { assessmentId: id, tree, saved: all }, row) {
      const key = row.values.get('node_key') as string;
      if (!tree.answerable.has(key)) throw badInput('nodeKey', `"${key}" is not an item of ${tree.row.key}@${tree.row.version} that takes an answer`);
      const saved = all.get(key);
      const next = wanted(row, saved);
      const changes: ImportFieldChange[] = changesOf(ANSWER_FIELDS, row, saved ?? {});
      if (next.value === null) {
        if (changes.some((c) => c.column !== 'value' && c.after !== null)) {
          throw badInput('value', 'a note or an area for improvement needs an answer: give a value, or leave the row blank');
        }
        if (!saved) return { action: 'UNCHANGED', id: null, label: key, changes: [] };
        const stale = changedSince(row, saved);
        if (stale) throw stale;
        await assessments.clearAnswers(ctx, id, [key], 'agreed');
        const cleared = ANSWER_FIELDS.map((c) => ({ column: c.name, before: shown((saved as unknown as Record<string, Value>)[c.field]), after: null }));
        return { action: 'CHANGE', id: null, label: key, changes: cleared.filter((c) => c.before !== null && c.before !== 'false') };
      }
      if (!changes.length) return { action: 'UNCHANGED', id: null, label: key, changes };
      const stale = changedSince(row, saved);
      if (stale) throw stale;
      const input = await checkedInput(Object.assign(new AnswerInput(), { nodeKey: key, ...next }));
      await assessments.setConsensus(ctx, id, [input]);
      return { action: saved ? 'CHANGE' : 'ADD', id: null, label: key, changes };
    },
  };
}
