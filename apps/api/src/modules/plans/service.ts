import {
  ActionItem,
  ActionItemEvidence,
  ActionItemNote,
  type Assessment,
  Evidence,
  Membership,
  carryPlanForward,
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
  conflict,
  forbidden,
  isUuid,
  notFound,
} from '@waymark/domain';
import { type TenantContext, actorOf } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { organisationToday } from '../../graphql/calendar';
import { assessmentForWrite } from '../assessments/service';
import type { UpdateActionItemInput } from './types';

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
export async function carryForward(ctx: TenantContext, previous: Assessment, next: Assessment, translate?: (key: string) => string | null) {
  const result = await carryPlanForward(ctx.em, { organisationId: ctx.organisationId, assessmentId: next.id, actorId: actorOf(ctx) }, previous.id, next.frameworkId, translate);
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
