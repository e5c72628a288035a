import { benchmarkPopulation, minimumCohort, type Consent } from './population';

export interface NetworkRows {
  /** NAMED members, in the order given. */
  named: string[];
  /**
   * ANONYMOUS members, when there are enough of them to show, in the order given. Display them in
   * the order `assignPseudonyms` returns, never this one.
   */
  anonymous: string[];
  /** How many ANONYMOUS members were left out (0 when they are shown or there are none). */
  anonymousSuppressed: number;
  /** Whether the network's own aggregate may be shown. */
  aggregateShown: boolean;
}

/**
 * What a regional body may see of its network, member by member. The body knows who its members
 * are, so anonymity is only among the anonymous rows: with fewer than k of them, the body could
 * tell who is who by elimination, so they are all hidden. Hiding them is not enough by itself:
 * the network aggregate minus the named rows would give the hidden ones away, so the aggregate
 * goes too. The aggregate is also hidden, like any cohort, when fewer than k members count in it.
 * NONE members never appear and never count.
 */
export function networkRows(members: readonly { id: string; consent: Consent }[], k: number): NetworkRows {
  const min = minimumCohort(k);
  const counted = benchmarkPopulation(members);
  const named = counted.filter((member) => member.consent === 'NAMED').map((member) => member.id);
  const anonymous = counted.filter((member) => member.consent === 'ANONYMOUS').map((member) => member.id);
  const anonymousShown = anonymous.length >= min;
  const anonymousSuppressed = anonymousShown ? 0 : anonymous.length;
  return {
    named,
    anonymous: anonymousShown ? anonymous : [],
    anonymousSuppressed,
    aggregateShown: anonymousSuppressed === 0 && counted.length >= min,
  };
}
