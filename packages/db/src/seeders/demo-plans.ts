import type { EntityManager } from '@mikro-orm/postgresql';
import { type ScoringElement, answerableKeys, canChangeStatus } from '@waymark/domain';
import {
  ActionItem,
  ActionItemEvidence,
  ActionItemKind,
  ActionItemNote,
  ActionItemStatus,
  type ActionPlan,
  type Assessment,
  ConsensusAnswer,
  type Evidence,
} from '../entities';
import { type PlanScope, carryPlanForward, draftsFor, regeneratePlan } from '../plans';
import type { Random } from './demo-answers';
import { PLAN_DATES } from './demo-data';
import { addDays } from '@waymark/domain';
import { sqlIn } from '../sql';

/**
 * The demo's action plans, generated and carried forward by the same store functions the API
 * uses, then worked on as people would: owners, dates, resources, measures of success, progress
 * notes and status changes (only those STATUS_TRANSITIONS allows), some items done in 2025 and
 * some in 2026. Every date is fixed, except review dates of the current plan, which count from
 * the day of seeding so the reminders always have something to find.
 */

const DAY = 24 * 3600 * 1000;
const at = (iso: string, plusDays = 0) => new Date(new Date(iso).getTime() + plusDays * DAY);
const dateOf = (when: Date) => when.toISOString().slice(0, 10);

export interface LibraryItem {
  evidence: Evidence;
  /** Prompts it supports. */
  supports: readonly string[];
}

export interface PlanContext {
  em: EntityManager;
  frameworkId: string;
  shape: ScoringElement[];
  organisationId: string;
  /** Generates the plans and owns the items: the institution's only member. */
  ownerId: string;
  random: Random;
  /** The two partners the institution's evidence names, for the wording of notes. */
  partners: readonly [string, string];
  library: LibraryItem[];
  /** Today in the organisation's time zone. */
  today: string;
}

/** What the plan story changed, so the caller can settle the timestamps of what it touched. */
export interface StoryOutcome {
  changedAnswerIds: string[];
}

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)] ?? (items[0] as T);
const fill = (text: string, ctx: PlanContext) => text.replace('{partner}', ctx.partners[0]).replace('{other}', ctx.partners[1]);

const RESOURCES: Record<ActionItemKind, readonly string[]> = {
  [ActionItemKind.ACTION]: [
    'Two staff days a term and the partnerships budget line.',
    'Half a day a week of the volunteer coordinator\'s time.',
    'The meeting room, refreshments and printing for partner sessions.',
    'Within existing staff time; no extra budget.',
  ],
  [ActionItemKind.PROMPT]: [
    'An hour a month to collect and file feedback.',
    'A short online survey and a day of staff time to analyse it.',
    'Within existing staff time; no extra budget.',
  ],
  [ActionItemKind.EVIDENCE_GAP]: ['A day to gather minutes, feedback and photographs into the evidence library.'],
};

function measureOf(item: ActionItem): string {
  switch (item.kind) {
    case ActionItemKind.ACTION:
      return `"Yes" for every part of ${item.nodeKey} at the next assessment, with each step recorded in the partnership file.`;
    case ActionItemKind.PROMPT:
      return `Evidence in the library that lets us answer ${item.nodeKey} "Yes" (minutes, survey results or feedback forms).`;
    default:
      return `An evidence score of at least 50 for element ${item.elementKey} at the next assessment.`;
  }
}

const NOTES = {
  start: [
    'Started: first conversation held with {partner}.',
    'Started: a short plan drafted and shared with the team.',
    'Started: first step agreed at the team meeting.',
  ],
  progress: [
    'Progress: {other} has agreed to take part; dates to follow.',
    'Progress: about half done; the rest waits for the new volunteer coordinator.',
    'Checked at the quarterly review: on track.',
  ],
  done: [
    'Done: in place and recorded in the partnership file.',
    'Done: evidence added to the library.',
    'Done: confirmed with {partner} at the review meeting.',
  ],
  defer: ['Deferred: no staff time until the new post is filled.', 'Deferred to next year: the funding bid is not decided yet.'],
  drop: ['Dropped for now: not a priority this year; to revisit at the next assessment.'],
  resume: ['Picked up again for the new cycle.'],
  closed: ['Closed: the 2026 assessment found this in place.'],
} as const;

