import { Evidence, EvidenceLink } from '@waymark/db';
import { badInput, notFound, isUuid } from '@waymark/domain';
import { type TenantContext, actorOf } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { linkToAnswer, unlinkFromAnswer } from '../assessments/answer-links';
import { assertNotCitedWhenLocked } from '../assessments/service';
import type { EvidenceInput, EvidenceLinkInput } from './types';

export async function evidenceForWrite(ctx: TenantContext, id: string): Promise<Evidence> {
  const row = isUuid(id) ? await ctx.em.findOne(Evidence, { id, organisationId: ctx.organisationId }) : null;
  if (!row) throw notFound('Evidence', id);
  return row;
}

function fields(input: EvidenceInput) {
  if (!input.url && !input.fileReference) throw badInput('url', 'give a link (url) or a fileReference', { reason: 'LINK_OR_FILE' });
  if (input.expiresOn && input.expiresOn < input.evidenceDate) throw badInput('expiresOn', 'must not be before evidenceDate', { reason: 'BEFORE_START', other: 'evidenceDate', date: input.evidenceDate });
  return {
    title: input.title,
    url: input.url ?? null,
    fileReference: input.fileReference ?? null,
    description: input.description || null,
    evidenceDate: input.evidenceDate,
    expiresOn: input.expiresOn ?? null,
  };
}

export function createEvidence(ctx: TenantContext, input: EvidenceInput) {
  const row = ctx.em.create(Evidence, { organisationId: ctx.organisationId, createdBy: actorOf(ctx), ...fields(input) });
  audit(ctx, 'evidence.create', 'Evidence', row.id, null, snapshot(row));
  return row;
}

export async function updateEvidence(ctx: TenantContext, id: string, input: EvidenceInput) {
  const changes = fields(input);
  const row = await evidenceForWrite(ctx, id);
  const before = snapshot(row);
  Object.assign(row, changes);
  audit(ctx, 'evidence.update', 'Evidence', row.id, before, snapshot(row));
  return row;
}

/** Evidence behind a submitted (locked) result stays: reopen the assessment or unlink it first. */
export async function deleteEvidence(ctx: TenantContext, id: string) {
  const row = await evidenceForWrite(ctx, id);
  const links = await ctx.em.find(EvidenceLink, { organisationId: ctx.organisationId, evidenceId: row.id });
  await assertNotCitedWhenLocked(ctx, { kind: 'Evidence', id: row.id, title: row.title }, links.map((l) => l.assessmentId));
  audit(ctx, 'evidence.delete', 'Evidence', row.id, { ...snapshot(row), links: links.map(snapshot) }, null);
  ctx.em.remove(links);
  ctx.em.remove(row);
  return true;
}

export async function linkEvidence(ctx: TenantContext, input: EvidenceLinkInput) {
  const evidence = await evidenceForWrite(ctx, input.evidenceId);
  return linkToAnswer(ctx, 'evidence', evidence.id, input);
}

export async function unlinkEvidence(ctx: TenantContext, input: EvidenceLinkInput) {
  const evidence = await evidenceForWrite(ctx, input.evidenceId);
  return unlinkFromAnswer(ctx, 'evidence', evidence.id, input);
}
