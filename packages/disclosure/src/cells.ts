import { PracticeAnswer } from '@waymark/domain';
import { cellKey, cellNoise } from './keys';
import type {
  CohortSpec, Contribution, CountingConsent, DisclosureParams, FigureCell, History, PartAnswer, Publication, ShareCell, SnapshotCandidate,
} from './types';

/** Every answer a part can have, from the domain's one list. */
export const ANSWERS: readonly PartAnswer[] = Object.values(PracticeAnswer);

/** Where a share keeps each answer's count: a new answer is a compile error here until it has a field (and a column). */
export const SHARE_FIELD: { readonly [A in PartAnswer]: 'yes' | 'started' | 'no' } = { YES: 'yes', STARTED: 'started', NO: 'no' };

/**
 * The consent a publication treats each entry with. An entry shown anonymously before stays
 * anonymous until the institution submits again: earlier figures were protected assuming its values
 * unknown, and naming it now could undo that protection for the others in those figures.
 */
export function treatedConsent(candidate: SnapshotCandidate, history: History): Map<string, CountingConsent> {
  const anonymousBefore = new Set<string>();
  for (const publication of history.publications) {
    for (const c of publication.contributions) if (c.consent === 'ANONYMOUS') anonymousBefore.add(c.entry);
  }
  return new Map(candidate.contributions.map((c) => [c.entry, c.consent === 'NAMED' && !anonymousBefore.has(c.entry) ? 'NAMED' : 'ANONYMOUS']));
}

/**
 * Every figure and share of the candidate with the primary rule applied: held back when nobody
 * contributes, or when 1..minUnknown-1 contributors are not NAMED; otherwise published with the
 * cell-key noise on its sum or counts.
 */
export function candidateCells(candidate: SnapshotCandidate, consent: ReadonlyMap<string, CountingConsent>, params: DisclosureParams): Publication {
  const byInstitution = new Map(candidate.contributions.map((c) => [c.institutionId, c]));
  const figures: FigureCell[] = [];
  const shares: ShareCell[] = [];
  for (const cohort of candidate.cohorts) {
    const members = cohort.members.flatMap((id) => byInstitution.get(id) ?? []);
    for (const valueKey of candidate.valueKeys) {
      const counted = members.filter((m) => typeof m.values[valueKey] === 'number');
      figures.push(figure(candidate.snapshotId, cohort, valueKey, counted, consent, params));
    }
    for (const partKey of candidate.partKeys) {
      const answered = members.filter((m) => m.parts[partKey] !== undefined);
      shares.push(share(candidate.snapshotId, cohort, partKey, answered, consent, params));
    }
  }
  const contributions = candidate.contributions.map((c) => ({ entry: c.entry, institutionId: c.institutionId, consent: consent.get(c.entry)! }));
  return { snapshotId: candidate.snapshotId, asOf: candidate.asOf, figures, shares, contributions };
}

function primaryReason(counted: readonly Contribution[], consent: ReadonlyMap<string, CountingConsent>, params: DisclosureParams) {
  if (counted.length === 0) return 'NO_CONTRIBUTORS' as const;
  const unknown = counted.filter((c) => consent.get(c.entry) !== 'NAMED').length;
  // A cell of NAMED contributors only protects nobody; one with a few others would show them.
  return unknown > 0 && unknown < params.minUnknown ? ('TOO_FEW_UNKNOWN' as const) : null;
}

function figure(snapshotId: string, cohort: CohortSpec, valueKey: string, counted: readonly Contribution[], consent: ReadonlyMap<string, CountingConsent>, params: DisclosureParams): FigureCell {
  const reason = primaryReason(counted, consent, params);
  const base = {
    snapshotId, cohortKey: cohort.key, valueKey, audience: cohort.audience, entries: counted.map((c) => c.entry), n: counted.length,
    p25: null, median: null, p75: null, quartileReason: 'QUARTILES_NOT_PUBLISHED' as const,
  };
  if (reason) return { ...base, status: 'HELD_BACK', reason, mean: null, perturbedSum: null };
  const sum = counted.reduce((total, c) => total + (c.values[valueKey] as number), 0);
  const perturbedSum = sum + cellNoise(cellKey(counted.map((c) => c.recordKey)), `sum|${valueKey}`, params.sumNoise);
  return { ...base, status: 'PUBLISHED', reason: null, perturbedSum, mean: publishedMean(perturbedSum, counted.length) };
}

/** The mean shown: perturbed sum over n, kept on the scale and rounded to 0.1. */
export function publishedMean(perturbedSum: number, n: number): number {
  return Math.round(Math.min(100, Math.max(0, perturbedSum / n)) * 10) / 10;
}

function share(snapshotId: string, cohort: CohortSpec, partKey: string, answered: readonly Contribution[], consent: ReadonlyMap<string, CountingConsent>, params: DisclosureParams): ShareCell {
  const reason = primaryReason(answered, consent, params);
  const base = { snapshotId, cohortKey: cohort.key, partKey, audience: cohort.audience, entries: answered.map((c) => c.entry), answered: answered.length };
  if (reason) return { ...base, status: 'HELD_BACK', reason, yes: null, started: null, no: null };
  const key = cellKey(answered.map((c) => c.recordKey));
  const exact = new Map<PartAnswer, number>();
  for (const c of answered) exact.set(c.parts[partKey]!, (exact.get(c.parts[partKey]!) ?? 0) + 1);
  const counts = { yes: 0, started: 0, no: 0 };
  for (const answer of ANSWERS) {
    const noisy = (exact.get(answer) ?? 0) + cellNoise(key, `count|${partKey}|${answer}`, params.countNoise);
    counts[SHARE_FIELD[answer]] = Math.min(answered.length, Math.max(0, noisy));
  }
  return { ...base, status: 'PUBLISHED', reason: null, ...counts };
}

/** Held back for secondary suppression: the published figures go, the counts of contributors stay. */
export function holdBack<T extends FigureCell | ShareCell>(cell: T): T {
  if ('valueKey' in cell) return { ...cell, status: 'HELD_BACK', reason: 'SECONDARY', mean: null, perturbedSum: null };
  return { ...cell, status: 'HELD_BACK', reason: 'SECONDARY', yes: null, started: null, no: null };
}
