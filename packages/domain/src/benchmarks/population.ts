import type { BenchmarkingConsent } from '../enums';

/** The smallest cohort whose figures may be shown when nothing else is configured. */
export const DEFAULT_MIN_COHORT = 5;
/**
 * Below three, an institution in a cohort of two could subtract its own figures and read the
 * other's, so no configuration may go lower.
 */
export const LOWEST_MIN_COHORT = 3;

/**
 * The smallest cohort that may be shown: the configured k, default 5, never below 3. Every rule
 * in this folder passes its k through here, so a misconfigured k fails loudly instead of quietly
 * showing small cohorts.
 */
export function minimumCohort(k?: number): number {
  if (k === undefined) return DEFAULT_MIN_COHORT;
  if (!Number.isInteger(k)) throw new RangeError(`The minimum cohort must be a whole number, not ${k}`);
  if (k < LOWEST_MIN_COHORT) throw new RangeError(`The minimum cohort must be at least ${LOWEST_MIN_COHORT}, not ${k}`);
  return k;
}

/** An institution's benchmarking consent: the same closed set the database and GraphQL use. */
export type Consent = BenchmarkingConsent;

/**
 * Institutions that may count in any figure. Consent NONE never does, not even in a count: a
 * cohort's size is itself a figure about its members.
 */
export function benchmarkPopulation<T extends { consent: Consent }>(institutions: readonly T[]): T[] {
  return institutions.filter((institution) => institution.consent !== 'NONE');
}
