import {
  addDaysToLocalDate,
  daysBetweenLocalDates,
  daysInPeriod,
  isPeriod,
  lastDateOfPeriod,
  localDateOf,
  periodOf,
  periodRange,
  periodsBetween,
  previousPeriod,
  startOfLocalDate,
  trailingTwelveMonthsRange,
  yearToDatePeriods,
  yearToDateRange,
} from './period';

describe('period', () => {
  it('maps a month in Asia/Shanghai (UTC+8) to UTC instants', () => {
    const range = periodRange('2026-10', 'Asia/Shanghai');
    // 2026-10-01 00:00 +08:00 = 2026-09-30 16:00Z; 2026-11-01 00:00 +08:00 = 2026-10-31 16:00Z
    expect(range.start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('follows daylight saving in zones that have it', () => {
    // Europe/Berlin: CEST (+2) in October until the 25th, CET (+1) in November.
    const range = periodRange('2026-10', 'Europe/Berlin');
    expect(range.start.toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-10-31T23:00:00.000Z');
  });

  it('puts 23:30 on the last day in that month, local time', () => {
    const instant = new Date('2026-10-31T15:30:00.000Z'); // 23:30 in Shanghai
    expect(periodOf(instant, 'Asia/Shanghai')).toBe('2026-10');
    expect(periodOf(instant, 'UTC')).toBe('2026-10');
    expect(periodOf(new Date('2026-10-31T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-11');
    expect(localDateOf(instant, 'Asia/Shanghai')).toBe('2026-10-31');
  });

  it('computes year-to-date and trailing twelve months', () => {
    const ytd = yearToDateRange('2026-03', 'Asia/Shanghai');
    expect(ytd.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(ytd.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    const trailing = trailingTwelveMonthsRange('2026-03', 'Asia/Shanghai');
    expect(trailing.start.toISOString()).toBe('2025-03-31T16:00:00.000Z');
    expect(yearToDatePeriods('2026-03')).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('steps across year ends and knows month lengths', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(periodsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(daysInPeriod('2024-02')).toBe(29);
    expect(daysInPeriod('2026-02')).toBe(28);
    expect(lastDateOfPeriod('2026-02')).toBe('2026-02-28');
  });

  it('does calendar arithmetic on local dates', () => {
    expect(daysBetweenLocalDates('2026-01-31', '2026-03-01')).toBe(29);
    expect(addDaysToLocalDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(startOfLocalDate('2026-10-01', 'Asia/Shanghai').toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('rejects what is not a period or a zone', () => {
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-1')).toBe(false);
    expect(isPeriod('2026-09')).toBe(true);
    expect(() => periodRange('2026-10', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => startOfLocalDate('2026-02-30', 'UTC')).toThrow(RangeError);
  });
});
