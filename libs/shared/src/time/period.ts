import { DateTime } from 'luxon';

/**
 * A period is a calendar month written `YYYY-MM`, meaning that month in the estate's IANA time zone.
 * Instants are UTC `Date`s; zones appear only here, at the edges.
 */
export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const LOCAL_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface InstantRange {
  /** inclusive */
  start: Date;
  /** exclusive */
  end: Date;
}

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && PERIOD_PATTERN.test(value);
}

export function isTimeZone(value: unknown): value is string {
  return typeof value === 'string' && DateTime.now().setZone(value).isValid;
}

function parsePeriod(period: string): { year: number; month: number } {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new RangeError(`Not a period (YYYY-MM): ${period}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

function assertZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
}

/** The month's first instant (inclusive) and the next month's first instant (exclusive), in UTC. */
export function periodRange(period: string, timeZone: string): InstantRange {
  assertZone(timeZone);
  const { year, month } = parsePeriod(period);
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone: timeZone });
  return { start: start.toUTC().toJSDate(), end: start.plus({ months: 1 }).toUTC().toJSDate() };
}

/** The instant a period ends (exclusive bound): facts strictly before it belong to the period. */
export function periodEnd(period: string, timeZone: string): Date {
  return periodRange(period, timeZone).end;
}

/** 1 January of the period's year up to the end of the period (YTD basis). */
export function yearToDateRange(period: string, timeZone: string): InstantRange {
  const { year } = parsePeriod(period);
  return { start: periodRange(`${year}-01`, timeZone).start, end: periodEnd(period, timeZone) };
}

/** The twelve months ending with the period (trailing-12-months basis). */
export function trailingTwelveMonthsRange(period: string, timeZone: string): InstantRange {
  return { start: periodRange(shiftPeriod(period, -11), timeZone).start, end: periodEnd(period, timeZone) };
}

export function shiftPeriod(period: string, months: number): string {
  const { year, month } = parsePeriod(period);
  const index = year * 12 + (month - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function previousPeriod(period: string): string {
  return shiftPeriod(period, -1);
}

/** Periods from `from` to `to`, both included, in order. */
export function periodsBetween(from: string, to: string): string[] {
  const periods: string[] = [];
  for (let current = from; current <= to; current = shiftPeriod(current, 1)) periods.push(current);
  return periods;
}

/** The period an instant falls in, in the given zone. */
export function periodOf(instant: Date, timeZone: string): string {
  assertZone(timeZone);
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('yyyy-MM');
}

/** Periods of the year up to and including the given one: `['2026-01', …, '2026-10']`. */
export function yearToDatePeriods(period: string): string[] {
  const { year } = parsePeriod(period);
  return periodsBetween(`${year}-01`, period);
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  assertZone(timeZone);
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() as string;
}

/** The first instant of a local date in a zone. */
export function startOfLocalDate(localDate: string, timeZone: string): Date {
  assertZone(timeZone);
  const value = DateTime.fromISO(localDate, { zone: timeZone });
  if (!LOCAL_DATE_PATTERN.test(localDate) || !value.isValid) throw new RangeError(`Not a date: ${localDate}`);
  return value.startOf('day').toUTC().toJSDate();
}

/** The last local date of a period (`2026-02` → `2026-02-28`). */
export function lastDateOfPeriod(period: string): string {
  const { year, month } = parsePeriod(period);
  return DateTime.fromObject({ year, month, day: 1 }).endOf('month').toISODate() as string;
}

/** The first local date of a period. */
export function firstDateOfPeriod(period: string): string {
  parsePeriod(period);
  return `${period}-01`;
}

export function daysInPeriod(period: string): number {
  const { year, month } = parsePeriod(period);
  return DateTime.fromObject({ year, month, day: 1 }).daysInMonth as number;
}

/** Whole days from local date `from` to `to` (`to` − `from`), calendar arithmetic. */
export function daysBetweenLocalDates(from: string, to: string): number {
  const start = DateTime.fromISO(from, { zone: 'UTC' });
  const end = DateTime.fromISO(to, { zone: 'UTC' });
  return Math.round(end.diff(start, 'days').days);
}

export function addDaysToLocalDate(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Formats an instant for people in the estate's zone: `2026-10-31 23:30`. */
export function formatLocalDateTime(instant: Date, timeZone: string, withSeconds = false): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat(
    withSeconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm',
  );
}