/** A progress note, and the status change it records when there is one (as the API's changeStatus does). */
function note(ctx: PlanContext, item: ActionItem, when: Date, body: string, to?: ActionItemStatus): void {
  const from = item.status;
  if (to !== undefined) {
    if (!canChangeStatus(from, to)) throw new Error(`demo seed: ${item.itemKey} cannot go from ${from} to ${to}`);
    item.status = to;
    item.doneAt = to === ActionItemStatus.DONE ? when : null;
  }
  ctx.em.create(ActionItemNote, {
    organisationId: ctx.organisationId,
    itemId: item.id,
    authorId: ctx.ownerId,
    body: fill(body, ctx),
    statusFrom: to === undefined ? null : from,
    statusTo: to ?? null,
    createdAt: when,
  });
}

/** Moves an item to DONE, picking it up first when it was deferred (DEFERRED cannot go straight to DONE). */
function finish(ctx: PlanContext, item: ActionItem, when: Date, body: string): void {
  if (!canChangeStatus(item.status, 'DONE')) note(ctx, item, at(when.toISOString(), -7), NOTES.resume[0], ActionItemStatus.IN_PROGRESS);
  note(ctx, item, when, body, ActionItemStatus.DONE);
}

function assign(ctx: PlanContext, item: ActionItem, dueOn: string, reviewIntervalDays: number, nextReviewOn: string): void {
  item.ownerUserId = ctx.ownerId;
  item.dueOn = dueOn;
  item.reviewIntervalDays = reviewIntervalDays;
  item.nextReviewOn = nextReviewOn;
  item.resources = pick(RESOURCES[item.kind], ctx.random);
  item.successMeasure = measureOf(item);
}

/** Links a done item to the library evidence that shows it, where there is some from before it was done. */
function linkEvidence(ctx: PlanContext, item: ActionItem): void {
  if (!item.doneAt) return;
  const done = dateOf(item.doneAt);
  const usable = ctx.library.filter((l) => l.evidence.evidenceDate <= done);
  const found =
    usable.find((l) => l.supports.includes(item.nodeKey)) ?? usable.find((l) => l.supports.some((key) => key.startsWith(`${item.elementKey}.`)));
  if (!found) return;
  ctx.em.create(ActionItemEvidence, {
    organisationId: ctx.organisationId,
    itemId: item.id,
    evidenceId: found.evidence.id,
    linkedBy: ctx.ownerId,
    createdAt: item.doneAt,
  });
}

async function itemsOf(ctx: PlanContext, plan: ActionPlan): Promise<ActionItem[]> {
  return ctx.em.find(ActionItem, { planId: plan.id, organisationId: ctx.organisationId }, { orderBy: { priority: 'asc', itemKey: 'asc' } });
}

/**
 * The store stamps what it creates with the real clock; the demo keeps its own calendar. Items new
 * since `known` were created at `when`, and items it has just resolved were resolved then.
 */
function stamp(plan: ActionPlan, items: ActionItem[], known: ReadonlySet<string>, resolvedBefore: ReadonlySet<string>, when: Date): void {
  plan.generatedAt = when;
  for (const item of items) {
    if (!known.has(item.id)) item.createdAt = when;
    if (item.resolvedByAssessmentAt && !resolvedBefore.has(item.id)) item.resolvedByAssessmentAt = when;
  }
}

/**
 * 2025: generated a week after submitting, then a year's work. Gaps the 2026 answers close were
 * worked on (most finished, in 2025 or early 2026); the rest are under way, deferred, dropped or
 * waiting, a third of them without an owner yet.
 */
