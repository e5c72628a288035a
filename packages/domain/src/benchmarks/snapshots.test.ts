import fc from 'fast-check';
import { sameDayPublishable, type SnapshotBlock, type SnapshotEntries } from './snapshots';
import { kArb } from './__tests__/world';

const snapshot = (cohorts: Record<string, readonly string[]>): SnapshotEntries => ({
  cohorts: new Map(Object.entries(cohorts).map(([key, entries]) => [key, new Set(entries)])),
});
/** `entries('org', 1, 3)` is org1:a1 .. org3:a1: one submitted assessment each. */
const entries = (prefix: string, from: number, to: number, assessment = 'a1'): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}:${assessment}`);

describe('sameDayPublishable', () => {
  const morning = snapshot({ 'region:NW': entries('org', 1, 10) });

  it('publishes the first snapshot of the day and an unchanged one', () => {
    expect(sameDayPublishable([], morning, 5)).toEqual({ publishable: true, blocking: [] });
    expect(sameDayPublishable([morning], snapshot({ 'region:NW': entries('org', 1, 10) }), 5).publishable).toBe(true);
  });

  it('defers a snapshot that differs by one resubmission, which changes two entries', () => {
    const resubmitted = snapshot({ 'region:NW': [...entries('org', 1, 9), 'org10:a2'] });
    expect(sameDayPublishable([morning], resubmitted, 5)).toEqual({
      publishable: false,
      blocking: [{ cohort: 'region:NW', earlier: 0, difference: 2 }],
    });
  });

  it('publishes once k entries have changed', () => {
    const grown = snapshot({ 'region:NW': entries('org', 1, 15) });
    expect(sameDayPublishable([morning], grown, 5).publishable).toBe(true);
  });

  it('compares with every earlier snapshot of the day, not only the last', () => {
    const noon = snapshot({ 'region:NW': entries('org', 1, 15) });
    const evening = snapshot({ 'region:NW': entries('org', 1, 12) });
    expect(sameDayPublishable([morning, noon], evening, 5).blocking).toEqual([
      { cohort: 'region:NW', earlier: 0, difference: 2 },
      { cohort: 'region:NW', earlier: 1, difference: 3 },
    ]);
  });

  it('counts a cohort missing from one side as empty', () => {
    const withMuseums = snapshot({ 'region:NW': entries('org', 1, 10), 'kind:MUSEUM': entries('m', 1, 3) });
    expect(sameDayPublishable([morning], withMuseums, 5).blocking).toEqual([{ cohort: 'kind:MUSEUM', earlier: 0, difference: 3 }]);
    expect(sameDayPublishable([withMuseums], morning, 5).blocking).toEqual([{ cohort: 'kind:MUSEUM', earlier: 0, difference: 3 }]);
    const withMoreMuseums = snapshot({ 'region:NW': entries('org', 1, 10), 'kind:MUSEUM': entries('m', 1, 6) });
    expect(sameDayPublishable([morning], withMoreMuseums, 5).publishable).toBe(true);
  });

  it('refuses a k below 3', () => {
    expect(() => sameDayPublishable([], morning, 2)).toThrow(RangeError);
  });
});

describe('sameDayPublishable properties', () => {
  const COHORTS = ['region:NW', 'region:NE', 'kind:MUSEUM', 'network:0'];

  type Change = { op: 'add'; cohorts: string[] } | { op: 'remove'; target: number } | { op: 'resubmit'; target: number };
  interface Day {
    k: number;
    start: string[][];
    steps: { changes: Change[]; hidden: string[] }[];
  }

  /** One change between snapshots: a new submitter, a withdrawal, or a resubmission. */
  const changeArb: fc.Arbitrary<Change> = fc.oneof(
    fc.record({ op: fc.constant('add' as const), cohorts: fc.subarray(COHORTS, { minLength: 1 }) }),
    fc.record({ op: fc.constant('remove' as const), target: fc.nat() }),
    fc.record({ op: fc.constant('resubmit' as const), target: fc.nat() }),
  );

  /**
   * A day: the institutions submitted at its start (each in some cohorts), then snapshots each taken
   * after a few changes, and each showing all but perhaps one cohort (as if it were suppressed).
   */
  const dayArb: fc.Arbitrary<Day> = fc.record({
    k: kArb,
    start: fc.array(fc.subarray(COHORTS, { minLength: 1 }), { minLength: 5, maxLength: 30 }),
    steps: fc.array(
      fc.record({ changes: fc.array(changeArb, { maxLength: 8 }), hidden: fc.subarray(COHORTS, { maxLength: 1 }) }),
      { minLength: 2, maxLength: 10 },
    ),
  });

  function snapshotsOf({ start, steps }: Day): SnapshotEntries[] {
    const current = new Map(start.map((cohorts, i) => [`org${i}`, { cohorts, assessment: 1 }]));
    let next = start.length;
    return steps.map(({ changes, hidden }) => {
      for (const change of changes) {
        const ids = [...current.keys()];
        if (change.op === 'add') current.set(`org${next++}`, { cohorts: change.cohorts, assessment: 1 });
        else if (ids.length === 0) continue;
        else if (change.op === 'remove') current.delete(ids[change.target % ids.length]!);
        else current.get(ids[change.target % ids.length]!)!.assessment++;
      }
      const cohorts = new Map<string, Set<string>>();
      for (const cohort of COHORTS.filter((key) => !hidden.includes(key))) {
        const members = [...current].filter(([, org]) => org.cohorts.includes(cohort));
        cohorts.set(cohort, new Set(members.map(([id, org]) => `${id}:a${org.assessment}`)));
      }
      return { cohorts };
    });
  }

  const difference = (x: ReadonlySet<string> = new Set(), y: ReadonlySet<string> = new Set()): number =>
    [...x].filter((e) => !y.has(e)).length + [...y].filter((e) => !x.has(e)).length;
  const tooClose = (x: SnapshotEntries, y: SnapshotEntries, k: number): boolean =>
    COHORTS.some((cohort) => {
      const d = difference(x.cohorts.get(cohort), y.cohorts.get(cohort));
      return d > 0 && d < k;
    });

  it('publishes only snapshots that differ from every other published one by 0 or at least k entries per cohort', () => {
    let deferred = 0;
    let laterPublished = 0;
    fc.assert(
      fc.property(dayArb, (day) => {
        const published: SnapshotEntries[] = [];
        for (const candidate of snapshotsOf(day)) {
          const { publishable, blocking } = sameDayPublishable(published, candidate, day.k);
          // Deferred exactly when some published snapshot is too close, for the reasons given.
          const expected = published.flatMap((earlier, index) =>
            COHORTS.flatMap((cohort) => {
              const d = difference(earlier.cohorts.get(cohort), candidate.cohorts.get(cohort));
              return d > 0 && d < day.k ? [{ cohort, earlier: index, difference: d }] : [];
            }),
          );
          const byPair = (x: SnapshotBlock, y: SnapshotBlock) => x.earlier - y.earlier || x.cohort.localeCompare(y.cohort);
          expect({ publishable, blocking: [...blocking].sort(byPair) }).toEqual({ publishable: expected.length === 0, blocking: expected.sort(byPair) });
          if (publishable) published.push(candidate);
          else deferred++;
        }
        laterPublished += published.length - 1;
        const closePairs = published.flatMap((x, i) => published.slice(i + 1).flatMap((y, j) => (tooClose(x, y, day.k) ? [[i, i + 1 + j]] : [])));
        expect(closePairs).toEqual([]);
      }),
      { seed: 20261202, numRuns: 300 },
    );
    // Both outcomes must be common for this to mean anything.
    expect(deferred).toBeGreaterThan(100);
    expect(laterPublished).toBeGreaterThan(100);
  });
});
