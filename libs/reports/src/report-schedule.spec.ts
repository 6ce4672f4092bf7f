import { duePeriod, scheduledInstant } from './report-schedule';

const DEFAULT = { dayOfMonth: 2, time: '03:00' };

describe('monthly report schedule', () => {
  it('is due from the 2nd at 03:00 estate time, for the previous month', () => {
    // 2 Nov 03:00 in Shanghai = 1 Nov 19:00 UTC.
    expect(scheduledInstant(new Date('2026-11-01T12:00:00Z'), 'Asia/Shanghai', DEFAULT).toISOString()).toBe(
      '2026-11-01T19:00:00.000Z',
    );
    expect(duePeriod(new Date('2026-11-01T18:59:59Z'), 'Asia/Shanghai', DEFAULT)).toBeNull();
    expect(duePeriod(new Date('2026-11-01T19:00:00Z'), 'Asia/Shanghai', DEFAULT)).toBe('2026-10');
    // Caught up later in the month (the run was missed): still October's.
    expect(duePeriod(new Date('2026-11-20T08:00:00Z'), 'Asia/Shanghai', DEFAULT)).toBe('2026-10');
  });

  it('uses the estate zone for "this month" and clamps the day to the month length', () => {
    // 1 Jan 2027 00:30 in Shanghai is still 31 Dec 2026 in UTC: the month is January, day 2 not reached.
    expect(duePeriod(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai', DEFAULT)).toBeNull();
    // Day 31 in February 2027 → 28 Feb 2027 06:00 Shanghai = 27 Feb 22:00 UTC.
    expect(
      scheduledInstant(new Date('2027-02-10T00:00:00Z'), 'Asia/Shanghai', {
        dayOfMonth: 31,
        time: '06:00',
      }).toISOString(),
    ).toBe('2027-02-27T22:00:00.000Z');
    // January: previous period crosses the year.
    expect(duePeriod(new Date('2027-01-05T00:00:00Z'), 'Asia/Shanghai', DEFAULT)).toBe('2026-12');
  });
});
