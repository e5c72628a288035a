import type { ExistingItem, ItemDraft, PlanChanges } from './types';

function indexByKey<T extends { itemKey: string }>(items: readonly T[], what: string): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) {
    if (byKey.has(item.itemKey)) throw new Error(`Duplicate itemKey in ${what}: ${item.itemKey}`);
    byKey.set(item.itemKey, item);
  }
  return byKey;
}

/**
 * Works out how to bring a plan's stored items in line with freshly generated drafts, matching them
 * by `itemKey` (the stable identity of a gap):
 * - a draft with no stored item is created;
 * - a draft whose item is unresolved refreshes that item's gap fields (GAP_FIELDS) and nothing else,
 *   so owners, dates, status, notes and other working fields are never touched;
 * - a draft whose item was resolved reopens it (clears `resolved`) and refreshes its gap fields;
 * - an unresolved item with no draft has had its gap closed and is resolved; items are never deleted;
 * - a resolved item with no draft stays as it is.
 * Pure and idempotent: applying the changes and reconciling again with the same drafts gives
 * refreshes only. Throws when `existing` (or `drafts`) repeats an itemKey, a caller bug.
 */
export function reconcilePlan(existing: readonly ExistingItem[], drafts: readonly ItemDraft[]): PlanChanges {
  const stored = indexByKey(existing, 'existing items');
  const wanted = indexByKey(drafts, 'drafts');
  const changes: PlanChanges = { create: [], refresh: [], reopen: [], resolve: [] };

  for (const draft of drafts) {
    const item = stored.get(draft.itemKey);
    if (item === undefined) changes.create.push(draft);
    else if (item.resolved) changes.reopen.push({ id: item.id, draft });
    else changes.refresh.push({ id: item.id, draft });
  }
  for (const item of existing) {
    if (!item.resolved && !wanted.has(item.itemKey)) changes.resolve.push(item.id);
  }
  return changes;
}
