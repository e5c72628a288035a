import { ActionItemStatus, WaymarkError, badInput, conflict } from '@waymark/domain';
import { checkText } from '../../../graphql/text';
import { PLAN_CSV_COLUMNS } from '../../../exports/plan/csv';
import { personLabel } from '../../../exports/plan/arrange';
import { peopleOf, planIdOf, planItems } from '../../../exports/plan/load';
import { findAssessment } from '../../assessments/reads';
import * as plans from '../../plans/service';
import { type ItemRow, UpdateActionItemInput } from '../../plans/types';
import { changesOf, checkedInput, fieldsOf } from '../rows';
import type { ImportColumn, ImportLayoutSpec, ImportSpec, RowInput } from '../spec';
import type { ImportFieldChange } from '../types';

interface State {
  items: Map<string, ItemRow>;
  /** The owner of each item as the plan export writes it ("Name <email>"). */
  ownerLabels: Map<string, string>;
  /** Members of the organisation by email (lower case). */
  members: Map<string, string>;
}

/** The working fields of the plan layout (plan.csv / plan.xlsx), and a `note` column that only the import has. */
const COLUMNS: ImportColumn[] = [
  { name: 'item_key', type: 'text', field: 'itemKey', required: true, example: 'action:3.1.2', description: 'The plan item, as the export names it.' },
  {
    name: 'status', type: Object.values(ActionItemStatus), field: 'status', required: true, example: 'IN_PROGRESS',
    description: 'The item\u2019s status, with the moves changeActionItemStatus allows (taking up a DROPPED item again is for managers; a CARRIED_FORWARD item is worked on in the next cycle\u2019s plan).',
  },
  {
    name: 'owner', type: 'text', field: 'ownerUserId', example: 'Ada Lovelace <ada@example.org>',
    description: 'Who owns the item: as exported (Name <email>), or the email of a member of the organisation, alone or as Name <email>; blank: nobody.',
  },
  { name: 'due_on', type: 'date', field: 'dueOn', example: '2027-03-31', description: 'When the item is due (YYYY-MM-DD); not in the past when changed.' },
  { name: 'review_interval_days', type: 'integer', field: 'reviewIntervalDays', example: '90', description: 'Days between reviews, 1 to 1095.' },
  { name: 'next_review_on', type: 'date', field: 'nextReviewOn', example: '2027-01-15', description: 'The next review (YYYY-MM-DD); not in the past when changed.' },
  { name: 'resources', type: 'text', field: 'resources', example: 'Two days of the learning officer\u2019s time', description: 'What the item needs (up to 4,000 characters).' },
  { name: 'success_measure', type: 'text', field: 'successMeasure', example: 'A signed partnership agreement', description: 'How success will be known (up to 4,000 characters).' },
  {
    name: 'note', type: 'text', field: 'note', example: 'Met the school in May',
    description: 'Import only: added to the item\u2019s history, as the reason of a status change in the same row (needed for DROPPED) or as a progress note on its own. Every import of a row with a note adds it again.',
  },
];

/** The plan layout: the working fields of plan.csv / plan.xlsx, by item_key. */
export const ACTION_ITEM_LAYOUT: ImportLayoutSpec = {
  kind: 'ACTION_ITEMS',
  noun: 'plan item',
  perAssessment: true,
  columns: COLUMNS,
  key: 'item_key',
  ignored: PLAN_CSV_COLUMNS.filter((c) => !COLUMNS.some((r) => r.name === c)),
  required: ['item_key'],
};
const UPDATABLE = COLUMNS.filter((c) => ['due_on', 'review_interval_days', 'next_review_on', 'resources', 'success_measure'].includes(c.name));
const STATUS = COLUMNS.filter((c) => c.name === 'status');
const EMAIL = /^[^\s<>@]+@[^\s<>@]+$/;

