import { type Reader, type ScopedDB, anyUuid, consensusMaps, loadCrosswalk } from '@waymark/db';
import { targetsOf } from '@waymark/frameworks';
import { sql } from 'kysely';
import { ActionItemStatus, OPEN_STATUSES, compareCycles, daysBetween, isOpen, isUuid, median, monthOf, notFound, scoreAssessment } from '@waymark/domain';
import type { TenantContext } from '../../context';
import { organisationToday } from '../../graphql/calendar';
import { ASSESSMENT } from '../assessments/reads';
import { treeOf } from '../frameworks/reads';
import { type Connection, type PageArgs, type SortKey, keysetPage } from '../../graphql/connection';
import { byId, grouped, perRequest } from '../../graphql/loader';
import DataLoader from 'dataloader';
import { evidenceColumns } from '../evidence/reads';
import { type Columns, type Selection, columnsFor } from '../../graphql/selection';
import type { EvidenceRow } from '../evidence/types';
import { type ActionItemFilter, type ActionItemSort, type ActionPlanType, type CycleProgress, type ItemRow, type NoteRow } from './types';

export async function findItem(db: Reader, id: string, selection?: Selection): Promise<ItemRow> {
  const row = isUuid(id) ? await itemRows(db, selection).where('i.id', '=', id).executeTakeFirst() : null;
  if (!row) throw notFound('Action item', id);
  return row;
}

/** Action items: links and status always (history and decisions follow them), the rest when shown. */
const ITEM_FIELDS: Columns<keyof ItemRow> = {
  type: 'ActionItem',
  always: ['id', 'planId', 'assessmentId', 'status', 'ownerUserId', 'carriedFromId', 'decisionFromId'],
  optional: [
    'itemKey', 'kind', 'nodeKey', 'elementKey', 'what', 'why', 'gap', 'guidance', 'footnotes', 'priority', 'priorityReason', 'target', 'dueOn',
    'reviewIntervalDays', 'nextReviewOn', 'doneAt', 'resources', 'successMeasure', 'resolvedByAssessmentAt', 'createdAt', 'updatedAt',
  ],
};

/** Items with the columns the operation shows (all of them without a selection). */
const itemRows = (db: Reader, selection?: Selection) => db.sql.selectFrom('actionItem as i').select(columnsFor(ITEM_FIELDS, selection)).$castTo<ItemRow>();


type ItemKey = SortKey<{ i: ScopedDB['actionItem'] }, 'i'>;

const PRIORITY: ItemKey[] = [
  { ref: 'i.priority', direction: 'asc', cast: 'int' },
  { ref: 'i.id', direction: 'asc', cast: 'uuid' },
];

const SORTS: Record<ActionItemSort, ItemKey[]> = {
  PRIORITY,
  DUE_ON: [{ ref: 'i.dueOn', direction: 'asc', nullable: true, cast: 'date' }, ...PRIORITY],
  ELEMENT: [{ ref: 'i.elementKey', direction: 'asc', cast: 'text' }, ...PRIORITY],
  STATUS: [{ ref: 'i.status', direction: 'asc', cast: 'action_item_status' }, ...PRIORITY],
};

/**
 * Items across the organisation (or one plan). Each piece of work is listed once: a copy carried
 * into the next cycle (CARRIED_FORWARD) is left out unless asked for by status, and so are items the
 * answers resolved unless `includeResolved`. "Overdue" and "this month" use the organisation's day.
 */
export function listItems(
  db: Reader,
  filter: ActionItemFilter,
  sort: ActionItemSort,
  page: PageArgs,
  context: { userId: string | null; today: string; selection?: Selection },
): Promise<Connection<ItemRow>> {
  let query = itemRows(db, context.selection);
  if (filter.assessmentId) query = query.where('i.assessmentId', '=', sql<string>`${filter.assessmentId}::uuid`);
  if (!filter.includeResolved) query = query.where('i.resolvedByAssessmentAt', 'is', null);
  if (filter.mine) query = context.userId ? query.where('i.ownerUserId', '=', sql<string>`${context.userId}::uuid`) : query.where(sql<boolean>`false`);
  if (filter.elementKey) query = query.where('i.elementKey', '=', filter.elementKey);
  if (filter.status?.length) query = query.where('i.status', '=', sql<ActionItemStatus>`any(${filter.status}::action_item_status[])`);
  else query = query.where('i.status', '<>', ActionItemStatus.CARRIED_FORWARD);
  if (filter.overdue) {
    query = query
      .where('i.dueOn', '<', sql<string>`${context.today}::date`)
      .where('i.status', '=', sql<ActionItemStatus>`any(${OPEN_STATUSES}::action_item_status[])`);
  }
  if (filter.dueThisMonth) {
    const { first, last } = monthOf(context.today);
    query = query.where('i.dueOn', '>=', sql<string>`${first}::date`).where('i.dueOn', '<=', sql<string>`${last}::date`);
  }
  return keysetPage({ query, order: SORTS[sort], orderName: `items-${sort}`, page });
}

