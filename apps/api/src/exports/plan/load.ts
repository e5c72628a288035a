import type { Reader } from '@waymark/db';
import type { Loaders } from '../../graphql/loader';
import { personById } from '../../modules/people/reads';
import { cycleOfAssessment, itemById, notesByItem, successorOf } from '../../modules/plans/reads';
import type { ItemRow } from '../../modules/plans/types';
import { type LinkedItem, type Person, type PlanView, arrangePlan } from './arrange';

/** Every column of an action item, as the plan export and the plan import read it. */
export const PLAN_ITEM = [
  'id', 'planId', 'assessmentId', 'status', 'ownerUserId', 'carriedFromId', 'decisionFromId', 'itemKey', 'kind', 'nodeKey', 'elementKey',
  'what', 'why', 'gap', 'guidance', 'footnotes', 'priority', 'priorityReason', 'target', 'dueOn', 'reviewIntervalDays', 'nextReviewOn',
  'doneAt', 'resources', 'successMeasure', 'resolvedByAssessmentAt', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof ItemRow)[];

/** An assessment's action items, every column. */
export async function planItems(db: Reader, assessmentId: string): Promise<ItemRow[]> {
  // gap, guidance and footnotes are json: their shapes are the plan generator's.
  return db.sql.selectFrom('actionItem').select(PLAN_ITEM).where('assessmentId', '=', assessmentId).$castTo<ItemRow>().execute();
}

/** The id of an assessment's action plan, or null when none was generated. */
export async function planIdOf(db: Reader, assessmentId: string): Promise<string | null> {
  const row = await db.sql.selectFrom('actionPlan').select('id').where('assessmentId', '=', assessmentId).executeTakeFirst();
  return row?.id ?? null;
}

const FORMER_MEMBER: Person = { name: 'Former member', email: null };

/**
 * People by id as the API shows them (the same loader): the email only of current members, a
 * key's name for notes written through an API key, "Former member" for an id no longer there.
 */
export async function peopleOf(loaders: Loaders, ids: Iterable<string | null>): Promise<Map<string, Person>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  const rows = await loaders.of(personById).loadMany(wanted);
  return new Map(
    wanted.map((id, i) => {
      const row = rows[i];
      if (!row || row instanceof Error) return [id, FORMER_MEMBER];
      return [id, { name: row.name, email: row.kind === 'PERSON' && row.member ? row.email : null }];
    }),
  );
}

async function linked(loaders: Loaders, rows: (ItemRow | null)[]): Promise<(LinkedItem | null)[]> {
  const cycles = await Promise.all(rows.map((r) => (r ? loaders.of(cycleOfAssessment).load(r.assessmentId) : Promise.resolve(null))));
  return rows.map((r, i) => (r ? { itemKey: r.itemKey, status: r.status, cycle: cycles[i] ?? null } : null));
}

const many = async <T>(results: Promise<(T | Error)[]>): Promise<T[]> =>
  (await results).map((r) => {
    if (r instanceof Error) throw r;
    return r;
  });

/**
 * One assessment's action plan with everything a reader of it needs: owners, progress notes and
 * their authors, where carried work went and which earlier decision an item follows. A plan is
 * bounded by its framework (one item per gap), so it is read whole. Null when none was generated.
 */
export async function loadPlan(db: Reader, loaders: Loaders, assessmentId: string, today: string): Promise<PlanView | null> {
  const [plan, items] = await Promise.all([planIdOf(db, assessmentId), planItems(db, assessmentId)]);
  if (!plan) return null;
  const ids = items.map((i) => i.id);
  const [notes, successors, earlier, decided] = await Promise.all([
    many(loaders.of(notesByItem).loadMany(ids)),
    many(loaders.of(successorOf).loadMany(ids)),
    Promise.all(items.map((i) => (i.carriedFromId ? loaders.of(itemById).load(i.carriedFromId) : Promise.resolve(null)))),
    Promise.all(items.map((i) => (i.decisionFromId ? loaders.of(itemById).load(i.decisionFromId) : Promise.resolve(null)))),
  ]);
  const [carriedTo, carriedFrom, decisionFrom, people] = await Promise.all([
    linked(loaders, successors),
    linked(loaders, earlier),
    linked(loaders, decided),
    peopleOf(loaders, [...items.map((i) => i.ownerUserId), ...notes.flat().map((n) => n.authorId)]),
  ]);
  const person = (id: string | null) => (id ? (people.get(id) ?? FORMER_MEMBER) : null);
  return arrangePlan(
    items.map((item, i) => ({
      item,
      owner: person(item.ownerUserId),
      notes: (notes[i] ?? []).map((n) => ({ ...n, author: person(n.authorId) ?? FORMER_MEMBER })),
      carriedTo: carriedTo[i] ?? null,
      carriedFrom: carriedFrom[i] ?? null,
      decisionFrom: decisionFrom[i] ?? null,
    })),
    today,
  );
}
