import { type Reader, isUuid } from '@waymark/db';
import { ActionItemStatus, OPEN_STATUSES, monthOf, notFound } from '@waymark/domain';
import { type Connection, type PageInput, Params, type SortKey, keysetPage } from '../../graphql/connection';
import { byId, grouped, perRequest } from '../../graphql/loader';
import DataLoader from 'dataloader';
import { EVIDENCE_COLUMNS } from '../evidence/queries';
import type { EvidenceRow } from '../evidence/types';
import { type ActionItemFilter, type ActionItemSort, type ActionPlanType, type ItemRow, type NoteRow } from './types';

export const ITEM_COLUMNS = `i.id, i.plan_id as "planId", i.assessment_id as "assessmentId", i.item_key as "itemKey", i.kind, i.node_key as "nodeKey",
  i.element_key as "elementKey", i.what, i.why, i.gap, i.guidance, i.footnotes, i.priority, i.priority_reason as "priorityReason", i.target,
  i.owner_user_id as "ownerUserId", i.due_on as "dueOn", i.review_interval_days as "reviewIntervalDays", i.next_review_on as "nextReviewOn",
  i.status, i.done_at as "doneAt", i.resources, i.success_measure as "successMeasure", i.resolved_by_assessment_at as "resolvedByAssessmentAt",
  i.carried_from_id as "carriedFromId", i.decision_from_id as "decisionFromId", i.created_at as "createdAt", i.updated_at as "updatedAt"`;

export async function findItem(db: Reader, id: string): Promise<ItemRow> {
  const row = isUuid(id) ? await db.tenantOne<ItemRow>(`select ${ITEM_COLUMNS} from action_item i where i.organisation_id = $1 and i.id = $2`, id) : null;
  if (!row) throw notFound('Action item', id);
  return row;
}

const PRIORITY: SortKey<ItemRow>[] = [
  { sql: 'i.priority', direction: 'asc', cast: 'int' },
  { sql: 'i.id', direction: 'asc', cast: 'uuid' },
];

const SORTS: Record<ActionItemSort, SortKey<ItemRow>[]> = {
  PRIORITY,
  DUE_ON: [{ sql: 'i.due_on', direction: 'asc', nullable: true, cast: 'date' }, ...PRIORITY],
  ELEMENT: [{ sql: 'i.element_key', direction: 'asc', cast: 'text' }, ...PRIORITY],
  STATUS: [{ sql: 'i.status', direction: 'asc', cast: 'action_item_status' }, ...PRIORITY],
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
  page: PageInput,
  context: { userId: string | null; today: string },
): Promise<Connection<ItemRow>> {
  const params = new Params();
  const where = ['i.organisation_id = $1'];
  if (filter.assessmentId) where.push(`i.assessment_id = ${params.add(filter.assessmentId)}::uuid`);
  if (!filter.includeResolved) where.push('i.resolved_by_assessment_at is null');
  if (filter.mine) where.push(context.userId ? `i.owner_user_id = ${params.add(context.userId)}::uuid` : 'false');
  if (filter.elementKey) where.push(`i.element_key = ${params.add(filter.elementKey)}`);
  if (filter.status?.length) where.push(`i.status = any(${params.add(filter.status)}::action_item_status[])`);
  else where.push(`i.status <> '${ActionItemStatus.CARRIED_FORWARD}'`);
  if (filter.overdue) where.push(`i.due_on < ${params.add(context.today)}::date and i.status = any(${params.add(OPEN_STATUSES)}::action_item_status[])`);
  if (filter.dueThisMonth) {
    const { first, last } = monthOf(context.today);
    where.push(`i.due_on between ${params.add(first)}::date and ${params.add(last)}::date`);
  }
  return keysetPage<ItemRow>(db, {
    columns: `${ITEM_COLUMNS}`,
    from: `from action_item i`,
    where,
    params,
    order: SORTS[sort],
    orderName: `items-${sort}`,
    page,
  });
}

export async function findPlan(db: Reader, assessmentId: string): Promise<ActionPlanType> {
  const plan = isUuid(assessmentId)
    ? await db.tenantOne<ActionPlanType>(
        `select id, assessment_id as "assessmentId", generated_at as "generatedAt", generations from action_plan where organisation_id = $1 and assessment_id = $2`,
        assessmentId,
      )
    : null;
  if (!plan) throw notFound('Action plan for assessment', assessmentId);
  return plan;
}

export const itemById = perRequest((db) =>
  byId<ItemRow>((ids) => db.tenant(`select ${ITEM_COLUMNS} from action_item i where i.organisation_id = $1 and i.id = any($2::uuid[])`, ids)),
);

/** The next cycle's copy of an item (at most one: a unique key guards it). */
export const successorOf = perRequest(
  (db) =>
    new DataLoader<string, ItemRow | null>(async (ids) => {
      const rows = await db.tenant<ItemRow>(`select ${ITEM_COLUMNS} from action_item i where i.organisation_id = $1 and i.carried_from_id = any($2::uuid[])`, [...ids]);
      const byFrom = new Map(rows.map((r) => [r.carriedFromId, r]));
      return ids.map((id) => byFrom.get(id) ?? null);
    }),
);

export const notesByItem = perRequest((db) =>
  grouped<NoteRow, 'itemId'>(
    (ids) =>
      db.tenant(
        `select id, item_id as "itemId", body, author_id as "authorId", status_from as "statusFrom", status_to as "statusTo", created_at as "createdAt"
           from action_item_note where organisation_id = $1 and item_id = any($2::uuid[]) order by created_at, id`,
        ids,
      ),
    'itemId',
  ),
);

export const cycleOfAssessment = perRequest(
  (db) =>
    new DataLoader<string, string | null>(async (ids) => {
      const rows = await db.tenant<{ id: string; cycle: string }>(`select id, cycle from assessment where organisation_id = $1 and id = any($2::uuid[])`, [...ids]);
      const byId = new Map(rows.map((r) => [r.id, r.cycle]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

/** Evidence collected for items' measures of success, in one join. */
export const evidenceByItem = perRequest((db) =>
  grouped<EvidenceRow & { itemId: string }, 'itemId'>(
    (ids) =>
      db.tenant(
        `select ${EVIDENCE_COLUMNS}, l.item_id as "itemId"
           from action_item_evidence l join evidence e on e.organisation_id = l.organisation_id and e.id = l.evidence_id
          where l.organisation_id = $1 and l.item_id = any($2::uuid[]) order by l.created_at, e.id`,
        ids,
      ),
    'itemId',
  ),
);
