import type { FilterQuery } from '@mikro-orm/core';
import {
  ActionItem,
  ActionItemEvidence,
  ActionItemNote,
  ActionItemStatus,
  ActionPlan,
  Assessment,
  ConsensusAnswer,
  Evidence,
  Membership,
  carryPlanForward,
  consensusMaps,
  loadFrameworkTree,
  regeneratePlan,
} from '@waymark/db';
import {
  CARRIED_FORWARD,
  type ItemStatus,
  STATUS_TRANSITIONS,
  addDays,
  badInput,
  canChangeStatus,
  conflict,
  daysBetween,
  median,
  monthOf,
  notFound,
  scoreAssessment,
} from '@waymark/domain';
import type { TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { type Connection, type PageInput, decodeOffset, encodeOffset } from '../../graphql/connection';
import { isUuid } from '../../graphql/ids';
import { getAssessment } from '../assessments/service';
import { ActionItemSort, type ActionItemFilter, type CycleProgress, type UpdateActionItemInput } from './types';
import { organisationToday } from '../../graphql/calendar';

const actor = (ctx: TenantContext) => ctx.userId ?? ctx.apiKeyId!;

export async function generatePlan(ctx: TenantContext, assessmentId: string) {
  const assessment = await getAssessment(ctx, assessmentId);
  const result = await regeneratePlan(ctx.em, { organisationId: ctx.organisationId, assessmentId: assessment.id, actorId: actor(ctx) }, assessment.frameworkId);
  const { plan, ...counts } = result;
  audit(ctx, 'plan.generate', 'ActionPlan', plan.id, null, { assessmentId: assessment.id, generations: plan.generations, ...counts });
  return result;
}

/** Called when the next cycle starts: open items carry into its plan, linked to their history. */
export async function carryForward(ctx: TenantContext, previous: Assessment, next: Assessment) {
  const result = await carryPlanForward(ctx.em, { organisationId: ctx.organisationId, assessmentId: next.id, actorId: actor(ctx) }, previous.id, next.frameworkId);
  if (result) {
    const { plan, ...counts } = result;
    audit(ctx, 'plan.carry-forward', 'ActionPlan', plan.id, { previousAssessmentId: previous.id }, counts);
  }
}

export async function getPlan(ctx: TenantContext, assessmentId: string) {
  const assessment = await getAssessment(ctx, assessmentId);
  const plan = await ctx.em.findOne(ActionPlan, { assessmentId: assessment.id, organisationId: ctx.organisationId });
  if (!plan) throw notFound('Action plan for assessment', assessmentId);
  return plan;
}

export async function getItem(ctx: TenantContext, id: string) {
  const item = isUuid(id) ? await ctx.em.findOne(ActionItem, { id, organisationId: ctx.organisationId }) : null;
  if (!item) throw notFound('Action item', id);
  return item;
}

const OPEN_STATUSES = CARRIED_FORWARD as ActionItemStatus[];

const SORTS: Record<ActionItemSort, Record<string, 'asc' | 'desc' | 'asc nulls last'>> = {
  [ActionItemSort.PRIORITY]: { priority: 'asc', id: 'asc' },
  [ActionItemSort.DUE_ON]: { dueOn: 'asc nulls last', priority: 'asc', id: 'asc' },
  [ActionItemSort.ELEMENT]: { elementKey: 'asc', priority: 'asc', id: 'asc' },
  [ActionItemSort.STATUS]: { status: 'asc', priority: 'asc', id: 'asc' },
};

export async function listItems(ctx: TenantContext, filter: ActionItemFilter, sort: ActionItemSort, page: PageInput): Promise<Connection<ActionItem>> {
  const where: FilterQuery<ActionItem>[] = [{ organisationId: ctx.organisationId }];
  if (filter.assessmentId) where.push({ assessmentId: filter.assessmentId });
  if (!filter.includeResolved) where.push({ resolvedByAssessmentAt: null });
  if (filter.mine) where.push({ ownerUserId: ctx.userId ?? '00000000-0000-0000-0000-000000000000' });
  if (filter.elementKey) where.push({ elementKey: filter.elementKey });
  if (filter.status?.length) where.push({ status: { $in: filter.status } });
  if (filter.overdue || filter.dueThisMonth) {
    const today = await organisationToday(ctx);
    if (filter.overdue) where.push({ dueOn: { $lt: today }, status: { $in: OPEN_STATUSES } });
    if (filter.dueThisMonth) {
      const { first, last } = monthOf(today);
      where.push({ dueOn: { $gte: first, $lte: last } });
    }
  }
  const offset = decodeOffset(page.after);
  const query = { $and: where } as FilterQuery<ActionItem>;
  const rows = await ctx.em.find(ActionItem, query, { orderBy: SORTS[sort] as never, limit: page.first + 1, offset });
  const totalCount = await ctx.em.count(ActionItem, query);
  const edges = rows.slice(0, page.first).map((node, i) => ({ node, cursor: encodeOffset(offset + i) }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null } };
}

export async function updateItem(ctx: TenantContext, id: string, input: UpdateActionItemInput) {
  const item = await getItem(ctx, id);
  const before = snapshot(item);
  const today = await organisationToday(ctx);
  if (input.ownerUserId !== undefined && input.ownerUserId !== null) {
    const member = await ctx.em.findOne(Membership, { organisationId: ctx.organisationId, userId: input.ownerUserId });
    if (!member) throw badInput('ownerUserId', 'must be a member of this organisation');
  }
  for (const field of ['dueOn', 'nextReviewOn'] as const) {
    const value = input[field];
    if (value && value !== item[field] && value < today) throw badInput(field, `must not be in the past (today is ${today})`);
  }
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  Object.assign(item, changes);
  if (item.reviewIntervalDays && !item.nextReviewOn) item.nextReviewOn = addDays(today, item.reviewIntervalDays);
  audit(ctx, 'plan.item.update', 'ActionItem', item.id, before, snapshot(item));
  return item;
}

export async function changeStatus(ctx: TenantContext, id: string, status: ActionItemStatus, note: string | null | undefined) {
  const item = await getItem(ctx, id);
  const from = item.status as ItemStatus;
  if (!canChangeStatus(from, status)) {
    const allowed = STATUS_TRANSITIONS[from].join(', ') || 'none';
    throw conflict(`An item cannot go from ${item.status} to ${status}; from ${item.status} it can go to: ${allowed}`, {
      from: item.status,
      allowed: STATUS_TRANSITIONS[from],
    });
  }
  const before = snapshot(item);
  item.status = status;
  item.doneAt = status === ActionItemStatus.DONE ? new Date() : null;
  ctx.em.create(ActionItemNote, {
    organisationId: ctx.organisationId, itemId: item.id, authorId: actor(ctx), statusFrom: from as ActionItemStatus, statusTo: status,
    body: note?.trim() || `Status changed from ${from} to ${status}`,
  });
  audit(ctx, 'plan.item.status', 'ActionItem', item.id, before, snapshot(item));
  return item;
}

export async function addNote(ctx: TenantContext, id: string, body: string) {
  const item = await getItem(ctx, id);
  const note = ctx.em.create(ActionItemNote, { organisationId: ctx.organisationId, itemId: item.id, authorId: actor(ctx), body: body.trim() });
  audit(ctx, 'plan.item.note', 'ActionItemNote', note.id, null, snapshot(note));
  return note;
}

export async function linkEvidence(ctx: TenantContext, itemId: string, evidenceId: string, link: boolean) {
  const item = await getItem(ctx, itemId);
  const evidence = isUuid(evidenceId) ? await ctx.em.findOne(Evidence, { id: evidenceId, organisationId: ctx.organisationId }) : null;
  if (!evidence) throw notFound('Evidence', evidenceId);
  const existing = await ctx.em.findOne(ActionItemEvidence, { itemId: item.id, evidenceId: evidence.id });
  if (link && !existing) {
    const row = ctx.em.create(ActionItemEvidence, { organisationId: ctx.organisationId, itemId: item.id, evidenceId: evidence.id, linkedBy: actor(ctx) });
    audit(ctx, 'plan.item.evidence.link', 'ActionItemEvidence', row.id, null, snapshot(row));
  }
  if (!link && existing) {
    audit(ctx, 'plan.item.evidence.unlink', 'ActionItemEvidence', existing.id, snapshot(existing), null);
    ctx.em.remove(existing);
  }
  return item;
}

/** The items an item continues, oldest first: its history across cycles. */
export async function historyOf(ctx: TenantContext, item: ActionItem): Promise<ActionItem[]> {
  const chain: ActionItem[] = [];
  for (let id = item.carriedFromId; id && chain.length < 50; ) {
    const previous = await ctx.em.findOne(ActionItem, { id, organisationId: ctx.organisationId });
    if (!previous) break;
    chain.unshift(previous);
    id = previous.carriedFromId;
  }
  return chain;
}

/**
 * Cycle over cycle: scores per element and the change since the previous cycle, and plan figures.
 * Days to done count from when the item was first raised, following carried-forward links.
 */
export async function progress(ctx: TenantContext): Promise<CycleProgress[]> {
  const today = await organisationToday(ctx);
  const assessments = await ctx.em.find(Assessment, { organisationId: ctx.organisationId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const ids = assessments.map((a) => a.id);
  const answers = await ctx.em.find(ConsensusAnswer, { organisationId: ctx.organisationId, assessmentId: { $in: ids } });
  const items = await ctx.em.find(ActionItem, { organisationId: ctx.organisationId, assessmentId: { $in: ids } });
  const planned = new Set((await ctx.em.find(ActionPlan, { organisationId: ctx.organisationId, assessmentId: { $in: ids } })).map((p) => p.assessmentId));
  const itemsById = new Map(items.map((i) => [i.id, i]));
  const firstRaised = (item: ActionItem): Date => {
    let current = item;
    for (let hops = 0; current.carriedFromId && itemsById.has(current.carriedFromId) && hops < 50; hops++) current = itemsById.get(current.carriedFromId)!;
    return current.createdAt;
  };

  const result: CycleProgress[] = [];
  let previous: CycleProgress | undefined;
  for (const assessment of assessments) {
    const tree = await loadFrameworkTree(ctx.em, assessment.frameworkId);
    const score = scoreAssessment(tree.scoring, consensusMaps(answers.filter((a) => a.assessmentId === assessment.id), tree));
    const own = items.filter((i) => i.assessmentId === assessment.id);
    const active = own.filter((i) => !i.resolvedByAssessmentAt);
    const done = own.filter((i) => i.status === ActionItemStatus.DONE && i.doneAt);
    const change = (now: number | null, before: number | null | undefined) => (now === null || before === null || before === undefined ? null : now - before);
    const entry: CycleProgress = {
      assessmentId: assessment.id,
      cycle: assessment.cycle,
      status: assessment.status,
      practice: score.practice,
      evidence: score.evidence,
      complete: score.complete,
      practiceChange: previous ? score.practice - previous.practice : null,
      evidenceChange: previous ? change(score.evidence, previous.evidence) : null,
      elements: score.elements.map((e) => {
        const before = previous?.elements.find((p) => p.elementKey === e.elementKey);
        return {
          elementKey: e.elementKey,
          practice: e.practice,
          evidence: e.evidence,
          practiceChange: before ? e.practice - before.practice : null,
          evidenceChange: before ? change(e.evidence, before.evidence) : null,
        };
      }),
      plan: planned.has(assessment.id)
        ? {
            items: own.length,
            done: done.length,
            open: active.filter((i) => OPEN_STATUSES.includes(i.status)).length,
            overdue: active.filter((i) => OPEN_STATUSES.includes(i.status) && i.dueOn !== null && i.dueOn < today).length,
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
