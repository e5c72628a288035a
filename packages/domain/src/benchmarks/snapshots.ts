import { minimumCohort } from './population';

/**
 * One benchmark snapshot, as what went into each cohort's figures: cohort key -> entries, an entry
 * being one institution's contribution (for example "orgId:assessmentId:submittedAt", so that a
 * resubmission is a change). List only the cohorts the snapshot shows.
 */
export interface SnapshotEntries {
  cohorts: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface SnapshotBlock {
  cohort: string;
  /** Index into `earlierToday` of the snapshot the candidate is too close to. */
  earlier: number;
  /** Entries in one of the two and not the other. */
  difference: number;
}

/**
 * Whether a snapshot may be published beside the ones already published today (UTC). Two
 * snapshots of one cohort that differ by a few entries would give those institutions' figures
 * away by subtraction, so for every cohort and every earlier snapshot the symmetric difference must
 * be 0 or at least k. A cohort missing from one side counts as empty there: appearing or
 * disappearing is a change of all its entries. The blocking pairs let the caller log why it
 * deferred.
 */
export function sameDayPublishable(
  earlierToday: readonly SnapshotEntries[],
  candidate: SnapshotEntries,
  k: number,
): { publishable: boolean; blocking: SnapshotBlock[] } {
  const min = minimumCohort(k);
  const blocking: SnapshotBlock[] = [];
  earlierToday.forEach((earlier, index) => {
    const cohorts = [...new Set([...earlier.cohorts.keys(), ...candidate.cohorts.keys()])].sort();
    for (const cohort of cohorts) {
      const difference = symmetricDifference(earlier.cohorts.get(cohort), candidate.cohorts.get(cohort));
      if (difference > 0 && difference < min) blocking.push({ cohort, earlier: index, difference });
    }
  });
  return { publishable: blocking.length === 0, blocking };
}

function symmetricDifference(x: ReadonlySet<string> | undefined, y: ReadonlySet<string> | undefined): number {
  if (!x) return y?.size ?? 0;
  if (!y) return x.size;
  let shared = 0;
  for (const entry of x) if (y.has(entry)) shared++;
  return x.size + y.size - 2 * shared;
}
