import { Partner, PartnerLink, PartnerStatus } from '@waymark/db';
import { addDays, badInput, conflict, notFound, isUuid } from '@waymark/domain';
import { type TenantContext, actorOf } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { organisationToday } from '../../graphql/calendar';
import { linkToAnswer, unlinkFromAnswer } from '../assessments/answer-links';
import { assertNotCitedWhenLocked } from '../assessments/service';
import type { CreatePartnerInput, PartnerLinkInput, UpdatePartnerInput } from './types';

export async function partnerForWrite(ctx: TenantContext, id: string): Promise<Partner> {
  const row = isUuid(id) ? await ctx.em.findOne(Partner, { id, organisationId: ctx.organisationId }) : null;
  if (!row) throw notFound('Partner', id);
  return row;
}

type Fields = Pick<
  Partner,
  'name' | 'partnerType' | 'contactName' | 'contactEmail' | 'contactPhone' | 'theyBring' | 'weBring' | 'status' | 'startDate' | 'nextReviewOn' | 'reviewIntervalDays' | 'notes'
>;

/** The fields an input gives (only those present: an update leaves the others as they are). Blank optional text is no value. */
function given(input: CreatePartnerInput | UpdatePartnerInput): Partial<Fields> {
  const out: Partial<Fields> = {};
  for (const key of ['name', 'partnerType', 'status'] as const) {
    if (input[key] === undefined) continue;
    if (input[key] === null) throw badInput(key, 'cannot be cleared', { reason: 'REQUIRED' });
    (out as Record<string, unknown>)[key] = input[key];
  }
  for (const key of ['contactName', 'contactEmail', 'contactPhone', 'theyBring', 'weBring', 'notes'] as const) {
    if (input[key] !== undefined) out[key] = input[key] || null;
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
    throw badInput('nextReviewOn', `must not be in the past (today is ${now} in the organisation's time zone)`, { reason: 'IN_THE_PAST', today: now });
  }
  if (next.status === PartnerStatus.ENDED && next.nextReviewOn && next.nextReviewOn >= now) {
    throw badInput(
      'nextReviewOn',
      'an ENDED partnership has no review to come: clear nextReviewOn (set it to null) when ending it, or keep it ACTIVE, PAUSED or PROSPECTIVE',
      { reason: 'ENDED_NO_REVIEW' },
    );
  }
}

export async function createPartner(ctx: TenantContext, input: CreatePartnerInput) {
  const fields = given(input) as Fields;
  await checkFields(ctx, fields, undefined);
  const row = ctx.em.create(Partner, { organisationId: ctx.organisationId, createdBy: actorOf(ctx), ...fields });
  audit(ctx, 'partner.create', 'Partner', row.id, null, snapshot(row));
  return row;
}

export async function updatePartner(ctx: TenantContext, id: string, input: UpdatePartnerInput) {
  const row = await partnerForWrite(ctx, id);
  const changes = given(input);
  await checkFields(ctx, { ...row, ...changes }, row.nextReviewOn);
  const before = snapshot(row);
  Object.assign(row, changes);
  audit(ctx, 'partner.update', 'Partner', row.id, before, snapshot(row));
  return row;
}

/** A partnership cited by a submitted (locked) result stays: reopen the assessment first. */
export async function deletePartner(ctx: TenantContext, id: string) {
  const row = await partnerForWrite(ctx, id);
  const links = await ctx.em.find(PartnerLink, { organisationId: ctx.organisationId, partnerId: row.id }, { orderBy: { createdAt: 'asc' } });
  await assertNotCitedWhenLocked(ctx, { kind: 'Partner', id: row.id, title: row.name }, links.map((l) => l.assessmentId));
  audit(ctx, 'partner.delete', 'Partner', row.id, { ...snapshot(row), links: links.map(snapshot) }, null);
  ctx.em.remove(links);
  ctx.em.remove(row);
  return true;
}

/** Records a review done today: the next one falls due a review interval from now. */
export async function reviewPartner(ctx: TenantContext, id: string, note: string | null | undefined) {
  const row = await partnerForWrite(ctx, id);
  if (row.status === PartnerStatus.ENDED) throw conflict(`Partner ${id} has ENDED, so it has no review to record: set it ACTIVE or PAUSED first`, { reason: 'ENDED_NO_REVIEW', name: row.name });
  if (!row.reviewIntervalDays) {
    throw badInput('reviewIntervalDays', 'this partnership has no review interval: set reviewIntervalDays (1 to 1095) with updatePartner first', { reason: 'NO_REVIEW_INTERVAL', name: row.name });
  }
  const reviewedOn = await organisationToday(ctx);
  const before = snapshot(row);
  row.nextReviewOn = addDays(reviewedOn, row.reviewIntervalDays);
  audit(ctx, 'partner.review', 'Partner', row.id, before, { ...snapshot(row), reviewedOn, note: note || null });
  return row;
}

export async function linkPartner(ctx: TenantContext, input: PartnerLinkInput) {
  const partner = await partnerForWrite(ctx, input.partnerId);
  return linkToAnswer(ctx, 'partner', partner.id, input);
}

export async function unlinkPartner(ctx: TenantContext, input: PartnerLinkInput) {
  const partner = await partnerForWrite(ctx, input.partnerId);
  return unlinkFromAnswer(ctx, 'partner', partner.id, input);
}
