import { LockMode } from '@mikro-orm/core';
import {
  Assessment, AssessmentReopening, AssessorAnswer, ConsensusAnswer, Evidence, EvidenceLink, type FrameworkTree, type StoredCrosswalk,
  consensusMaps, keepSubmittedScores, loadCrosswalk, recordEvent, withdrawSubmittedScores,
} from '@waymark/db';
import { targetsOf } from '@waymark/frameworks';
import { AssessmentStatus, SCALE_VALUES, agreedValues, badInput, conflict, forbidden, missingParts, notFound, isUuid } from '@waymark/domain';
import { type TenantContext, actorOf } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { organisationToday } from '../../graphql/calendar';
import { treeOf } from '../frameworks/reads';
import type { AnswerInput } from './inputs';

/** An assessment of the organisation, for changing; another organisation's id is NOT_FOUND like a missing one. */
export async function assessmentForWrite(ctx: TenantContext, id: string, lock = false): Promise<Assessment> {
  const assessment = isUuid(id)
    ? await ctx.em.findOne(Assessment, { id, organisationId: ctx.organisationId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {})
    : null;
  if (!assessment) throw notFound('Assessment', id);
  return assessment;
}

export const frameworkOf = (ctx: TenantContext, assessment: { frameworkId: string }): Promise<FrameworkTree> => treeOf(ctx.db, assessment.frameworkId);

/** A submitted assessment is locked: nothing about its answers or links changes until a manager reopens it. */
export function assertEditable(assessment: { id: string; status: string; cycle?: string }) {
  if (assessment.status === AssessmentStatus.SUBMITTED) {
    throw conflict(`Assessment ${assessment.id} is submitted and locked: a manager can reopen it with a reason`, { reason: 'LOCKED', assessmentId: assessment.id, cycle: assessment.cycle });
  }
}

async function checkDueOn(ctx: TenantContext, dueOn: string | null | undefined) {
  if (!dueOn) return;
  const today = await organisationToday(ctx);
  if (dueOn < today) throw badInput('dueOn', `must not be in the past (today is ${today} in the organisation's time zone)`, { reason: 'IN_THE_PAST', today });
}

/** Keys must be answerable items of the framework, each named once. */
function validateKeys(tree: FrameworkTree, keys: readonly string[], field: (i: number) => string) {
  const seen = new Set<string>();
  keys.forEach((key, i) => {
    if (!tree.answerable.has(key)) throw badInput(field(i), `"${key}" is not an answerable item of ${tree.row.key}@${tree.row.version}`, { reason: 'UNKNOWN_ITEM', nodeKey: key });
    if (seen.has(key)) throw badInput(field(i), `"${key}" appears twice in one call`, { reason: 'DUPLICATE_ITEM', nodeKey: key });
    seen.add(key);
  });
}

/** Every answer is checked against the framework: a known key, and a value on that key's scale. */
function validateAnswers(tree: FrameworkTree, answers: AnswerInput[]) {
  validateKeys(tree, answers.map((a) => a.nodeKey), (i) => `answers[${i}].nodeKey`);
  answers.forEach((a, i) => {
    const scale = tree.answerable.get(a.nodeKey)!;
    const allowed = SCALE_VALUES[scale];
    if (!allowed.includes(a.value)) throw badInput(`answers[${i}].value`, `"${a.value}" is not one of ${allowed.join(', ')} for ${a.nodeKey}`, { reason: 'NOT_ALLOWED_VALUE', nodeKey: a.nodeKey, allowed });
    if (scale === 'PRACTICE' && a.areaForImprovement) throw badInput(`answers[${i}].areaForImprovement`, 'applies to evidence prompts only', { reason: 'PROMPTS_ONLY', nodeKey: a.nodeKey });
  });
}

export async function createAssessment(ctx: TenantContext, input: { frameworkId: string; cycle: string; dueOn?: string | null }) {
  // An unknown framework is NOT_FOUND (the id is a UUID: the input says so).
  const framework = await treeOf(ctx.db, input.frameworkId);
  await checkDueOn(ctx, input.dueOn);
  const existing = await ctx.em.count(Assessment, { organisationId: ctx.organisationId, frameworkId: framework.row.id, cycle: input.cycle });
  if (existing) throw conflict(`An assessment of ${framework.row.key} for cycle "${input.cycle}" already exists`, { field: 'cycle', reason: 'ALREADY_EXISTS', cycle: input.cycle });
  const assessment = ctx.em.create(Assessment, {
    organisationId: ctx.organisationId,
    frameworkId: framework.row.id,
    cycle: input.cycle,
    dueOn: input.dueOn ?? null,
    createdBy: actorOf(ctx),
  });
  audit(ctx, 'assessment.create', 'Assessment', assessment.id, null, snapshot(assessment));
  return assessment;
}

export async function recordAnswers(ctx: TenantContext, assessmentId: string, answers: AnswerInput[]) {
  if (!ctx.userId) throw forbidden('Assessor answers belong to a person: sign in to record your own answers');
  const assessment = await assessmentForWrite(ctx, assessmentId);
  assertEditable(assessment);
  validateAnswers(await frameworkOf(ctx, assessment), answers);
  const existing = new Map(
    (await ctx.em.find(AssessorAnswer, { organisationId: ctx.organisationId, assessmentId: assessment.id, userId: ctx.userId, nodeKey: { $in: answers.map((a) => a.nodeKey) } })).map((a) => [a.nodeKey, a]),
  );
  const before = [...existing.values()].map(snapshot);
  const saved = answers.map((a) => {
    const row =
      existing.get(a.nodeKey) ??
      ctx.em.create(AssessorAnswer, { organisationId: ctx.organisationId, assessmentId: assessment.id, userId: ctx.userId!, nodeKey: a.nodeKey, value: a.value });
    Object.assign(row, { value: a.value, areaForImprovement: a.areaForImprovement, note: a.note ?? null });
    return row;
  });
  audit(ctx, 'assessment.answers.record', 'Assessment', assessment.id, before, saved.map(snapshot));
  return saved;
}

/** Items whose agreed answer changed since the caller last saw it (see AnswerInput.expectedUpdatedAt). */
function changedSince(answers: readonly AnswerInput[], existing: ReadonlyMap<string, ConsensusAnswer>) {
  return answers.flatMap((a) => {
    if (a.expectedUpdatedAt === undefined) return [];
    const row = existing.get(a.nodeKey);
    const unchanged = a.expectedUpdatedAt === null ? !row : row !== undefined && row.updatedAt.getTime() === a.expectedUpdatedAt.getTime();
    return unchanged ? [] : [{ nodeKey: a.nodeKey, value: row?.value ?? null, updatedAt: row?.updatedAt.toISOString() ?? null }];
  });
}

async function upsertConsensus(ctx: TenantContext, assessment: Assessment, answers: AnswerInput[], action: string) {
  const existing = new Map(
    (
      await ctx.em.find(
        ConsensusAnswer,
        { organisationId: ctx.organisationId, assessmentId: assessment.id, nodeKey: { $in: answers.map((a) => a.nodeKey) } },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      )
    ).map((a) => [a.nodeKey, a]),
  );
  const changed = changedSince(answers, existing);
  if (changed.length) {
    throw conflict(`Someone else changed ${changed.map((c) => c.nodeKey).join(', ')} since you read it: nothing was saved; reload and try again`, { reason: 'CHANGED_MEANWHILE', changed });
  }
  const before = [...existing.values()].map(snapshot);
  const saved = answers.map((a) => {
    const row =
      existing.get(a.nodeKey) ??
      ctx.em.create(ConsensusAnswer, { organisationId: ctx.organisationId, assessmentId: assessment.id, nodeKey: a.nodeKey, value: a.value, setBy: actorOf(ctx) });
    Object.assign(row, { value: a.value, areaForImprovement: a.areaForImprovement, note: a.note ?? null, setBy: actorOf(ctx), needsReview: false });
    return row;
  });
  audit(ctx, action, 'Assessment', assessment.id, before, saved.map(snapshot));
}

export async function setConsensus(ctx: TenantContext, assessmentId: string, answers: AnswerInput[]) {
  const assessment = await assessmentForWrite(ctx, assessmentId);
  assertEditable(assessment);
  validateAnswers(await frameworkOf(ctx, assessment), answers);
  await upsertConsensus(ctx, assessment, answers, 'assessment.consensus.set');
  return assessment;
}

/** Where every assessor who answered (two or more) agrees and no consensus is set yet, adopt their answer. */
export async function adoptAgreedAnswers(ctx: TenantContext, assessmentId: string) {
  const assessment = await assessmentForWrite(ctx, assessmentId);
  assertEditable(assessment);
  const team = await ctx.em.find(AssessorAnswer, { organisationId: ctx.organisationId, assessmentId: assessment.id });
  const decided = new Set((await ctx.em.find(ConsensusAnswer, { organisationId: ctx.organisationId, assessmentId: assessment.id })).map((c) => c.nodeKey));
  const flags = new Map(team.map((a) => [a.nodeKey, a.areaForImprovement]));
  const adopt = [...agreedValues(team.map((a) => ({ nodeKey: a.nodeKey, userId: a.userId, value: a.value })))]
    .filter(([key]) => !decided.has(key))
    .map(([nodeKey, value]) => ({ nodeKey, value, areaForImprovement: flags.get(nodeKey) ?? false, note: null }));
  if (adopt.length) await upsertConsensus(ctx, assessment, adopt, 'assessment.consensus.adopt');
  return assessment;
}

/** Takes items back to unanswered: the caller's own answers, or the team's agreed ones. */
export async function clearAnswers(ctx: TenantContext, assessmentId: string, nodeKeys: string[], which: 'mine' | 'agreed') {
  if (which === 'mine' && !ctx.userId) throw forbidden('Assessor answers belong to a person: sign in to clear your own answers');
  const assessment = await assessmentForWrite(ctx, assessmentId);
  assertEditable(assessment);
  validateKeys(await frameworkOf(ctx, assessment), nodeKeys, (i) => `nodeKeys[${i}]`);
  const where = { organisationId: ctx.organisationId, assessmentId: assessment.id, nodeKey: { $in: nodeKeys } };
  const rows: (AssessorAnswer | ConsensusAnswer)[] =
    which === 'mine' ? await ctx.em.find(AssessorAnswer, { ...where, userId: ctx.userId! }) : await ctx.em.find(ConsensusAnswer, where);
  if (rows.length) {
    audit(ctx, which === 'mine' ? 'assessment.answers.clear' : 'assessment.consensus.clear', 'Assessment', assessment.id, rows.map(snapshot), { cleared: rows.map((r) => r.nodeKey) });
    for (const row of rows) ctx.em.remove(row);
  }
  return assessment;
}

export async function submitAssessment(ctx: TenantContext, id: string) {
  const assessment = await assessmentForWrite(ctx, id, true);
  assertEditable(assessment);
  const tree = await frameworkOf(ctx, assessment);
  const rows = await ctx.em.find(ConsensusAnswer, { organisationId: ctx.organisationId, assessmentId: assessment.id });
  const missing = missingParts(tree.scoring, consensusMaps(rows, tree).practice);
  if (missing.length) {
    throw conflict(`Cannot submit: ${missing.length} action part(s) have no agreed answer: ${missing.join(', ')}`, { reason: 'MISSING_PARTS', missing });
  }
  const before = snapshot(assessment);
  Object.assign(assessment, { status: AssessmentStatus.SUBMITTED, submittedAt: new Date(), submittedBy: actorOf(ctx) });
  await keepSubmittedScores(ctx.em, assessment, tree, rows);
  audit(ctx, 'assessment.submit', 'Assessment', assessment.id, before, snapshot(assessment));
  recordEvent(ctx.em, {
    organisationId: ctx.organisationId, type: 'assessment.submitted', subjectId: assessment.id,
    payload: { cycle: assessment.cycle, frameworkId: assessment.frameworkId, submittedAt: assessment.submittedAt!.toISOString() },
  });
  return assessment;
}

export async function reopenAssessment(ctx: TenantContext, id: string, reason: string) {
  const assessment = await assessmentForWrite(ctx, id, true);
  if (assessment.status !== AssessmentStatus.SUBMITTED) throw conflict(`Assessment ${id} is not submitted, so there is nothing to reopen`, { reason: 'NOT_SUBMITTED', cycle: assessment.cycle });
  const before = snapshot(assessment);
  ctx.em.create(AssessmentReopening, { organisationId: ctx.organisationId, assessmentId: assessment.id, reason, reopenedBy: actorOf(ctx) });
  assessment.status = AssessmentStatus.REOPENED;
  await withdrawSubmittedScores(ctx.em, ctx.organisationId, assessment.id);
  audit(ctx, 'assessment.reopen', 'Assessment', assessment.id, before, { ...snapshot(assessment), reason });
  recordEvent(ctx.em, { organisationId: ctx.organisationId, type: 'assessment.reopened', subjectId: assessment.id, payload: { cycle: assessment.cycle, frameworkId: assessment.frameworkId, reason } });
  return assessment;
}

/**
 * The crosswalk that takes a cycle from one framework version to another: the target must be a
 * version of the same framework, and a crosswalk from the previous version to it must be published.
 */
async function crosswalkFor(ctx: TenantContext, from: FrameworkTree, toFrameworkId: string): Promise<{ to: FrameworkTree; crosswalk: StoredCrosswalk }> {
  const to = await treeOf(ctx.db, toFrameworkId);
  const name = (t: FrameworkTree) => `${t.row.key}@${t.row.version}`;
  if (to.row.key !== from.row.key) {
    throw badInput('frameworkId', `${name(to)} is another framework, not a version of ${from.row.key}: start a new assessment of it instead`, { reason: 'OTHER_FRAMEWORK', frameworkKey: to.row.key });
  }
  const crosswalk = await loadCrosswalk(ctx.db.sql, from.row.id, to.row.id);
  if (!crosswalk) {
    throw badInput('frameworkId', `no crosswalk from ${name(from)} to ${name(to)} is published, so the answers cannot be carried over`, { reason: 'NO_CROSSWALK', from: from.row.version, to: to.row.version });
  }
  return { to, crosswalk };
}

/** Where each old key's answer goes in the new version, and whether the team should look at it again. */
function carryPlan(from: FrameworkTree, to: FrameworkTree, crosswalk: StoredCrosswalk | null) {
  const targets = new Map<string, { keys: string[]; review: boolean }>();
  if (!crosswalk) return { targetsOf: (key: string) => ({ keys: [key], review: false }), translate: (key: string) => key };
  const sources = new Map<string, number>();
  for (const target of Object.values(crosswalk.map)) for (const key of targetsOf(target)) sources.set(key, (sources.get(key) ?? 0) + 1);
  for (const [oldKey, target] of Object.entries(crosswalk.map)) {
    const keys = targetsOf(target).filter((k) => to.byKey.has(k));
    const reworded = keys.some((k) => to.byKey.get(k)!.text !== from.byKey.get(oldKey)?.text);
    const merged = keys.some((k) => (sources.get(k) ?? 0) > 1);
    targets.set(oldKey, { keys, review: keys.length > 1 || merged || reworded });
  }
  return {
    targetsOf: (key: string) => targets.get(key) ?? { keys: [], review: false },
    translate: (key: string) => targets.get(key)?.keys[0] ?? null,
  };
}

/**
 * The next cycle starts from where the last one ended: its agreed answers (which the team then
 * revises) and the links to evidence that has not expired. Assessors' own answers start afresh.
 * On a newer version of the framework, each answer follows the published crosswalk: a split item's
 * answer goes to every half, and an answer landing on a changed question (split, merged or
 * reworded) is marked for review; a retired item's answer stays with the old cycle.
 */
export async function startNextCycle(ctx: TenantContext, input: { previousAssessmentId: string; cycle: string; dueOn?: string | null; frameworkId?: string | null }) {
  const previous = await assessmentForWrite(ctx, input.previousAssessmentId);
  if (previous.status !== AssessmentStatus.SUBMITTED) throw conflict('Only a submitted assessment can start the next cycle: submit this one first', { reason: 'NOT_SUBMITTED', cycle: previous.cycle });
  const from = await frameworkOf(ctx, previous);
  const change = input.frameworkId && input.frameworkId !== previous.frameworkId ? await crosswalkFor(ctx, from, input.frameworkId) : null;
  const to = change?.to ?? from;
  const carry = carryPlan(from, to, change?.crosswalk ?? null);
  const next = await createAssessment(ctx, { frameworkId: to.row.id, cycle: input.cycle, dueOn: input.dueOn });
  next.previousId = previous.id;
  const answers = await ctx.em.find(ConsensusAnswer, { organisationId: ctx.organisationId, assessmentId: previous.id }, { orderBy: { nodeKey: 'asc' } });
  const carried = new Set<string>();
  let review = 0;
  let retired = 0;
  for (const a of answers) {
    const { keys, review: needsReview } = carry.targetsOf(a.nodeKey);
    if (!keys.length) retired++;
    for (const nodeKey of keys) {
      // Two old answers merged into one item: the first carried stands, marked for review.
      if (carried.has(nodeKey) || !to.answerable.has(nodeKey)) continue;
      carried.add(nodeKey);
      if (needsReview) review++;
      ctx.em.create(ConsensusAnswer, {
        organisationId: ctx.organisationId, assessmentId: next.id, nodeKey, value: a.value, areaForImprovement: a.areaForImprovement, note: a.note, setBy: actorOf(ctx), needsReview,
      });
    }
  }
  const today = await organisationToday(ctx);
  const links = await ctx.em.find(EvidenceLink, { organisationId: ctx.organisationId, assessmentId: previous.id });
  const current = new Set(
    (
      await ctx.em.find(Evidence, {
        organisationId: ctx.organisationId,
        id: { $in: links.map((l) => l.evidenceId) },
        $or: [{ expiresOn: null }, { expiresOn: { $gte: today } }],
      })
    ).map((e) => e.id),
  );
  const linked = new Set<string>();
  for (const link of links.filter((l) => current.has(l.evidenceId))) {
    for (const nodeKey of carry.targetsOf(link.nodeKey).keys) {
      if (linked.has(`${link.evidenceId} ${nodeKey}`)) continue;
      linked.add(`${link.evidenceId} ${nodeKey}`);
      ctx.em.create(EvidenceLink, { organisationId: ctx.organisationId, evidenceId: link.evidenceId, assessmentId: next.id, nodeKey, linkedBy: actorOf(ctx) });
    }
  }
  audit(ctx, 'assessment.start-next-cycle', 'Assessment', next.id, { previousId: previous.id, frameworkId: previous.frameworkId }, {
    ...snapshot(next), carriedAnswers: carried.size, markedForReview: review, retiredAnswers: retired,
  });
  return { previous, next, translate: carry.translate };
}

/**
 * Something cited by a submitted (locked) assessment stays: reopen the assessment first. Refuses
 * (CONFLICT, reason CITED_BY_SUBMITTED) naming what it is (kind, id, title) and, by id and cycle,
 * the submitted assessments that cite it, so a client can say which to reopen.
 */
export async function assertNotCitedWhenLocked(ctx: TenantContext, what: { kind: 'Evidence' | 'Partner'; id: string; title: string }, assessmentIds: string[]): Promise<void> {
  const ids = [...new Set(assessmentIds)];
  if (!ids.length) return;
  const locked = await ctx.em.find(
    Assessment,
    { organisationId: ctx.organisationId, id: { $in: ids }, status: AssessmentStatus.SUBMITTED },
    { orderBy: { cycle: 'asc' } },
  );
  if (locked.length) {
    throw conflict(`${what.kind} ${what.id} is cited by submitted assessment(s) ${locked.map((a) => `${a.id} (cycle ${a.cycle})`).join(', ')} and cannot be deleted: reopen them first`, {
      reason: 'CITED_BY_SUBMITTED',
      what,
      citedBy: locked.map((a) => ({ assessmentId: a.id, cycle: a.cycle })),
      cycles: locked.map((a) => a.cycle),
      assessmentIds: locked.map((a) => a.id),
    });
  }
}
