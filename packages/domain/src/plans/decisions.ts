import type { ItemStatus } from './types';

/** A decision the team made about a gap in an earlier cycle, as the next plan needs to know it. */
export interface EarlierDecision {
  status: ItemStatus;
  cycle: string;
  /** Why it was dropped (the note given with the change), when it was. */
  reason: string | null;
}

/** How a new item for a gap starts, given what the team decided about the same gap last cycle. */
export interface DecisionOutcome {
  status: ItemStatus;
  /** The first entry of the new item's history, saying which decision it follows. */
  note: string;
}

/**
 * A gap the answers still show after the team decided it:
 * - DROPPED last cycle comes back DROPPED, with the reason, until a manager reopens it: dropping a
 *   gap is a decision, and a new cycle does not overturn it by itself;
 * - DONE last cycle comes back OPEN, saying that the work was done and the gap is still there.
 * Any other earlier status is no decision (open work carries forward instead): null.
 */
export function followDecision(earlier: EarlierDecision | undefined): DecisionOutcome | null {
  if (!earlier) return null;
  if (earlier.status === 'DROPPED') {
    const why = earlier.reason?.trim() ? `: ${earlier.reason.trim()}` : ' (no reason was given)';
    return { status: 'DROPPED', note: `Dropped in cycle ${earlier.cycle}${why}. It stays dropped until a manager reopens it.` };
  }
  if (earlier.status === 'DONE') {
    return {
      status: 'OPEN',
      note: `Marked DONE in cycle ${earlier.cycle}, but this cycle's answers still show the gap: the work done has not closed it yet.`,
    };
  }
  return null;
}

/**
 * Cycles in time order: "2025" before "2025-26" before "2026", whatever order they were created
 * in. Digits compare as numbers and other text by code unit, piece by piece.
 */
export function compareCycles(a: string, b: string): number {
  const pieces = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const pa = pieces(a);
  const pb = pieces(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const order = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return order;
  }
  return pa.length - pb.length;
}
