import { DateTime } from 'luxon';
import { addDaysToLocalDate, LOCAL_DATE_PATTERN, startOfLocalDate } from '@estate/shared';

export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * When a plan falls due, in the estate's calendar:
 * - `daily`: every day from the start date;
 * - `weekly`: on the ISO weekdays listed (1 = Monday … 7 = Sunday);
 * - `monthly`: on `dayOfMonth` every month;
 * - `quarterly` / `half_yearly`: on `dayOfMonth` every 3 / 6 months, counting from the start date's month;
 * - `yearly`: on `dayOfMonth` of `month` every year.
 * A `dayOfMonth` the month does not have (31 in April, 30 in February, 29 in February of a common
 * year) falls on that month's last day, so a "31st" plan runs once in every month, never skipping one.
 */
export interface Recurrence {
  frequency: Frequency;
  weekdays?: number[];
  dayOfMonth?: number;
  month?: number;
}

const EVERY_MONTHS: Partial<Record<Frequency, number>> = { monthly: 1, quarterly: 3, half_yearly: 6 };

/** Problems with a recurrence (empty when valid), each a sentence a person can act on. */
export function recurrenceProblems(rule: Recurrence): string[] {
  const problems: string[] = [];
  if (!FREQUENCIES.includes(rule.frequency)) return [`frequency must be one of ${FREQUENCIES.join(', ')}`];
  const wholeIn = (value: unknown, min: number, max: number) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
  if (rule.frequency === 'weekly') {
    if (
      !Array.isArray(rule.weekdays) ||
      !rule.weekdays.length ||
      !rule.weekdays.every((day) => wholeIn(day, 1, 7)) ||
      new Set(rule.weekdays).size !== rule.weekdays.length
    )
      problems.push('weekly needs weekdays: distinct ISO weekdays 1 (Monday) to 7 (Sunday)');
  } else if (rule.weekdays !== undefined) problems.push('weekdays apply only to weekly plans');
  if (rule.frequency in EVERY_MONTHS || rule.frequency === 'yearly') {
    if (!wholeIn(rule.dayOfMonth, 1, 31)) problems.push(`${rule.frequency} needs dayOfMonth from 1 to 31`);
  } else if (rule.dayOfMonth !== undefined)
    problems.push('dayOfMonth applies only to monthly, quarterly, half-yearly and yearly plans');
  if (rule.frequency === 'yearly') {
    if (!wholeIn(rule.month, 1, 12)) problems.push('yearly needs month from 1 to 12');
  } else if (rule.month !== undefined) problems.push('month applies only to yearly plans');
  return problems;
}

function parse(localDate: string): DateTime {
  if (!LOCAL_DATE_PATTERN.test(localDate)) throw new RangeError(`Not a date: ${localDate}`);
  const value = DateTime.fromISO(localDate, { zone: 'UTC' });
  if (!value.isValid) throw new RangeError(`Not a date: ${localDate}`);
  return value;
}

/** The day a month actually has for a wanted day of month (31 → 30 in April, 28/29 in February). */
function clampedDay(date: DateTime, dayOfMonth: number): number {
  return Math.min(dayOfMonth, date.daysInMonth as number);
}

/** Whether a plan starting on `startDate` falls due on the local date `date`. */
export function isDueOn(rule: Recurrence, startDate: string, date: string): boolean {
  const day = parse(date);
  const start = parse(startDate);
  if (day < start) return false;
  switch (rule.frequency) {
    case 'daily':
      return true;
    case 'weekly':
      return (rule.weekdays ?? []).includes(day.weekday);
    case 'yearly':
      return day.month === rule.month && day.day === clampedDay(day, rule.dayOfMonth as number);
    default: {
      const every = EVERY_MONTHS[rule.frequency] as number;
      const monthsSinceStart = (day.year - start.year) * 12 + (day.month - start.month);
      return monthsSinceStart % every === 0 && day.day === clampedDay(day, rule.dayOfMonth as number);
    }
  }
}

/** Every due date from `from` to `to` (both included, local dates), in order. */
export function dueDatesBetween(rule: Recurrence, startDate: string, from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from < startDate ? startDate : from; date <= to; date = addDaysToLocalDate(date, 1))
    if (isDueOn(rule, startDate, date)) dates.push(date);
  return dates;
}

/** A task due on a local date is late from the first instant of the next day in the estate's zone. */
export function dueAtOf(dueDate: string, timeZone: string): Date {
  return startOfLocalDate(addDaysToLocalDate(dueDate, 1), timeZone);
}
