import { LocalDateResolver } from 'graphql-scalars';
import { DateTime, LocalDate, isLocalDate } from '../graphql/scalars';

/** graphql-scalars' own verdict on a local date: what ours must agree with. */
function libraryAccepts(value: string): boolean {
  try {
    LocalDateResolver.serialize(value);
    return true;
  } catch {
    return false;
  }
}

describe('date scalars', () => {
  it('accepts exactly the days graphql-scalars accepts', () => {
    const candidates: string[] = [];
    for (const year of [1900, 1999, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          candidates.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
        }
      }
    }
    candidates.push('2024-2-01', '2024-02-1', ' 2024-02-01', '2024-02-01T00:00:00Z', '', '20240201');
    const disagreements = candidates.filter((value) => isLocalDate(value) !== libraryAccepts(value));
    expect(disagreements).toEqual([]);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2100-02-29')).toBe(false);
  });

  it('sends a local date as its text and refuses one that is not a day', () => {
    expect(LocalDate.serialize('2026-12-08')).toBe('2026-12-08');
    expect(() => LocalDate.serialize('2026-02-30')).toThrow('Value is not a valid LocalDate');
    expect(LocalDate.name).toBe('LocalDate');
    expect(LocalDate.parseValue('2026-12-08')).toBe('2026-12-08');
  });

  it('sends a timestamp as ISO text, never a Date', () => {
    const sent = DateTime.serialize(new Date(Date.UTC(2026, 11, 8, 9, 30, 1, 250)));
    expect(sent).toBe('2026-12-08T09:30:01.250Z');
    expect(DateTime.serialize('2026-12-08T10:30:01+01:00')).toBe('2026-12-08T09:30:01.000Z');
    expect(() => DateTime.serialize(new Date(Number.NaN))).toThrow('invalid Date');
    expect(DateTime.parseValue('2026-12-08T09:30:01Z')).toBeInstanceOf(Date);
  });
});
