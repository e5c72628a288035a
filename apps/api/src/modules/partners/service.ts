import type { FilterQuery } from '@mikro-orm/core';
import { Assessment, AssessmentStatus, Partner, PartnerLink, PartnerStatus } from '@waymark/db';
import { addDays, badInput, conflict, notFound } from '@waymark/domain';
import { organisationToday } from '../../graphql/calendar';
import type { TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import type { Connection, PageInput } from '../../graphql/connection';
import { isUuid } from '../../graphql/ids';
import { getAssessment, treeOf } from '../assessments/service';
import type { CreatePartnerInput, PartnerFilter, PartnerLinkInput, UpdatePartnerInput } from './types';

const actor = (ctx: TenantContext) => ctx.userId ?? ctx.apiKeyId!;

export async function getPartner(ctx: TenantContext, id: string): Promise<Partner> {
  const row = isUuid(id) ? await ctx.em.findOne(Partner, { id, organisationId: ctx.organisationId }) : null;
  if (!row) throw notFound('Partner', id);
  return row;
}

// ---- listing: ordered by name, then id, with a keyset cursor over both ----

function encodeCursor(row: Partner): string {
  return Buffer.from(JSON.stringify([row.name, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof name !== 'string' || typeof id !== 'string' || !isUuid(id)) throw new Error();
    return { name, id };
  } catch {
    throw badInput('after', 'is not a cursor this API issued');
  }
}

export async function listPartners(ctx: TenantContext, page: PageInput, filter: PartnerFilter | null | undefined): Promise<Connection<Partner>> {
  const where: FilterQuery<Partner> = { organisationId: ctx.organisationId };
  if (filter?.status?.length) where.status = { $in: filter.status };
  if (filter?.partnerType?.length) where.partnerType = { $in: filter.partnerType };
  if (filter?.reviewDueBy) where.nextReviewOn = { $lte: filter.reviewDueBy };
  let paged = where;
  if (page.after) {
    const { name, id } = decodeCursor(page.after);
    paged = { $and: [where, { $or: [{ name: { $gt: name } }, { name, id: { $gt: id } }] }] };
  }
  const rows = await ctx.em.find(Partner, paged, { orderBy: { name: 'asc', id: 'asc' }, limit: page.first + 1 });
  const totalCount = await ctx.em.count(Partner, where);
  const edges = rows.slice(0, page.first).map((node) => ({ node, cursor: encodeCursor(node) }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null } };
}

// ---- create, update, delete, review ----

/** Optional text: trimmed, and blank is no value. */
const text = (value: string | null | undefined) => (value == null ? null : value.trim() || null);

type Fields = Pick<
  Partner,
  'name' | 'partnerType' | 'contactName' | 'contactEmail' | 'contactPhone' | 'theyBring' | 'weBring' | 'status' | 'startDate' | 'nextReviewOn' | 'reviewIntervalDays' | 'notes'
>;

/** The fields an input gives (only those present: an update leaves the others as they are). */
function given(input: CreatePartnerInput | UpdatePartnerInput): Partial<Fields> {
  const out: Partial<Fields> = {};
  if (input.name !== undefined) {
    if (input.name === null) throw badInput('name', 'cannot be cleared');
    out.name = input.name.trim();
    if (!out.name) throw badInput('name', 'must not be blank');
  }
  if (input.partnerType !== undefined) {
    if (input.partnerType === null) throw badInput('partnerType', 'cannot be cleared');
    out.partnerType = input.partnerType;
  }
  if (input.status !== undefined) {
    if (input.status === null) throw badInput('status', 'cannot be cleared');
    out.status = input.status;
  }
  for (const key of ['contactName', 'contactEmail', 'contactPhone', 'theyBring', 'weBring', 'notes'] as const) {
    if (input[key] !== undefined) out[key] = text(input[key]);
  }
  for (const key of ['startDate', 'nextReviewOn', 'reviewIntervalDays'] as const) {
    if (input[key] !== undefined) (out as Record<string, unknown>)[key] = input[key];
  }
  return out;
}

/** Rules across fields, on the partnership as it would be saved. */
async function checkFields(ctx: TenantContext, next: Fields, previousNextReviewOn: string | null | undefined) {
  const now = await organisationToday(ctx);
  if (next.nextReviewOn && next.nextReviewOn !== previousNextReviewOn && next.nextReviewOn < now) {
    throw badInput('nextReviewOn', `must not be in the past (today is ${now} in the organisation's time zone)`);
  }
  if (next.status === PartnerStatus.ENDED && next.nextReviewOn && next.nextReviewOn >= now) {
    throw badInput(
      'nextReviewOn',
      `an ENDED partnership has no review to come: clear nextReviewOn (set it to null) when ending it, or keep it ACTIVE, PAUSED or PROSPECTIVE`,
    );
  }
}

export async function createPartner(ctx: TenantContext, input: CreatePartnerInput) {
  const fields = given(input) as Fields;
  await checkFields(ctx, fields, undefined);
  const row = ctx.em.create(Partner, { organisationId: ctx.organisationId, createdBy: actor(ctx), ...fields });
  audit(ctx, 'partner.create', 'Partner', row.id, null, snapshot(row));
  return row;
}

export async function updatePartner(ctx: TenantContext, id: string, input: UpdatePartnerInput) {
  const row = await getPartner(ctx, id);
  const changes = given(input);
  await checkFields(ctx, { ...row, ...changes }, row.nextReviewOn);
  const before = snapshot(row);
  Object.assign(row, changes);
  audit(ctx, 'partner.update', 'Partner', row.id, before, snapshot(row));
  return row;
}

/** A partnership cited by a submitted (locked) result stays: reopen the assessment first. */
export async function deletePartner(ctx: TenantContext, id: string) {
  const row = await getPartner(ctx, id);
  const links = await ctx.em.find(PartnerLink, { partnerId: row.id }, { orderBy: { createdAt: 'asc' } });
  const locked = links.length
    ? await ctx.em.find(Assessment, { id: { $in: [...new Set(links.map((l) => l.assessmentId))] }, status: AssessmentStatus.SUBMITTED }, { orderBy: { cycle: 'asc' } })
    : [];
  if (locked.length) {
    throw conflict(
      `Partner ${id} is cited by submitted assessment(s) ${locked.map((a) => `${a.id} (cycle ${a.cycle})`).join(', ')} and cannot be deleted: reopen them or end the partnership instead`,
      { assessmentIds: locked.map((a) => a.id) },
    );
  }
  audit(ctx, 'partner.delete', 'Partner', row.id, { ...snapshot(row), links: links.map(snapshot) }, null);
  ctx.em.remove(links);
  ctx.em.remove(row);
  return true;
}

/** Records a review done today: the next one falls due a review interval from now. */
export async function reviewPartner(ctx: TenantContext, id: string, note: string | null | undefined) {
  const row = await getPartner(ctx, id);
  if (row.status === PartnerStatus.ENDED) {
    throw conflict(`Partner ${id} has ENDED, so it has no review to record: set it ACTIVE or PAUSED first`);
  }
  if (!row.reviewIntervalDays) {
    throw badInput('reviewIntervalDays', 'this partnership has no review interval: set reviewIntervalDays (1 to 1095) with updatePartner first');
  }
  const reviewedOn = await organisationToday(ctx);
  const before = snapshot(row);
  row.nextReviewOn = addDays(reviewedOn, row.reviewIntervalDays);
  audit(ctx, 'partner.review', 'Partner', row.id, before, { ...snapshot(row), reviewedOn, note: text(note) });
  return row;
}

// ---- citing a partnership as evidence for an answer ----

async function linkTarget(ctx: TenantContext, input: PartnerLinkInput) {
  const partner = await getPartner(ctx, input.partnerId);
  const assessment = await getAssessment(ctx, input.assessmentId);
  if (assessment.status === AssessmentStatus.SUBMITTED) {
    throw conflict(`Assessment ${assessment.id} is submitted and locked: a manager can reopen it with a reason`);
  }
  if (!(await treeOf(ctx, assessment)).answerable.has(input.nodeKey)) {
    throw badInput('nodeKey', `"${input.nodeKey}" is not an answerable item of this assessment's framework`);
  }
  return { partner, assessment };
}

export async function linkPartner(ctx: TenantContext, input: PartnerLinkInput) {
  const { partner, assessment } = await linkTarget(ctx, input);
  const existing = await ctx.em.findOne(PartnerLink, { partnerId: partner.id, assessmentId: assessment.id, nodeKey: input.nodeKey });
  if (existing) return existing;
  const link = ctx.em.create(PartnerLink, {
    organisationId: ctx.organisationId, partnerId: partner.id, assessmentId: assessment.id, nodeKey: input.nodeKey, linkedBy: actor(ctx),
  });
  audit(ctx, 'partner.link', 'PartnerLink', link.id, null, snapshot(link));
  return link;
}

export async function unlinkPartner(ctx: TenantContext, input: PartnerLinkInput) {
  const { partner, assessment } = await linkTarget(ctx, input);
  const link = await ctx.em.findOne(PartnerLink, { partnerId: partner.id, assessmentId: assessment.id, nodeKey: input.nodeKey });
  if (!link) throw notFound('Partner link');
  audit(ctx, 'partner.unlink', 'PartnerLink', link.id, snapshot(link), null);
  ctx.em.remove(link);
  return true;
}
