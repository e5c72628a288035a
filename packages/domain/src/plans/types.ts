import type { ConsensusAnswers } from '../scoring';

import type { ItemKind, ItemStatus } from '../enums';

export type { ItemKind, ItemStatus };

/** Guidance linked to an action, with why it helps. */
export interface PlanGuidance {
  guidanceKey: string;
  title: string;
  reason: string;
}

export interface PlanFootnote {
  number: number;
  text: string;
}

/** An action of the framework as the plan needs it; with no parts, the action key itself is answered. */
export interface PlanAction {
  key: string;
  /** The action's question, word for word from the framework. */
  text: string;
  /** What to do, in the framework's plain words beside the source's (absent in frameworks without them). */
  todo?: string | null;
  parts: { key: string; text: string }[];
  footnotes: PlanFootnote[];
  guidance: PlanGuidance[];
}

/** An evidence prompt with the label of its group (e.g. "Have you:"). */
export interface PlanPrompt {
  key: string;
  text: string;
  groupLabel: string;
  /** What to do, in the framework's plain words (absent in frameworks without them). */
  todo?: string | null;
}

/** An element of the framework, its actions and evidence prompts in framework order. */
export interface PlanElement {
  key: string;
  /** The element's question, word for word from the framework. */
  text: string;
  /** Its short title in the framework's plain words (absent in frameworks without them). */
  title?: string | null;
  actions: PlanAction[];
  prompts: PlanPrompt[];
}

/** The consensus answers plus, per prompt, the "area for improvement" flag and the team's note. */
export interface PlanAnswers extends ConsensusAnswers {
  areaForImprovement: ReadonlyMap<string, boolean>;
  notes: ReadonlyMap<string, string | null>;
}

/** A generated plan item: only the fields that come from the assessment (the "gap fields"). */
export interface ItemDraft {
  /** Stable identity of the gap: 'action:3.1.2' | 'prompt:3.1.g1.2' | 'evidence:3.1'. */
  itemKey: string;
  kind: ItemKind;
  /** The framework node the gap is about (action, prompt or element key). */
  nodeKey: string;
  elementKey: string;
  /** What to do: the framework's plain "what to do" sentence, or worded from its text when it has none. */
  what: string;
  /** The gap and the answers behind it, in plain words. */
  why: string;
  /**
   * Machine-readable gap:
   * - ACTION: `{ parts: { key, value }[] }`, every answerable part in framework order, value null when unanswered;
   * - PROMPT: `{ value, areaForImprovement }`;
   * - EVIDENCE_GAP: `{ practice, evidence }` (the element's exact figures, 0-100).
   */
  gap: Record<string, unknown>;
  guidance: PlanGuidance[];
  footnotes: PlanFootnote[];
  /** 1 = do first; a dense ranking over the whole plan (1..n, no ties). */
  priority: number;
  priorityReason: string;
  /** The answer hoped for next cycle. */
  target: string;
}

/** The fields of an item that regeneration may overwrite; everything else belongs to people. */
export const GAP_FIELDS = [
  'what',
  'why',
  'gap',
  'guidance',
  'footnotes',
  'priority',
  'priorityReason',
  'target',
] as const satisfies readonly (keyof ItemDraft)[];

export type GapField = (typeof GAP_FIELDS)[number];
export type ItemGapFields = Pick<ItemDraft, GapField>;

/** An item already stored for this plan, as reconciliation needs to see it. */
export interface ExistingItem {
  id: string;
  itemKey: string;
  resolved: boolean;
}

/** What to do to the stored items so they match a freshly generated plan. */
export interface PlanChanges {
  /** Gaps with no item yet. */
  create: ItemDraft[];
  /** Unresolved items whose gap is still open: update only the gap fields. */
  refresh: { id: string; draft: ItemDraft }[];
  /** Items marked resolved whose gap is open again: clear `resolved` and update the gap fields. */
  reopen: { id: string; draft: ItemDraft }[];
  /** Ids of unresolved items whose gap has closed: mark resolved by the assessment (never delete). */
  resolve: string[];
}
