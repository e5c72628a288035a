import {
  ActionItem,
  ActionItemEvidence,
  ActionItemNote,
  type Assessment,
  Evidence,
  Membership,
  carryPlanForward,
  consensusMaps,
  recordEvent,
  regeneratePlan,
} from '@waymark/db';
import {
  ActionItemStatus,
  REOPENING_NEEDS_MANAGER,
  STATUS_TRANSITIONS,
  addDays,
  badInput,
  canChangeStatus,
  compareCycles,
  conflict,
  daysBetween,
  forbidden,
  isOpen,
  isUuid,
  median,
  notFound,
  scoreAssessment,
} from '@waymark/domain';
import { type TenantContext, actorOf } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { organisationToday } from '../../graphql/calendar';
import { treeOf } from '../frameworks/queries';
import { assessmentForWrite } from '../assessments/service';
import { ASSESSMENT_COLUMNS } from '../assessments/queries';
import type { AssessmentRow } from '../assessments/types';
import { ITEM_COLUMNS } from './queries';
import type { CycleProgress, ItemRow, UpdateActionItemInput } from './types';

export async function generatePlan(ctx: TenantContext, assessmentId: string) {
  const assessment = await assessmentForWrite(ctx, assessmentId);
  const result = await regeneratePlan(ctx.em, { organisationId: ctx.organisationId, assessmentId: assessment.id, actorId: actorOf(ctx) }, assessment.frameworkId);
  const { plan, ...counts } = result;
  audit(ctx, 'plan.generate', 'ActionPlan', plan.id, null, { assessmentId: assessment.id, generations: plan.generations, ...counts });
  recordEvent(ctx.em, {
    organisationId: ctx.organisationId, type: 'plan.generated', subjectId: plan.id,
    payload: { assessmentId: assessment.id, planId: plan.id, items: counts.created + counts.refreshed },
  });
  return result;
}

/** Called when the next cycle starts: open items carry into its plan, and their old copies close as CARRIED_FORWARD. */
export async function carryForward(ctx: TenantContext, previous: Assessment, next: Assessment) {
  const result = await carryPlanForward(ctx.em, { organisationId: ctx.organisationId, assessmentId: next.id, actorId: actorOf(ctx) }, previous.id, next.frameworkId);
  if (result) {
    const { plan, ...counts } = result;
    audit(ctx, 'plan.carry-forward', 'ActionPlan', plan.id, { previousAssessmentId: previous.id }, counts);
  }
}

export async function itemForWrite(ctx: TenantContext, id: string) {
  const item = isUuid(id) ? await ctx.em.findOne(ActionItem, { id, organisationId: ctx.organisationId }) : null;
  if (!item) throw notFound('Action item', id);
  return item;
}

export async function updateItem(ctx: TenantContext, id: string, input: UpdateActionItemInput) {
  const item = await itemForWrite(ctx, id);
  if (item.status === ActionItemStatus.CARRIED_FORWARD) {
    throw conflict(`Action item ${id} was carried forward: work on its copy in the next cycle's plan instead`, { reason: 'CARRIED_FORWARD' });
  }
  const before = snapshot(item);
  const today = await organisationToday(ctx);
  if (input.ownerUserId) {
    const member = await ctx.em.findOne(Membership, { organisationId: ctx.organisationId, userId: input.ownerUserId });
    if (!member) throw badInput('ownerUserId', 'must be a member of this organisation', { reason: 'NOT_A_MEMBER' });
  }
  for (const field of ['dueOn', 'nextReviewOn'] as const) {
    const value = input[field];
    if (value && value !== item[field] && value < today) throw badInput(field, `must not be in the past (today is ${today})`, { reason: 'IN_THE_PAST', today });
  }
  const changes = Object.fromEntries(
    Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v === '' ? null : v]),
  );
  Object.assign(item, changes);
  if (item.reviewIntervalDays && !item.nextReviewOn) item.nextReviewOn = addDays(today, item.reviewIntervalDays);
  audit(ctx, 'plan.item.update', 'ActionItem', item.id, before, snapshot(item));
  return item;
}

export async function changeStatus(ctx: TenantContext, id: string, status: ActionItemStatus, note: string | null | undefined) {
  const item = await itemForWrite(ctx, id);
  const from: ActionItemStatus = item.status;
  if (!canChangeStatus(from, status)) {
    const allowed = STATUS_TRANSITIONS[from];
    const hint = from === ActionItemStatus.CARRIED_FORWARD ? ": it was carried forward, so work on its copy in the next cycle's plan" : '';
    throw conflict(`An item cannot go from ${from} to ${status}; from ${from} it can go to: ${allowed.join(', ') || 'nothing'}${hint}`, {
      reason: 'STATUS_MOVE',
      from,
      to: status,
      allowed,
    });
  }
  if (status === ActionItemStatus.CARRIED_FORWARD) throw badInput('status', 'CARRIED_FORWARD is set by starting the next cycle, not by hand', { reason: 'SET_BY_WAYMARK' });
  if (REOPENING_NEEDS_MANAGER.has(from) && !ctx.permissions.has('plans:manage')) {
    throw forbidden(`Taking up a ${from} item again is a manager's decision (it needs the plans:manage permission)`);
  }
  if (status === ActionItemStatus.DROPPED && !note) throw badInput('note', 'say why the item is dropped: the reason is kept and follows the gap into the next cycle', { reason: 'REASON_NEEDED' });
  const before = snapshot(item);
  item.status = status;
  item.doneAt = status === ActionItemStatus.DONE ? new Date() : null;
  ctx.em.create(ActionItemNote, {
    organisationId: ctx.organisationId, itemId: item.id, authorId: actorOf(ctx), statusFrom: from, statusTo: status,
    body: note || `Status changed from ${from} to ${status}`,
  });
  audit(ctx, 'plan.item.status', 'ActionItem', item.id, before, snapshot(item));
  recordEvent(ctx.em, {
    organisationId: ctx.organisationId, type: 'action_item.status_changed', subjectId: item.id,
    payload: { from, to: status, assessmentId: item.assessmentId },
  });
  return item;
}

