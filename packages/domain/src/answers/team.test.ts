import fc from 'fast-check';
import { agreedValues, findDisagreements } from './team';
import type { AssessorAnswer } from './types';

const a = (nodeKey: string, userId: string, value: string): AssessorAnswer => ({ nodeKey, userId, value });

const frameworkOrder = ['3.1.1.a', '3.1.1.b', '3.1.2.a', '3.1.3', '3.1.e1'];

describe('findDisagreements', () => {
  const answers = [
    a('3.1.3', 'carol', 'NO'),
    a('3.1.3', 'alice', 'YES'),
    a('3.1.1.a', 'bob', 'STARTED'),
    a('3.1.1.a', 'alice', 'YES'),
    a('3.1.1.a', 'carol', 'YES'),
    a('3.1.1.b', 'alice', 'NO'),
    a('3.1.1.b', 'bob', 'NO'), // agreed
    a('3.1.2.a', 'alice', 'YES'), // one assessor only
    a('3.1.e1', 'bob', 'NOT_APPLICABLE'),
    a('3.1.e1', 'alice', 'YES'),
  ];

  it('lists disagreeing keys in framework order with sorted values and users', () => {
    expect(findDisagreements(answers, frameworkOrder)).toEqual([
      {
        nodeKey: '3.1.1.a',
        values: [
          { value: 'STARTED', userIds: ['bob'] },
          { value: 'YES', userIds: ['alice', 'carol'] },
        ],
      },
      {
        nodeKey: '3.1.3',
        values: [
          { value: 'NO', userIds: ['carol'] },
          { value: 'YES', userIds: ['alice'] },
        ],
      },
      {
        nodeKey: '3.1.e1',
        values: [
          { value: 'NOT_APPLICABLE', userIds: ['bob'] },
          { value: 'YES', userIds: ['alice'] },
        ],
      },
    ]);
  });

  it('gives the same output whatever the order of the answers', () => {
    expect(findDisagreements([...answers].reverse(), frameworkOrder)).toEqual(findDisagreements(answers, frameworkOrder));
  });

  it('still surfaces keys missing from the framework order, after the ordered ones, sorted', () => {
    const stray = [a('old.2', 'x', 'YES'), a('old.2', 'y', 'NO'), a('old.1', 'x', 'YES'), a('old.1', 'y', 'NO')];
    expect(findDisagreements([...stray, ...answers], frameworkOrder).map((d) => d.nodeKey)).toEqual([
      '3.1.1.a',
      '3.1.3',
      '3.1.e1',
      'old.1',
      'old.2',
    ]);
  });

  it('lists a key once even when the framework order repeats it', () => {
    expect(findDisagreements(answers, ['3.1.3', '3.1.3']).map((d) => d.nodeKey)).toEqual(['3.1.3', '3.1.1.a', '3.1.e1']);
  });

  it('counts a repeated identical answer once', () => {
    const repeated = [a('k', 'alice', 'YES'), a('k', 'alice', 'YES'), a('k', 'bob', 'NO')];
    expect(findDisagreements(repeated, ['k'])).toEqual([
      { nodeKey: 'k', values: [{ value: 'NO', userIds: ['bob'] }, { value: 'YES', userIds: ['alice'] }] },
    ]);
  });

  it('finds nothing in no answers', () => {
    expect(findDisagreements([], frameworkOrder)).toEqual([]);
  });
});

describe('agreedValues', () => {
  it('keeps keys where at least two assessors all gave the same value', () => {
    const answers = [
      a('3.1.1.a', 'alice', 'YES'),
      a('3.1.1.a', 'bob', 'YES'),
      a('3.1.1.a', 'carol', 'YES'),
      a('3.1.1.b', 'alice', 'NO'),
      a('3.1.1.b', 'bob', 'STARTED'), // disagreement
      a('3.1.3', 'alice', 'YES'), // one assessor only
      a('3.1.e1', 'alice', 'NOT_APPLICABLE'),
      a('3.1.e1', 'bob', 'NOT_APPLICABLE'),
    ];
    expect(agreedValues(answers)).toEqual(
      new Map([
        ['3.1.1.a', 'YES'],
        ['3.1.e1', 'NOT_APPLICABLE'],
      ]),
    );
  });

  it('does not count the same assessor twice as agreement', () => {
    expect(agreedValues([a('k', 'alice', 'YES'), a('k', 'alice', 'YES')])).toEqual(new Map());
  });
});

describe('team answer properties', () => {
  const answersArb = fc.array(
    fc.record({
      nodeKey: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5'),
      userId: fc.constantFrom('u1', 'u2', 'u3', 'u4'),
      value: fc.constantFrom('YES', 'STARTED', 'NO'),
    }),
    { maxLength: 30 },
  );
  const orderArb = fc.shuffledSubarray(['k1', 'k2', 'k3', 'k4', 'k5']);

  const distinctValues = (answers: readonly AssessorAnswer[], key: string) =>
    new Set(answers.filter((answer) => answer.nodeKey === key).map((answer) => answer.value));
  const distinctUsers = (answers: readonly AssessorAnswer[], key: string) =>
    new Set(answers.filter((answer) => answer.nodeKey === key).map((answer) => answer.userId));
  const keysOf = (answers: readonly AssessorAnswer[]) => [...new Set(answers.map((answer) => answer.nodeKey))];

  it('lists a key iff it has two or more distinct values, once, ordered and complete', () => {
    fc.assert(
      fc.property(answersArb, orderArb, (answers, order) => {
        const result = findDisagreements(answers, order);
        const listed = result.map((d) => d.nodeKey);
        expect(new Set(listed).size).toBe(listed.length);
        for (const key of keysOf(answers)) {
          expect(listed.includes(key)).toBe(distinctValues(answers, key).size >= 2);
        }
        const ordered = listed.filter((key) => order.includes(key));
        expect(ordered).toEqual([...ordered].sort((x, y) => order.indexOf(x) - order.indexOf(y)));
        expect(listed.slice(0, ordered.length)).toEqual(ordered);
        for (const disagreement of result) {
          const values = disagreement.values.map((v) => v.value);
          expect(values).toEqual([...distinctValues(answers, disagreement.nodeKey)].sort());
          for (const { value, userIds } of disagreement.values) {
            const expected = answers
              .filter((answer) => answer.nodeKey === disagreement.nodeKey && answer.value === value)
              .map((answer) => answer.userId);
            expect(userIds).toEqual([...new Set(expected)].sort());
          }
        }
      }),
    );
  });

  it('agrees on a key iff two or more assessors answered it and all gave one value', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const agreed = agreedValues(answers);
        for (const key of keysOf(answers)) {
          const values = distinctValues(answers, key);
          const expected = values.size === 1 && distinctUsers(answers, key).size >= 2;
          expect(agreed.has(key)).toBe(expected);
          if (expected) expect(agreed.get(key)).toBe([...values][0]);
        }
        expect([...agreed.keys()].every((key) => keysOf(answers).includes(key))).toBe(true);
      }),
    );
  });

  it('never both agrees and disagrees on a key, and does not mutate its input', () => {
    fc.assert(
      fc.property(answersArb, orderArb, (answers, order) => {
        const before = structuredClone(answers);
        const disagreed = new Set(findDisagreements(answers, order).map((d) => d.nodeKey));
        for (const key of agreedValues(answers).keys()) expect(disagreed.has(key)).toBe(false);
        expect(answers).toEqual(before);
      }),
    );
  });
});
