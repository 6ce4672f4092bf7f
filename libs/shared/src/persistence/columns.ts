import { Column, ColumnOptions, ValueTransformer } from 'typeorm';
import { assertFen } from '../money/money';

/**
 * bigint comes back as a string from mysql2 and as a number from better-sqlite3: this returns a
 * safe integer either way and refuses anything else, so money never turns into a float or a string.
 */
export const safeIntegerTransformer: ValueTransformer = {
  to: (value: unknown) => (value === null || value === undefined ? value : assertFen(value)),
  from: (value: unknown) => (value === null || value === undefined ? value : assertFen(value)),
};

/** Money in integer fen. */
export function FenColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}) {
  return Column({ type: 'bigint', transformer: safeIntegerTransformer, ...options });
}

/** A whole number that may exceed 2^31 (counters, measures in hundredths). */
export function BigIntegerColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}) {
  return Column({ type: 'bigint', transformer: safeIntegerTransformer, ...options });
}

/** The precision-3 datetime transformer: SQLite hands back text, MySQL a Date. Always a UTC Date out. */
export const instantTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => {
    if (value === null || value === undefined || value instanceof Date) return value;
    const text = String(value);
    return new Date(/Z$|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  },
};

/** An instant, stored in UTC with milliseconds. */
export function InstantColumn(options: Omit<ColumnOptions, 'type' | 'precision'> = {}) {
  return Column({ type: 'datetime', precision: 3, transformer: instantTransformer, ...options });
}

/** A calendar date in the estate's zone, `YYYY-MM-DD`, stored as text so it never shifts. */
export function LocalDateColumn(options: Omit<ColumnOptions, 'type' | 'length'> = {}) {
  return Column({ type: 'varchar', length: 10, ...options });
}

/** An id reference (UUID as text). */
export function IdColumn(options: Omit<ColumnOptions, 'type' | 'length'> = {}) {
  return Column({ type: 'varchar', length: 36, ...options });
}
