import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Assessment,
  AssessmentReopening,
  AssessmentStatus,
  AssessorAnswer,
  ConsensusAnswer,
  Evidence,
  EvidenceLink,
  Framework,
} from '@waymark/db';
import {
  type AssessmentScore,
  agreedValues,
  badInput,
  conflict,
  forbidden,
  missingParts,
  notFound,
  scoreAssessment,
} from '@waymark/domain';
import type { TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { isUuid } from '../../graphql/ids';
import { type FrameworkTree, consensusMaps, loadFrameworkTree } from '@waymark/db';
import type { AnswerInput } from './inputs';

const SCALES = {
  PRACTICE: ['YES', 'STARTED', 'NO'],
  EVIDENCE: ['YES', 'NO', 'NOT_APPLICABLE'],
} as const;

const today = () => new Date().toISOString().slice(0, 10);

export async function getAssessment(ctx: TenantContext, id: string): Promise<Assessment> {
  const assessment = isUuid(id) ? await ctx.em.findOne(Assessment, { id, organisationId: ctx.organisationId }) : null;
  if (!assessment) throw notFound('Assessment', id);
  return assessment;
}

export const treeOf = (ctx: { em: EntityManager }, assessment: Assessment) => loadFrameworkTree(ctx.em, assessment.frameworkId);

function assertEditable(assessment: Assessment) {
  if (assessment.status === AssessmentStatus.SUBMITTED) {
    throw conflict(`Assessment ${assessment.id} is submitted and locked: a manager can reopen it with a reason`);
  }
}

function checkDueOn(dueOn: string | null | undefined) {
  if (dueOn && dueOn < today()) throw badInput('dueOn', 'must not be in the past');
}

/** Every answer is checked against the framework: a known key, and a value on that key's scale. */
function validateAnswers(tree: FrameworkTree, answers: AnswerInput[]) {
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    const scale = tree.answerable.get(a.nodeKey);
    if (!scale) throw badInput(`answers[${i}].nodeKey`, `"${a.nodeKey}" is not an answerable item of ${tree.row.key}@${tree.row.version}`);
    if (seen.has(a.nodeKey)) throw badInput(`answers[${i}].nodeKey`, `"${a.nodeKey}" appears twice in one call`);
    seen.add(a.nodeKey);
    const allowed: readonly string[] = SCALES[scale];
    if (!allowed.includes(a.value)) throw badInput(`answers[${i}].value`, `"${a.value}" is not one of ${allowed.join(', ')} for ${a.nodeKey}`);
    if (scale === 'PRACTICE' && a.areaForImprovement) {
      throw badInput(`answers[${i}].areaForImprovement`, 'applies to evidence prompts only');
    }
  });
}

export async function createAssessment(ctx: TenantContext, input: { frameworkId: string; cycle: string; dueOn?: string | null }) {
  const framework = await ctx.em.findOne(Framework, { id: input.frameworkId });
  if (!framework) throw notFound('Framework', input.frameworkId);
  checkDueOn(input.dueOn);
  const cycle = input.cycle.trim();
  if (await ctx.em.count(Assessment, { organisationId: ctx.organisationId, frameworkId: framework.id, cycle })) {
    throw conflict(`An assessment of ${framework.key} for cycle "${cycle}" already exists`);
  }
  const assessment = ctx.em.create(Assessment, {
    organisationId: ctx.organisationId,
    frameworkId: framework.id,
    cycle,
    dueOn: input.dueOn ?? null,
    createdBy: actorId(ctx),
  });
  audit(ctx, 'assessment.create', 'Assessment', assessment.id, null, snapshot(assessment));
  return assessment;
}

function actorId(ctx: TenantContext): string {
  const id = ctx.userId ?? ctx.apiKeyId;
  if (!id) throw forbidden();
  return id;
}

export async function recordAnswers(ctx: TenantContext, assessmentId: string, answers: AnswerInput[]) {
  if (!ctx.userId) throw forbidden('Assessor answers belong to a person: sign in to record your own answers');
  const assessment = await getAssessment(ctx, assessmentId);
  assertEditable(assessment);
  validateAnswers(await treeOf(ctx, assessment), answers);
  const existing = new Map(
    (await ctx.em.find(AssessorAnswer, { assessmentId: assessment.id, userId: ctx.userId, nodeKey: { $in: answers.map((a) => a.nodeKey) } })).map((a) => [a.nodeKey, a]),
  );
  const before = [...existing.values()].map(snapshot);
  const saved = answers.map((a) => {
    const row = existing.get(a.nodeKey) ?? ctx.em.create(AssessorAnswer, {
      organisationId: ctx.organisationId, assessmentId: assessment.id, userId: ctx.userId!, nodeKey: a.nodeKey, value: a.value,
    });
    Object.assign(row, { value: a.value, areaForImprovement: a.areaForImprovement, note: a.note ?? null });
    return row;
  });
  audit(ctx, 'assessment.answers.record', 'Assessment', assessment.id, before, saved.map(snapshot));
  return saved;
}

export async function setConsensus(ctx: TenantContext, assessmentId: string, answers: AnswerInput[]) {
  const assessment = await getAssessment(ctx, assessmentId);
  assertEditable(assessment);
  validateAnswers(await treeOf(ctx, assessment), answers);
  await upsertConsensus(ctx, assessment, answers);
  return assessment;
}

