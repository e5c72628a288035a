import { addDays } from '../calendar';
import { NotificationFrequency } from '../enums';

/** The hour (0-23) at `at` in a time zone. */
export function localHour(at: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at);
  return Number(hour);
}

/** ISO 8601 week of a calendar date: `2026-W49` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - day) * 86_400_000);
  const year = thursday.getUTCFullYear();
  // The week's Thursday decides its year; its day of that year decides the week.
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The period a person's digest belongs to: one digest per period. DAILY (and IMMEDIATE, whose
 * reminders come from the daily run too) is the organisation's local day; WEEKLY the ISO week, so
 * the first run of a week sends it and the rest of the week finds it sent; NONE gets nothing.
 */
export function digestPeriod(frequency: NotificationFrequency, date: string): string | null {
  if (frequency === NotificationFrequency.NONE) return null;
  return frequency === NotificationFrequency.WEEKLY ? isoWeek(date) : date;
}

/** The last day a reminder run on `date` looks ahead to. */
export const reminderHorizon = (date: string, leadDays: number) => addDays(date, leadDays);

export type ReminderKind = 'item' | 'partner' | 'evidence' | 'assessment' | 'next-cycle';

export interface Reminder {
  kind: ReminderKind;
  id: string;
  title: string;
  /** The date the reminder is about (due, review, expiry, or the last submission's date). */
  date: string;
  /** What the date is: due, review, expires, submitted. */
  what: 'due' | 'review' | 'expires' | 'submitted';
  overdue: boolean;
}

/** Reminders in the order a digest lists them: overdue first, then by date, kind and id. */
export function sortReminders(reminders: readonly Reminder[]): Reminder[] {
  return [...reminders].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id),
  );
}
