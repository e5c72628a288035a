import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CARRIED_FORWARD,
  type ItemDraft,
  generatePlanItems,
  reconcilePlan,
} from '@waymark/domain';
import { ActionItem, ActionItemKind, ActionItemStatus, ActionPlan, ConsensusAnswer } from '../entities';
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
}

const gapFields = (d: ItemDraft) => ({
  what: d.what,
  why: d.why,
  gap: d.gap,
  guidance: d.guidance,
  footnotes: d.footnotes,
  priority: d.priority,
  priorityReason: d.priorityReason,
  target: d.target,
});

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
 * Generates or regenerates an assessment's plan. Matching is by item key, so nothing is ever
 * duplicated; only the gap fields are refreshed, so owners' edits and notes survive; items whose
 * gap has closed are marked resolved by the assessment, never deleted.
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
  for (const draft of changes.create) {
    em.create(ActionItem, {
      organisationId: scope.organisationId,
      planId: plan.id,
      assessmentId: scope.assessmentId,
      itemKey: draft.itemKey,
      kind: draft.kind as ActionItemKind,
      nodeKey: draft.nodeKey,
      elementKey: draft.elementKey,
      ...gapFields(draft),
    });
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
  };
}

/**
 * Starting the next cycle carries the open work forward: each item still OPEN, IN_PROGRESS or
 * DEFERRED (and not resolved) is copied into the new assessment's plan with its owner, dates,
 * status and working notes fields, linked to the item it continues.
 */
export async function carryPlanForward(
  em: EntityManager,
  scope: PlanScope,
  previousAssessmentId: string,
  frameworkId: string,
): Promise<RegenerateResult | null> {
  const previous = await em.findOne(ActionPlan, { assessmentId: previousAssessmentId, organisationId: scope.organisationId });
  if (!previous) return null;
  const open = await em.find(ActionItem, {
    planId: previous.id,
    organisationId: scope.organisationId,
    status: { $in: CARRIED_FORWARD as ActionItemStatus[] },
    resolvedByAssessmentAt: null,
  });
  const plan = em.create(ActionPlan, { organisationId: scope.organisationId, assessmentId: scope.assessmentId, generatedBy: scope.actorId, generations: 0 });
  for (const item of open) {
    em.create(ActionItem, {
      organisationId: scope.organisationId,
      planId: plan.id,
      assessmentId: scope.assessmentId,
      itemKey: item.itemKey,
      kind: item.kind,
      nodeKey: item.nodeKey,
      elementKey: item.elementKey,
      what: item.what,
      why: item.why,
      gap: item.gap,
      guidance: item.guidance,
      footnotes: item.footnotes,
      priority: item.priority,
      priorityReason: item.priorityReason,
      target: item.target,
      ownerUserId: item.ownerUserId,
      dueOn: item.dueOn,
      reviewIntervalDays: item.reviewIntervalDays,
      nextReviewOn: item.nextReviewOn,
      status: item.status,
      resources: item.resources,
      successMeasure: item.successMeasure,
      carriedFromId: item.id,
    });
  }
  await em.flush();
  return regeneratePlan(em, scope, frameworkId);
}