/**
 * The owner a cell names: as the export wrote it, nobody (blank), or a member by email, written
 * alone or as "Name <email>". Null when the cell names the owner already saved.
 */
function ownerChange(state: State, item: ItemRow, row: RowInput): { userId: string | null; change: ImportFieldChange } | null {
  if (!row.values.has('owner')) return null;
  const text = row.values.get('owner') as string | null;
  const before = item.ownerUserId ? (state.ownerLabels.get(item.ownerUserId) ?? null) : null;
  if ((text ?? null) === before) return null;
  let userId: string | null = null;
  if (text) {
    const email = (/<([^<>]+)>\s*$/.exec(text)?.[1] ?? text).trim().toLowerCase();
    const member = EMAIL.test(email) ? state.members.get(email) : undefined;
    if (!member) throw badInput('ownerUserId', `"${text}" is not a member of this organisation: write the owner's email, or Name <email>, of a member`);
    userId = member;
  }
  return userId === item.ownerUserId ? null : { userId, change: { column: 'owner', before, after: text } };
}

/**
 * The working fields of an assessment's plan items, in the layout of its plan export, by item_key:
 * status (with the same moves as changeActionItemStatus; a `note` column gives the reason, which
 * DROPPED needs), owner, due and review dates, resources and measure of success (as
 * updateActionItem). A note without a status change is added to the item's history. Items come
 * from generating the plan, so a row cannot add one.
 */
export function actionItemImport(assessmentId: string): ImportSpec<State> {
  return {
    ...ACTION_ITEM_LAYOUT,
    async load(ctx) {
      const assessment = await findAssessment(ctx.db, assessmentId);
      const plan = await planIdOf(ctx.db, assessment.id);
      if (!plan) throw conflict(`Assessment ${assessment.id} (cycle ${assessment.cycle}) has no action plan yet: generate it first`);
      const [items, members] = await Promise.all([
        planItems(ctx.db, assessment.id),
        ctx.db.sql
          .selectFrom('membership as m')
          .innerJoin('appUser as u', 'u.id', 'm.userId')
          .select((eb) => ['m.userId', eb.fn<string>('lower', ['u.email']).as('email')])
          .execute(),
      ]);
      const people = await peopleOf(ctx.loaders, items.map((i) => i.ownerUserId));
      return {
        items: new Map(items.map((i) => [i.itemKey, i])),
        ownerLabels: new Map([...people].map(([id, person]) => [id, personLabel(person)])),
        members: new Map(members.map((m) => [m.email, m.userId])),
      };
    },
    async apply(ctx, state, row) {
      const key = row.values.get('item_key') as string;
      const item = state.items.get(key);
      if (!item) throw new WaymarkError('NOT_FOUND', `there is no item "${key}" in this assessment's plan`, { field: 'itemKey' });
      const status = changesOf(STATUS, row, item);
      const owner = ownerChange(state, item, row);
      const fields = changesOf(UPDATABLE, row, item);
      const given = (row.values.get('note') as string | null | undefined) ?? null;
      // The rule of the note arguments of changeActionItemStatus and addActionItemNote.
      const note = given && checkText(given, 'note', { min: 1, max: 4000, multiline: true });
      const changes = [...status, ...(owner ? [owner.change] : []), ...fields, ...(note ? [{ column: 'note', before: null, after: note }] : [])];
      if (!changes.length) return { action: 'UNCHANGED', id: item.id, label: key, changes };
      if (status.length) await plans.changeStatus(ctx, item.id, row.values.get('status') as ActionItemStatus, note);
      if (owner || fields.length) {
        const input = Object.assign(new UpdateActionItemInput(), fieldsOf(UPDATABLE, row, fields), owner ? { ownerUserId: owner.userId } : {});
        await plans.updateItem(ctx, item.id, await checkedInput(input));
      }
      if (note && !status.length) await plans.addNote(ctx, item.id, note);
      return { action: 'CHANGE', id: item.id, label: key, changes };
    },
  };
}
