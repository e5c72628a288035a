import fc from 'fast-check';
import type { PracticeValue } from '../../scoring';
import { evidenceValues, practiceValues } from '../../scoring/__tests__/arbitraries';
import type { PlanAnswers, PlanElement } from '../types';


/** Random framework shapes: part-less actions, elements with no actions or no prompts, footnotes, guidance. */
export const planFrameworkArb: fc.Arbitrary<PlanElement[]> = fc
  .array(
    fc.record({
      actions: fc.array(fc.record({ parts: fc.nat({ max: 4 }), footnote: fc.boolean(), guidance: fc.boolean(), todo: fc.boolean() }), {
        maxLength: 4,
      }),
      groups: fc.array(fc.nat({ max: 4 }), { maxLength: 3 }),
    }),
    { maxLength: 4 },
  )
  .map((shapes) =>
    shapes.map(({ actions, groups }, e) => {
      const ek = `${e + 1}`;
      return {
        key: ek,
        text: `Element ${ek} question?`,
        actions: actions.map(({ parts, footnote, guidance, todo }, a) => {
          const ak = `${ek}.${a + 1}`;
          return {
            key: ak,
            text: `Action ${ak} question?`,
            ...(todo ? { todo: `Do action ${ak}.` } : {}),
            parts: Array.from({ length: parts }, (_, p) => ({
              key: `${ak}.${String.fromCharCode(97 + p)}`,
              text: `part ${p + 1} of ${ak}`,
            })),
            footnotes: footnote ? [{ number: e * 10 + a + 1, text: `Footnote of ${ak}` }] : [],
            guidance: guidance ? [{ guidanceKey: `g-${ak}`, title: `Guidance ${ak}`, reason: 'helps' }] : [],
          };
        }),
        prompts: groups.flatMap((count, g) =>
          Array.from({ length: count }, (_, q) => ({
            key: `${ek}.g${g + 1}.${q + 1}`,
            groupLabel: `Group ${g + 1}:`,
            text: `prompt ${q + 1} of group ${g + 1}`,
            ...((e + g + q) % 2 ? { todo: `Do prompt ${q + 1} of group ${g + 1}.` } : {}),
          })),
        ),
      };
    }),
  );

export const answerableOf = (elements: readonly PlanElement[]): string[] =>
  elements.flatMap((element) =>
    element.actions.flatMap((action) => (action.parts.length > 0 ? action.parts.map((part) => part.key) : [action.key])),
  );

export const promptKeysOf = (elements: readonly PlanElement[]): string[] =>
  elements.flatMap((element) => element.prompts.map((prompt) => prompt.key));

function sparseMap<V>(keys: readonly string[], value: fc.Arbitrary<V>): fc.Arbitrary<Map<string, V>> {
  return fc
    .array(fc.option(value, { nil: undefined, freq: 4 }), { minLength: keys.length, maxLength: keys.length })
    .map((picked) => {
      const map = new Map<string, V>();
      keys.forEach((key, i) => {
        const v = picked[i];
        if (v !== undefined) map.set(key, v);
      });
      return map;
    });
}

// Half the scenarios lean towards YES in practice, so unsupported claims (practice >= 75) turn up often.
const practiceValueArb: fc.Arbitrary<PracticeValue> = fc.constantFrom(...practiceValues);
const mostlyYesArb: fc.Arbitrary<PracticeValue> = fc.oneof(
  { arbitrary: fc.constant<PracticeValue>('YES'), weight: 6 },
  { arbitrary: practiceValueArb, weight: 1 },
);

export function planAnswersArb(elements: readonly PlanElement[]): fc.Arbitrary<PlanAnswers> {
  const prompts = promptKeysOf(elements);
  return fc.record({
    practice: fc.boolean().chain((leanYes) => sparseMap(answerableOf(elements), leanYes ? mostlyYesArb : practiceValueArb)),
    evidence: sparseMap(prompts, fc.constantFrom(...evidenceValues)),
    areaForImprovement: sparseMap(prompts, fc.boolean()),
    notes: sparseMap(prompts, fc.option(fc.constantFrom('see minutes', '  ', 'ask partners'), { nil: null })),
  });
}

export interface PlanScenario {
  elements: PlanElement[];
  answers: PlanAnswers;
}

export const planScenarioArb: fc.Arbitrary<PlanScenario> = planFrameworkArb.chain((elements) =>
  planAnswersArb(elements).map((answers) => ({ elements, answers })),
);
