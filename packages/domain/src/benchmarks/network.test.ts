import fc from 'fast-check';
import { networkRows } from './network';
import type { Consent } from './population';
import { CONSENTS, kArb } from './__tests__/world';

const members = (consents: Record<string, Consent>) => Object.entries(consents).map(([id, consent]) => ({ id, consent }));
const repeat = (prefix: string, count: number, consent: Consent) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i + 1}`, consent }));

describe('networkRows', () => {
  it('shows named members by name and enough anonymous members under pseudonyms', () => {
    const rows = networkRows([...repeat('named', 2, 'NAMED'), ...repeat('anon', 5, 'ANONYMOUS')], 5);
    expect(rows).toEqual({
      named: ['named1', 'named2'],
      anonymous: ['anon1', 'anon2', 'anon3', 'anon4', 'anon5'],
      anonymousSuppressed: 0,
      aggregateShown: true,
    });
  });

  it('hides fewer than k anonymous members, and the aggregate with them', () => {
    // Aggregate minus the six named rows would be the two anonymous members' figures.
    const rows = networkRows([...repeat('named', 6, 'NAMED'), ...repeat('anon', 2, 'ANONYMOUS')], 5);
    expect(rows).toEqual({ named: rows.named, anonymous: [], anonymousSuppressed: 2, aggregateShown: false });
    expect(rows.named).toHaveLength(6);
  });

  it('shows the aggregate of an all-named network only with k members', () => {
    expect(networkRows(repeat('named', 4, 'NAMED'), 5).aggregateShown).toBe(false);
    expect(networkRows(repeat('named', 5, 'NAMED'), 5).aggregateShown).toBe(true);
  });

  it('leaves NONE members out of every row and every count', () => {
    const rows = networkRows(members({ a: 'NAMED', b: 'NONE', c: 'ANONYMOUS', d: 'NONE', e: 'NAMED' }), 3);
    expect(rows).toEqual({ named: ['a', 'e'], anonymous: [], anonymousSuppressed: 1, aggregateShown: false });
    expect(networkRows(repeat('none', 10, 'NONE'), 3)).toEqual({ named: [], anonymous: [], anonymousSuppressed: 0, aggregateShown: false });
  });

  it('refuses a k below 3', () => {
    expect(() => networkRows([], 2)).toThrow(RangeError);
  });
});

describe('networkRows properties', () => {
  const networkArb = fc.record({
    k: kArb,
    members: fc
      .array(fc.constantFrom(...CONSENTS), { maxLength: 25 })
      .map((consents) => consents.map((consent, i) => ({ id: `org${i}`, consent }))),
  });

  it('never names fewer than k anonymous members, hides the aggregate when it would give them away, and never shows NONE', () => {
    fc.assert(
      fc.property(networkArb, ({ k, members }) => {
        const rows = networkRows(members, k);
        const ids = (consent: Consent) => members.filter((m) => m.consent === consent).map((m) => m.id);
        const anonymous = ids('ANONYMOUS');

        if (anonymous.length < k) expect(rows.anonymous).toEqual([]);
        else expect(rows.anonymous).toEqual(anonymous);
        expect(rows.anonymousSuppressed).toBe(anonymous.length < k ? anonymous.length : 0);
        expect(rows.named).toEqual(ids('NAMED'));

        const counted = rows.named.length + anonymous.length;
        if (rows.anonymousSuppressed > 0 || counted < k) expect(rows.aggregateShown).toBe(false);
        else expect(rows.aggregateShown).toBe(true);

        const none = new Set(ids('NONE'));
        expect([...rows.named, ...rows.anonymous].some((id) => none.has(id))).toBe(false);
      }),
      { seed: 20261203, numRuns: 500 },
    );
  });
});
