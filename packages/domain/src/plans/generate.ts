import {
  UNSUPPORTED_EVIDENCE_BELOW,
  answerableKeys,
  scoreAssessment,
  type ElementScore,
  type EvidenceValue,
  type PracticeValue,
  type ScoringElement,
} from '../scoring';
import { type Measure, formatScore } from '../figures';
import type { ItemDraft, PlanAction, PlanAnswers, PlanElement, PlanPrompt } from './types';

/*
 * Action-plan rules. Pure: the plan is a function of the framework and the consensus answers only.
 *
 * Which gaps become items:
 * - ACTION: each action with any answerable part (its parts, or the action itself when it has none)
 *   not at YES, i.e. at STARTED, at NO or unanswered. One item per action, naming the parts still
 *   to do. Key `action:<action key>`.
 * - PROMPT: each evidence prompt answered NO, or marked as an area for improvement whatever its
 *   answer (YES, NO or NOT_APPLICABLE). An unanswered prompt is not an item, even if flagged: the
 *   flag qualifies an answer and there is none yet. Key `prompt:<prompt key>`.
 * - EVIDENCE_GAP: each element scoreAssessment flags as an unsupported claim (practice >= 75 while
 *   evidence < 50). Key `evidence:<element key>`.
 *
 * Priority (1 = do first), a dense ranking 1..n over the whole plan:
 *   tier 1  actions with a part at NO or unanswered: practice that is not happening at all;
 *   tier 2  evidence gaps for unsupported claims: the self-assessment says more than it can show;
 *   tier 3  actions whose remaining parts are all STARTED: work already under way;
 *   tier 4  prompts answered NO;
 *   tier 5  prompts only marked as an area for improvement.
 * Within a tier, the element with the lower practice score (as scoreAssessment computes it,
 * unanswered parts counting 0) comes first; ties keep framework order (elements in order; within an
 * element, actions then prompts, each in order).
 */

const TIER_RULES = [
  'Tier 1: actions with a part answered "No" or not yet answered come first.',
  'Tier 2: evidence gaps come next, for elements flagged as unsupported claims (practice at least 75 but evidence below 50).',
  'Tier 3: then actions whose remaining parts are all "Have started".',
  'Tier 4: then evidence prompts answered "No".',
  'Tier 5: last, evidence prompts marked as an area for improvement but not answered "No".',
] as const;

/** The priority rules as sentences, for documentation and the API. */
export const PRIORITY_RULES: readonly string[] = Object.freeze([
  ...TIER_RULES,
  'Within a tier, items of the element with the lower practice score come first; ties keep framework order (elements in order, then actions before prompts, each in order).',
  'Priorities form a dense ranking over the whole plan: 1 is done first, and no two items share a rank.',
]);

const TIER_SHORT = [
  'an action with a part answered "No" or not yet answered',
  'an element whose claims lack evidence (an unsupported claim)',
  'an action already started, with no part at "No"',
  'an evidence prompt answered "No"',
  'an evidence prompt marked as an area for improvement',
] as const;

type Tier = 1 | 2 | 3 | 4 | 5;

const PRACTICE_LABEL: Record<PracticeValue, string> = { YES: 'Yes', STARTED: 'Have started', NO: 'No' };
const EVIDENCE_LABEL: Record<EvidenceValue, string> = { YES: 'Yes', NO: 'No', NOT_APPLICABLE: 'Not applicable' };

/** The scoring view of plan elements, so the plan and the score read the same tree. */
export function toScoringElements(elements: readonly PlanElement[]): ScoringElement[] {
  return elements.map((element) => ({
    key: element.key,
    actions: element.actions.map((action) => ({ key: action.key, partKeys: action.parts.map((part) => part.key) })),
    promptKeys: element.prompts.map((prompt) => prompt.key),
  }));
}

/** A score as every surface shows it (the one rule in figures). */
const figure = (value: number, measure: Measure): string => formatScore(value, measure) ?? '—';

const practiceWords = (value: PracticeValue | undefined): string =>
  value === undefined ? 'not yet answered' : PRACTICE_LABEL[value];

interface Candidate {
  draft: Omit<ItemDraft, 'priority' | 'priorityReason'>;
  tier: Tier;
  elementKey: string;
  elementPractice: number;
  order: number;
}

function actionCandidate(
  element: PlanElement,
  action: PlanAction,
  answers: PlanAnswers,
): Omit<Candidate, 'elementPractice' | 'order'> | null {
  const keys = answerableKeys({ key: action.key, partKeys: action.parts.map((part) => part.key) });
  const values = keys.map((key) => ({ key, value: answers.practice.get(key) }));
  const open = values.filter(({ value }) => value !== 'YES');
  if (open.length === 0) return null;

  const hasParts = action.parts.length > 0;
  const partText = new Map(action.parts.map((part) => [part.key, part.text]));
  const remaining = hasParts
    ? open.map(({ key, value }) => `"${partText.get(key) ?? key}" (${practiceWords(value)})`).join('; ')
    : `the whole action (${practiceWords(open[0]?.value)})`;
  // The parts by their own words, never by key: a plan is read by people, not by the database.
  const why = hasParts
    ? open
        .map(({ key, value }) =>
          value === undefined ? `"${partText.get(key) ?? key}" is not yet answered` : `"${partText.get(key) ?? key}" is "${PRACTICE_LABEL[value]}"`,
        )
        .join('; ')
    : open[0]?.value === undefined
      ? 'Not yet answered'
      : `Answered "${PRACTICE_LABEL[open[0].value]}"`;
  const onlyStarted = open.every(({ value }) => value === 'STARTED');

  return {
    tier: onlyStarted ? 3 : 1,
    elementKey: element.key,
    draft: {
      itemKey: `action:${action.key}`,
      kind: 'ACTION',
      nodeKey: action.key,
      elementKey: element.key,
      what: action.todo ?? `${action.text} — still to do: ${remaining}`,
      why,
      gap: { parts: values.map(({ key, value }) => ({ key, value: value ?? null })) },
      guidance: action.guidance.map((item) => ({ ...item })),
      footnotes: action.footnotes.map((item) => ({ ...item })),
      target: hasParts ? 'Yes for every part' : 'Yes',
    },
  };
}

