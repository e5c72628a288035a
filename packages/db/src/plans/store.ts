import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ActionItemStatus,
  DECIDED_STATUSES,
  GAP_FIELDS,
  type ItemDraft,
  type ItemGapFields,
  OPEN_STATUSES,
  followDecision,
  generatePlanItems,
  reconcilePlan,
} from '@waymark/domain';
import { ActionItem, ActionItemNote, ActionPlan, Assessment, ConsensusAnswer } from '../entities';
import { consensusMaps, loadFrameworkTree } from '../frameworks/tree';
import { planElementsOf } from './shape';

export interface PlanScope {
  organisationId: string;
  assessmentId: string;
  /** Who generated it (a user or an API key id). */
  actorId: string;
}

export interface RegenerateResult {
  plan: ActionPlan;
  created: number;
  refreshed: number;
  reopened: number;
  resolved: number;
  /** New items that follow a decision of the cycle before (a gap DONE or DROPPED there). */
  followedDecisions: number;
}

/** The gap fields of a draft: the only fields regeneration may write (GAP_FIELDS, from the domain). */
const gapFields = (d: ItemDraft): ItemGapFields => Object.fromEntries(GAP_FIELDS.map((f) => [f, d[f]])) as ItemGapFields;

/** The items the answers call for now, from the assessment's consensus answers. */
export async function draftsFor(em: EntityManager, scope: PlanScope, frameworkId: string): Promise<ItemDraft[]> {
  const tree = await loadFrameworkTree(em, frameworkId);
  const rows = await em.find(ConsensusAnswer, { assessmentId: scope.assessmentId, organisationId: scope.organisationId });
  return generatePlanItems(planElementsOf(tree), {
    ...consensusMaps(rows, tree),
    areaForImprovement: new Map(rows.map((r) => [r.nodeKey, r.areaForImprovement])),
    notes: new Map(rows.map((r) => [r.nodeKey, r.note])),
  });
}

/**
 * What the team decided last cycle about each gap it closed as DONE or DROPPED: the item, its
 * cycle, and for a drop the reason given with it (the note of the status change).
 */
interface Decision {
  item: ActionItem;
  cycle: string;
  reason: string | null;
}

async function earlierDecisions(em: EntityManager, scope: PlanScope): Promise<Map<string, Decision>> {
  const assessment = await em.findOneOrFail(Assessment, { id: scope.assessmentId, organisationId: scope.organisationId });
  if (!assessment.previousId) return new Map();
  const previous = await em.findOneOrFail(Assessment, { id: assessment.previousId, organisationId: scope.organisationId });
  const decided = await em.find(ActionItem, {
    organisationId: scope.organisationId,
    assessmentId: previous.id,
    status: { $in: [...DECIDED_STATUSES] },
  });
  const notes = decided.length
    ? await em.find(
        ActionItemNote,
        { organisationId: scope.organisationId, itemId: { $in: decided.map((i) => i.id) }, statusTo: ActionItemStatus.DROPPED },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      )
    : [];
  const reasonOf = new Map<string, string>();
  for (const note of notes) if (!reasonOf.has(note.itemId)) reasonOf.set(note.itemId, note.body);
  return new Map(decided.map((item) => [item.itemKey, { item, cycle: previous.cycle, reason: reasonOf.get(item.id) ?? null }]));
}

/**
 * Generates or regenerates an assessment's plan. Matching is by item key, so nothing is ever
 * duplicated; only the gap fields are refreshed, so owners' edits and notes survive; items whose
 * gap has closed are marked resolved by the assessment, never deleted. A new gap that the team
 * closed as DONE or DROPPED last cycle links to that decision and follows it (followDecision).
 */
