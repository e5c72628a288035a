import fc from 'fast-check';
import { generatePlanItems } from './generate';
import { reconcilePlan } from './reconcile';
import { planAnswersArb, planFrameworkArb } from './__tests__/arbitraries';
import { element31, planAnswers } from './__tests__/fixtures';
import { GAP_FIELDS, type ExistingItem, type ItemDraft, type ItemStatus, type PlanChanges } from './types';

const draft = (itemKey: string, priority = 1): ItemDraft => ({
  itemKey,
  kind: 'ACTION',
  nodeKey: itemKey.replace(/^\w+:/, ''),
  elementKey: '3.1',
  what: `do ${itemKey}`,
  why: 'gap',
  gap: { parts: [] },
  guidance: [],
  footnotes: [],
  priority,
  priorityReason: 'reason',
  target: 'Yes',
});

describe('reconcilePlan', () => {
  it('creates, refreshes, reopens and resolves by itemKey', () => {
    const existing: ExistingItem[] = [
      { id: 'i1', itemKey: 'action:3.1.1', resolved: false }, // still open -> refresh
      { id: 'i2', itemKey: 'action:3.1.2', resolved: true }, // open again -> reopen
      { id: 'i3', itemKey: 'prompt:3.1.g1.1', resolved: false }, // closed -> resolve
      { id: 'i4', itemKey: 'prompt:3.1.g1.2', resolved: true }, // still closed -> untouched
    ];
    const drafts = [draft('action:3.1.1', 1), draft('action:3.1.2', 2), draft('evidence:3.1', 3)];
    expect(reconcilePlan(existing, drafts)).toEqual({
      create: [drafts[2]],
      refresh: [{ id: 'i1', draft: drafts[0] }],
      reopen: [{ id: 'i2', draft: drafts[1] }],
      resolve: ['i3'],
    });
  });

  it('changes nothing but refreshes when nothing moved, and resolves everything when every gap closed', () => {
    const drafts = [draft('action:3.1.1'), draft('action:3.1.2')];
    const existing = [
      { id: 'a', itemKey: 'action:3.1.1', resolved: false },
      { id: 'b', itemKey: 'action:3.1.2', resolved: false },
    ];
    expect(reconcilePlan(existing, drafts)).toEqual({
      create: [],
      refresh: [
        { id: 'a', draft: drafts[0] },
        { id: 'b', draft: drafts[1] },
      ],
      reopen: [],
      resolve: [],
    });
    expect(reconcilePlan(existing, [])).toEqual({ create: [], refresh: [], reopen: [], resolve: ['a', 'b'] });
    expect(reconcilePlan([], drafts)).toEqual({ create: drafts, refresh: [], reopen: [], resolve: [] });
  });

  it('refuses existing items (or drafts) that repeat an itemKey', () => {
    const twice = [
      { id: 'a', itemKey: 'action:3.1.1', resolved: false },
      { id: 'b', itemKey: 'action:3.1.1', resolved: true },
    ];
    expect(() => reconcilePlan(twice, [])).toThrow(/Duplicate itemKey in existing items: action:3.1.1/);
    expect(() => reconcilePlan([], [draft('x:1'), draft('x:1')])).toThrow(/Duplicate itemKey in drafts/);
  });

  it('works on a generated plan: a closed gap resolves, a new one is created', () => {
    const first = generatePlanItems([element31], planAnswers({ '3.1.1.a': 'NO', '3.1.1.b': 'YES', '3.1.2.a': 'YES', '3.1.2.b': 'YES', '3.1.2.c': 'YES', '3.1.3': 'YES' }));
    expect(first.map((item) => item.itemKey)).toEqual(['action:3.1.1']);
    const existing = [{ id: 'x', itemKey: 'action:3.1.1', resolved: false }];
    const second = generatePlanItems([element31], planAnswers({ '3.1.1.a': 'YES', '3.1.1.b': 'YES', '3.1.2.a': 'YES', '3.1.2.b': 'YES', '3.1.2.c': 'YES', '3.1.3': 'STARTED' }));
    const changes = reconcilePlan(existing, second);
    expect(changes.resolve).toEqual(['x']);
    expect(changes.create.map((item) => item.itemKey)).toEqual(['action:3.1.3']);
  });
});

// ---- a simulated store, as the database layer would apply PlanChanges ----

interface Working {
  owner: string | null;
  status: ItemStatus;
  notes: string[];
}
interface StoredItem extends ItemDraft {
  id: string;
  resolved: boolean;
  working: Working;
}
interface Store {
  items: StoredItem[];
  nextId: number;
}

function apply(store: Store, changes: PlanChanges): void {
  const byId = new Map(store.items.map((item) => [item.id, item]));
  const touched = new Set<string>();
  const take = (id: string, resolved: boolean): StoredItem => {
    const item = byId.get(id);
    if (!item) throw new Error(`change names unknown id ${id}`);
    if (item.resolved !== resolved) throw new Error(`item ${id} is in the wrong state for this change`);
    if (touched.has(id)) throw new Error(`item ${id} changed twice`);
    touched.add(id);
    return item;
  };
  const copyGapFields = (item: StoredItem, draft: ItemDraft) => {
    for (const field of GAP_FIELDS) (item as unknown as Record<string, unknown>)[field] = structuredClone(draft[field]);
  };
  for (const { id, draft } of changes.refresh) copyGapFields(take(id, false), draft);
  for (const { id, draft } of changes.reopen) {
    const item = take(id, true);
    copyGapFields(item, draft);
    item.resolved = false;
  }
  for (const id of changes.resolve) take(id, false).resolved = true;
  for (const draft of changes.create) {
    store.nextId += 1;
    store.items.push({
      ...structuredClone(draft),
      id: `item-${store.nextId}`,
      resolved: false,
      working: { owner: null, status: 'OPEN', notes: [] },
    });
  }
}