async function upsertConsensus(ctx: TenantContext, assessment: Assessment, answers: AnswerInput[], action = 'assessment.consensus.set') {
  const existing = new Map(
    (await ctx.em.find(ConsensusAnswer, { assessmentId: assessment.id, nodeKey: { $in: answers.map((a) => a.nodeKey) } })).map((a) => [a.nodeKey, a]),
  );
  const before = [...existing.values()].map(snapshot);
  const saved = answers.map((a) => {
    const row = existing.get(a.nodeKey) ?? ctx.em.create(ConsensusAnswer, {
      organisationId: ctx.organisationId, assessmentId: assessment.id, nodeKey: a.nodeKey, value: a.value, setBy: actorId(ctx),
    });
    Object.assign(row, { value: a.value, areaForImprovement: a.areaForImprovement, note: a.note ?? null, setBy: actorId(ctx) });
    return row;
  });
  audit(ctx, action, 'Assessment', assessment.id, before, saved.map(snapshot));
}

/** Where every assessor who answered (two or more) agrees and no consensus is set yet, adopt their answer. */
export async function adoptAgreedAnswers(ctx: TenantContext, assessmentId: string) {
  const assessment = await getAssessment(ctx, assessmentId);
  assertEditable(assessment);
  const team = await ctx.em.find(AssessorAnswer, { assessmentId: assessment.id });
  const decided = new Set((await ctx.em.find(ConsensusAnswer, { assessmentId: assessment.id })).map((c) => c.nodeKey));
  const flags = new Map(team.map((a) => [a.nodeKey, a.areaForImprovement]));
  const adopt = [...agreedValues(team.map((a) => ({ nodeKey: a.nodeKey, userId: a.userId, value: a.value })))]
    .filter(([key]) => !decided.has(key))
    .map(([nodeKey, value]) => ({ nodeKey, value, areaForImprovement: flags.get(nodeKey) ?? false, note: null }));
  if (adopt.length) await upsertConsensus(ctx, assessment, adopt, 'assessment.consensus.adopt');
  return assessment;
}

export function scoresOf(rows: readonly ConsensusAnswer[], tree: FrameworkTree): AssessmentScore {
  return scoreAssessment(tree.scoring, consensusMaps(rows, tree));
}

export async function submitAssessment(ctx: TenantContext, id: string) {
  const assessment = await getAssessment(ctx, id);
  assertEditable(assessment);
  const tree = await treeOf(ctx, assessment);
  const rows = await ctx.em.find(ConsensusAnswer, { assessmentId: assessment.id });
  const missing = missingParts(tree.scoring, consensusMaps(rows, tree).practice);
  if (missing.length) {
    throw conflict(`Cannot submit: ${missing.length} action part(s) have no agreed answer: ${missing.join(', ')}`, { missing });
  }
  const before = snapshot(assessment);
  Object.assign(assessment, { status: AssessmentStatus.SUBMITTED, submittedAt: new Date(), submittedBy: actorId(ctx) });
  audit(ctx, 'assessment.submit', 'Assessment', assessment.id, before, snapshot(assessment));
  return assessment;
}

export async function reopenAssessment(ctx: TenantContext, id: string, reason: string) {
  const assessment = await getAssessment(ctx, id);
  if (assessment.status !== AssessmentStatus.SUBMITTED) throw conflict(`Assessment ${id} is not submitted, so there is nothing to reopen`);
  const before = snapshot(assessment);
  ctx.em.create(AssessmentReopening, { organisationId: ctx.organisationId, assessmentId: assessment.id, reason: reason.trim(), reopenedBy: actorId(ctx) });
  assessment.status = AssessmentStatus.REOPENED;
  audit(ctx, 'assessment.reopen', 'Assessment', assessment.id, before, { ...snapshot(assessment), reason: reason.trim() });
  return assessment;
}

/**
 * The next cycle starts from where the last one ended: its agreed answers (which the team then
 * revises) and the links to evidence that has not expired. Assessors' own answers start afresh.
 */
export async function startNextCycle(ctx: TenantContext, input: { previousAssessmentId: string; cycle: string; dueOn?: string | null }) {
  const previous = await getAssessment(ctx, input.previousAssessmentId);
  if (previous.status !== AssessmentStatus.SUBMITTED) {
    throw conflict('Only a submitted assessment can start the next cycle: submit this one first');
  }
  const next = await createAssessment(ctx, { frameworkId: previous.frameworkId, cycle: input.cycle, dueOn: input.dueOn });
  next.previousId = previous.id;
  const answers = await ctx.em.find(ConsensusAnswer, { assessmentId: previous.id });
  for (const a of answers) {
    ctx.em.create(ConsensusAnswer, {
      organisationId: ctx.organisationId, assessmentId: next.id, nodeKey: a.nodeKey, value: a.value,
      areaForImprovement: a.areaForImprovement, note: a.note, setBy: actorId(ctx),
    });
  }
  const links = await ctx.em.find(EvidenceLink, { assessmentId: previous.id });
  const current = new Set(
    (await ctx.em.find(Evidence, { id: { $in: links.map((l) => l.evidenceId) }, $or: [{ expiresOn: null }, { expiresOn: { $gte: today() } }] })).map((e) => e.id),
  );
  for (const link of links.filter((l) => current.has(l.evidenceId))) {
    ctx.em.create(EvidenceLink, { organisationId: ctx.organisationId, evidenceId: link.evidenceId, assessmentId: next.id, nodeKey: link.nodeKey, linkedBy: actorId(ctx) });
  }
  audit(ctx, 'assessment.start-next-cycle', 'Assessment', next.id, { previousId: previous.id }, { ...snapshot(next), carriedAnswers: answers.length });
  return { previous, next };
}
