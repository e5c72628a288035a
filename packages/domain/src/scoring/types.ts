import type { EvidenceValue, PracticeValue } from '../enums';

export type { EvidenceValue, PracticeValue };

/** An action of the framework; with no parts, the action key itself is what gets answered. */
export interface ScoringAction {
  key: string;
  partKeys: string[];
}

export interface ScoringElement {
  key: string;
  actions: ScoringAction[];
  promptKeys: string[];
}

/** The team's agreed answers, keyed by framework node key (part, part-less action, or prompt). */
export interface ConsensusAnswers {
  practice: ReadonlyMap<string, PracticeValue>;
  evidence: ReadonlyMap<string, EvidenceValue>;
}

export interface ActionScore {
  actionKey: string;
  /** 0-100; unanswered parts count as 0 while `complete` is false. */
  practice: number;
  complete: boolean;
  partsAnswered: number;
  partsTotal: number;
}

export interface ElementScore {
  elementKey: string;
  /** 0-100; unanswered parts count as 0 while `complete` is false. */
  practice: number;
  /** 0-100, or null when no prompt is answered YES or NO. */
  evidence: number | null;
  /** Whether every part is answered; unanswered prompts are reported in `promptsUnanswered` instead. */
  complete: boolean;
  unsupportedClaim: boolean;
  partsAnswered: number;
  partsTotal: number;
  promptsYes: number;
  promptsNo: number;
  promptsNotApplicable: number;
  promptsUnanswered: number;
  actions: ActionScore[];
}

export interface AssessmentScore {
  practice: number;
  evidence: number | null;
  complete: boolean;
  elements: ElementScore[];
  /** Keys of the elements flagged as unsupported claims, in framework order. */
  unsupportedClaims: string[];
}

/** An element whose practice is at least this... */
export const UNSUPPORTED_PRACTICE_MIN = 75;
/** ...while its evidence is below this (and not null) is an unsupported claim. */
export const UNSUPPORTED_EVIDENCE_BELOW = 50;
