import { type AnswerLink, EvidenceLink, PartnerLink } from '@waymark/db';
import { badInput, notFound } from '@waymark/domain';
import { type TenantContext, actorOf } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { assertEditable, assessmentForWrite, frameworkOf } from './service';

/**
 * Citing something for an answer: an evidence item or a partnership. Both kinds work the same way
 * (an answerable item of an assessment that is not locked; linking twice is harmless; unlinking
 * what is not linked is NOT_FOUND), so one service serves both.
 */
const KINDS = {
  evidence: { entity: EvidenceLink, target: 'evidenceId', label: 'Evidence link', audit: 'evidence' },
  partner: { entity: PartnerLink, target: 'partnerId', label: 'Partner link', audit: 'partner' },
} as const;
export type AnswerLinkKind = keyof typeof KINDS;

async function linkTarget(ctx: TenantContext, input: { assessmentId: string; nodeKey: string }) {
  const assessment = await assessmentForWrite(ctx, input.assessmentId);
  assertEditable(assessment);
  if (!(await frameworkOf(ctx, assessment)).answerable.has(input.nodeKey)) {
    throw badInput('nodeKey', `"${input.nodeKey}" is not an answerable item of this assessment's framework`);
  }
  return assessment;
}

type LinkRow = AnswerLink & Record<string, unknown>;

export async function linkToAnswer(ctx: TenantContext, kind: AnswerLinkKind, targetId: string, input: { assessmentId: string; nodeKey: string }) {
  const { entity, target, audit: prefix } = KINDS[kind];
  const assessment = await linkTarget(ctx, input);
  const where = { organisationId: ctx.organisationId, [target]: targetId, assessmentId: assessment.id, nodeKey: input.nodeKey };
  const existing = (await ctx.em.findOne(entity as never, where as never)) as LinkRow | null;
  if (existing) return existing;
  const link = ctx.em.create(entity as never, { ...where, linkedBy: actorOf(ctx) } as never) as LinkRow;
  audit(ctx, `${prefix}.link`, entity.name, link.id, null, snapshot(link));
  return link;
}

export async function unlinkFromAnswer(ctx: TenantContext, kind: AnswerLinkKind, targetId: string, input: { assessmentId: string; nodeKey: string }) {
  const { entity, target, label, audit: prefix } = KINDS[kind];
  const assessment = await linkTarget(ctx, input);
  const where = { organisationId: ctx.organisationId, [target]: targetId, assessmentId: assessment.id, nodeKey: input.nodeKey };
  const link = (await ctx.em.findOne(entity as never, where as never)) as LinkRow | null;
  if (!link) throw notFound(label);
  audit(ctx, `${prefix}.unlink`, entity.name, link.id, snapshot(link), null);
  ctx.em.remove(link);
  return true;
}
