import fc from 'fast-check';
import type { Consent } from '../population';
import type { Cohort } from '../suppression';

export const REGIONS = ['NW', 'NE', 'SW'] as const;
export const KINDS = ['LIBRARY', 'MUSEUM', 'ARCHIVE', 'COMBINED'] as const;
export const SIZES = ['SMALL', 'MEDIUM', 'LARGE'] as const;
export const CONSENTS: readonly Consent[] = ['NONE', 'ANONYMOUS', 'NAMED'];

export interface Institution {
  id: string;
  region: string;
  kind: string;
  size: string;
  consent: Consent;
  /** Indexes of the networks it belongs to. */
  networks: number[];
}

export interface World {
  institutions: Institution[];
  networkCount: number;
  networks: NetworkDraft[];
  k: number;
}

export const kArb = fc.integer({ min: 3, max: 7 });

/**
 * An institution without its id. `rolls` decide its networks: it joins network n when the network
 * is open to it and its roll is under the network's density.
 */
export const institutionArb = (consent: fc.Arbitrary<Consent> = fc.constantFrom(...CONSENTS)): fc.Arbitrary<Draft> =>
  fc.record({
    region: fc.constantFrom(...REGIONS),
    kind: fc.constantFrom(...KINDS),
    size: fc.constantFrom(...SIZES),
    consent,
    rolls: fc.array(fc.nat({ max: 99 }), { minLength: 3, maxLength: 3 }),
  });
export type Draft = Omit<Institution, 'id' | 'networks'> & { rolls: number[] };

export interface NetworkDraft {
  /** A regional network (a regional body's) nests inside its region's cohorts; others are open to all. */
  region: string | undefined;
  /** Percentage of those it is open to that join. */
  density: number;
}

const networkArb: fc.Arbitrary<NetworkDraft> = fc.record({
  region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
  density: fc.integer({ min: 20, max: 100 }),
});

/** Turns drafts into institutions of a world with these networks. */
export function place(drafts: readonly Draft[], networks: readonly NetworkDraft[], idPrefix = 'org'): Institution[] {
  return drafts.map(({ rolls, ...rest }, i) => ({
    ...rest,
    id: `${idPrefix}-${String(i).padStart(3, '0')}`,
    networks: networks.flatMap((network, n) =>
      (network.region === undefined || network.region === rest.region) && rolls[n]! < network.density ? [n] : [],
    ),
  }));
}

/**
 * Populations over three regions, four kinds, three size bands and 0-3 networks, with consents
 * NONE/ANONYMOUS/NAMED. Each world crowds its institutions into some of the regions and kinds, so
 * cells hover around k and subtraction has something to find.
 */
export const worldArb: fc.Arbitrary<World> = fc
  .record({
    k: kArb,
    networks: fc.array(networkArb, { maxLength: 3 }),
    regions: fc.subarray([...REGIONS], { minLength: 1 }),
    kinds: fc.subarray([...KINDS], { minLength: 1 }),
  })
  .chain(({ k, networks, regions, kinds }) =>
    fc
      .array(
        fc.record({
          draft: institutionArb(),
          region: fc.constantFrom(...regions),
          kind: fc.constantFrom(...kinds),
        }),
        { maxLength: 60, size: 'max' },
      )
      .map((rows) => ({
        k,
        networkCount: networks.length,
        networks,
        institutions: place(rows.map(({ draft, region, kind }) => ({ ...draft, region, kind })), networks),
      })),
  );

const cohort = (key: string, members: readonly Institution[]): Cohort => ({ key, members: new Set(members.map((i) => i.id)) });

/**
 * Every benchmark cohort of a population, including empty ones: by region, kind, size band,
 * region x kind and network.
 */
export function cohortsOf(institutions: readonly Institution[], networkCount: number): Cohort[] {
  const cohorts: Cohort[] = [];
  for (const region of REGIONS) cohorts.push(cohort(`region:${region}`, institutions.filter((i) => i.region === region)));
  for (const kind of KINDS) cohorts.push(cohort(`kind:${kind}`, institutions.filter((i) => i.kind === kind)));
  for (const size of SIZES) cohorts.push(cohort(`size:${size}`, institutions.filter((i) => i.size === size)));
  for (const region of REGIONS) {
    for (const kind of KINDS) {
      cohorts.push(cohort(`region-kind:${region}:${kind}`, institutions.filter((i) => i.region === region && i.kind === kind)));
    }
  }
  for (let n = 0; n < networkCount; n++) cohorts.push(cohort(`network:${n}`, networkMembers(institutions, n)));
  return cohorts;
}

export const networkMembers = (institutions: readonly Institution[], n: number): Institution[] =>
  institutions.filter((i) => i.networks.includes(n));

export interface Recovery {
  container: string;
  family: string[];
  residual: number;
}

/**
 * The attacker, written without the implementation's search: for every shown cohort A, every
 * family (maximal or not) of pairwise-disjoint shown cohorts strictly inside A, and the number of
 * A's members the family leaves over, which subtraction would reveal. Returns every family that
 * leaves over 1..k-1.
 */
export function recoveries(cohorts: readonly Cohort[], shown: ReadonlySet<string>, k: number): Recovery[] {
  const visible = cohorts.filter((c) => shown.has(c.key));
  const found: Recovery[] = [];
  for (const container of visible) {
    const inside = visible.filter(
      (c) => c.members.size < container.members.size && [...c.members].every((id) => container.members.has(id)),
    );
    const walk = (next: number, union: ReadonlySet<string>, family: string[]): void => {
      if (next === inside.length) {
        const residual = container.members.size - union.size;
        if (residual > 0 && residual < k) found.push({ container: container.key, family, residual });
        return;
      }
      walk(next + 1, union, family);
      const candidate = inside[next]!;
      if ([...candidate.members].every((id) => !union.has(id))) {
        walk(next + 1, new Set([...union, ...candidate.members]), [...family, candidate.key]);
      }
    };
    walk(0, new Set(), []);
  }
  return found;
}
