import { mulberry32 } from '@waymark/domain';

/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same moments, so a fault run
 * that went wrong can be run again exactly. Not for anything secret.
 */
export function seededRandom(seed: number): { next(): number; int(min: number, max: number): number } {
  const next = mulberry32(seed);
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}
