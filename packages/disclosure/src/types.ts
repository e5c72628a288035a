/**
 * The public types of @waymark/disclosure: what goes into a benchmark snapshot, what may be
 * published of it, and what an intruder can learn from everything one viewer sees. Pure data, no
 * I/O. See docs/privacy.md for the threat model and the method.
 */
import type { PracticeValue } from '@waymark/domain';

/** What is measured: practice or evidence, on the 0-100 scale. */
export type Measure = 'practice' | 'evidence';

/** `overall` or `element:<elementKey>`. */
export type Scope = string;

/**
 * One family of values that add up in cells: a scope and a measure, written `<scope>|<measure>`
 * (see `valueKey`). Each family is audited on its own.
 */
export type ValueKey = string;

/** An agreed answer to one action part: the domain's practice scale. */
export type PartAnswer = PracticeValue;

/** Consent of an institution that counts at all (NONE never counts, not even in a count). */
export type CountingConsent = 'NAMED' | 'ANONYMOUS';

/**
 * One institution's submitted scores and answers as they stand in a snapshot. `entry` changes when
 * the institution submits again (after a reopening), so a resubmission is a new set of unknowns to
 * the intruder, while an unchanged entry is the same unknowns in every snapshot it appears in.
 */
export interface Contribution {
  /** Stable id of this submission, e.g. `<orgId>:<assessmentId>:<submittedAt>`. */
  entry: string;
  institutionId: string;
  consent: CountingConsent;
  /**
   * Secret random 62-bit record key of this entry (0 <= key < 2^62), kept where only the analytics
   * role reads it. The intruder never knows it.
   */
  recordKey: bigint;
  /** Value per value key, 0-100; null or missing when the institution has none (evidence can be null). */
  values: Readonly<Record<ValueKey, number | null>>;
  /** Agreed answer per part key; missing when the part was not answered. */
  parts: Readonly<Record<string, PartAnswer>>;
}

/** Who may read a cohort's figures: everyone who reads benchmarks, or only the listed viewer ids. */
export type Audience = 'ALL' | readonly string[];

/** A cohort whose figures a snapshot may publish, such as `region:NW` or `network:<id>:others`. */
export interface CohortSpec {
  key: string;
  /** Institution ids; each counts with its contribution in the snapshot, if it has one. */
  members: readonly string[];
  audience: Audience;
}

/**
 * A viewer: a regional body (its analyst) or an institution (and its API keys). An institution
 * viewer knows its own contributions; everyone knows NAMED contributions.
 */
export interface Viewer {
  id: string;
  /** The institution this viewer is, or null for a regional body. */
  institutionId: string | null;
}

/** Everything a snapshot could publish, before protection. */
export interface SnapshotCandidate {
  snapshotId: string;
  /** When the data was taken (ISO 8601). */
  asOf: string;
  contributions: readonly Contribution[];
  cohorts: readonly CohortSpec[];
  valueKeys: readonly ValueKey[];
  partKeys: readonly string[];
  /** Every viewer who can read benchmarks. Institutions with no contribution may be listed too. */
  viewers: readonly Viewer[];
}

/**
 * Why a figure is not published, as a code (words for it are the UI's):
 * - NO_CONTRIBUTORS: nobody in the cohort has this value.
 * - TOO_FEW_UNKNOWN: fewer non-NAMED contributors than the threshold.
 * - SECONDARY: held back because together with other figures (of any cohort or snapshot) it would
 *   narrow a protected value below P points or determine an answer.
 */
export type HeldBackReason = 'NO_CONTRIBUTORS' | 'TOO_FEW_UNKNOWN' | 'SECONDARY';

/** Why a quartile is null although the figure is published. */
export type QuartileReason = 'QUARTILES_NOT_PUBLISHED';

