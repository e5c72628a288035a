import fc from 'fast-check';
import { CARRIED_FORWARD, ITEM_STATUSES, STATUS_TRANSITIONS, canChangeStatus, median } from './status';
import type { ItemStatus } from './types';

const allowed: [ItemStatus, ItemStatus][] = [
  ['OPEN', 'IN_PROGRESS'],
  ['OPEN', 'DONE'],
  ['OPEN', 'DEFERRED'],
  ['OPEN', 'DROPPED'],
  ['IN_PROGRESS', 'OPEN'],
  ['IN_PROGRESS', 'DONE'],
  ['IN_PROGRESS', 'DEFERRED'],
  ['IN_PROGRESS', 'DROPPED'],
  ['DEFERRED', 'OPEN'],
  ['DEFERRED', 'IN_PROGRESS'],
  ['DEFERRED', 'DROPPED'],
  ['DONE', 'IN_PROGRESS'],
  ['DROPPED', 'OPEN'],
];

describe('item status machine', () => {
  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(canChangeStatus(from, to)).toBe(true);
  });

  it.each<[ItemStatus, ItemStatus]>([
    ['DONE', 'DROPPED'],
    ['DONE', 'OPEN'],
    ['DONE', 'DEFERRED'],
    ['DROPPED', 'DONE'],
    ['DROPPED', 'IN_PROGRESS'],
    ['DROPPED', 'DEFERRED'],
    ['DEFERRED', 'DONE'],
  ])('refuses %s -> %s', (from, to) => {
    expect(canChangeStatus(from, to)).toBe(false);
  });

  it('allows exactly the listed transitions, never staying put', () => {
    const listed = new Set(allowed.map(([from, to]) => `${from}>${to}`));
    for (const from of ITEM_STATUSES) {
      for (const to of ITEM_STATUSES) expect(canChangeStatus(from, to)).toBe(listed.has(`${from}>${to}`));
    }
    const table = Object.entries(STATUS_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`));
    expect(new Set(table)).toEqual(listed);
    expect(ITEM_STATUSES.filter((status) => canChangeStatus(status, status))).toEqual([]);
  });

  it('refuses unknown statuses and cannot be changed at run time', () => {
    expect(canChangeStatus('NOPE' as ItemStatus, 'OPEN')).toBe(false);
    expect(canChangeStatus('OPEN', 'NOPE' as ItemStatus)).toBe(false);
    expect(canChangeStatus('toString' as ItemStatus, 'OPEN')).toBe(false);
    expect(Object.isFrozen(STATUS_TRANSITIONS) && Object.isFrozen(STATUS_TRANSITIONS.OPEN)).toBe(true);
  });

  it('carries open, in-progress and deferred items forward', () => {
    expect([...CARRIED_FORWARD].sort()).toEqual(['DEFERRED', 'IN_PROGRESS', 'OPEN']);
  });
});

describe('median', () => {
  it('handles the small cases', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 4])).toBe(4);
    expect(median([10, 2, 4, 8])).toBe(6);
    expect(median([1, 2])).toBe(1.5);
    expect(median([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Number.MAX_VALUE);
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
  });

  it('does not depend on order, does not mutate, and splits the values in half', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1 }), (values) => {
        const copy = [...values];
        const m = median(values) as number;
        expect(values).toEqual(copy);
        expect(median([...values].reverse())).toBe(m);
        expect(values.filter((v) => v < m).length).toBeLessThanOrEqual(values.length / 2);
        expect(values.filter((v) => v > m).length).toBeLessThanOrEqual(values.length / 2);
      }),
    );
  });
});
