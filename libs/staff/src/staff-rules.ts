import { DateTime } from 'luxon';

/** Employed on `date`: hiredAt ≤ date and (no leftAt or leftAt > date). */
export function isActiveOn(staff: { hiredAt: string; leftAt: string | null }, date: string): boolean {
  return staff.hiredAt <= date && (staff.leftAt === null || staff.leftAt > date);
}

/**
 * A certificate is valid on every date from issuedAt to expiresAt, BOTH included: one expiring on
 * the period-end date still counts for that period.
 */
export function isCertificateValidOn(
  certificate: { issuedAt: string; expiresAt: string },
  date: string,
): boolean {
  return certificate.issuedAt <= date && date <= certificate.expiresAt;
}

/**
 * The 12 months before (and including) `asOf` for KPI #22: trainings dated from the day after the
 * same date a year earlier to asOf, both included (asOf 2026-10-31 → 2025-11-01 … 2026-10-31).
 */
export function trainingWindow(asOf: string): { from: string; to: string } {
  const end = DateTime.fromISO(asOf, { zone: 'UTC' });
  return { from: end.minus({ months: 12 }).plus({ days: 1 }).toISODate() as string, to: asOf };
}

/** Hours (up to two decimals) ↔ exact hundredths. */
export function hoursToHundredths(hours: number): number {
  return Math.round(hours * 100);
}
