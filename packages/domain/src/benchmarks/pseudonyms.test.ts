import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PSEUDONYM_ALPHABET, assignPseudonyms } from './pseudonyms';
import { seededRandom } from './__tests__/random';

const LABEL = new RegExp(`^Member [${PSEUDONYM_ALPHABET}]{4}$`);

/** A random source that hands out these bytes in turn, then repeats them. */
const fixedBytes = (bytes: readonly number[]) => {
  let next = 0;
  return (size: number) => Buffer.from(Array.from({ length: size }, () => bytes[next++ % bytes.length]!));
};

/** A seeded random source, so property runs are repeatable. */
const seededBytes = (seed: number) => {
  const next = seededRandom(seed);
  return (size: number) => Buffer.from(Array.from({ length: size }, () => Math.floor(next() * 256)));
};

const ids = Array.from({ length: 20 }, (_, i) => `org-${String(i).padStart(2, '0')}`);

describe('assignPseudonyms', () => {
  it('labels each id "Member" and four unambiguous characters, and orders the ids by label', () => {
    // Bytes index the alphabet (mod 30): 0 -> "2", 29 -> "Z".
    const { pseudonyms, order } = assignPseudonyms(['b', 'a'], fixedBytes([29, 29, 29, 29, 0, 1, 2, 3]));
    expect(pseudonyms).toEqual(new Map([['b', 'Member ZZZZ'], ['a', 'Member 2345']]));
    expect(order).toEqual(['a', 'b']);
    expect(PSEUDONYM_ALPHABET).not.toMatch(/[01ILOU]/);
  });

  it('skips bytes that would make some characters likelier than others', () => {
    const { pseudonyms } = assignPseudonyms(['a'], fixedBytes([240, 255, 0, 1, 2, 3]));
    expect(pseudonyms.get('a')).toBe('Member 2345');
  });

  it('draws again when a label is already taken, and gives up on a source that only repeats itself', () => {
    const { pseudonyms } = assignPseudonyms(['a', 'b'], fixedBytes([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]));
    expect([...pseudonyms.values()]).toEqual(['Member 2222', 'Member 3333']);
    expect(() => assignPseudonyms(['a', 'b'], fixedBytes([7]))).toThrow('keeps repeating');
  });

  it('gives a repeated id one label and an empty list none', () => {
    expect(assignPseudonyms(['a', 'a']).order).toEqual(['a']);
    expect(assignPseudonyms([])).toEqual({ pseudonyms: new Map(), order: [] });
  });
});

describe('assignPseudonyms properties', () => {
  const idsArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 40 });

  it('labels every id once, uniquely, and orders the ids by label', () => {
    fc.assert(
      fc.property(idsArb, fc.integer(), (someIds, seed) => {
        const { pseudonyms, order } = assignPseudonyms(someIds, seededBytes(seed));
        expect([...pseudonyms.keys()].sort()).toEqual([...someIds].sort());
        expect(new Set(pseudonyms.values()).size).toBe(someIds.length);
        for (const label of pseudonyms.values()) expect(label).toMatch(LABEL);
        expect([...order].sort()).toEqual([...someIds].sort());
        const labels = order.map((id) => pseudonyms.get(id)!);
        expect(labels).toEqual([...labels].sort());
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });

  it('stays unique when the random source collides often', () => {
    fc.assert(
      fc.property(idsArb, fc.integer(), (someIds, seed) => {
        // A source with only two byte values makes 16 labels in all: collisions on nearly every draw.
        const coarse = seededBytes(seed);
        const random = (size: number) => Buffer.from([...coarse(size)].map((byte) => byte & 1));
        const few = someIds.slice(0, 16);
        const { pseudonyms } = assignPseudonyms(few, random);
        expect(new Set(pseudonyms.values()).size).toBe(few.length);
      }),
      { seed: 20261205, numRuns: 200 },
    );
  });

  it('derives nothing from the ids: the same random bytes give the same labels, in turn, whatever the ids', () => {
    fc.assert(
      fc.property(idsArb, idsArb, fc.integer(), (first, second, seed) => {
        const n = Math.min(first.length, second.length);
        const labelsOf = (someIds: string[]) => {
          const { pseudonyms } = assignPseudonyms(someIds.slice(0, n), seededBytes(seed));
          return someIds.slice(0, n).map((id) => pseudonyms.get(id));
        };
        expect(labelsOf(first)).toEqual(labelsOf(second));
      }),
      { seed: 20261206, numRuns: 200 },
    );
  });

  it('with real randomness, relabels and reorders the same ids from one call to the next', () => {
    const runs = 500;
    let sameLabel = 0;
    let smallestFirst = 0;
    let idOrder = 0;
    let previous = assignPseudonyms(ids, randomBytes);
    for (let run = 0; run < runs; run++) {
      const current = assignPseudonyms(ids, randomBytes);
      expect(new Set(current.pseudonyms.values()).size).toBe(ids.length);
      for (const id of ids) if (current.pseudonyms.get(id) === previous.pseudonyms.get(id)) sameLabel++;
      if (current.order[0] === ids[0]) smallestFirst++;
      if (current.order.join() === ids.join()) idOrder++;
      previous = current;
    }
    // 10,000 comparisons of labels drawn from 810,000: about 0.01 matches expected by chance.
    expect(sameLabel).toBeLessThanOrEqual(2);
    // The smallest id should lead about one run in 20 (25 of 500).
    expect(smallestFirst).toBeGreaterThan(0);
    expect(smallestFirst).toBeLessThan(75);
    expect(idOrder).toBe(0);
  });
});
