import { localDateOf } from '@estate/shared';
import { dueAtOf, dueDatesBetween, isDueOn, recurrenceProblems } from './recurrence';

describe('recurrence', () => {
  it('daily: every day from the start date, across a month end', () => {
    expect(dueDatesBetween({ frequency: 'daily' }, '2026-01-30', '2026-01-28', '2026-02-02')).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
    ]);
  });

  it('weekly on days: 2026-10-05 is a Monday (ISO 1), 2026-10-07 a Wednesday, 2026-10-11 a Sunday', () => {
    const rule = { frequency: 'weekly' as const, weekdays: [1, 3, 7] };
    expect(dueDatesBetween(rule, '2026-10-01', '2026-10-01', '2026-10-14')).toEqual([
      '2026-10-04', // Sunday
      '2026-10-05',
      '2026-10-07',
      '2026-10-11',
      '2026-10-12',
      '2026-10-14',
    ]);
  });

  it('monthly on the 31st falls on the last day of shorter months, once a month', () => {
    const rule = { frequency: 'monthly' as const, dayOfMonth: 31 };
    expect(dueDatesBetween(rule, '2026-01-01', '2026-01-01', '2026-06-30')).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
    ]);
    // 2028 is a leap year: February has a 29th.
    expect(dueDatesBetween(rule, '2028-01-01', '2028-02-01', '2028-03-05')).toEqual(['2028-02-29']);
  });

  it('monthly on the 30th: February gets its last day, January and March their 30th', () => {
    const rule = { frequency: 'monthly' as const, dayOfMonth: 30 };
    expect(dueDatesBetween(rule, '2024-01-01', '2024-01-01', '2024-03-31')).toEqual([
      '2024-01-30',
      '2024-02-29',
      '2024-03-30',
    ]);
  });

  it('quarterly and half-yearly count months from the start month', () => {
    const quarterly = { frequency: 'quarterly' as const, dayOfMonth: 31 };
    // start in November: Nov, Feb, May, Aug, Nov …
    expect(dueDatesBetween(quarterly, '2025-11-10', '2025-11-01', '2026-11-30')).toEqual([
      '2025-11-30',
      '2026-02-28',
      '2026-05-31',
      '2026-08-31',
      '2026-11-30',
    ]);
    const halfYearly = { frequency: 'half_yearly' as const, dayOfMonth: 15 };
    expect(dueDatesBetween(halfYearly, '2026-03-20', '2026-01-01', '2027-12-31')).toEqual([
      // 2026-03-15 is before the start date: first due in September
      '2026-09-15',
      '2027-03-15',
      '2027-09-15',
    ]);
  });

  it('yearly on 29 February runs on the 28th in common years', () => {
    const rule = { frequency: 'yearly' as const, month: 2, dayOfMonth: 29 };
    expect(dueDatesBetween(rule, '2027-01-01', '2027-01-01', '2029-12-31')).toEqual([
      '2027-02-28',
      '2028-02-29',
      '2029-02-28',
    ]);
    expect(isDueOn(rule, '2027-01-01', '2028-02-28')).toBe(false);
  });

  it('nothing falls due before the start date', () => {
    expect(isDueOn({ frequency: 'daily' }, '2026-10-15', '2026-10-14')).toBe(false);
    expect(isDueOn({ frequency: 'daily' }, '2026-10-15', '2026-10-15')).toBe(true);
  });

  it('the estate zone decides which day it is and when a task is late', () => {
    // 2026-02-28T16:30Z is 00:30 on 1 March in Shanghai (UTC+8) but still 28 February in UTC.
    const instant = new Date('2026-02-28T16:30:00Z');
    const rule = { frequency: 'monthly' as const, dayOfMonth: 1 };
    expect(isDueOn(rule, '2026-01-01', localDateOf(instant, 'Asia/Shanghai'))).toBe(true);
    expect(isDueOn(rule, '2026-01-01', localDateOf(instant, 'UTC'))).toBe(false);
    // a task due 2026-03-01 is late from 2026-03-02 00:00 local time
    expect(dueAtOf('2026-03-01', 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(dueAtOf('2026-03-01', 'UTC').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    // Berlin changes to summer time on 2026-03-29: the next midnight is 22:00Z, not 23:00Z
    expect(dueAtOf('2026-03-28', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(dueAtOf('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // a leap day's task is late from 1 March
    expect(dueAtOf('2028-02-29', 'Asia/Shanghai').toISOString()).toBe('2028-02-29T16:00:00.000Z');
  });

  it('reports what is wrong with a rule', () => {
    expect(recurrenceProblems({ frequency: 'daily' })).toEqual([]);
    expect(recurrenceProblems({ frequency: 'weekly', weekdays: [1, 5] })).toEqual([]);
    expect(recurrenceProblems({ frequency: 'yearly', month: 2, dayOfMonth: 29 })).toEqual([]);
    expect(recurrenceProblems({ frequency: 'weekly', weekdays: [0, 8] })[0]).toMatch(/weekdays/);
    expect(recurrenceProblems({ frequency: 'weekly', weekdays: [1, 1] })[0]).toMatch(/distinct/);
    expect(recurrenceProblems({ frequency: 'monthly' })[0]).toMatch(/dayOfMonth/);
    expect(recurrenceProblems({ frequency: 'monthly', dayOfMonth: 32 })[0]).toMatch(/dayOfMonth/);
    expect(recurrenceProblems({ frequency: 'yearly', dayOfMonth: 1 })[0]).toMatch(/month/);
    expect(recurrenceProblems({ frequency: 'daily', dayOfMonth: 3 })[0]).toMatch(/only/);
    expect(recurrenceProblems({ frequency: 'hourly' as never })[0]).toMatch(/frequency/);
  });
});
