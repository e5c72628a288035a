import { answerableKeys } from './answerable';
import {
  UNSUPPORTED_EVIDENCE_BELOW,
  UNSUPPORTED_PRACTICE_MIN,
  type ActionScore,
  type AssessmentScore,
  type ConsensusAnswers,
  type ElementScore,
  type EvidenceValue,
  type PracticeValue,
  type ScoringAction,
  type ScoringElement,
} from './types';

// Half-points keep sums of YES (1) and STARTED (0.5) integral, so each action figure is a single
// correctly rounded division (e.g. 200/3) rather than an accumulation of rounding errors.
function halfPoints(value: PracticeValue): number {
  switch (value) {
    case 'YES':
      return 2;
    case 'STARTED':
      return 1;
    case 'NO':
      return 0;
    default:
      throw new TypeError(`Unknown practice value: ${String(value satisfies never)}`);
  }
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** YES / (YES + NO) as 0-100, or null when there is neither. */
function evidenceFigure(yes: number, no: number): number | null {
  return yes + no === 0 ? null : (yes * 100) / (yes + no);
}

function scoreAction(action: ScoringAction, practice: ConsensusAnswers['practice']): ActionScore {
  const keys = answerableKeys(action);
  let answered = 0;
  let points = 0;
  for (const key of keys) {
    const value = practice.get(key);
    if (value === undefined) continue; // unanswered scores 0: a conservative floor
    answered += 1;
    points += halfPoints(value);
  }
  return {
    actionKey: action.key,
    practice: (points * 50) / keys.length,
    complete: answered === keys.length,
    partsAnswered: answered,
    partsTotal: keys.length,
  };
}

interface PromptCounts {
  yes: number;
  no: number;
  notApplicable: number;
  unanswered: number;
}

function countPrompts(promptKeys: readonly string[], evidence: ReadonlyMap<string, EvidenceValue>): PromptCounts {
  const counts: PromptCounts = { yes: 0, no: 0, notApplicable: 0, unanswered: 0 };
  for (const key of promptKeys) {
    const value = evidence.get(key);
    switch (value) {
      case undefined:
        counts.unanswered += 1;
        break;
      case 'YES':
        counts.yes += 1;
        break;
      case 'NO':
        counts.no += 1;
        break;
      case 'NOT_APPLICABLE':
        counts.notApplicable += 1;
        break;
      default:
        throw new TypeError(`Unknown evidence value: ${String(value satisfies never)}`);
    }
  }
  return counts;
}

function isUnsupportedClaim(practice: number, evidence: number | null): boolean {
  return practice >= UNSUPPORTED_PRACTICE_MIN && evidence !== null && evidence < UNSUPPORTED_EVIDENCE_BELOW;
}

function scoreElement(element: ScoringElement, answers: ConsensusAnswers): ElementScore {
  const actions = element.actions.map((action) => scoreAction(action, answers.practice));
  // An element without actions has nothing to score: practice 0 and complete (nothing is missing).
  // scoreAssessment leaves such an element out of the overall mean, so it neither drags the
  // overall figure down nor can be flagged (0 < UNSUPPORTED_PRACTICE_MIN).
  const practice = actions.length === 0 ? 0 : mean(actions.map((action) => action.practice));
  const prompts = countPrompts(element.promptKeys, answers.evidence);
  const evidence = evidenceFigure(prompts.yes, prompts.no);
  let partsAnswered = 0;
  let partsTotal = 0;
  for (const action of actions) {
    partsAnswered += action.partsAnswered;
    partsTotal += action.partsTotal;
  }
  return {
    elementKey: element.key,
    practice,
    evidence,
    complete: actions.every((action) => action.complete),
    unsupportedClaim: isUnsupportedClaim(practice, evidence),
    partsAnswered,
    partsTotal,
    promptsYes: prompts.yes,
    promptsNo: prompts.no,
    promptsNotApplicable: prompts.notApplicable,
    promptsUnanswered: prompts.unanswered,
    actions,
  };
}

/**
 * Scores an assessment from its consensus answers. Pure: reads the maps by key only, so their
 * insertion order and any keys outside the framework do not matter.
 *
 * Overall practice is the mean of the elements that have at least one answerable part (0 when
 * none has); overall evidence pools every prompt of every element rather than averaging the
 * element figures, so an element with few prompts does not weigh as much as one with many.
 */
export function scoreAssessment(elements: readonly ScoringElement[], answers: ConsensusAnswers): AssessmentScore {
  const scored = elements.map((element) => scoreElement(element, answers));
  const contributing = scored.filter((element) => element.partsTotal > 0);
  let yes = 0;
  let no = 0;
  for (const element of scored) {
    yes += element.promptsYes;
    no += element.promptsNo;
  }
  return {
    practice: contributing.length === 0 ? 0 : mean(contributing.map((element) => element.practice)),
    evidence: evidenceFigure(yes, no),
    complete: scored.every((element) => element.complete),
    elements: scored,
    unsupportedClaims: scored.filter((element) => element.unsupportedClaim).map((element) => element.elementKey),
  };
}
