/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a text cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return may be run as a formula by a spreadsheet — when the cell is edited,
 * or once the workbook is saved as CSV and opened again. Every workbook the product writes passes its
 * rows through `safeRow`, which prefixes such text with a single quote `'` (OWASP's advice), so it
 * stays text everywhere. Numbers, dates, booleans and null are untouched: -12.5 stays a number.
 * Imports strip the quote again (`unguardFormula`), so an export read back in round-trips.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const GUARDED = /^'[=+\-@\t\r]/;

/** A cell value as it may be written: text that a spreadsheet could read as a formula gets a leading `'`. */
export function guardFormula<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** A row for `worksheet.addRow`, positional or keyed, with every text cell guarded. */
export function safeRow<T>(values: T[]): (T | string)[];
export function safeRow<T>(values: Record<string, T>): Record<string, T | string>;
export function safeRow<T>(values: T[] | Record<string, T>): (T | string)[] | Record<string, T | string> {
  if (Array.isArray(values)) return values.map(guardFormula);
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, guardFormula(value)]));
}

/** Text read from an imported cell, with the guard quote of one of our exports removed. */
export function unguardFormula(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}
