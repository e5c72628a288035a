import { addDays, localDate, monthOf } from './index';

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