export async function regeneratePlan(em: EntityManager, scope: PlanScope, frameworkId: string): Promise<RegenerateResult> {
  let plan = await em.findOne(ActionPlan, { assessmentId: scope.assessmentId, organisationId: scope.organisationId });
  if (plan) {
    plan.generatedAt = new Date();
    plan.generatedBy = scope.actorId;
    plan.generations += 1;
  } else {
    plan = em.create(ActionPlan, { organisationId: scope.organisationId, assessmentId: scope.assessmentId, generatedBy: scope.actorId });
  }
  const items = await em.find(ActionItem, { planId: plan.id, organisationId: scope.organisationId });
  const byId = new Map(items.map((i) => [i.id, i]));
  const changes = reconcilePlan(
    items.map((i) => ({ id: i.id, itemKey: i.itemKey, resolved: i.resolvedByAssessmentAt !== null })),
    await draftsFor(em, scope, frameworkId),
  );
  const decisions = changes.create.length ? await earlierDecisions(em, scope) : new Map<string, Decision>();
  let followedDecisions = 0;
  for (const draft of changes.create) {
    const earlier = decisions.get(draft.itemKey);
    const outcome = followDecision(earlier ? { status: earlier.item.status, cycle: earlier.cycle, reason: earlier.reason } : undefined);
    const item = em.create(ActionItem, {
      organisationId: scope.organisationId,
      planId: plan.id,
      assessmentId: scope.assessmentId,
      itemKey: draft.itemKey,
      kind: draft.kind,
      nodeKey: draft.nodeKey,
      elementKey: draft.elementKey,
      ...gapFields(draft),
      ...(outcome ? { status: outcome.status, decisionFromId: earlier!.item.id } : {}),
    });
    if (outcome) {
      followedDecisions += 1;
      em.create(ActionItemNote, {
        organisationId: scope.organisationId, itemId: item.id, authorId: scope.actorId, body: outcome.note, statusFrom: null, statusTo: outcome.status,
      });
    }
  }
  for (const { id, draft } of changes.refresh) Object.assign(byId.get(id)!, gapFields(draft));
  for (const { id, draft } of changes.reopen) Object.assign(byId.get(id)!, gapFields(draft), { resolvedByAssessmentAt: null });
  const now = new Date();
  for (const id of changes.resolve) byId.get(id)!.resolvedByAssessmentAt = now;
  return {
    plan,
    created: changes.create.length,
    refreshed: changes.refresh.length,
    reopened: changes.reopen.length,
    resolved: changes.resolve.length,
    followedDecisions,
  };
}

/**
 * Starting the next cycle carries the open work forward: each item still OPEN, IN_PROGRESS or
 * DEFERRED (and not resolved) is continued by a copy in the new assessment's plan (same owner,
 * dates, status and working fields, linked to the item it continues), and the old item ends as
 * CARRIED_FORWARD with a note saying where the work went, so every piece of work is counted, listed
 * and reminded once.
 */
export async function carryPlanForward(
  em: EntityManager,
  scope: PlanScope,
  previousAssessmentId: string,
  frameworkId: string,
  /** When the new cycle is on another framework version: an old node key's key in it (null: retired). */
  translate: (key: string) => string | null = (key) => key,
): Promise<(RegenerateResult & { carried: number }) | null> {
  const previous = await em.findOne(ActionPlan, { assessmentId: previousAssessmentId, organisationId: scope.organisationId });
  if (!previous) return null;
  const next = await em.findOneOrFail(Assessment, { id: scope.assessmentId, organisationId: scope.organisationId });
  const open = await em.find(ActionItem, {
    planId: previous.id,
    organisationId: scope.organisationId,
    status: { $in: [...OPEN_STATUSES] },
    resolvedByAssessmentAt: null,
  });
  const plan = em.create(ActionPlan, { organisationId: scope.organisationId, assessmentId: scope.assessmentId, generatedBy: scope.actorId, generations: 0 });
  for (const item of open) {
    // A retired node's work is carried as it was; regenerating then marks it resolved (no longer asked).
    const nodeKey = translate(item.nodeKey) ?? item.nodeKey;
    const [kind] = item.itemKey.split(':');
    em.create(ActionItem, {
      organisationId: scope.organisationId,
      planId: plan.id,
      assessmentId: scope.assessmentId,
      itemKey: nodeKey === item.nodeKey ? item.itemKey : `${kind}:${nodeKey}`,
      kind: item.kind,
      nodeKey,
      elementKey: translate(item.elementKey) ?? item.elementKey,
      ...gapFields(item as unknown as ItemDraft),
      ownerUserId: item.ownerUserId,
      dueOn: item.dueOn,
      reviewIntervalDays: item.reviewIntervalDays,
      nextReviewOn: item.nextReviewOn,
      status: item.status,
      resources: item.resources,
      successMeasure: item.successMeasure,
      carriedFromId: item.id,
      decisionFromId: item.decisionFromId,
    });
    em.create(ActionItemNote, {
      organisationId: scope.organisationId,
      itemId: item.id,
      authorId: scope.actorId,
      body: `Carried forward to cycle ${next.cycle}: the work goes on in that cycle's plan`,
      statusFrom: item.status,
      statusTo: ActionItemStatus.CARRIED_FORWARD,
    });
    item.status = ActionItemStatus.CARRIED_FORWARD;
  }
  await em.flush();
  return { ...(await regeneratePlan(em, scope, frameworkId)), carried: open.length };
}