async function firstPlan(ctx: PlanContext, first: Assessment, second: Assessment): Promise<void> {
  const scope: PlanScope = { organisationId: ctx.organisationId, assessmentId: first.id, actorId: ctx.ownerId };
  const { plan } = await regeneratePlan(ctx.em, scope, ctx.frameworkId);
  const generatedAt = at(PLAN_DATES.first);
  plan.createdAt = generatedAt;
  const items = await itemsOf(ctx, plan);
  stamp(plan, items, new Set(), new Set(), generatedAt);
  const stillOpen = new Set((await draftsFor(ctx.em, { ...scope, assessmentId: second.id }, ctx.frameworkId)).map((d) => d.itemKey));

  const owned = Math.ceil(items.length * 0.7);
  let finished = 0;
  items.forEach((item, i) => {
    const closes = !stillOpen.has(item.itemKey);
    if (i >= owned && !closes) return;
    const interval = pick([30, 60, 90], ctx.random);
    assign(ctx, item, pick(['2025-09-30', '2025-12-19', '2026-03-31'], ctx.random), interval, addDays(dateOf(generatedAt), interval));
    const started = at(PLAN_DATES.first, 7 + Math.floor(ctx.random() * 60));
    const u = ctx.random();
    if (closes) {
      note(ctx, item, started, pick(NOTES.start, ctx.random), ActionItemStatus.IN_PROGRESS);
      if (u < 0.7) {
        // Alternately finished in 2025 and early in 2026, before the next plan.
        const doneAt = finished++ % 2 === 0 ? at('2025-07-01T15:00:00Z', Math.floor(ctx.random() * 150)) : at('2026-01-12T15:00:00Z', Math.floor(ctx.random() * 75));
        finish(ctx, item, doneAt > at(started.toISOString(), 21) ? doneAt : at(started.toISOString(), 21), pick(NOTES.done, ctx.random));
        linkEvidence(ctx, item);
      } else {
        note(ctx, item, at(started.toISOString(), 45), pick(NOTES.progress, ctx.random));
      }
    } else if (u < 0.4) {
      note(ctx, item, started, pick(NOTES.start, ctx.random), ActionItemStatus.IN_PROGRESS);
      if (ctx.random() < 0.5) note(ctx, item, at(started.toISOString(), 60), pick(NOTES.progress, ctx.random));
    } else if (u < 0.55) {
      note(ctx, item, started, pick(NOTES.defer, ctx.random), ActionItemStatus.DEFERRED);
    } else if (u < 0.62) {
      note(ctx, item, started, NOTES.drop[0], ActionItemStatus.DROPPED);
    }
  });
  await ctx.em.flush();
}

/**
 * The plan story, before the 2026 submission: owners and notes on two items, then agreed answers
 * revised (one gap closed, one opened) and the plan regenerated. The regeneration resolves
 * the closed gap's item, adds one for the new gap and leaves the owners' work alone.
 */
