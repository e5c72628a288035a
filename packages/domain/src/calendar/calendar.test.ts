import { addDays, foldContentLines, localDate, monthOf } from './index';

describe('calendar dates', () => {
  it('takes today from the time zone, not the server', () => {
    const lateEvening = new Date('2026-03-31T23:30:00Z');
    expect(localDate(lateEvening, 'UTC')).toBe('2026-03-31');
    expect(localDate(lateEvening, 'Europe/London')).toBe('2026-04-01'); // BST
    expect(localDate(lateEvening, 'America/New_York')).toBe('2026-03-31');
  });

  it('moves dates across months, leap days and years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows the bounds of a month', () => {
    expect(monthOf('2028-02-10')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthOf('2026-11-26')).toEqual({ first: '2026-11-01', last: '2026-11-30' });
  });
});

describe('iCalendar line folding', () => {
  const octets = (line: string) => new TextEncoder().encode(line).length;
  const unfold = (text: string) => text.replace(/\r\n /g, '');

  it('folds by octets, never inside a character, and unfolds to the same text', () => {
    const lines = [
      'SUMMARY:' + 'Ré'.repeat(60),
      'DESCRIPTION:' + '🎨📚'.repeat(30) + ' Amgueddfa Cymru – Llyfrgell Genedlaethol',
      'SUMMARY:' + 'a'.repeat(200),
      'UID:short',
    ];
    const folded = foldContentLines(lines.join('\r\n'));
    for (const line of folded.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(folded).not.toContain('\uFFFD');
    expect(unfold(folded)).toBe(lines.join('\r\n'));
    // A line of exactly 75 octets is left alone; the 76th octet starts a continuation line.
    expect(foldContentLines('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldContentLines('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('refolds text that was folded by character count', () => {
    const byCharacters = `SUMMARY:${'é'.repeat(66)}\r\n\t${'é'.repeat(20)}`;
    const folded = foldContentLines(byCharacters);
    expect(folded.split('\r\n').every((line) => octets(line) <= 75)).toBe(true);
    expect(unfold(folded)).toBe(`SUMMARY:${'é'.repeat(86)}`);
  });
});
