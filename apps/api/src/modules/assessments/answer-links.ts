import { type AnswerLink, EvidenceLink, PartnerLink } from '@waymark/db';
import { badInput, notFound } from '@waymark/domain';
import { type TenantContext, actorOf } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { assertEditable, assessmentForWrite, frameworkOf } from './service';

/**
 * Citing something for an answer: an evidence item or a partnership. Both kinds work the same way
 * (an answerable item of an assessment that is not locked; linking twice is harmless; unlinking
 * what is not linked is NOT_FOUND), so one service serves both; only the row differs.
 */
export type AnswerLinkKind = 'evidence' | 'partner';

interface Target {
  assessmentId: string;
  nodeKey: string;
}

const LABEL: Record<AnswerLinkKind, string> = { evidence: 'Evidence link', partner: 'Partner link' };

function findLink(ctx: TenantContext, kind: AnswerLinkKind, targetId: string, to: Target): Promise<AnswerLink | null> {
  const where = { organisationId: ctx.organisationId, assessmentId: to.assessmentId, nodeKey: to.nodeKey };
  return kind === 'evidence'
    ? ctx.em.findOne(EvidenceLink, { ...where, evidenceId: targetId })
    : ctx.em.findOne(PartnerLink, { ...where, partnerId: targetId });
}

function createLink(ctx: TenantContext, kind: AnswerLinkKind, targetId: string, to: Target): AnswerLink {
  const row = { organisationId: ctx.organisationId, assessmentId: to.assessmentId, nodeKey: to.nodeKey, linkedBy: actorOf(ctx) };
  return kind === 'evidence' ? ctx.em.create(EvidenceLink, { ...row, evidenceId: targetId }) : ctx.em.create(PartnerLink, { ...row, partnerId: targetId });
}

async function linkTarget(ctx: TenantContext, input: Target): Promise<Target> {
  const assessment = await assessmentForWrite(ctx, input.assessmentId);
  assertEditable(assessment);
  if (!(await frameworkOf(ctx, assessment)).answerable.has(input.nodeKey)) {
    throw badInput('nodeKey', `"${input.nodeKey}" is not an answerable item of this assessment's framework`);
  }
  return { assessmentId: assessment.id, nodeKey: input.nodeKey };
}

export async function linkToAnswer(ctx: TenantContext, kind: AnswerLinkKind, targetId: string, input: Target): Promise<AnswerLink> {
  const to = await linkTarget(ctx, input);
  const existing = await findLink(ctx, kind, targetId, to);
  if (existing) return existing;
  const link = createLink(ctx, kind, targetId, to);
  audit(ctx, `${kind}.link`, link.constructor.name, link.id, null, snapshot(link));
  return link;
}

export async function unlinkFromAnswer(ctx: TenantContext, kind: AnswerLinkKind, targetId: string, input: Target): Promise<boolean> {
  const to = await linkTarget(ctx, input);
  const link = await findLink(ctx, kind, targetId, to);
  if (!link) throw notFound(LABEL[kind]);
  audit(ctx, `${kind}.unlink`, link.constructor.name, link.id, snapshot(link), null);
  ctx.em.remove(link);
  return true;
}
