import { ActionItemStatus } from '../enums';
import type { ItemStatus } from './types';

/** Every item status, in the order a plan usually shows them. */
export const ITEM_STATUSES: readonly ItemStatus[] = Object.freeze(Object.values(ActionItemStatus));

/**
 * The status changes people may make to an item. Staying in the same status is not a change.
 * DONE only goes back to IN_PROGRESS (work reopened); DROPPED only back to OPEN (picked up again, a
 * manager's decision: see REOPENING_NEEDS_MANAGER). CARRIED_FORWARD is terminal: the next cycle's
 * item carries the work on, and only starting a cycle puts an item there.
 */
export const STATUS_TRANSITIONS: Readonly<Record<ItemStatus, readonly ItemStatus[]>> = Object.freeze({
  OPEN: Object.freeze(['IN_PROGRESS', 'DONE', 'DEFERRED', 'DROPPED'] as const),
  IN_PROGRESS: Object.freeze(['OPEN', 'DONE', 'DEFERRED', 'DROPPED'] as const),
  DEFERRED: Object.freeze(['OPEN', 'IN_PROGRESS', 'DROPPED'] as const),
  DONE: Object.freeze(['IN_PROGRESS'] as const),
  DROPPED: Object.freeze(['OPEN'] as const),
  CARRIED_FORWARD: Object.freeze([] as const),
});

export function canChangeStatus(from: ItemStatus, to: ItemStatus): boolean {
  return Object.hasOwn(STATUS_TRANSITIONS, from) && STATUS_TRANSITIONS[from].includes(to);
}

/** A dropped gap stays dropped, across cycles too, until a manager decides to take it up again. */
export const REOPENING_NEEDS_MANAGER: ReadonlySet<ItemStatus> = new Set(['DROPPED']);

/** Work not finished and not given up: it is open, counts as overdue past its due date, and carries into the next cycle. */
export const OPEN_STATUSES: readonly ItemStatus[] = Object.freeze(['OPEN', 'IN_PROGRESS', 'DEFERRED']);
/** Kept for the carry-forward rule's name: the statuses that carry into the next cycle are the open ones. */
export const CARRIED_FORWARD = OPEN_STATUSES;
/** Decisions the team made about a gap, which the next cycle's plan follows when the gap is still there. */
export const DECIDED_STATUSES: readonly ItemStatus[] = Object.freeze(['DONE', 'DROPPED']);

export const isOpen = (status: ItemStatus) => OPEN_STATUSES.includes(status);

/**
 * The median of some numbers (e.g. days from creation to DONE), or null when there are none.
 * With an even count, the mean of the two middle values. Throws on a value that is not finite.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`median: not a finite number: ${String(value)}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  if (sorted.length % 2 === 1) return upper;
  const lower = sorted[mid - 1] as number;
  return lower / 2 + upper / 2; // halves first, so two huge values cannot overflow
}
