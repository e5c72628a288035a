import { createHash, randomBytes } from 'node:crypto';

/** Record and cell keys live in [0, 2^62): they fit a PostgreSQL bigint with room to add two without overflow. */
export const KEY_MODULUS = 1n << 62n;

/** A fresh secret record key for one contribution, uniform in [0, 2^62). */
export function newRecordKey(random: (size: number) => Buffer = randomBytes): bigint {
  return random(8).readBigUInt64BE() % KEY_MODULUS;
}

/**
 * A cell's key: the sum of its contributors' record keys mod 2^62. Order-free, so a running key
 * per cell can be kept incrementally (add a key when an entry joins, subtract when it leaves), and
 * the same contributor set always has the same key.
 */
export function cellKey(recordKeys: Iterable<bigint>): bigint {
  let key = 0n;
  for (const recordKey of recordKeys) key = (key + recordKey) % KEY_MODULUS;
  return key;
}

/**
 * Deterministic noise in [-bound, bound] for what is perturbed (`sum|overall|practice`,
 * `count|<part>|YES`) in a cell with this key. The SQL twin computes
 *   ('x' || substr(md5(cell_key::text || ':' || what), 1, 8))::bit(32)::bigint % (2 * bound + 1) - bound
 * and must give the same numbers.
 */
export function cellNoise(key: bigint, what: string, bound: number): number {
  const digest = createHash('md5').update(`${key.toString()}:${what}`).digest();
  return (digest.readUInt32BE(0) % (2 * bound + 1)) - bound;
}
