export { DEFAULT_MIN_COHORT, LOWEST_MIN_COHORT, benchmarkPopulation, minimumCohort, type Consent } from './population';
export { suppressCohorts, type Cohort, type Suppression, type SuppressionReason } from './suppression';
export { sameDayPublishable, type SnapshotBlock, type SnapshotEntries } from './snapshots';
export { networkRows, type NetworkRows } from './network';
export { PSEUDONYM_ALPHABET, assignPseudonyms } from './pseudonyms';
