import { minimumCohort } from './population';

/** A named set of institutions benchmarks are shown for, such as `region:NW` or `network:<uuid>`. */
export interface Cohort {
  key: string;
  /** Institution ids. */
  members: ReadonlySet<string>;
}

export type SuppressionReason = 'too-small' | 'complementary';

export interface Suppression {
  /** Keys of the cohorts whose figures may be shown. */
  shown: Set<string>;
  /** Every other non-empty cohort, with why it is hidden. Empty cohorts are in neither. */
  suppressed: Map<string, SuppressionReason>;
}

/**
 * Decides which cohorts' figures may be shown.
 *
 * Primary suppression hides every cohort with fewer than k members. Complementary suppression then
 * stops figures being recovered by subtraction: counts and sums are additive, so from a shown
 * cohort A and shown cohorts inside it that do not overlap, an attacker can compute the figures of
 * whatever of A those cohorts leave over. That residual must be empty or have at least k members.
 * Only maximal families of disjoint cohorts need checking: a smaller family leaves over at least
 * one more shown cohort, which has k members by itself.
 *
 * The rule when a residual is 1..k-1: hide the smallest cohort of the family (fewest members, then
 * first key). Never A, which is strictly larger than every cohort in the family and is usually the
 * broader figure people come for (a region rather than one of its cells). Hiding any member of the
 * family removes that family, and hiding a cohort never creates a new violation (a family that
 * becomes maximal because a cohort was hidden leaves over at least that cohort, >= k members), so
 * each step fixes something for good and the loop ends after at most one step per cohort.
 * Containers are checked from the smallest up, so the cells inside a cohort are settled before the
 * cohort itself is checked, and a fix made low down also removes the families it was part of
 * higher up.
 *
 * Not covered, as the rule stands: combinations that add back an overlap (A - B - C + B∩C, with
 * B∩C shown as a cohort of its own), and differences between cohorts neither of which contains
 * the other. They need overlapping cohorts whose overlaps are shown too, which the standard
 * cohorts (region, kind, size, region x kind) do not produce; networks can.
 *
 * Cohorts with identical members have identical figures, so they are treated as one: a twin of A
 * leaves a residual of 0, and hiding one twin hides them all (otherwise the other would still
 * show the figures).
 *
 * Cost. Membership is held as bitsets, so relating every pair of c cohorts over n institutions
 * costs c^2 * n / 32 word operations. For each A, only the shown cohorts inside A matter, and
 * they are split into groups that overlap among themselves (connected components): a maximal
 * family is one maximal family per group, and only the number of members it covers matters, so
 * the groups are combined by the distinct totals they can cover (at most |A| + 1 of them) rather
 * than by multiplying their families out. A partition, such as the region-kind cells of a region,
 * is a group per cell with one choice each and costs nothing. The exponential part is the
 * enumeration of maximal families inside one group of m mutually overlapping cohorts, at most
 * 3^(m/3) of them (Moon and Moser); in practice the groups are a few overlapping networks. As a
 * guard, a container with more than MAX_FAMILIES maximal families is hidden itself rather than
 * searched to the end, so no input can make this run for long.
 */
export function suppressCohorts(cohorts: readonly Cohort[], k: number): Suppression {
  const min = minimumCohort(k);
  const keys = new Set<string>();
  for (const cohort of cohorts) {
    if (keys.has(cohort.key)) throw new RangeError(`Cohort ${cohort.key} is given more than once`);
    keys.add(cohort.key);
  }

  const suppressed = new Map<string, SuppressionReason>();
  const large: Cohort[] = [];
  for (const cohort of cohorts) {
    if (cohort.members.size === 0) continue;
    if (cohort.members.size < min) suppressed.set(cohort.key, 'too-small');
    else large.push(cohort);
  }

  const sets = distinctMemberSets(large);
  const isShown = sets.map(() => true);
  // `sets` is in order of size then first key, so that order is both the checking order and the
  // tie-break: the smallest cohort of a family is the one with the lowest index.
  for (let a = 0; a < sets.length; a++) {
    while (isShown[a]) {
      const found = violatingFamily(sets, isShown, a, min);
      if (found === 'clear') break;
      // Too many families to check: hiding the container is safe (nothing is subtracted from a
      // figure nobody sees) and, like any hiding, creates no new violation elsewhere.
      // An empty family would mean A itself is under k; cannot happen after primary suppression,
      // but hiding A then is still the right answer and keeps the loop from spinning.
      if (found === 'too-many' || found.length === 0) isShown[a] = false;
      else isShown[Math.min(...found)] = false;
    }
  }

  const shown = new Set<string>();
  const setOf = new Map(sets.flatMap((set, index) => set.keys.map((key) => [key, index] as const)));
  for (const cohort of large) {
    if (isShown[setOf.get(cohort.key)!]) shown.add(cohort.key);
    else suppressed.set(cohort.key, 'complementary');
  }
  return { shown, suppressed };
}

/**
 * Maximal families checked per container before giving up on it (about 50 ms of searching). Real
 * cohorts come nowhere near; it takes dozens of cohorts overlapping in a contrived pattern inside
 * one container, such as ten triangles of networks joined by a hub, to reach it.
 */
export const MAX_FAMILIES = 50_000;

/** One distinct set of members, shared by every cohort in `keys`. */
interface MemberSet {
  keys: string[];
  size: number;
  /** Indexes (into the sorted list) of the sets that are proper subsets of this one, ascending. */
  within: number[];
  /** For every set, whether it shares a member with this one. */
  overlaps: boolean[];
}

