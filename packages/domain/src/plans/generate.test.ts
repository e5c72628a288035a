import { PRIORITY_RULES, generatePlanItems, toScoringElements } from './generate';
import { element31, element32, planAnswers } from './__tests__/fixtures';
import type { ItemDraft } from './types';

const byKey = (items: readonly ItemDraft[]): Map<string, ItemDraft> => new Map(items.map((item) => [item.itemKey, item]));
const get = (items: readonly ItemDraft[], key: string): ItemDraft => {
  const item = byKey(items).get(key);
  if (!item) throw new Error(`no item ${key}; have ${items.map((i) => i.itemKey).join(', ')}`);
  return item;
};

describe('generatePlanItems: worked examples on element 3.1', () => {
  // 3.1.1: a YES, b STARTED -> tier 3; 3.1.2: a NO, b STARTED, c unanswered -> tier 1; 3.1.3 YES -> no item.
  // Prompts: g1.1 YES (no item), g1.2 NO -> tier 4, g1.3 YES but flagged -> tier 5, g2.1 flagged but unanswered -> no item.
  const answers = planAnswers(
    { '3.1.1.a': 'YES', '3.1.1.b': 'STARTED', '3.1.2.a': 'NO', '3.1.2.b': 'STARTED', '3.1.3': 'YES' },
    { '3.1.g1.1': 'YES', '3.1.g1.2': 'NO', '3.1.g1.3': 'YES' },
    ['3.1.g1.3', '3.1.g2.1'],
    { '3.1.g1.2': 'We have not asked partners yet', '3.1.g1.3': null },
  );
  const items = generatePlanItems([element31], answers);

  it('makes one item per gap, in priority order', () => {
    expect(items.map((item) => [item.itemKey, item.priority])).toEqual([
      ['action:3.1.2', 1],
      ['action:3.1.1', 2],
      ['prompt:3.1.g1.2', 3],
      ['prompt:3.1.g1.3', 4],
    ]);
    expect(items.map((item) => item.kind)).toEqual(['ACTION', 'ACTION', 'PROMPT', 'PROMPT']);
  });

  it('words an action with a part at NO and one unanswered (tier 1)', () => {
    const item = get(items, 'action:3.1.2');
    expect(item).toMatchObject({ nodeKey: '3.1.2', elementKey: '3.1', target: 'Yes for every part' });
    expect(item.what).toBe(
      'Do you encourage partners to become advocates for your work and to help create a bridge for extending on-site and off-site services?' +
        ' — still to do: "Advocates" (No); "On-site services" (Have started); "Off-site services" (not yet answered)',
    );
    expect(item.why).toBe('"Advocates" is "No"; "On-site services" is "Have started"; "Off-site services" is not yet answered');
    expect(item.gap).toEqual({
      parts: [
        { key: '3.1.2.a', value: 'NO' },
        { key: '3.1.2.b', value: 'STARTED' },
        { key: '3.1.2.c', value: null },
      ],
    });
    expect(item.priorityReason).toMatch(/^Tier 1 of 5: an action with a part answered "No" or not yet answered\./);
    expect(item.guidance).toEqual([]);
  });

  it('words an action with parts only STARTED (tier 3) by what to do, naming only the parts still to do, with its guidance', () => {
    const item = get(items, 'action:3.1.1');
    expect(item.what).toBe('Look for partners whenever you plan something new, and build on the skills and experience they bring.');
    expect(item.why).toBe('"Find ways to build on their skills and experiences" is "Have started"');
    expect(item.why).not.toContain('actively look for partners');
    expect(item.gap).toEqual({
      parts: [
        { key: '3.1.1.a', value: 'YES' },
        { key: '3.1.1.b', value: 'STARTED' },
      ],
    });
    expect(item.guidance).toEqual(element31.actions[0]?.guidance);
    expect(item.priorityReason).toMatch(/^Tier 3 of 5: /);
    expect(item.priorityReason).toContain('element 3.1 (practice 64)');
  });

  it('words a prompt answered NO with its group label and the team note', () => {
    const item = get(items, 'prompt:3.1.g1.2');
    expect(item).toMatchObject({
      kind: 'PROMPT',
      nodeKey: '3.1.g1.2',
      elementKey: '3.1',
      what: 'Have you: identified how the work of partner organisations adds value to your own work',
      why: 'Answered "No". Team note: "We have not asked partners yet"',
      gap: { value: 'NO', areaForImprovement: false },
      target: 'Yes, with evidence to show',
      guidance: [],
      footnotes: [],
    });
    expect(item.priorityReason).toMatch(/^Tier 4 of 5: /);
  });

  it('words a prompt answered YES but marked for improvement (tier 5)', () => {
    const item = get(items, 'prompt:3.1.g1.3');
    expect(item).toMatchObject({
      what: 'Have you: promoted the benefits users derive from partnership working',
      why: 'Marked as an area for improvement (answered "Yes")',
      gap: { value: 'YES', areaForImprovement: true },
      target: 'Yes, with evidence to show, and no longer an area for improvement',
    });
    expect(item.priorityReason).toMatch(/^Tier 5 of 5: /);
  });

  it('leaves out a prompt that is flagged but unanswered, and anything fully YES', () => {
    const keys = items.map((item) => item.itemKey);
    expect(keys).not.toContain('prompt:3.1.g2.1');
    expect(keys).not.toContain('prompt:3.1.g1.1');
    expect(keys).not.toContain('action:3.1.3');
  });
});

