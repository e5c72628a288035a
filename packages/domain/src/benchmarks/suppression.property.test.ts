import fc from 'fast-check';
import { networkRows } from './network';
import { benchmarkPopulation } from './population';
import { suppressCohorts } from './suppression';
import { cohortsOf, institutionArb, networkMembers, place, recoveries, worldArb, type Institution, type World } from './__tests__/world';

const RUNS = { seed: 20261201, numRuns: 300 };

const suppressWorld = ({ institutions, networkCount, k }: World) => {
  const cohorts = cohortsOf(benchmarkPopulation(institutions), networkCount);
  return { cohorts, result: suppressCohorts(cohorts, k) };
};

describe('suppressCohorts properties', () => {
  it('shows no figure for fewer than k, and accounts for every non-empty cohort exactly once', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const { cohorts, result } = suppressWorld(world);
        const outcomes = cohorts.map((cohort) => {
          const size = cohort.members.size;
          const shown = result.shown.has(cohort.key);
          const reason = result.suppressed.get(cohort.key);
          const expected =
            size === 0 ? !shown && reason === undefined
            : shown ? reason === undefined && size >= world.k
            : reason === 'too-small' ? size < world.k
            : reason === 'complementary' && size >= world.k;
          return { key: cohort.key, size, shown, reason, expected };
        });
        expect(outcomes.filter((outcome) => !outcome.expected)).toEqual([]);
        expect(result.shown.size + result.suppressed.size).toBe(cohorts.filter((c) => c.members.size > 0).length);
      }),
      RUNS,
    );
  });

  it('leaves nothing an attacker can recover by subtracting disjoint shown cohorts from a shown one', () => {
    let complementary = 0;
    fc.assert(
      fc.property(worldArb, (world) => {
        const { cohorts, result } = suppressWorld(world);
        complementary += [...result.suppressed.values()].filter((reason) => reason === 'complementary').length;
        expect(recoveries(cohorts, result.shown, world.k)).toEqual([]);
      }),
      RUNS,
    );
    // The populations must actually call for complementary suppression for this to mean anything.
    expect(complementary).toBeGreaterThan(100);
  });

  it('hides nothing beyond the small cohorts when subtraction would reveal nothing anyway', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const { cohorts, result } = suppressWorld(world);
        const bigEnough = new Set(cohorts.filter((c) => c.members.size >= world.k).map((c) => c.key));
        if (recoveries(cohorts, bigEnough, world.k).length === 0) expect(result.shown).toEqual(bigEnough);
      }),
      RUNS,
    );
  });

  it('does not depend on the order cohorts are given in', () => {
    fc.assert(
      fc.property(
        worldArb.chain((world) => fc.tuple(fc.constant(world), fc.shuffledSubarray(cohortsOf(benchmarkPopulation(world.institutions), world.networkCount), { minLength: 0 }))),
        ([world, shuffled]) => {
          const inOrder = shuffled.map((c) => c.key).sort();
          const byKey = new Map(shuffled.map((c) => [c.key, c]));
          expect(suppressCohorts(shuffled, world.k)).toEqual(suppressCohorts(inOrder.map((key) => byKey.get(key)!), world.k));
        },
      ),
      RUNS,
    );
  });
});

describe('consent NONE changes nothing', () => {
  /** A world, and the same world with NONE institutions added anywhere (in networks too). */
  const withExtraNone = worldArb.chain((world) =>
    fc.tuple(
      fc.constant(world),
      fc.array(fc.tuple(institutionArb(fc.constant('NONE')), fc.nat()), { maxLength: 15 }).map((extras) => {
        const institutions = [...world.institutions];
        const placed = place(extras.map(([draft]) => draft), world.networks, 'none');
        extras.forEach(([, at], i) => institutions.splice(at % (institutions.length + 1), 0, placed[i]!));
        return { ...world, institutions };
      }),
    ),
  );

  const outputs = ({ institutions, networkCount, k }: World) => ({
    suppression: suppressCohorts(cohortsOf(benchmarkPopulation(institutions), networkCount), k),
    networks: Array.from({ length: networkCount }, (_, n) => networkRows(networkMembers(institutions, n), k)),
  });

  it('adding or removing NONE institutions leaves cohort suppression and network rows exactly as they were', () => {
    fc.assert(
      fc.property(withExtraNone, ([world, more]) => {
        const without: World = { ...world, institutions: world.institutions.filter((i: Institution) => i.consent !== 'NONE') };
        const expected = outputs(without);
        expect(outputs(world)).toEqual(expected);
        expect(outputs(more)).toEqual(expected);
      }),
      RUNS,
    );
  });
});