export async function findPlan(db: Reader, assessmentId: string): Promise<ActionPlanType> {
  const plan = isUuid(assessmentId)
    ? await db.sql.selectFrom('actionPlan').select(['id', 'assessmentId', 'generatedAt', 'generations']).where('assessmentId', '=', assessmentId).executeTakeFirst()
    : null;
  if (!plan) throw notFound('Action plan for assessment', assessmentId);
  return plan;
}

export const itemById = perRequest((db, selection) =>
  byId<ItemRow>((ids) => itemRows(db, selection).where('i.id', '=', anyUuid(ids)).execute()),
);

/** The next cycle's copy of an item (at most one: a unique key guards it). */
export const successorOf = perRequest(
  (db, selection) =>
    new DataLoader<string, ItemRow | null>(async (ids) => {
      const rows = await itemRows(db, selection).where('i.carriedFromId', '=', anyUuid(ids)).execute();
      const byFrom = new Map(rows.map((r) => [r.carriedFromId, r]));
      return ids.map((id) => byFrom.get(id) ?? null);
    }),
);

const NOTE: Columns<keyof NoteRow> = { type: 'ActionItemNote', always: ['itemId', 'authorId'], optional: ['id', 'body', 'statusFrom', 'statusTo', 'createdAt'] };

export const notesByItem = perRequest((db, selection) =>
  grouped<NoteRow, 'itemId'>(
    (ids) =>
      db.sql
        .selectFrom('actionItemNote')
        .select(columnsFor(NOTE, selection))
        .where('itemId', '=', anyUuid(ids))
        .orderBy('createdAt')
        .orderBy('id')
        .execute(),
    'itemId',
  ),
);