describe('generatePlanItems: more worked examples', () => {
  it('flags an unsupported claim as an evidence gap ranked above started actions', () => {
    // practice (75 + 100 + 100) / 3 = 91.67; evidence 1 YES of 4 = 25
    const items = generatePlanItems(
      [element31],
      planAnswers(
        { '3.1.1.a': 'YES', '3.1.1.b': 'STARTED', '3.1.2.a': 'YES', '3.1.2.b': 'YES', '3.1.2.c': 'YES', '3.1.3': 'YES' },
        { '3.1.g1.1': 'YES', '3.1.g1.2': 'NO', '3.1.g1.3': 'NO', '3.1.g2.1': 'NO' },
        ['3.1.g1.3'],
      ),
    );
    expect(items.map((item) => item.itemKey)).toEqual([
      'evidence:3.1',
      'action:3.1.1',
      'prompt:3.1.g1.2',
      'prompt:3.1.g1.3',
      'prompt:3.1.g2.1',
    ]);
    const gap = get(items, 'evidence:3.1');
    expect(gap).toMatchObject({
      kind: 'EVIDENCE_GAP',
      nodeKey: '3.1',
      elementKey: '3.1',
      what: 'Gather evidence for the claims of element 3.1: "Do you identify suitable partners and evaluate the benefits of working in partnership to support learning?"',
      why: 'Practice 92 but evidence 25: an unsupported claim (1 prompt answered "Yes", 3 answered "No")',
      target: 'Evidence score of at least 50',
      guidance: [],
      footnotes: [],
      priority: 1,
    });
    expect(gap.gap).toEqual({ practice: 275 / 3, evidence: 25 });
    expect(gap.priorityReason).toMatch(/^Tier 2 of 5: /);
    // a prompt answered NO and flagged stays in tier 4 and says both
    expect(get(items, 'prompt:3.1.g1.3')).toMatchObject({
      why: 'Answered "No" and marked as an area for improvement',
      gap: { value: 'NO', areaForImprovement: true },
      target: 'Yes, with evidence to show, and no longer an area for improvement',
    });
  });

  it('ranks the element with the lower practice score first within a tier, and carries footnotes', () => {
    // 3.1: practice (50 + 100 + 100) / 3 = 83.3, evidence 0 -> unsupported claim. 3.2: practice 0.
    const items = generatePlanItems(
      [element31, element32],
      planAnswers(
        { '3.1.1.a': 'NO', '3.1.1.b': 'YES', '3.1.2.a': 'YES', '3.1.2.b': 'YES', '3.1.2.c': 'YES', '3.1.3': 'YES', '3.2.3': 'NO' },
        { '3.1.g1.1': 'NO', '3.2.g1.1': 'NO' },
      ),
    );
    expect(items.map((item) => [item.itemKey, item.priority])).toEqual([
      ['action:3.2.3', 1],
      ['action:3.1.1', 2],
      ['evidence:3.1', 3],
      ['prompt:3.2.g1.1', 4],
      ['prompt:3.1.g1.1', 5],
    ]);
    const action = get(items, 'action:3.2.3');
    expect(action).toMatchObject({
      what: "Do you use your skills, resources and collections to add value to others' learning initiatives? — still to do: the whole action (No)",
      why: 'Answered "No"',
      gap: { parts: [{ key: '3.2.3', value: 'NO' }] },
      target: 'Yes',
      footnotes: element32.actions[0]?.footnotes,
    });
    expect(get(items, 'action:3.1.1').why).toBe('"actively look for partners" is "No"');
  });

  it('treats an unanswered part-less action as tier 1 and a flagged N/A prompt as tier 5', () => {
    const items = generatePlanItems(
      [element31],
      planAnswers(
        { '3.1.1.a': 'YES', '3.1.1.b': 'YES', '3.1.2.a': 'YES', '3.1.2.b': 'YES', '3.1.2.c': 'YES' },
        { '3.1.g1.1': 'NOT_APPLICABLE' },
        ['3.1.g1.1'],
        { '3.1.g1.1': '   ' },
      ),
    );
    expect(items.map((item) => item.itemKey)).toEqual(['action:3.1.3', 'prompt:3.1.g1.1']);
    expect(get(items, 'action:3.1.3')).toMatchObject({
      what: 'Do you regularly review and evaluate your working arrangements and their ongoing relevance in respect of partnerships and projects? — still to do: the whole action (not yet answered)',
      why: 'Not yet answered',
      gap: { parts: [{ key: '3.1.3', value: null }] },
    });
    expect(get(items, 'prompt:3.1.g1.1')).toMatchObject({
      why: 'Marked as an area for improvement (answered "Not applicable")',
      gap: { value: 'NOT_APPLICABLE', areaForImprovement: true },
      target: 'Yes, with evidence to show, or confirmed as not applicable, and no longer an area for improvement',
    });
  });

  it('gives no items when everything is YES, and none for an empty framework', () => {
    const allYes = planAnswers(
      { '3.1.1.a': 'YES', '3.1.1.b': 'YES', '3.1.2.a': 'YES', '3.1.2.b': 'YES', '3.1.2.c': 'YES', '3.1.3': 'YES' },
      { '3.1.g1.1': 'YES', '3.1.g1.2': 'YES', '3.1.g1.3': 'NOT_APPLICABLE' },
      [],
    );
    expect(generatePlanItems([element31], allYes)).toEqual([]);
    expect(generatePlanItems([], planAnswers({}))).toEqual([]);
  });

  it('does not flag an element whose prompts are all N/A (no evidence figure)', () => {
    const items = generatePlanItems(
      [element31],
      planAnswers(
        { '3.1.1.a': 'YES', '3.1.1.b': 'YES', '3.1.2.a': 'YES', '3.1.2.b': 'YES', '3.1.2.c': 'YES', '3.1.3': 'YES' },
        { '3.1.g1.1': 'NOT_APPLICABLE', '3.1.g1.2': 'NOT_APPLICABLE', '3.1.g1.3': 'NOT_APPLICABLE', '3.1.g2.1': 'NOT_APPLICABLE' },
      ),
    );
    expect(items).toEqual([]);
  });

  it('shows a figure that would round up to the threshold with one decimal', () => {
    // 50 YES of 101 answered prompts = 49.504...; practice 100
    const prompts = Array.from({ length: 101 }, (_, i) => ({ key: `9.p${i}`, groupLabel: 'Have you:', text: `p${i}` }));
    const element = {
      key: '9',
      text: 'Element nine?',
      actions: [{ key: '9.1', text: 'Act?', parts: [], footnotes: [], guidance: [] }],
      prompts,
    };
    const evidence = Object.fromEntries(prompts.map((p, i) => [p.key, i < 50 ? ('YES' as const) : ('NO' as const)]));
    const items = generatePlanItems([element], planAnswers({ '9.1': 'YES' }, evidence));
    expect(get(items, 'evidence:9').why).toBe(
      'Practice 100 but evidence 49.5: an unsupported claim (50 prompts answered "Yes", 51 answered "No")',
    );
  });

  it('refuses a framework that repeats a key', () => {
    expect(() => generatePlanItems([element31, element31], planAnswers({}))).toThrow(/Duplicate framework element key: 3.1/);
  });

  it('does not mutate its inputs and copies guidance and footnotes', () => {
    const before = JSON.stringify([element32]);
    const items = generatePlanItems([element32], planAnswers({ '3.2.3': 'STARTED' }));
    expect(JSON.stringify([element32])).toBe(before);
    expect(items[0]?.footnotes).not.toBe(element32.actions[0]?.footnotes);
  });
});

describe('PRIORITY_RULES and toScoringElements', () => {
  it('states the five tiers in order, then the within-tier and ranking rules', () => {
    expect(PRIORITY_RULES).toHaveLength(7);
    PRIORITY_RULES.slice(0, 5).forEach((rule, i) => expect(rule).toMatch(new RegExp(`^Tier ${i + 1}: `)));
    expect(PRIORITY_RULES[5]).toMatch(/lower practice score/);
    expect(PRIORITY_RULES[6]).toMatch(/dense ranking/);
  });

  it('maps plan elements onto the scoring tree', () => {
    expect(toScoringElements([element31])).toEqual([
      {
        key: '3.1',
        actions: [
          { key: '3.1.1', partKeys: ['3.1.1.a', '3.1.1.b'] },
          { key: '3.1.2', partKeys: ['3.1.2.a', '3.1.2.b', '3.1.2.c'] },
          { key: '3.1.3', partKeys: [] },
        ],
        promptKeys: ['3.1.g1.1', '3.1.g1.2', '3.1.g1.3', '3.1.g2.1'],
      },
    ]);
  });
});
