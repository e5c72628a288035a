import { answerableKeys, missingParts } from './answerable';
import { scoreAssessment } from './score';
import type { ConsensusAnswers, EvidenceValue, PracticeValue, ScoringElement } from './types';

// The shape of the bundled Section 3 framework: parts and prompt counts as in the seed checklist.
const prompts = (element: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${element}.e${i + 1}`);

const element31: ScoringElement = {
  key: '3.1',
  actions: [
    { key: '3.1.1', partKeys: ['3.1.1.a', '3.1.1.b'] },
    { key: '3.1.2', partKeys: ['3.1.2.a', '3.1.2.b', '3.1.2.c'] },
    { key: '3.1.3', partKeys: [] },
  ],
  promptKeys: prompts('3.1', 12), // 7 "Have you", 2 "... staff", 3 "... partners"
};
const element32: ScoringElement = {
  key: '3.2',
  actions: [
    { key: '3.2.1', partKeys: [] },
    { key: '3.2.2', partKeys: ['3.2.2.a', '3.2.2.b'] },
    { key: '3.2.3', partKeys: [] },
  ],
  promptKeys: prompts('3.2', 6),
};
const element33: ScoringElement = {
  key: '3.3',
  actions: [
    { key: '3.3.1', partKeys: [] },
    { key: '3.3.2', partKeys: ['3.3.2.a', '3.3.2.b'] },
  ],
  promptKeys: prompts('3.3', 11),
};
const section3 = [element31, element32, element33];

const answers = (
  practice: Record<string, PracticeValue>,
  evidence: Record<string, EvidenceValue> = {},
): ConsensusAnswers => ({ practice: new Map(Object.entries(practice)), evidence: new Map(Object.entries(evidence)) });

const evidenceFor = (keys: readonly string[], values: readonly EvidenceValue[]): Record<string, EvidenceValue> =>
  Object.fromEntries(values.map((value, i) => [keys[i], value]));

const element31Complete = {
  '3.1.1.a': 'YES',
  '3.1.1.b': 'STARTED',
  '3.1.2.a': 'NO',
  '3.1.2.b': 'NO',
  '3.1.2.c': 'NO',
  '3.1.3': 'YES',
} as const;

describe('answerableKeys', () => {
  it('lists the parts of an action that has them', () => {
    expect(answerableKeys({ key: '3.1.2', partKeys: ['3.1.2.a', '3.1.2.b', '3.1.2.c'] })).toEqual([
      '3.1.2.a',
      '3.1.2.b',
      '3.1.2.c',
    ]);
  });

  it('answers a part-less action under its own key', () => {
    expect(answerableKeys({ key: '3.1.3', partKeys: [] })).toEqual(['3.1.3']);
  });

  it('returns a copy, not the framework array', () => {
    const action = { key: '3.1.1', partKeys: ['3.1.1.a'] };
    answerableKeys(action).push('x');
    expect(action.partKeys).toEqual(['3.1.1.a']);
  });
});

describe('scoreAssessment: worked examples on element 3.1', () => {
  const score = scoreAssessment([element31], answers(element31Complete));
  const [el] = score.elements;

  it('scores each action as the mean of its parts', () => {
    expect(el?.actions).toEqual([
      { actionKey: '3.1.1', practice: 75, complete: true, partsAnswered: 2, partsTotal: 2 }, // (1 + 0.5) / 2
      { actionKey: '3.1.2', practice: 0, complete: true, partsAnswered: 3, partsTotal: 3 },
      { actionKey: '3.1.3', practice: 100, complete: true, partsAnswered: 1, partsTotal: 1 }, // its own single part
    ]);
  });

  it('scores the element as the mean of its actions, unrounded', () => {
    expect(el?.practice).toBe(175 / 3); // (75 + 0 + 100) / 3, not the mean of the 6 parts (2.5 / 6)
    expect(el?.complete).toBe(true);
    expect(el?.partsAnswered).toBe(6);
    expect(el?.partsTotal).toBe(6);
    expect(score.practice).toBe(175 / 3);
    expect(score.complete).toBe(true);
  });

  it('keeps thirds exact: two YES and a NO over three parts is 200/3', () => {
    const s = scoreAssessment([element31], answers({ ...element31Complete, '3.1.2.a': 'YES', '3.1.2.b': 'YES' }));
    expect(s.elements[0]?.actions[1]?.practice).toBe(200 / 3);
    expect(s.elements[0]?.practice).toBe((75 + 200 / 3 + 100) / 3);
  });

  it('has no evidence figure while no prompt is answered', () => {
    expect(el?.evidence).toBeNull();
    expect(el?.promptsUnanswered).toBe(12);
    expect(score.evidence).toBeNull();
    expect(el?.unsupportedClaim).toBe(false);
  });

  it('scores evidence as YES / (YES + NO), N/A and unanswered left out', () => {
    // 3 YES, 1 NO, 6 N/A, 2 unanswered
    const values: EvidenceValue[] = ['YES', 'YES', 'YES', 'NO', ...Array<EvidenceValue>(6).fill('NOT_APPLICABLE')];
    const s = scoreAssessment([element31], answers(element31Complete, evidenceFor(element31.promptKeys, values)));
    expect(s.elements[0]).toMatchObject({
      evidence: 75,
      promptsYes: 3,
      promptsNo: 1,
      promptsNotApplicable: 6,
      promptsUnanswered: 2,
      complete: true, // completeness is about parts; unanswered prompts are only counted
    });
    expect(s.evidence).toBe(75);
  });

  it('has no evidence figure when every prompt is N/A', () => {
    const allNa = Object.fromEntries(element31.promptKeys.map((key) => [key, 'NOT_APPLICABLE' as const]));
    const s = scoreAssessment([element31], answers(element31Complete, allNa));
    expect(s.elements[0]?.evidence).toBeNull();
    expect(s.elements[0]?.promptsNotApplicable).toBe(12);
    expect(s.evidence).toBeNull();
  });

  it('floors unanswered parts at 0 and marks every level incomplete', () => {
    const s = scoreAssessment([element31], answers({ '3.1.1.a': 'YES', '3.1.3': 'STARTED' }));
    const [e] = s.elements;
    expect(e?.actions).toEqual([
      { actionKey: '3.1.1', practice: 50, complete: false, partsAnswered: 1, partsTotal: 2 },
      { actionKey: '3.1.2', practice: 0, complete: false, partsAnswered: 0, partsTotal: 3 },
      { actionKey: '3.1.3', practice: 50, complete: true, partsAnswered: 1, partsTotal: 1 },
    ]);
    expect(e?.practice).toBe(100 / 3);
    expect(e?.complete).toBe(false);
    expect(e?.partsAnswered).toBe(2);
    expect(s.complete).toBe(false);
    expect(missingParts([element31], new Map([['3.1.1.a', 'YES'], ['3.1.3', 'STARTED']]))).toEqual([
      '3.1.1.b',
      '3.1.2.a',
      '3.1.2.b',
      '3.1.2.c',
    ]);
  });

  it('ignores answers to keys outside the framework and does not read action keys of actions with parts', () => {
    const s = scoreAssessment([element31], answers({ ...element31Complete, '3.1.2': 'YES', '9.9.9': 'YES' }));
    expect(s.elements[0]?.practice).toBe(175 / 3);
  });
});

describe('scoreAssessment: unsupported claims', () => {
  const allYes = Object.fromEntries(
    element31.actions.flatMap(answerableKeys).map((key) => [key, 'YES' as const]),
  );
  // 3.1.2 at 1/3 practice: (100 + 100/3 + 100) / 3 = 77.7..., still >= 75
  const mostlyYes = { ...allYes, '3.1.2.b': 'NO', '3.1.2.c': 'NO' } as const;

  const withEvidence = (yes: number, no: number) =>
    evidenceFor(element31.promptKeys, [...Array<EvidenceValue>(yes).fill('YES'), ...Array<EvidenceValue>(no).fill('NO')]);

  it('flags practice >= 75 with evidence below 50', () => {
    const s = scoreAssessment([element31], answers(mostlyYes, withEvidence(1, 3)));
    expect(s.elements[0]?.practice).toBeGreaterThanOrEqual(75);
    expect(s.elements[0]?.evidence).toBe(25);
    expect(s.elements[0]?.unsupportedClaim).toBe(true);
    expect(s.unsupportedClaims).toEqual(['3.1']);
  });

  it('flags at exactly 75 practice', () => {
    const single: ScoringElement = { key: 'x', actions: [{ key: 'x.1', partKeys: ['x.1.a', 'x.1.b'] }], promptKeys: ['x.e1'] };
    const s = scoreAssessment([single], answers({ 'x.1.a': 'YES', 'x.1.b': 'STARTED' }, { 'x.e1': 'NO' }));
    expect(s.elements[0]?.practice).toBe(75);
    expect(s.elements[0]?.evidence).toBe(0);
    expect(s.unsupportedClaims).toEqual(['x']);
  });

  it('does not flag evidence of exactly 50', () => {
    const s = scoreAssessment([element31], answers(allYes, withEvidence(2, 2)));
    expect(s.elements[0]?.evidence).toBe(50);
    expect(s.elements[0]?.unsupportedClaim).toBe(false);
  });

  it('does not flag when there is no evidence figure', () => {
    const s = scoreAssessment([element31], answers(allYes));
    expect(s.elements[0]?.practice).toBe(100);
    expect(s.elements[0]?.unsupportedClaim).toBe(false);
    expect(s.unsupportedClaims).toEqual([]);
  });

  it('does not flag practice below 75', () => {
    const s = scoreAssessment([element31], answers(element31Complete, withEvidence(0, 5)));
    expect(s.elements[0]?.unsupportedClaim).toBe(false);
  });
});

describe('scoreAssessment: overall figures over Section 3', () => {
  const practice = {
    ...element31Complete, // 175/3
    '3.2.1': 'YES',
    '3.2.2.a': 'YES',
    '3.2.2.b': 'NO',
    '3.2.3': 'STARTED', // (100 + 50 + 50) / 3 = 200/3
    '3.3.1': 'NO',
    '3.3.2.a': 'STARTED',
    '3.3.2.b': 'STARTED', // (0 + 50) / 2 = 25
  } as const;
  const evidence = {
    ...evidenceFor(element31.promptKeys, ['YES', 'NO']), // 50
    ...evidenceFor(element32.promptKeys, ['YES', 'YES', 'YES', 'YES', 'YES', 'NOT_APPLICABLE']), // 100
    ...evidenceFor(element33.promptKeys, Array<EvidenceValue>(11).fill('NOT_APPLICABLE')), // null
  };
  const s = scoreAssessment(section3, answers(practice, evidence));

  it('takes the mean of the element practices', () => {
    expect(s.elements.map((e) => e.practice)).toEqual([175 / 3, 200 / 3, 25]);
    expect(s.practice).toBe((175 / 3 + 200 / 3 + 25) / 3);
    expect(s.complete).toBe(true);
  });

  it('pools every prompt for overall evidence instead of averaging element figures', () => {
    expect(s.elements.map((e) => e.evidence)).toEqual([50, 100, null]);
    expect(s.evidence).toBe((6 * 100) / 7); // 6 YES of 7 YES/NO, not (50 + 100) / 2 = 75
  });

  it('is incomplete overall when one element is', () => {
    const rest = Object.fromEntries(Object.entries(practice).filter(([key]) => key !== '3.3.1'));
    const partial = scoreAssessment(section3, answers(rest, evidence));
    expect(partial.elements.map((e) => e.complete)).toEqual([true, true, false]);
    expect(partial.complete).toBe(false);
    expect(missingParts(section3, new Map(Object.entries(rest)))).toEqual(['3.3.1']);
  });

  it('scores 0 with nothing answered and lists every answerable key in framework order', () => {
    const empty = scoreAssessment(section3, answers({}));
    expect(empty.practice).toBe(0);
    expect(empty.evidence).toBeNull();
    expect(empty.complete).toBe(false);
    expect(missingParts(section3, new Map())).toEqual([
      '3.1.1.a', '3.1.1.b', '3.1.2.a', '3.1.2.b', '3.1.2.c', '3.1.3',
      '3.2.1', '3.2.2.a', '3.2.2.b', '3.2.3',
      '3.3.1', '3.3.2.a', '3.3.2.b',
    ]);
  });
});

describe('scoreAssessment: elements with nothing to answer', () => {
  const empty: ScoringElement = { key: '0', actions: [], promptKeys: [] };

  it('leaves an element with no actions out of the overall practice mean', () => {
    const s = scoreAssessment([empty, element31], answers(element31Complete));
    expect(s.elements[0]).toMatchObject({ practice: 0, evidence: null, complete: true, partsTotal: 0, unsupportedClaim: false });
    expect(s.practice).toBe(175 / 3);
    expect(s.complete).toBe(true);
  });

  it('scores an assessment with no scorable element as 0, complete, with no evidence figure', () => {
    expect(scoreAssessment([], answers({}))).toEqual({
      practice: 0,
      evidence: null,
      complete: true,
      elements: [],
      unsupportedClaims: [],
    });
    expect(scoreAssessment([empty], answers({})).practice).toBe(0);
  });

  it('still counts the prompts of an element with no actions towards overall evidence', () => {
    const promptsOnly: ScoringElement = { key: 'p', actions: [], promptKeys: ['p.e1', 'p.e2'] };
    const s = scoreAssessment([promptsOnly], answers({}, { 'p.e1': 'YES', 'p.e2': 'NO' }));
    expect(s.elements[0]?.evidence).toBe(50);
    expect(s.evidence).toBe(50);
  });
});

describe('scoreAssessment: values outside the closed sets', () => {
  it('rejects an unknown practice value instead of scoring it', () => {
    const bad = { practice: new Map([['3.1.3', 'MAYBE' as PracticeValue]]), evidence: new Map() };
    expect(() => scoreAssessment([element31], bad)).toThrow(TypeError);
  });

  it('rejects an unknown evidence value instead of scoring it', () => {
    const bad = { practice: new Map(), evidence: new Map([['3.1.e1', 'PERHAPS' as EvidenceValue]]) };
    expect(() => scoreAssessment([element31], bad)).toThrow(TypeError);
  });
});
