import fc from 'fast-check';
import { missingParts } from './answerable';
import { scoreAssessment } from './score';
import type { AssessmentScore, ConsensusAnswers, PracticeValue } from './types';
import { allAnswerableKeys, allPromptKeys, fill, frameworkArb, scenarioArb } from './__tests__/arbitraries';

const inRange = (n: number) => n >= 0 && n <= 100;

function everyPractice(score: AssessmentScore): number[] {
  return [
    score.practice,
    ...score.elements.flatMap((element) => [element.practice, ...element.actions.map((action) => action.practice)]),
  ];
}

describe('scoreAssessment properties', () => {
  it('keeps every figure within 0-100', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ elements, answers }) => {
        const score = scoreAssessment(elements, answers);
        expect(everyPractice(score).every(inRange)).toBe(true);
        const evidence = [score.evidence, ...score.elements.map((element) => element.evidence)];
        expect(evidence.every((figure) => figure === null || inRange(figure))).toBe(true);
      }),
    );
  });

  it('scores 100 and complete when every part and prompt is YES', () => {
    fc.assert(
      fc.property(frameworkArb, (elements) => {
        const score = scoreAssessment(elements, {
          practice: fill(allAnswerableKeys(elements), 'YES'),
          evidence: fill(allPromptKeys(elements), 'YES'),
        });
        expect(score.complete).toBe(true);
        for (const element of score.elements) {
          expect(element.complete).toBe(true);
          expect(element.actions.every((action) => action.practice === 100 && action.complete)).toBe(true);
          if (element.partsTotal > 0) expect(element.practice).toBe(100);
          expect(element.evidence).toBe(element.promptsYes > 0 ? 100 : null);
        }
        if (score.elements.some((element) => element.partsTotal > 0)) expect(score.practice).toBe(100);
        expect(score.evidence).toBe(allPromptKeys(elements).length > 0 ? 100 : null);
      }),
    );
  });

  it('scores 0 when every part and prompt is NO', () => {
    fc.assert(
      fc.property(frameworkArb, (elements) => {
        const score = scoreAssessment(elements, {
          practice: fill(allAnswerableKeys(elements), 'NO'),
          evidence: fill(allPromptKeys(elements), 'NO'),
        });
        expect(score.complete).toBe(true);
        expect(everyPractice(score).every((figure) => figure === 0)).toBe(true);
        for (const element of score.elements) expect(element.evidence).toBe(element.promptsNo > 0 ? 0 : null);
        expect(score.evidence).toBe(allPromptKeys(elements).length > 0 ? 0 : null);
        expect(score.unsupportedClaims).toEqual([]);
      }),
    );
  });

  it('never lowers any practice figure when one part is raised', () => {
    // unanswered counts as the floor, so it sits below NO in this order
    const ladder: (PracticeValue | undefined)[] = [undefined, 'NO', 'STARTED', 'YES'];
    const arb = scenarioArb()
      .filter(({ elements }) => allAnswerableKeys(elements).length > 0)
      .chain((scenario) =>
        fc.record({
          scenario: fc.constant(scenario),
          key: fc.constantFrom(...allAnswerableKeys(scenario.elements)),
          steps: fc.integer({ min: 1, max: 3 }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ scenario: { elements, answers }, key, steps }) => {
        const current = ladder.indexOf(answers.practice.get(key));
        const raised = ladder[Math.min(current + steps, ladder.length - 1)];
        fc.pre(raised !== undefined && current < ladder.length - 1);
        const practice = new Map(answers.practice).set(key, raised);
        const before = everyPractice(scoreAssessment(elements, answers));
        const after = everyPractice(scoreAssessment(elements, { ...answers, practice }));
        after.forEach((figure, i) => expect(figure).toBeGreaterThanOrEqual(before[i] ?? Infinity));
      }),
    );
  });

  it('has no evidence figure exactly when no prompt is YES or NO', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ elements, answers }) => {
        const score = scoreAssessment(elements, answers);
        const decisive = (keys: readonly string[]) =>
          keys.some((key) => {
            const value = answers.evidence.get(key);
            return value === 'YES' || value === 'NO';
          });
        elements.forEach((element, i) => {
          expect(score.elements[i]?.evidence === null).toBe(!decisive(element.promptKeys));
        });
        expect(score.evidence === null).toBe(!decisive(allPromptKeys(elements)));
      }),
    );
  });

  it('leaves evidence unchanged when unanswered prompts are marked N/A', () => {
    const arb = scenarioArb().chain((scenario) =>
      fc.record({ scenario: fc.constant(scenario), mark: fc.subarray(allPromptKeys(scenario.elements)) }),
    );
    fc.assert(
      fc.property(arb, ({ scenario: { elements, answers }, mark }) => {
        const evidence = new Map(answers.evidence);
        for (const key of mark) if (!evidence.has(key)) evidence.set(key, 'NOT_APPLICABLE');
        const before = scoreAssessment(elements, answers);
        const after = scoreAssessment(elements, { ...answers, evidence });
        expect(after.evidence).toBe(before.evidence);
        expect(after.elements.map((element) => element.evidence)).toEqual(before.elements.map((element) => element.evidence));
        expect(after.unsupportedClaims).toEqual(before.unsupportedClaims);
      }),
    );
  });

  it('counts every prompt exactly once', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ elements, answers }) => {
        scoreAssessment(elements, answers).elements.forEach((element, i) => {
          const total = element.promptsYes + element.promptsNo + element.promptsNotApplicable + element.promptsUnanswered;
          expect(total).toBe(elements[i]?.promptKeys.length);
        });
      }),
    );
  });

  it('takes overall practice as the mean of the elements that have parts', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ elements, answers }) => {
        const score = scoreAssessment(elements, answers);
        const figures = score.elements.filter((element) => element.partsTotal > 0).map((element) => element.practice);
        const expected = figures.length === 0 ? 0 : figures.reduce((a, b) => a + b, 0) / figures.length;
        expect(score.practice).toBeCloseTo(expected, 9);
      }),
    );
  });

  it('takes element practice as the mean of its actions, and action practice as the mean of its parts', () => {
    const points: Record<PracticeValue, number> = { YES: 1, STARTED: 0.5, NO: 0 };
    fc.assert(
      fc.property(scenarioArb(), ({ elements, answers }) => {
        const score = scoreAssessment(elements, answers);
        score.elements.forEach((element) => {
          element.actions.forEach((action) => {
            const keys = elements.flatMap((e) => e.actions).find((a) => a.key === action.actionKey);
            const parts = keys && keys.partKeys.length > 0 ? keys.partKeys : [action.actionKey];
            const sum = parts.reduce((acc, key) => {
              const value = answers.practice.get(key);
              return acc + (value === undefined ? 0 : points[value]);
            }, 0);
            expect(action.practice).toBeCloseTo((100 * sum) / parts.length, 9);
          });
          if (element.actions.length > 0) {
            const mean = element.actions.reduce((acc, action) => acc + action.practice, 0) / element.actions.length;
            expect(element.practice).toBeCloseTo(mean, 9);
          }
        });
      }),
    );
  });

  it('pools every prompt for overall evidence', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ elements, answers }) => {
        const score = scoreAssessment(elements, answers);
        const values = allPromptKeys(elements).map((key) => answers.evidence.get(key));
        const yes = values.filter((value) => value === 'YES').length;
        const no = values.filter((value) => value === 'NO').length;
        if (yes + no === 0) expect(score.evidence).toBeNull();
        else expect(score.evidence).toBeCloseTo((100 * yes) / (yes + no), 9);
      }),
    );
  });

  it('flags an unsupported claim exactly when practice >= 75 and evidence is below 50', () => {
    fc.assert(
      fc.property(fc.oneof(scenarioArb(), scenarioArb({ completePractice: true })), ({ elements, answers }) => {
        const score = scoreAssessment(elements, answers);
        for (const element of score.elements) {
          const expected = element.practice >= 75 && element.evidence !== null && element.evidence < 50;
          expect(element.unsupportedClaim).toBe(expected);
        }
        expect(score.unsupportedClaims).toEqual(
          score.elements.filter((element) => element.unsupportedClaim).map((element) => element.elementKey),
        );
      }),
    );
  });

  it('is complete exactly when no part is missing, at every level', () => {
    fc.assert(
      fc.property(fc.oneof(scenarioArb(), scenarioArb({ completePractice: true })), ({ elements, answers }) => {
        const score = scoreAssessment(elements, answers);
        expect(score.complete).toBe(missingParts(elements, answers.practice).length === 0);
        score.elements.forEach((scored, i) => {
          const missing = missingParts(elements.slice(i, i + 1), answers.practice).length;
          expect(scored.complete).toBe(missing === 0);
          expect(scored.partsTotal - scored.partsAnswered).toBe(missing);
          scored.actions.forEach((action) => expect(action.complete).toBe(action.partsAnswered === action.partsTotal));
        });
      }),
    );
  });

  it('does not depend on the insertion order of the answer maps', () => {
    const arb = scenarioArb().chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        practiceOrder: fc.shuffledSubarray([...scenario.answers.practice], { minLength: scenario.answers.practice.size }),
        evidenceOrder: fc.shuffledSubarray([...scenario.answers.evidence], { minLength: scenario.answers.evidence.size }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ scenario: { elements, answers }, practiceOrder, evidenceOrder }) => {
        const shuffled: ConsensusAnswers = { practice: new Map(practiceOrder), evidence: new Map(evidenceOrder) };
        expect(scoreAssessment(elements, shuffled)).toEqual(scoreAssessment(elements, answers));
      }),
    );
  });

  it('is pure: same output for the same input, inputs untouched', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ elements, answers }) => {
        const elementsBefore = structuredClone(elements);
        const practiceBefore = [...answers.practice];
        const evidenceBefore = [...answers.evidence];
        const first = scoreAssessment(elements, answers);
        const second = scoreAssessment(elements, answers);
        expect(second).toEqual(first);
        expect(second).not.toBe(first);
        expect(elements).toEqual(elementsBefore);
        expect([...answers.practice]).toEqual(practiceBefore);
        expect([...answers.evidence]).toEqual(evidenceBefore);
        missingParts(elements, answers.practice);
        expect([...answers.practice]).toEqual(practiceBefore);
      }),
    );
  });
});

describe('missingParts properties', () => {
  it('lists exactly the unanswered answerable keys, in framework order', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ elements, answers }) => {
        expect(missingParts(elements, answers.practice)).toEqual(
          allAnswerableKeys(elements).filter((key) => !answers.practice.has(key)),
        );
      }),
    );
  });
});