export async function addNote(ctx: TenantContext, id: string, body: string) {
  const item = await itemForWrite(ctx, id);
  const note = ctx.em.create(ActionItemNote, { organisationId: ctx.organisationId, itemId: item.id, authorId: actorOf(ctx), body });
  audit(ctx, 'plan.item.note', 'ActionItemNote', note.id, null, snapshot(note));
  return note;
}

export async function linkEvidence(ctx: TenantContext, itemId: string, evidenceId: string, link: boolean) {
  const item = await itemForWrite(ctx, itemId);
  const evidence = isUuid(evidenceId) ? await ctx.em.findOne(Evidence, { id: evidenceId, organisationId: ctx.organisationId }) : null;
  if (!evidence) throw notFound('Evidence', evidenceId);
  const existing = await ctx.em.findOne(ActionItemEvidence, { organisationId: ctx.organisationId, itemId: item.id, evidenceId: evidence.id });
  if (link && !existing) {
    const row = ctx.em.create(ActionItemEvidence, { organisationId: ctx.organisationId, itemId: item.id, evidenceId: evidence.id, linkedBy: actorOf(ctx) });
    audit(ctx, 'plan.item.evidence.link', 'ActionItemEvidence', row.id, null, snapshot(row));
  }
  if (!link && existing) {
    audit(ctx, 'plan.item.evidence.unlink', 'ActionItemEvidence', existing.id, snapshot(existing), null);
    ctx.em.remove(existing);
  }
  return item;
}

/** The framework the organisation used last (its newest assessment's), for progress by default. */
async function lastFramework(ctx: TenantContext): Promise<string | null> {
  const row = await ctx.db.tenantOne<{ frameworkId: string }>(
    `select framework_id as "frameworkId" from assessment where organisation_id = $1 order by created_at desc, id desc limit 1`,
  );
  return row?.frameworkId ?? null;
}

const change = (now: number | null, before: number | null) => (now === null || before === null ? null : now - before);

/**
 * Cycle over cycle, for one framework (the one the organisation used last, unless named), in the
 * order of the cycles: scores per element, the change since the cycle before, and plan figures in
 * which each piece of work counts once (an item carried forward counts in the cycle it went to).
 * Days to done count from when the work was first raised, following carried-forward links.
 */
export async function progress(ctx: TenantContext, frameworkId: string | null): Promise<CycleProgress[]> {
  const framework = frameworkId ?? (await lastFramework(ctx));
  if (!framework) return [];
  if (!isUuid(framework)) throw notFound('Framework', framework);
  const [today, tree, assessments] = await Promise.all([
    organisationToday(ctx),
    treeOf(ctx.db, framework),
    ctx.db.tenant<AssessmentRow>(`select ${ASSESSMENT_COLUMNS} from assessment a where a.organisation_id = $1 and a.framework_id = $2`, framework),
  ]);
  assessments.sort((a, b) => compareCycles(a.cycle, b.cycle) || a.createdAt.getTime() - b.createdAt.getTime());
  const ids = assessments.map((a) => a.id);
  const [answers, items, plans] = await Promise.all([
    ctx.db.tenant<{ assessmentId: string; nodeKey: string; value: string }>(
      `select assessment_id as "assessmentId", node_key as "nodeKey", value from consensus_answer where organisation_id = $1 and assessment_id = any($2::uuid[])`,
      ids,
    ),
    ctx.db.tenant<ItemRow>(`select ${ITEM_COLUMNS} from action_item i where i.organisation_id = $1 and i.assessment_id = any($2::uuid[])`, ids),
    ctx.db.tenant<{ assessmentId: string }>(`select assessment_id as "assessmentId" from action_plan where organisation_id = $1 and assessment_id = any($2::uuid[])`, ids),
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
    const score = scoreAssessment(tree.scoring, consensusMaps(answers.filter((a) => a.assessmentId === assessment.id), tree));
    const own = items.filter((i) => i.assessmentId === assessment.id);
    const active = own.filter((i) => i.resolvedByAssessmentAt === null);
    const open = active.filter((i) => isOpen(i.status));
    const done = own.filter((i) => i.status === ActionItemStatus.DONE && i.doneAt);
    const entry: CycleProgress = {
      assessmentId: assessment.id,
      frameworkId: framework,
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
