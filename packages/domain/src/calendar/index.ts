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

const utf8Octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** One content line folded: at most 75 octets per physical line, the leading space of a continuation counted. */
function foldLine(line: string): string {
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  let limit = 75;
  for (const character of line) {
    const size = utf8Octets(character.codePointAt(0)!);
    if (octets + size > limit) {
      pieces.push(piece);
      piece = '';
      octets = 0;
      limit = 74; // a continuation line starts with one space, which counts
    }
    piece += character;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n ');
}

/**
 * Folds an iCalendar text as RFC 5545 section 3.1 says: lines longer than 75 octets (not
 * characters) are split with CRLF and one space, never inside a UTF-8 character. Existing folds
 * are undone first, so text folded by character count (as the `ics` package does) comes out right.
 */
export function foldContentLines(text: string): string {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map(foldLine)
    .join('\r\n');
}