async function tellStory(ctx: PlanContext, plan: ActionPlan, second: Assessment, edited: Set<string>): Promise<StoryOutcome> {
  const items = await itemsOf(ctx, plan);
  const open = items.filter((i) => !i.resolvedByAssessmentAt);
  const remaining = (item: ActionItem) =>
    ((item.gap as { parts?: { key: string; value: string | null }[] }).parts ?? []).filter((p) => p.value !== 'YES').map((p) => p.key);

  // The gap to close: the open action with the fewest parts left to do.
  const toClose = open
    .filter((i) => i.kind === ActionItemKind.ACTION && remaining(i).length > 0)
    .sort((a, b) => remaining(a).length - remaining(b).length || a.priority - b.priority)[0];
  // The two items people take on: open ones nobody owns yet first, then by priority.
  const waiting = (item: ActionItem) => Number(item.ownerUserId !== null) + Number(item.status !== ActionItemStatus.OPEN);
  const worked = open
    .filter((i) => i !== toClose)
    .sort((a, b) => waiting(a) - waiting(b) || a.priority - b.priority)
    .slice(0, 2);
  if (!toClose || worked.length < 2) throw new Error('demo seed: the plan story needs an action to close and two more open items');

  const editedAt = at(PLAN_DATES.storyEdited);
  worked.forEach((item, i) => {
    edited.add(item.id);
    assign(ctx, item, i === 0 ? '2026-07-31' : '2026-10-30', 30, addDays(ctx.today, 6 + i * 11));
    note(ctx, item, editedAt, i === 0 ? 'Owner agreed at the planning meeting; first step booked with {partner}.' : 'Owner agreed; waiting to hear from {other} about dates.');
    if (item.status === ActionItemStatus.OPEN) note(ctx, item, at(PLAN_DATES.storyEdited, 0.01), pick(NOTES.start, ctx.random), ActionItemStatus.IN_PROGRESS);
  });
  await ctx.em.flush();

  // The answers revised: the remaining parts of one action now "Yes"; one part of an action that was
  // all "Yes" (and has no item in this plan) back to "Have started".
  const planned = new Set(items.map((i) => i.nodeKey));
  const answers = await ctx.em.find(ConsensusAnswer, { assessmentId: second.id, organisationId: ctx.organisationId });
  const byKey = new Map(answers.map((a) => [a.nodeKey, a]));
  const toOpen = ctx.shape
    .flatMap((element) => element.actions)
    .find((action) => !planned.has(action.key) && answerableKeys(action).every((key) => byKey.get(key)?.value === 'YES'));
  const openKey = toOpen ? answerableKeys(toOpen).at(-1) : undefined;
  if (!openKey) throw new Error('demo seed: the plan story needs an action answered "Yes" throughout');
  const changes = new Map<string, string>([...remaining(toClose).map((key): [string, string] => [key, 'YES']), [openKey, 'STARTED']]);
  const changedAt = at(PLAN_DATES.storyAnswersChanged);
  const changed: ConsensusAnswer[] = [];
  for (const [key, value] of changes) {
    const answer = byKey.get(key);
    if (!answer) throw new Error(`demo seed: no agreed answer for ${key}`);
    answer.value = value;
    answer.updatedAt = changedAt;
    changed.push(answer);
  }
  await ctx.em.flush();

  const known = new Set(items.map((i) => i.id));
  const resolvedBefore = new Set(items.filter((i) => i.resolvedByAssessmentAt).map((i) => i.id));
  await regeneratePlan(ctx.em, { organisationId: ctx.organisationId, assessmentId: second.id, actorId: ctx.ownerId }, ctx.frameworkId);
  stamp(plan, await itemsOf(ctx, plan), known, resolvedBefore, at(PLAN_DATES.storyRegenerated));
  return { changedAnswerIds: changed.map((a) => a.id) };
}

/**
 * 2026: the open work carried forward once the answers are agreed (the carry regenerates, so gaps
 * the answers have closed are resolved and new gaps added), the story where there is one, then the
 * months after submission: resolved items confirmed done, carried work continued, new items owned.
 */
