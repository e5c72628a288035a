import { ActionItemStatus, isOpen } from '@waymark/domain';
import type { ItemRow, NoteRow } from '../../modules/plans/types';

/** A person as an export names them: the email only while they are a member. */
export interface Person {
  name: string;
  email: string | null;
}

/** An item of another cycle that this one is linked to. */
export interface LinkedItem {
  itemKey: string;
  status: ActionItemStatus;
  /** The cycle of the assessment whose plan holds it. */
  cycle: string | null;
}

export interface PlanNote extends NoteRow {
  author: Person;
}

/** Everything read about one item, before it is placed in the plan. */
export interface LoadedItem {
  item: ItemRow;
  owner: Person | null;
  notes: PlanNote[];
  /** Where the work went when it was carried forward: the next cycle's copy. */
  carriedTo: LinkedItem | null;
  /** The earlier cycle's item this one continues. */
  carriedFrom: LinkedItem | null;
  /** The earlier cycle's DONE or DROPPED decision about the same gap that this item follows. */
  decisionFrom: LinkedItem | null;
}

/**
 * Where an item belongs in a plan. Carried work is closed here and lives on in the next cycle, so
 * it never counts as open; an item whose gap the answers closed is set apart from the team's own
 * decisions (DONE, DROPPED); what is left is open work.
 */
export const PLAN_SECTIONS = ['open', 'carried', 'closed', 'resolved'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

export interface PlanEntry extends LoadedItem {
  section: PlanSection;
  /** 1..n over the open work, no two alike; null outside it. */
  rank: number | null;
  /** Open work past its due date, judged by the organisation's day. */
  overdue: boolean;
}

export interface PlanView {
  /** The organisation's today (YYYY-MM-DD) that "overdue" was judged on. */
  today: string;
  /** Every item, section by section, each section in rank (priority, then item key) order. */
  entries: PlanEntry[];
  sections: Record<PlanSection, PlanEntry[]>;
}

export function sectionOf(item: Pick<ItemRow, 'status' | 'resolvedByAssessmentAt'>): PlanSection {
  if (item.status === ActionItemStatus.CARRIED_FORWARD) return 'carried';
  if (item.resolvedByAssessmentAt) return 'resolved';
  return isOpen(item.status) ? 'open' : 'closed';
}

// Numeric, so that action:3.1.2 comes before action:3.1.10; the plain comparison after it keeps
// the order total for keys the collation would call equal.
const collator = new Intl.Collator('en', { numeric: true });
export const compareItems = (a: Pick<ItemRow, 'priority' | 'itemKey'>, b: Pick<ItemRow, 'priority' | 'itemKey'>): number =>
  a.priority - b.priority || collator.compare(a.itemKey, b.itemKey) || (a.itemKey < b.itemKey ? -1 : a.itemKey > b.itemKey ? 1 : 0);

/**
 * The plan as teams and managers read it. Priorities may tie (they are a dense ranking), so the
 * open work gets its own ranks 1..n: priority, then item key, so no two items share a place.
 */
export function arrangePlan(items: readonly LoadedItem[], today: string): PlanView {
  const sections = Object.fromEntries(PLAN_SECTIONS.map((s) => [s, [] as PlanEntry[]])) as Record<PlanSection, PlanEntry[]>;
  for (const loaded of [...items].sort((a, b) => compareItems(a.item, b.item))) {
    const section = sectionOf(loaded.item);
    const list = sections[section];
    const open = section === 'open';
    list.push({
      ...loaded,
      section,
      rank: open ? list.length + 1 : null,
      overdue: open && loaded.item.dueOn !== null && loaded.item.dueOn < today,
    });
  }
  return { today, entries: PLAN_SECTIONS.flatMap((s) => sections[s]), sections };
}

/** "Name <email>", the name alone when the email is not shown, or '' for nobody. */
export const personLabel = (person: Person | null): string =>
  person ? `${person.name}${person.email ? ` <${person.email}>` : ''}` : '';
