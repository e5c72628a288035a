/**
 * Calendar dates as YYYY-MM-DD strings (the form date columns and the GraphQL LocalDate scalar
 * use). "Today" always belongs to a time zone: an organisation's reviews and due dates follow its
 * own clock, not the server's.
 */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A calendar date moved by a number of days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first and last dates of the month a date falls in. */
export function monthOf(date: string): { first: string; last: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${date.slice(0, 7)}-01`, last: `${date.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

export const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 86_400_000;