/** One published (or held back) figure: a cohort, a value key, in one snapshot. */
export interface FigureCell {
  snapshotId: string;
  cohortKey: string;
  valueKey: ValueKey;
  audience: Audience;
  /** Contributors' entries (internal: the intruder is assumed to know them; never sent to clients). */
  entries: readonly string[];
  /** Contributors (exact; the directory and member lists give it away anyway). */
  n: number;
  status: 'PUBLISHED' | 'HELD_BACK';
  reason: HeldBackReason | null;
  /** Mean from the perturbed sum (sum + cell-key noise) / n, rounded to 0.1; null when held back. */
  mean: number | null;
  /** The perturbed sum the mean is computed from; null when held back. */
  perturbedSum: number | null;
  /** Quartiles are not published in this version (see docs/privacy.md); always null with a reason. */
  p25: null;
  median: null;
  p75: null;
  quartileReason: QuartileReason;
}

/** One part's answer counts in a cohort, perturbed; null counts when held back. */
export interface ShareCell {
  snapshotId: string;
  cohortKey: string;
  partKey: string;
  audience: Audience;
  /** Entries of the contributors who answered the part (internal). */
  entries: readonly string[];
  /** Contributors who answered the part (exact). */
  answered: number;
  status: 'PUBLISHED' | 'HELD_BACK';
  reason: HeldBackReason | null;
  yes: number | null;
  started: number | null;
  no: number | null;
}

/**
 * What one snapshot publishes. `contributions` carries, per entry, only what the audit needs of
 * earlier snapshots: who it is and its consent (never its values).
 */
export interface Publication {
  snapshotId: string;
  asOf: string;
  figures: FigureCell[];
  shares: ShareCell[];
  contributions: { entry: string; institutionId: string; consent: CountingConsent }[];
}

/** A protected value an intruder can place in an interval narrower than P, or an answer it can determine. */
export interface Violation {
  viewerId: string;
  entry: string;
  institutionId: string;
  kind: 'INTERVAL' | 'ANSWER_DETERMINED';
  /** The value key (INTERVAL) or part key (ANSWER_DETERMINED). */
  key: string;
  /** The narrowest interval found (INTERVAL), else null. */
  low: number | null;
  high: number | null;
}

export interface AuditReport {
  viewers: number;
  /** Protected values checked (entries x value keys, and entries x answered parts, per viewer class). */
  protectedValues: number;
  /** Width of the narrowest interval any viewer can place a protected value in; null when nothing is protected. */
  narrowest: number | null;
  violations: Violation[];
  /** Linear programs solved (the rest were settled by cheap sufficient checks). */
  programs: number;
  millis: number;
}

export interface ProtectResult {
  publication: Publication;
  /** The audit of the publication as returned: its violations are always empty. */
  report: AuditReport;
  /** Audit rounds taken (1 when nothing needed holding back beyond the threshold). */
  rounds: number;
  /** Figures and shares held back by secondary suppression. */
  secondary: number;
}

/** The method's parameters; all of them are assumed known to the intruder. */
export interface DisclosureParams {
  /** P: the narrowest interval a protected value may be placed in, in points (default 15, never below 10). */
  protectionPoints: number;
  /** Fewest non-NAMED contributors a figure or share needs (default 3, never below 2). */
  minUnknown: number;
  /** Bound of the noise added to a published sum, in points (default 8). */
  sumNoise: number;
  /** Bound of the noise added to a published answer count (default 2). */
  countNoise: number;
}

/** What has been published before, with the true contributions behind it (the auditor's data, never the intruder's). */
export interface History {
  publications: readonly Publication[];
  /** Every entry that appears in `publications`, with its values as they were. */
  contributions: readonly Contribution[];
}

/** Everything the audit judges: what was and would be published, the truth behind it, and who reads it. */
export interface AuditInput {
  publications: readonly Publication[];
  /** Every entry that appears in `publications`, with its true values and answers. */
  contributions: readonly Contribution[];
  viewers: readonly Viewer[];
}
