import { protect } from '../protect';
import type { Contribution, DisclosureParams, ProtectResult, Publication } from '../types';
import { candidateOf, firstWorld, nextWorld, random, viewersOf, type World } from './world';

export interface Simulation {
  world: World;
  publications: Publication[];
  contributions: Contribution[];
  results: ProtectResult[];
}

/** Runs `snapshots` snapshots of the world grown from `seed` (starting with up to `largest` institutions), each protected against all before it. */
export async function simulate(seed: number, snapshots: number, params: DisclosureParams, largest = 12): Promise<Simulation> {
  const r = random(seed);
  let world = firstWorld(r, largest);
  const publications: Publication[] = [];
  const contributions = new Map<string, Contribution>();
  const results: ProtectResult[] = [];
  for (let s = 0; s < snapshots; s++) {
    if (s > 0) world = nextWorld(r, world);
    const candidate = candidateOf(world, s);
    const result = await protect(candidate, { publications, contributions: [...contributions.values()] }, params);
    results.push(result);
    publications.push(result.publication);
    for (const c of candidate.contributions) contributions.set(c.entry, c);
  }
  return { world, publications, contributions: [...contributions.values()], results };
}

export { viewersOf };