const existingOf = (store: Store): ExistingItem[] =>
  store.items.map(({ id, itemKey, resolved }) => ({ id, itemKey, resolved }));

const editArb = fc.record({
  pick: fc.nat(),
  owner: fc.option(fc.constantFrom('ana', 'bo', 'cy'), { nil: null }),
  status: fc.constantFrom<ItemStatus>('OPEN', 'IN_PROGRESS', 'DONE', 'DEFERRED', 'DROPPED'),
  note: fc.string({ maxLength: 8 }),
});

const historyArb = planFrameworkArb.chain((elements) =>
  fc.record({
    elements: fc.constant(elements),
    rounds: fc.array(fc.record({ answers: planAnswersArb(elements), edits: fc.array(editArb, { maxLength: 4 }) }), {
      minLength: 1,
      maxLength: 6,
    }),
  }),
);

describe('reconcilePlan applied to a store', () => {
  it('partitions the drafts and touches each stored item at most once', () => {
    const arb = fc.record({
      existing: fc.uniqueArray(fc.record({ n: fc.nat({ max: 12 }), resolved: fc.boolean() }), { selector: (e) => e.n }),
      drafts: fc.uniqueArray(fc.nat({ max: 12 }), {}),
    });
    fc.assert(
      fc.property(arb, ({ existing, drafts }) => {
        const items = existing.map(({ n, resolved }) => ({ id: `id${n}`, itemKey: `k:${n}`, resolved }));
        const ds = drafts.map((n) => draft(`k:${n}`));
        const changes = reconcilePlan(items, ds);
        const handled = [...changes.create, ...changes.refresh.map((c) => c.draft), ...changes.reopen.map((c) => c.draft)];
        expect(handled.map((d) => d.itemKey).sort()).toEqual(ds.map((d) => d.itemKey).sort());
        const ids = [...changes.refresh.map((c) => c.id), ...changes.reopen.map((c) => c.id), ...changes.resolve];
        expect(new Set(ids).size).toBe(ids.length);
        const keys = new Set(items.map((item) => item.itemKey));
        for (const created of changes.create) expect(keys.has(created.itemKey)).toBe(false);
      }),
    );
  });

  it('gives refreshes only when regenerated with the same drafts', () => {
    fc.assert(
      fc.property(historyArb, ({ elements, rounds }) => {
        const store: Store = { items: [], nextId: 0 };
        for (const { answers } of rounds) apply(store, reconcilePlan(existingOf(store), generatePlanItems(elements, answers)));
        const last = rounds[rounds.length - 1];
        if (!last) return;
        const drafts = generatePlanItems(elements, last.answers);
        const before = structuredClone(store.items);
        const again = reconcilePlan(existingOf(store), drafts);
        expect(again.create).toEqual([]);
        expect(again.reopen).toEqual([]);
        expect(again.resolve).toEqual([]);
        expect(again.refresh).toHaveLength(drafts.length);
        apply(store, again);
        expect(store.items).toEqual(before);
      }),
    );
  });

  it('never duplicates, never loses an item, keeps resolved in step with the plan, and leaves working fields alone', () => {
    fc.assert(
      fc.property(historyArb, ({ elements, rounds }) => {
        const store: Store = { items: [], nextId: 0 };
        for (const { answers, edits } of rounds) {
          // people work on the plan between regenerations
          for (const edit of edits) {
            const item = store.items[edit.pick % Math.max(store.items.length, 1)];
            if (!item) continue;
            item.working.owner = edit.owner;
            item.working.status = edit.status;
            item.working.notes.push(edit.note);
          }
          const sizeBefore = store.items.length;
          const working = new Map(store.items.map((item) => [item.id, structuredClone(item.working)]));
          const identity = new Map(store.items.map((item) => [item.id, [item.itemKey, item.kind, item.nodeKey, item.elementKey]]));

          const drafts = generatePlanItems(elements, answers);
          apply(store, reconcilePlan(existingOf(store), drafts));

          expect(store.items.length).toBeGreaterThanOrEqual(sizeBefore);
          for (const [id, fields] of working) {
            const item = store.items.find((candidate) => candidate.id === id);
            expect(item?.working).toEqual(fields);
            expect(item && [item.itemKey, item.kind, item.nodeKey, item.elementKey]).toEqual(identity.get(id));
          }
          const keys = store.items.map((item) => item.itemKey);
          expect(new Set(keys).size).toBe(keys.length);
          const latest = new Map(drafts.map((d) => [d.itemKey, d]));
          for (const item of store.items) {
            const current = latest.get(item.itemKey);
            expect(item.resolved).toBe(current === undefined);
            if (current) for (const field of GAP_FIELDS) expect(item[field]).toEqual(current[field]);
          }
        }
      }),
    );
  });
});