export const cycleOfAssessment = perRequest(
  (db) =>
    new DataLoader<string, string | null>(async (ids) => {
      const rows = await db.sql.selectFrom('assessment').select(['id', 'cycle']).where('id', '=', anyUuid(ids)).execute();
      const byId = new Map(rows.map((r) => [r.id, r.cycle]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

/** Evidence collected for items' measures of success, in one join. */
export const evidenceByItem = perRequest((db, selection) =>
  grouped<EvidenceRow & { itemId: string }, 'itemId'>(
    (ids) =>
      db.sql
        .selectFrom('actionItemEvidence as l')
        .innerJoin('evidence as e', (j) => j.onRef('e.organisationId', '=', 'l.organisationId').onRef('e.id', '=', 'l.evidenceId'))
        .select([...evidenceColumns(selection), 'l.itemId'])
        .where('l.itemId', '=', anyUuid(ids))
        .orderBy('l.createdAt')
        .orderBy('e.id')
        .execute(),
    'itemId',
  ),
);

/** The framework the organisation used last (its newest assessment's), for progress by default. */
async function lastFramework(ctx: TenantContext): Promise<string | null> {
  const row = await ctx.db.sql.selectFrom('assessment').select('frameworkId').orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.frameworkId ?? null;
}

const change = (now: number | null, before: number | null) => (now === null || before === null ? null : now - before);

/**
 * An element's key in the cycle before, for comparing: the same key on the same version; through
 * the crosswalk between two versions (an element split or retired there has no single one before).
 */
async function elementBefore(ctx: TenantContext, fromId: string, toId: string): Promise<(key: string) => string | null> {
  if (fromId === toId) return (key) => key;
  const crosswalk = await loadCrosswalk(ctx.db.sql, fromId, toId);
  const back = new Map<string, string>();
  for (const [oldKey, target] of Object.entries(crosswalk?.map ?? {})) {
    const keys = targetsOf(target);
    if (keys.length === 1) back.set(keys[0]!, oldKey);
  }
  return (key) => back.get(key) ?? null;
}

/**
 * Cycle over cycle, for one framework (the one the organisation used last, unless named) across
 * all its versions, in the order of the cycles: scores per element (each cycle scored on its own
 * version), the change since the cycle before (through the crosswalk when the version changed),
 * and plan figures in which each piece of work counts once (an item carried forward counts in the
 * cycle it went to). Days to done count from when the work was first raised, following
 * carried-forward links.
 */
export async function progress(ctx: TenantContext, frameworkId: string | null): Promise<CycleProgress[]> {
  const framework = frameworkId ?? (await lastFramework(ctx));
  if (!framework) return [];
  if (!isUuid(framework)) throw notFound('Framework', framework);
  const named = await treeOf(ctx.db, framework);
  const versions = (await ctx.db.sql.selectFrom('framework').select('id').where('key', '=', named.row.key).execute()).map((f) => f.id);
  const [today, assessments] = await Promise.all([
    organisationToday(ctx),
    ctx.db.sql.selectFrom('assessment').select(ASSESSMENT).where('frameworkId', '=', anyUuid(versions)).execute(),
  ]);
  const trees = new Map(await Promise.all([...new Set(assessments.map((a) => a.frameworkId))].map(async (id) => [id, await treeOf(ctx.db, id)] as const)));
  assessments.sort((a, b) => compareCycles(a.cycle, b.cycle) || a.createdAt.getTime() - b.createdAt.getTime());
  const ids = assessments.map((a) => a.id);
  const [answers, items, plans] = await Promise.all([
    ctx.db.sql.selectFrom('consensusAnswer').select(['assessmentId', 'nodeKey', 'value']).where('assessmentId', '=', anyUuid(ids)).execute(),
    itemRows(ctx.db).where('i.assessmentId', '=', anyUuid(ids)).execute(),
    ctx.db.sql.selectFrom('actionPlan').select('assessmentId').where('assessmentId', '=', anyUuid(ids)).execute(),
  ]);
  const planned = new Set(plans.map((p) => p.assessmentId));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const firstRaised = (item: ItemRow): Date => {
    let current = item;
    for (let hops = 0; current.carriedFromId && hops < 50; hops++) {
      const earlier = itemById.get(current.carriedFromId);
      if (!earlier) break;
      current = earlier;
    }
    return current.createdAt;
  };

  const result: CycleProgress[] = [];
  let previous: CycleProgress | null = null;
  for (const assessment of assessments) {
    const tree = trees.get(assessment.frameworkId)!;
    const score = scoreAssessment(tree.scoring, consensusMaps(answers.filter((a) => a.assessmentId === assessment.id), tree));
    const before = previous ? await elementBefore(ctx, previous.frameworkId, assessment.frameworkId) : () => null;
    const own = items.filter((i) => i.assessmentId === assessment.id);
    const active = own.filter((i) => i.resolvedByAssessmentAt === null);
    const open = active.filter((i) => isOpen(i.status));
    const done = own.filter((i) => i.status === ActionItemStatus.DONE && i.doneAt);
    const entry: CycleProgress = {
      assessmentId: assessment.id,
      frameworkId: assessment.frameworkId,
      frameworkVersion: tree.row.version,
      cycle: assessment.cycle,
      status: assessment.status,
      practice: score.practice,
      evidence: score.evidence,
      complete: score.complete,
      practiceChange: previous ? score.practice - previous.practice : null,
      evidenceChange: previous ? change(score.evidence, previous.evidence) : null,
      elements: score.elements.map((e) => {
        const earlierKey = before(e.elementKey);
        const earlier = previous?.elements.find((p) => p.elementKey === earlierKey);
        return {
          elementKey: e.elementKey,
          practice: e.practice,
          evidence: e.evidence,
          practiceChange: earlier ? e.practice - earlier.practice : null,
          evidenceChange: earlier ? change(e.evidence, earlier.evidence) : null,
        };
      }),
      plan: planned.has(assessment.id)
        ? {
            items: own.length,
            done: done.length,
            open: open.length,
            overdue: open.filter((i) => i.dueOn !== null && i.dueOn < today).length,
            dropped: own.filter((i) => i.status === ActionItemStatus.DROPPED).length,
            carried: own.filter((i) => i.status === ActionItemStatus.CARRIED_FORWARD).length,
            resolvedByAssessment: own.length - active.length,
            medianDaysToDone: median(done.map((i) => daysBetween(firstRaised(i), i.doneAt!))),
          }
        : null,
    };
    result.push(entry);
    previous = entry;
  }
  return result;
}
