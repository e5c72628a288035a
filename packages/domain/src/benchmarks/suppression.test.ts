import { suppressCohorts, type Cohort } from './suppression';
import { recoveries } from './__tests__/world';

/** `members('nw', 1, 12)` is nw1..nw12. */
const members = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
const cohort = (key: string, ids: readonly string[]): Cohort => ({ key, members: new Set(ids) });

describe('suppressCohorts', () => {
  it('hides cohorts under k and leaves empty ones out altogether', () => {
    const result = suppressCohorts(
      [cohort('kind:ARCHIVE', []), cohort('kind:MUSEUM', members('m', 1, 4)), cohort('kind:LIBRARY', members('l', 1, 5))],
      5,
    );
    expect(result.shown).toEqual(new Set(['kind:LIBRARY']));
    expect(result.suppressed).toEqual(new Map([['kind:MUSEUM', 'too-small']]));
  });

  it('hides a second cell when a region minus its other cells would give away a small one', () => {
    // Region NW of 12: museums 2 (too small), libraries 5, archives 5. Showing the region and both
    // other cells would give the two museums' figures by subtraction.
    const museums = members('m', 1, 2);
    const libraries = members('l', 1, 5);
    const archives = members('a', 1, 5);
    const cohorts = [
      cohort('region:NW', [...museums, ...libraries, ...archives]),
      cohort('region-kind:NW:MUSEUM', museums),
      cohort('region-kind:NW:LIBRARY', libraries),
      cohort('region-kind:NW:ARCHIVE', archives),
    ];
    const result = suppressCohorts(cohorts, 5);
    expect(result.suppressed).toEqual(
      new Map([
        ['region-kind:NW:MUSEUM', 'too-small'],
        // Archives and libraries are the same size; the first key goes.
        ['region-kind:NW:ARCHIVE', 'complementary'],
      ]),
    );
    expect(result.shown).toEqual(new Set(['region:NW', 'region-kind:NW:LIBRARY']));
    // What subtraction still gives is the region minus libraries: 7 institutions, at least k.
    expect(recoveries(cohorts, result.shown, 5)).toEqual([]);
  });

  it('hides the smaller cohort, not the container, when one cohort covers all but a few', () => {
    const region = members('nw', 1, 10);
    const result = suppressCohorts([cohort('region:NW', region), cohort('network:reading', region.slice(0, 8))], 5);
    expect(result.shown).toEqual(new Set(['region:NW']));
    expect(result.suppressed).toEqual(new Map([['network:reading', 'complementary']]));
  });

  it('checks disjoint cohorts together: two networks that leave two of a region over', () => {
    const region = members('nw', 1, 20);
    const result = suppressCohorts(
      [cohort('region:NW', region), cohort('network:a', region.slice(0, 9)), cohort('network:b', region.slice(9, 18))],
      5,
    );
    expect(result.suppressed).toEqual(new Map([['network:a', 'complementary']]));
    expect(result.shown).toEqual(new Set(['region:NW', 'network:b']));
  });

  it('lets overlapping cohorts be, since they cannot be subtracted together', () => {
    const region = members('nw', 1, 20);
    const result = suppressCohorts(
      [cohort('region:NW', region), cohort('network:a', region.slice(0, 10)), cohort('network:b', region.slice(8, 18))],
      5,
    );
    expect(result.shown).toEqual(new Set(['region:NW', 'network:a', 'network:b']));
    expect(result.suppressed.size).toBe(0);
  });

  it('allows a residual of exactly 0, and of exactly k', () => {
    const region = members('nw', 1, 15);
    const result = suppressCohorts(
      [cohort('region:NW', region), cohort('region-kind:NW:LIBRARY', region.slice(0, 5)), cohort('region-kind:NW:MUSEUM', region.slice(5, 10))],
      5,
    );
    expect(result.shown.size).toBe(3);
    const whole = suppressCohorts(
      [cohort('region:NW', region.slice(0, 10)), cohort('region-kind:NW:LIBRARY', region.slice(0, 5)), cohort('region-kind:NW:MUSEUM', region.slice(5, 10))],
      5,
    );
    expect(whole.shown.size).toBe(3);
  });

  it('treats cohorts with the same members as one: a twin of the container is fine, a hidden twin hides both', () => {
    const region = members('nw', 1, 12);
    const twin = suppressCohorts([cohort('region:NW', region), cohort('network:all-nw', region)], 5);
    expect(twin.shown).toEqual(new Set(['region:NW', 'network:all-nw']));

    // The library cell and a network have the same ten members; the region has two more.
    const hidden = suppressCohorts(
      [cohort('region:NW', region), cohort('region-kind:NW:LIBRARY', region.slice(0, 10)), cohort('network:libraries', region.slice(0, 10))],
      5,
    );
    expect(hidden.shown).toEqual(new Set(['region:NW']));
    expect(hidden.suppressed).toEqual(
      new Map([
        ['region-kind:NW:LIBRARY', 'complementary'],
        ['network:libraries', 'complementary'],
      ]),
    );
  });

  it('settles cohorts inside cohorts, from the smallest container up', () => {
    // A network inside the library cell leaves two libraries over; the cells of the region are fine.
    const libraries = members('l', 1, 10);
    const museums = members('m', 1, 6);
    const result = suppressCohorts(
      [
        cohort('region:NW', [...libraries, ...museums]),
        cohort('region-kind:NW:LIBRARY', libraries),
        cohort('region-kind:NW:MUSEUM', museums),
        cohort('network:n', libraries.slice(0, 8)),
      ],
      5,
    );
    expect(result.suppressed).toEqual(new Map([['network:n', 'complementary']]));
  });

  it('refuses a k below 3 and a cohort given twice', () => {
    expect(() => suppressCohorts([], 2)).toThrow(RangeError);
    expect(() => suppressCohorts([cohort('region:NW', ['a']), cohort('region:NW', ['b'])], 5)).toThrow(RangeError);
  });
});
