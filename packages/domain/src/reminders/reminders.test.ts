import { digestPeriod, isoWeek, localHour, sortReminders } from '.';

describe('reminder periods', () => {
  it.each([
    ['2026-12-01', '2026-W49'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2024-12-30', '2025-W01'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
  ])('%s is in ISO week %s', (date, week) => expect(isoWeek(date)).toBe(week));

  it('gives one period a day, one a week, or none', () => {
    expect(digestPeriod('DAILY', '2026-12-01')).toBe('2026-12-01');
    expect(digestPeriod('IMMEDIATE', '2026-12-01')).toBe('2026-12-01');
    expect(digestPeriod('WEEKLY', '2026-12-03')).toBe(digestPeriod('WEEKLY', '2026-12-06'));
    expect(digestPeriod('NONE', '2026-12-01')).toBeNull();
  });

  it('reads the hour in the organisation\'s own time zone', () => {
    const at = new Date('2026-07-01T07:30:00Z');
    expect(localHour(at, 'Europe/London')).toBe(8);
    expect(localHour(at, 'Pacific/Auckland')).toBe(19);
    expect(localHour(at, 'America/New_York')).toBe(3);
  });

  it('lists overdue reminders first, then by date', () => {
    const r = (id: string, date: string, overdue: boolean) => ({ kind: 'item' as const, id, title: id, date, what: 'due' as const, overdue });
    expect(sortReminders([r('c', '2026-12-05', false), r('a', '2026-11-30', true), r('b', '2026-12-02', false)]).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });
});
