import { mulberry32 } from '@waymark/domain';
import { KEY_MODULUS } from '../keys';
import { ANSWERS } from '../cells';
import type { CohortSpec, Contribution, PartAnswer, SnapshotCandidate, Viewer } from '../types';

/** Small, fast, seedable generator (mulberry32), so a world is reproducible from one integer. */
export function random(seed: number) {
  const next = mulberry32(seed);
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const key = () => ((BigInt(int(0, 2 ** 31 - 1)) << 31n) + BigInt(int(0, 2 ** 31 - 1))) % KEY_MODULUS;
  return { next, int, pick, chance, key };
}
type Random = ReturnType<typeof random>;

export const VALUE_KEYS = ['overall|practice', 'overall|evidence'];
export const PART_KEYS = ['p1', 'p2'];

export interface Institution {
  id: string;
  region: string;
  kind: string;
  size: string;
  consent: 'NAMED' | 'ANONYMOUS' | 'NONE';
  /** The current submission, or null when it has none (never submitted, or reopened). */
  /** Submissions made so far, so that every submission gets a new entry id. */
  submitted: number;
  submission: { version: number; recordKey: bigint; values: Record<string, number | null>; parts: Record<string, PartAnswer> } | null;
}

export interface Network { id: string; bodyId: string; members: Set<string> }

export interface World {
  institutions: Institution[];
  networks: Network[];
  bodies: string[];
}

/**
 * Scores crowd on a few values and on 0 and 100, answers are often unanimous, and cohorts hover
 * around the threshold, so that differences, bounds and determined answers have something to find.
 */
function submission(r: Random, version: number, shared: readonly number[]): NonNullable<Institution['submission']> {
  const score = () => (r.chance(0.15) ? r.pick([0, 100]) : r.chance(0.4) ? r.pick(shared) : r.chance(0.2) ? r.int(0, 200) / 2 : r.int(0, 100));
  const unanimous = r.pick(ANSWERS);
  const answer = () => (r.chance(0.6) ? unanimous : r.pick(ANSWERS));
  return {
    version,
    recordKey: r.key(),
    values: { 'overall|practice': score(), 'overall|evidence': r.chance(0.25) ? null : score() },
    parts: Object.fromEntries(PART_KEYS.flatMap((p) => (r.chance(0.15) ? [] : [[p, answer()]]))),
  };
}

export function firstWorld(r: Random, largest: number): World & { shared: number[] } {
  const regions = ['N', 'S', 'E'].slice(0, r.int(1, 3));
  const kinds = ['MUSEUM', 'LIBRARY', 'ARCHIVE'].slice(0, r.int(1, 3));
  const sizes = ['SMALL', 'LARGE'].slice(0, r.int(1, 2));
  const shared = [r.int(0, 100), r.int(0, 100), r.int(0, 100)];
  const institutions: Institution[] = Array.from({ length: r.int(4, largest) }, (_, i) => ({
    id: `org${i}`,
    region: r.pick(regions),
    kind: r.pick(kinds),
    size: r.pick(sizes),
    consent: r.chance(0.3) ? 'NAMED' : r.chance(0.8) ? 'ANONYMOUS' : 'NONE',
    submitted: 1,
    submission: r.chance(0.85) ? submission(r, 1, shared) : null,
  }));
  const bodies = Array.from({ length: r.int(1, 2) }, (_, i) => `body${i}`);
  const networks = bodies.map((bodyId, i) => {
    const density = r.next();
    const region = r.chance(0.5) ? r.pick(regions) : undefined;
    return { id: `net${i}`, bodyId, members: new Set(institutions.filter((x) => (region === undefined || x.region === region) && r.next() < density).map((x) => x.id)) };
  });
  return { institutions, networks, bodies, shared };
}

/** Joiners, leavers, consent changes, reopenings and resubmissions, network joins and leaves. */
export function nextWorld(r: Random, world: World & { shared: number[] }): World & { shared: number[] } {
  const institutions = world.institutions.map((x) => {
    const next = { ...x };
    if (r.chance(0.12)) next.submission = submission(r, ++next.submitted, world.shared);
    else if (r.chance(0.08)) next.submission = null;
    if (r.chance(0.1)) next.consent = r.pick(['NAMED', 'ANONYMOUS', 'NONE'] as const);
    return next;
  });
  if (r.chance(0.4)) {
    institutions.push({ id: `org${institutions.length}`, region: r.pick(institutions.map((x) => x.region)), kind: r.pick(institutions.map((x) => x.kind)), size: r.pick(institutions.map((x) => x.size)), consent: r.chance(0.5) ? 'ANONYMOUS' : 'NAMED', submitted: 1, submission: submission(r, 1, world.shared) });
  }
  const networks = world.networks.map((n) => {
    const members = new Set(n.members);
    for (const x of institutions) {
      if (r.chance(0.08)) {
        if (members.has(x.id)) members.delete(x.id);
        else members.add(x.id);
      }
    }
    return { ...n, members };
  });
  return { ...world, institutions, networks };
}

export function contributionsOf(world: World): Contribution[] {
  return world.institutions.flatMap((x) =>
    x.submission && x.consent !== 'NONE'
      ? [{ entry: `${x.id}:${x.submission.version}`, institutionId: x.id, consent: x.consent, recordKey: x.submission.recordKey, values: x.submission.values, parts: x.submission.parts }]
      : [],
  );
}

/** The cohorts a snapshot offers: region, kind, size, region x kind for everyone; each network and its other members for its body. */
export function cohortsOf(world: World): CohortSpec[] {
  const all = world.institutions;
  const by = (prefix: string, key: (x: Institution) => string): CohortSpec[] =>
    [...new Set(all.map(key))].map((value) => ({ key: `${prefix}:${value}`, members: all.filter((x) => key(x) === value).map((x) => x.id), audience: 'ALL' }));
  return [
    ...by('region', (x) => x.region),
    ...by('kind', (x) => x.kind),
    ...by('size', (x) => x.size),
    ...by('region-kind', (x) => `${x.region}:${x.kind}`),
    ...world.networks.flatMap((n): CohortSpec[] => [
      { key: `network:${n.id}`, members: [...n.members], audience: [n.bodyId] },
      { key: `network:${n.id}:others`, members: all.filter((x) => n.members.has(x.id) && x.consent === 'ANONYMOUS').map((x) => x.id), audience: [n.bodyId] },
    ]),
  ];
}

export function viewersOf(world: World): Viewer[] {
  return [...world.bodies.map((id) => ({ id, institutionId: null })), ...world.institutions.map((x) => ({ id: x.id, institutionId: x.id }))];
}

export function candidateOf(world: World, snapshot: number): SnapshotCandidate {
  return {
    snapshotId: `s${snapshot}`,
    asOf: new Date(Date.UTC(2026, 0, 1 + snapshot)).toISOString(),
    contributions: contributionsOf(world),
    cohorts: cohortsOf(world),
    valueKeys: VALUE_KEYS,
    partKeys: PART_KEYS,
    viewers: viewersOf(world),
  };
}