function distinctMemberSets(cohorts: readonly Cohort[]): MemberSet[] {
  const index = new Map<string, number>();
  for (const cohort of cohorts) for (const id of cohort.members) if (!index.has(id)) index.set(id, index.size);
  const words = Math.ceil(index.size / 32);

  const bySignature = new Map<string, { keys: string[]; size: number; bits: Uint32Array }>();
  for (const cohort of cohorts) {
    const bits = new Uint32Array(words);
    for (const id of cohort.members) {
      const i = index.get(id)!;
      bits[i >>> 5]! |= 1 << (i & 31);
    }
    const signature = Buffer.from(bits.buffer, bits.byteOffset, bits.byteLength).toString('base64');
    const existing = bySignature.get(signature);
    if (existing) existing.keys.push(cohort.key);
    else bySignature.set(signature, { keys: [cohort.key], size: cohort.members.size, bits });
  }

  const groups = [...bySignature.values()];
  for (const group of groups) group.keys.sort();
  groups.sort((x, y) => x.size - y.size || (x.keys[0]! < y.keys[0]! ? -1 : 1));

  return groups.map((outer, o) => ({
    keys: outer.keys,
    size: outer.size,
    // Distinct sets of equal size cannot contain one another, so only smaller (earlier) ones can.
    within: groups.flatMap((inner, i) => (inner.size < outer.size && isSubset(inner.bits, outer.bits) ? [i] : [])),
    overlaps: groups.map((other, i) => i === o || intersects(other.bits, outer.bits)),
  }));
}

function isSubset(inner: Uint32Array, outer: Uint32Array): boolean {
  for (let w = 0; w < inner.length; w++) if ((inner[w]! & ~outer[w]!) !== 0) return false;
  return true;
}

function intersects(x: Uint32Array, y: Uint32Array): boolean {
  for (let w = 0; w < x.length; w++) if ((x[w]! & y[w]!) !== 0) return true;
  return false;
}

/**
 * A maximal family of disjoint shown sets inside set `a` whose residual is 1..min-1, 'clear' when
 * there is none, or 'too-many' when there are more families than MAX_FAMILIES to look through.
 */
function violatingFamily(
  sets: readonly MemberSet[],
  isShown: readonly boolean[],
  a: number,
  min: number,
): number[] | 'clear' | 'too-many' {
  const outer = sets[a]!;
  const inside = outer.within.filter((i) => isShown[i]);
  const disjoint = (x: number, y: number) => !sets[x]!.overlaps[y];

  // Members covered -> one family covering that many, as one family per group.
  let covered = new Map<number, number[][]>([[0, []]]);
  let budget = MAX_FAMILIES;
  for (const group of overlappingGroups(inside, sets)) {
    const choices = new Map<number, number[]>();
    const finished = forEachMaximalFamily(group, disjoint, (family) => {
      const total = family.reduce((sum, i) => sum + sets[i]!.size, 0);
      if (!choices.has(total)) choices.set(total, family);
      return --budget > 0;
    });
    if (!finished) return 'too-many';
    const next = new Map<number, number[][]>();
    for (const [before, families] of covered) {
      for (const [total, family] of choices) {
        if (!next.has(before + total)) next.set(before + total, [...families, family]);
      }
    }
    covered = next;
  }

  for (let residual = 1; residual < min; residual++) {
    const families = covered.get(outer.size - residual);
    if (families) return families.flat();
  }
  return 'clear';
}

/** Splits sets into connected groups of the "shares a member" relation. */
function overlappingGroups(indexes: readonly number[], sets: readonly MemberSet[]): number[][] {
  const groups: number[][] = [];
  const placed = new Set<number>();
  for (const start of indexes) {
    if (placed.has(start)) continue;
    const group = [start];
    placed.add(start);
    for (let next = 0; next < group.length; next++) {
      for (const other of indexes) {
        if (!placed.has(other) && sets[group[next]!]!.overlaps[other]) {
          placed.add(other);
          group.push(other);
        }
      }
    }
    groups.push(group.sort((x, y) => x - y));
  }
  return groups;
}

/**
 * Every maximal family of pairwise-disjoint sets among `nodes`: the maximal cliques of the
 * "disjoint" relation, by Bron-Kerbosch with a pivot (a family that leaves out the pivot and every
 * set disjoint from it could add the pivot, so only those need branching on). Stops, returning
 * false, as soon as `visit` returns false.
 */
function forEachMaximalFamily(
  nodes: readonly number[],
  disjoint: (x: number, y: number) => boolean,
  visit: (family: number[]) => boolean,
): boolean {
  let going = true;
  const extend = (family: number[], candidates: number[], excluded: number[]): void => {
    if (candidates.length === 0) {
      if (excluded.length === 0) going = visit(family);
      return;
    }
    let pivot = candidates[0]!;
    let best = -1;
    for (const u of [...candidates, ...excluded]) {
      const reach = candidates.filter((v) => disjoint(u, v)).length;
      if (reach > best) [pivot, best] = [u, reach];
    }
    for (const v of candidates.filter((c) => !disjoint(pivot, c))) {
      if (!going) return;
      extend(
        [...family, v],
        candidates.filter((c) => disjoint(v, c)),
        excluded.filter((x) => disjoint(v, x)),
      );
      candidates = candidates.filter((c) => c !== v);
      excluded = [...excluded, v];
    }
  };
  extend([], [...nodes], []);
  return going;
}
