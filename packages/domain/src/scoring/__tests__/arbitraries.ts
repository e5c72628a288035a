import fc from 'fast-check';
import { EvidenceAnswer, PracticeAnswer } from '../../enums';
import { answerableKeys } from '../answerable';
import type { ConsensusAnswers, EvidenceValue, PracticeValue, ScoringElement } from '../types';

/** Every value of each scale, from the one list: a new value is generated here without an edit. */
export const practiceValues: readonly PracticeValue[] = Object.values(PracticeAnswer);
export const evidenceValues: readonly EvidenceValue[] = Object.values(EvidenceAnswer);

export interface Scenario {
  elements: ScoringElement[];
  answers: ConsensusAnswers;
}

/** Random framework shapes, including part-less actions and (rarely) elements with no actions or prompts. */
export const frameworkArb: fc.Arbitrary<ScoringElement[]> = fc
  .array(
    fc.record({
      parts: fc.array(fc.nat({ max: 4 }), { maxLength: 4 }),
      prompts: fc.nat({ max: 8 }),
    }),
    { maxLength: 5 },
  )
  .map((shapes) =>
    shapes.map(({ parts, prompts }, e) => ({
      key: `${e + 1}`,
      actions: parts.map((partCount, a) => ({
        key: `${e + 1}.${a + 1}`,
        partKeys: Array.from({ length: partCount }, (_, p) => `${e + 1}.${a + 1}.${String.fromCharCode(97 + p)}`),
      })),
      promptKeys: Array.from({ length: prompts }, (_, q) => `${e + 1}.e${q + 1}`),
    })),
  );

export const allAnswerableKeys = (elements: readonly ScoringElement[]): string[] =>
  elements.flatMap((element) => element.actions.flatMap(answerableKeys));

export const allPromptKeys = (elements: readonly ScoringElement[]): string[] =>
  elements.flatMap((element) => element.promptKeys);

function partialMap<V>(keys: readonly string[], values: readonly V[], answeredOnly: boolean): fc.Arbitrary<Map<string, V>> {
  const value = fc.constantFrom(...values);
  const slot = answeredOnly ? value : fc.option(value, { nil: undefined });
  return fc.array(slot, { minLength: keys.length, maxLength: keys.length }).map((picked) => {
    const map = new Map<string, V>();
    keys.forEach((key, i) => {
      const v = picked[i];
      if (v !== undefined) map.set(key, v);
    });
    return map;
  });
}

export function answersArb(
  elements: readonly ScoringElement[],
  options: { completePractice?: boolean } = {},
): fc.Arbitrary<ConsensusAnswers> {
  return fc.record({
    practice: partialMap(allAnswerableKeys(elements), practiceValues, options.completePractice ?? false),
    evidence: partialMap(allPromptKeys(elements), evidenceValues, false),
  });
}

export const scenarioArb = (options: { completePractice?: boolean } = {}): fc.Arbitrary<Scenario> =>
  frameworkArb.chain((elements) => answersArb(elements, options).map((answers) => ({ elements, answers })));

export const fill = <V>(keys: readonly string[], value: V): Map<string, V> => new Map(keys.map((key) => [key, value]));
