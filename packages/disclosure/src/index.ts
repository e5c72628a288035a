/**
 * @waymark/disclosure: statistical disclosure control for benchmarks (no I/O).
 *
 * - `protect(candidate, history, params)` decides what a snapshot publishes: figures and answer
 *   shares of cohorts with enough non-NAMED contributors, sums and counts perturbed by cell-key
 *   noise, then audited by the intruder and held back further until no viewer can narrow a
 *   protected value below P points or determine an answer.
 * - `audit(input, params)` is that intruder: for every viewer, every figure it can read across all
 *   snapshots plus what it knows (NAMED rows, its own contributions), solved as linear programs with
 *   HiGHS, giving the narrowest interval per protected value and the answers it determines.
 * - `cellKey` / `cellNoise` / `newRecordKey`: the cell-key method, mirrored in SQL by the database.
 *
 * See docs/privacy.md for the threat model and why this method.
 */
export * from './types';
export { DEFAULT_PARAMS, LOWEST_PROTECTION_POINTS, disclosureParams, valueKey } from './params';
export { KEY_MODULUS, cellKey, cellNoise, newRecordKey } from './keys';
export { protect } from './protect';
export { audit } from './audit';
