import { mulberry32 } from '../../random';

/** A small seeded generator (mulberry32) for fixtures that must be the same on every run. */
export const seededRandom = (seed: number): (() => number) => mulberry32(seed);
