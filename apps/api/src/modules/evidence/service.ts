import { AssessmentStatus, Evidence, EvidenceLink } from '@waymark/db';
import { badInput, conflict, notFound } from '@waymark/domain';
import type { TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { isUuid } from '../../graphql/ids';
import { getAssessment, treeOf } from '../assessments/service';
import type { EvidenceInput, EvidenceLinkInput } from './types';

export async function getEvidence(ctx: TenantContext, id: string): Promise<Evidence> {
  const row = isUuid(id) ? await ctx.em.findOne(Evidence, { id, organisationId: ctx.organisationId }) : null;
  if (!row) throw notFound('Evidence', id);
  return row;
}

function checkInput(input: EvidenceInput) {
  if (!input.url && !input.fileReference) throw badInput('url', 'give a link (url) or a fileReference');
  if (input.expiresOn && input.expiresOn < input.evidenceDate) throw badInput('expiresOn', 'must not be before evidenceDate');
}

const fields = (input: EvidenceInput) => ({
  title: input.title.trim(),
  url: input.url ?? null,
  fileReference: input.fileReference ?? null,
  description: input.description ?? null,
  evidenceDate: input.evidenceDate,
  expiresOn: input.expiresOn ?? null,
});

export function createEvidence(ctx: TenantContext, input: EvidenceInput) {
  checkInput(input);
  const row = ctx.em.create(Evidence, { organisationId: ctx.organisationId, createdBy: ctx.userId ?? ctx.apiKeyId!, ...fields(input) });
  audit(ctx, 'evidence.create', 'Evidence', row.id, null, snapshot(row));
  return row;
}

export async function updateEvidence(ctx: TenantContext, id: string, input: EvidenceInput) {
  checkInput(input);
  const row = await getEvidence(ctx, id);
  const before = snapshot(row);
  Object.assign(row, fields(input));
  audit(ctx, 'evidence.update', 'Evidence', row.id, before, snapshot(row));
  return row;
}

/** Evidence behind a submitted (locked) result stays: reopen the assessment or unlink it first. */
export async function deleteEvidence(ctx: TenantContext, id: string) {
  const row = await getEvidence(ctx, id);
  const links = await ctx.em.find(EvidenceLink, { evidenceId: row.id }, { populate: [] });
  const assessmentIds = [...new Set(links.map((l) => l.assessmentId))];
  for (const assessmentId of assessmentIds) {
    const assessment = await getAssessment(ctx, assessmentId);
    if (assessment.status === AssessmentStatus.SUBMITTED) {
      throw conflict(`Evidence ${id} supports submitted assessment ${assessmentId} (cycle ${assessment.cycle}) and cannot be deleted`);
    }
  }
  audit(ctx, 'evidence.delete', 'Evidence', row.id, { ...snapshot(row), links: links.map(snapshot) }, null);
  ctx.em.remove(links);
  ctx.em.remove(row);
  return true;
}

async function linkTarget(ctx: TenantContext, input: EvidenceLinkInput) {
  const evidence = await getEvidence(ctx, input.evidenceId);
  const assessment = await getAssessment(ctx, input.assessmentId);
  if (assessment.status === AssessmentStatus.SUBMITTED) throw conflict(`Assessment ${assessment.id} is submitted and locked`);
  if (!(await treeOf(ctx, assessment)).answerable.has(input.nodeKey)) {
    throw badInput('nodeKey', `"${input.nodeKey}" is not an answerable item of this assessment's framework`);
  }
  return { evidence, assessment };
}

export async function linkEvidence(ctx: TenantContext, input: EvidenceLinkInput) {
  const { evidence, assessment } = await linkTarget(ctx, input);
  const existing = await ctx.em.findOne(EvidenceLink, { evidenceId: evidence.id, assessmentId: assessment.id, nodeKey: input.nodeKey });
  if (existing) return existing;
  const link = ctx.em.create(EvidenceLink, {
    organisationId: ctx.organisationId, evidenceId: evidence.id, assessmentId: assessment.id, nodeKey: input.nodeKey, linkedBy: ctx.userId ?? ctx.apiKeyId!,
  });
  audit(ctx, 'evidence.link', 'EvidenceLink', link.id, null, snapshot(link));
  return link;
}

export async function unlinkEvidence(ctx: TenantContext, input: EvidenceLinkInput) {
  const { evidence, assessment } = await linkTarget(ctx, input);
  const link = await ctx.em.findOne(EvidenceLink, { evidenceId: evidence.id, assessmentId: assessment.id, nodeKey: input.nodeKey });
  if (!link) throw notFound('Evidence link');
  audit(ctx, 'evidence.unlink', 'EvidenceLink', link.id, snapshot(link), null);
  ctx.em.remove(link);
  return true;
}
