import type { FrameworkTree } from '@waymark/db';
import { type ActionItemStatus, type AssessmentScore, type Measure, formatChange, formatScore, scoreChange } from '@waymark/domain';
import type { LinkedItem, PlanEntry, PlanSection } from '../plan/arrange';
import type { ScoredAssessment } from './data';

/** Words shared by the HTML and the PDF report, so the two say the same thing. */

/** A score as every screen shows it (the one rule, @waymark/domain figures); "—" for no figure. */
export const figure = (value: number | null | undefined, measure: Measure = 'practice') => formatScore(value, measure) ?? '—';

/** A change between two figures as shown, signed ("+3", "−6", "0"); "—" when either side has no figure. */
export const signed = (value: number | null) => formatChange(value) ?? '—';

const formats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone });
    formats.set(timeZone, format);
  }
  return format;
}

/** A calendar date ("2026-09-30") as the day it is, "30 Sept 2026", never shifted by a time zone. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : dayFormat('UTC').format(date);
}

/** An instant as the organisation's day (a note written late on the 1st in Auckland is on the 2nd there). */
export function formatInstant(value: Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  try {
    return dayFormat(timeZone).format(value);
  } catch {
    return value.toISOString().slice(0, 10);
  }
}

const STATUS_WORDS: Record<ActionItemStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  DEFERRED: 'Deferred',
  DONE: 'Done',
  DROPPED: 'Dropped',
  CARRIED_FORWARD: 'Carried forward',
};
export const statusWord = (status: ActionItemStatus) => STATUS_WORDS[status] ?? status;

/** "Open → In progress" for a note that changed the status, else null. */
export const statusChange = (from: ActionItemStatus | null, to: ActionItemStatus | null) =>
  from || to ? `${from ? statusWord(from) : '—'} → ${to ? statusWord(to) : '—'}` : null;

export interface Labels {
  practice: Map<string, string>;
  evidence: Map<string, string>;
  improvementFlag: string;
}

/** The framework's own words for its answer values. */
export function labelsOf(tree: FrameworkTree): Labels {
  type Scale = { options?: { value: string; label: string }[]; improvementFlag?: string };
  const scales = (tree.document.scales ?? {}) as { practice?: Scale; evidence?: Scale };
  const map = (s?: Scale) => new Map((s?.options ?? []).map((o) => [o.value, o.label]));
  return {
    practice: map(scales.practice),
    evidence: map(scales.evidence),
    improvementFlag: scales.evidence?.improvementFlag ?? 'Area for improvement',
  };
}

export interface ScoreLine {
  /** An element key, or null for the overall line. */
  elementKey: string | null;
  practice: number;
  evidence: number | null;
  complete: boolean;
  unsupportedClaim: boolean;
  /** The previous cycle's figures, undefined when it has no such element (or there is no previous cycle). */
  previousPractice: number | undefined;
  previousEvidence: number | null | undefined;
  practiceChange: number | null;
  evidenceChange: number | null;
}

/** This cycle's scores beside the previous cycle's, element by element (by stable key) and overall. */
export function scoreLines(score: AssessmentScore, previous: ScoredAssessment | null): ScoreLine[] {
  const before = new Map((previous?.score.elements ?? []).map((e) => [e.elementKey, e]));
  const line = (
    elementKey: string | null,
    now: { practice: number; evidence: number | null; complete: boolean },
    then: { practice: number; evidence: number | null } | undefined,
    unsupportedClaim: boolean,
  ): ScoreLine => ({
    elementKey,
    practice: now.practice,
    evidence: now.evidence,
    complete: now.complete,
    unsupportedClaim,
    previousPractice: then?.practice,
    previousEvidence: then?.evidence,
    practiceChange: scoreChange(now.practice, then?.practice, 'practice'),
    evidenceChange: scoreChange(now.evidence, then?.evidence, 'evidence'),
  });
  return [
    ...score.elements.map((e) => line(e.elementKey, e, before.get(e.elementKey), e.unsupportedClaim)),
    line(null, score, previous?.score, score.unsupportedClaims.length > 0),
  ];
}

export interface SourceInfo {
  title?: string;
  publisher?: string;
  attribution?: string;
  url?: string | null;
  licence?: string | null;
}

export const sourceOf = (tree: FrameworkTree) => tree.row.source as SourceInfo;

export const reportTitle = (data: { organisation: { name: string }; tree: FrameworkTree; assessment: { cycle: string } }) =>
  `${data.organisation.name}: ${data.tree.row.title}, ${data.assessment.cycle}`;

export const SCORING_NOTE =
  'Practice: each part scores Yes 1, Have started 0.5, No 0; an action is the mean of its parts, an element the mean of its actions. ' +
  'Evidence: Yes ÷ (Yes + No) over the prompts, Not applicable left out; “—” means no prompt was answered Yes or No. ' +
  'An element with practice of 75 or more and evidence under 50 is flagged as an unsupported claim. ' +
  'Scores count agreed (consensus) answers only and are incomplete while any part is unanswered.';

export const SECTION_TITLES: Record<PlanSection, string> = {
  open: 'Open work, in order',
  carried: 'Carried forward to the next cycle',
  closed: 'Done and dropped',
  resolved: 'Resolved by the answers',
};

export const SECTION_NOTES: Record<PlanSection, string> = {
  open: 'Open, in progress and deferred items, ranked by priority and then item key.',
  carried: 'Closed in this cycle: the work continues in the next cycle’s plan, where it is counted and reminded.',
  closed: 'Items the team finished or gave up.',
  resolved: 'Items whose gap the answers closed; they are kept, not deleted.',
};

const linked = (l: LinkedItem) => `${l.cycle ? `cycle ${l.cycle}` : 'another cycle'} (${l.itemKey}, ${statusWord(l.status)})`;

/** How an item is tied to other cycles: where its work came from, went to, or which decision it follows. */
export function acrossCycles(entry: Pick<PlanEntry, 'carriedFrom' | 'decisionFrom' | 'carriedTo'>): { kind: 'carried-from' | 'decision-from' | 'carried-to'; text: string }[] {
  const out: { kind: 'carried-from' | 'decision-from' | 'carried-to'; text: string }[] = [];
  if (entry.carriedFrom) out.push({ kind: 'carried-from', text: `Continues work carried forward from ${linked(entry.carriedFrom)}.` });
  if (entry.decisionFrom) out.push({ kind: 'decision-from', text: `Follows the decision made in ${linked(entry.decisionFrom)}.` });
  if (entry.carriedTo) {
    const where = entry.carriedTo.cycle ? `cycle ${entry.carriedTo.cycle}` : 'the next cycle';
    out.push({ kind: 'carried-to', text: `Continued in ${where}’s plan (there: ${statusWord(entry.carriedTo.status)}).` });
  }
  return out;
}

export const overdueNote = (timeZone: string, today: string) =>
  `Overdue means past its due date on the organisation’s own day (${timeZone}): today is ${formatDay(today)} there.`;
