import { type EventAttributes, createEvents } from 'ics';
import type { Reader } from '@waymark/db';
import { sql } from 'kysely';
import { foldContentLines } from '@waymark/domain';

interface ItemDates {
  id: string;
  what: string;
  status: string;
  dueOn: string | null;
  nextReviewOn: string | null;
  updatedAt: Date;
}

const dateArray = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];
const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The open work one person owns in the organisation in scope, with its dates: action items they
 * own (not carried forward, done or dropped) that have a due or review date. The statement names
 * both the organisation ($1) and the person, so another organisation's or person's items cannot
 * appear even if the caller got the scope wrong (row-level security is the second wall).
 */
export function ownedDates(db: Reader, userId: string): Promise<ItemDates[]> {
  return db.sql
    .selectFrom('actionItem as i')
    .select(['i.id', 'i.what', 'i.status', 'i.dueOn', 'i.nextReviewOn', 'i.updatedAt'])
    .where('i.ownerUserId', '=', userId)
    .where('i.status', 'not in', ['CARRIED_FORWARD', 'DONE', 'DROPPED'])
    .where((eb) => eb.or([eb('i.dueOn', 'is not', null), eb('i.nextReviewOn', 'is not', null)]))
    .orderBy(sql`coalesce(least(i.due_on, i.next_review_on), i.due_on, i.next_review_on)`)
    .orderBy('i.id')
    .execute();
}

const short = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);

/**
 * An iCalendar feed (made with the `ics` package) with one all-day event per date: "Due" and
 * "Review". Each event's UID is built from the item's id and the kind of date, so when a date
 * moves a calendar app updates the event it already has instead of adding another. Lines are
 * folded at 75 octets.
 */
export function feedText(items: ItemDates[], calendarName: string, appUrl: string | null): string {
  const events: EventAttributes[] = [];
  for (const item of items) {
    const dates: [string, string | null][] = [['due', item.dueOn], ['review', item.nextReviewOn]];
    for (const [kind, date] of dates) {
      if (!date) continue;
      const modified = new Date(item.updatedAt).getTime();
      events.push({
        uid: `${kind}-${item.id}@waymark`,
        title: `${kind === 'due' ? 'Due' : 'Review'}: ${short(item.what)}`,
        description: `${item.what}\n\nStatus: ${item.status}`,
        start: dateArray(date),
        end: dateArray(nextDay(date)),
        lastModified: modified,
        productId: 'waymark/calendar',
        ...(appUrl ? { url: `${appUrl.replace(/\/$/, '')}/` } : {}),
      });
    }
  }
  const { error, value } = createEvents(events, { productId: 'waymark/calendar', method: 'PUBLISH', calName: calendarName });
  if (error || !value) throw error ?? new Error('the calendar could not be made');
  // `ics` folds at 75 characters; RFC 5545 counts octets, so names with accents or emoji overran.
  return foldContentLines(value);
}