function promptCandidate(
  element: PlanElement,
  prompt: PlanPrompt,
  answers: PlanAnswers,
): Omit<Candidate, 'elementPractice' | 'order'> | null {
  const value = answers.evidence.get(prompt.key);
  if (value === undefined) return null; // the flag qualifies an answer; unanswered is not a gap yet
  const flagged = answers.areaForImprovement.get(prompt.key) === true;
  if (value !== 'NO' && !flagged) return null;

  const note = answers.notes.get(prompt.key)?.trim();
  const reasons = [
    value === 'NO' ? 'Answered "No"' : null,
    flagged
      ? value === 'NO'
        ? 'marked as an area for improvement'
        : `Marked as an area for improvement (answered "${EVIDENCE_LABEL[value]}")`
      : null,
  ].filter((reason): reason is string => reason !== null);
  const why = reasons.join(' and ') + (note ? `. Team note: "${note}"` : '');

  let target = value === 'NOT_APPLICABLE' ? 'Yes, with evidence to show, or confirmed as not applicable' : 'Yes, with evidence to show';
  if (flagged) target += ', and no longer an area for improvement';

  return {
    tier: value === 'NO' ? 4 : 5,
    elementKey: element.key,
    draft: {
      itemKey: `prompt:${prompt.key}`,
      kind: 'PROMPT',
      nodeKey: prompt.key,
      elementKey: element.key,
      what: prompt.todo ?? `${prompt.groupLabel} ${prompt.text}`,
      why,
      gap: { value, areaForImprovement: flagged },
      guidance: [],
      footnotes: [],
      target,
    },
  };
}

function evidenceCandidate(element: PlanElement, score: ElementScore): Omit<Candidate, 'elementPractice' | 'order'> {
  const evidence = score.evidence ?? 0; // flagged only when evidence is a figure
  const counts = `${score.promptsYes} prompt${score.promptsYes === 1 ? '' : 's'} answered "Yes", ${score.promptsNo} answered "No"`;
  return {
    tier: 2,
    elementKey: element.key,
    draft: {
      itemKey: `evidence:${element.key}`,
      kind: 'EVIDENCE_GAP',
      nodeKey: element.key,
      elementKey: element.key,
      what: element.title
        ? `Gather evidence for what you claim under “${element.title}”.`
        : `Gather evidence for the claims of element ${element.key}: "${element.text}"`,
      why: `Practice ${figure(score.practice, 'practice')} but evidence ${figure(evidence, 'evidence')}: an unsupported claim (${counts})`,
      gap: { practice: score.practice, evidence: score.evidence },
      guidance: [],
      footnotes: [],
      target: `Evidence score of at least ${UNSUPPORTED_EVIDENCE_BELOW}`,
    },
  };
}

function assertUniqueNodeKeys(elements: readonly PlanElement[]): void {
  const seen = new Set<string>();
  const check = (kind: string, key: string) => {
    const id = `${kind}:${key}`;
    if (seen.has(id)) throw new Error(`Duplicate framework ${kind} key: ${key}`);
    seen.add(id);
  };
  for (const element of elements) {
    check('element', element.key);
    for (const action of element.actions) check('action', action.key);
    for (const prompt of element.prompts) check('prompt', prompt.key);
  }
}

/**
 * Turns an assessment's consensus answers into action-plan item drafts, ordered by priority
 * (see PRIORITY_RULES). Throws when the framework repeats an element, action or prompt key.
 */
export function generatePlanItems(elements: readonly PlanElement[], answers: PlanAnswers): ItemDraft[] {
  assertUniqueNodeKeys(elements);
  const score = scoreAssessment(toScoringElements(elements), answers);
  const candidates: Candidate[] = [];
  let order = 0;
  const add = (found: Omit<Candidate, 'elementPractice' | 'order'> | null, elementPractice: number) => {
    order += 1;
    if (found) candidates.push({ ...found, elementPractice, order });
  };

  elements.forEach((element, index) => {
    const elementScore = score.elements[index];
    if (!elementScore) throw new Error(`No score for element ${element.key}`);
    const practice = elementScore.practice;
    add(elementScore.unsupportedClaim ? evidenceCandidate(element, elementScore) : null, practice);
    for (const action of element.actions) add(actionCandidate(element, action, answers), practice);
    for (const prompt of element.prompts) add(promptCandidate(element, prompt, answers), practice);
  });

  candidates.sort((a, b) => a.tier - b.tier || a.elementPractice - b.elementPractice || a.order - b.order);

  return candidates.map((candidate, index) => ({
    ...candidate.draft,
    priority: index + 1,
    priorityReason:
      `Tier ${candidate.tier} of 5: ${TIER_SHORT[candidate.tier - 1]}. ` +
      `Within the tier, element ${candidate.elementKey} (practice ${figure(candidate.elementPractice, 'practice')}) ` +
      'ranks by lower practice score first, then framework order.',
  }));
}