async function secondPlan(
  ctx: PlanContext,
  first: Assessment,
  second: Assessment,
  story: { submit: () => void } | null,
): Promise<StoryOutcome | null> {
  const scope: PlanScope = { organisationId: ctx.organisationId, assessmentId: second.id, actorId: ctx.ownerId };
  const carried = await carryPlanForward(ctx.em, scope, first.id, ctx.frameworkId);
  if (!carried) throw new Error('demo seed: no 2025 plan to carry forward');
  const { plan } = carried;
  const generatedAt = at(PLAN_DATES.second);
  plan.createdAt = generatedAt;
  stamp(plan, await itemsOf(ctx, plan), new Set(), new Set(), generatedAt);
  await ctx.em.flush();

  const skip = new Set<string>();
  const outcome = story ? await tellStory(ctx, plan, second, skip) : null;
  story?.submit();

  const items = await itemsOf(ctx, plan);
  const fresh = items.filter((i) => !i.carriedFromId && !i.resolvedByAssessmentAt);
  const owned = new Set(fresh.slice(0, Math.ceil(fresh.length * 0.5)).map((i) => i.id));
  for (const item of items) {
    if (skip.has(item.id)) continue;
    const when = at('2026-05-11T10:00:00Z', Math.floor(ctx.random() * 40));
    const later = at('2026-06-15T10:00:00Z', Math.floor(ctx.random() * 120));
    if (item.resolvedByAssessmentAt) {
      // Closed by the 2026 answers when carried forward: the owner confirms it. (The story's closed
      // gap is left as the regeneration left it.)
      if (item.carriedFromId && item.resolvedByAssessmentAt.getTime() === generatedAt.getTime() && item.status !== ActionItemStatus.DONE) {
        finish(ctx, item, when, NOTES.closed[0]);
      }
      continue;
    }
    const nextReviewOn = addDays(ctx.today, 2 + Math.floor(ctx.random() * 45));
    const dueOn = pick(['2026-09-30', '2026-12-18', '2027-03-31'], ctx.random);
    const u = ctx.random();
    if (item.carriedFromId) {
      // Work continuing from 2025: new dates for the new cycle, and an owner for half of what had none.
      if (item.ownerUserId) {
        item.dueOn = dueOn;
        if (item.reviewIntervalDays) item.nextReviewOn = nextReviewOn;
      } else if (ctx.random() < 0.5) {
        assign(ctx, item, dueOn, pick([30, 60, 90], ctx.random), nextReviewOn);
      }
      if (item.status === ActionItemStatus.OPEN && u < 0.5) note(ctx, item, when, pick(NOTES.start, ctx.random), ActionItemStatus.IN_PROGRESS);
      else if (item.status === ActionItemStatus.IN_PROGRESS && u < 0.35) {
        finish(ctx, item, later, pick(NOTES.done, ctx.random));
        linkEvidence(ctx, item);
      } else if (item.status === ActionItemStatus.IN_PROGRESS) note(ctx, item, when, pick(NOTES.progress, ctx.random));
      else if (item.status === ActionItemStatus.DEFERRED && u < 0.5) note(ctx, item, when, NOTES.resume[0], ActionItemStatus.OPEN);
    } else if (item.status === ActionItemStatus.DROPPED) {
      // A gap the team dropped in 2025 and the 2026 answers still show: it stays dropped (a manager may reopen it).
      continue;
    } else if (owned.has(item.id)) {
      assign(ctx, item, dueOn, pick([30, 60, 90], ctx.random), nextReviewOn);
      if (u < 0.35) note(ctx, item, when, pick(NOTES.start, ctx.random), ActionItemStatus.IN_PROGRESS);
      if (u < 0.1) {
        finish(ctx, item, later, pick(NOTES.done, ctx.random));
        linkEvidence(ctx, item);
      }
    }
  }
  await ctx.em.flush();
  return outcome;
}

/**
 * Both cycles' plans of one institution. With `story`, its 2026 assessment is still open when the
 * plan is carried forward, and `story.submit` submits it once the story is told.
 */
export async function seedPlans(
  ctx: PlanContext,
  first: Assessment,
  second: Assessment,
  story: { submit: () => void } | null,
): Promise<StoryOutcome | null> {
  await firstPlan(ctx, first, second);
  const outcome = await secondPlan(ctx, first, second, story);
  // Settle `updatedAt`, which the ORM sets to the real clock on every change: an item was last
  // touched by its latest note, its completion or its resolution.
  const sql = await sqlIn(ctx.em, { kind: 'organisation', id: ctx.organisationId });
  await sql
    .updateTable('actionItem as i')
    .set((eb) => ({
      updatedAt: eb.fn<Date>('greatest', [
        'i.createdAt',
        'i.doneAt',
        'i.resolvedByAssessmentAt',
        eb.selectFrom('actionItemNote as n').select((n) => n.fn.max('n.createdAt').as('latest')).whereRef('n.itemId', '=', 'i.id'),
      ]),
    }))
    .execute();
  return outcome;
}
