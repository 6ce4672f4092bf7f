import { daysBetweenLocalDates, divideRoundHalfUp } from '@estate/shared';

export interface LateFeeSettings {
  lateFeeEnabled: boolean;
  /** Per day, in 1/10000 of the overdue principal (5 = 0.05 % a day). */
  lateFeeDailyRatePerTenThousand: number;
}

/**
 * Late fee (滞纳金) on one bill as of a date: outstanding PRINCIPAL × daily rate × days overdue,
 * rounded once half-up. Never compounding: the base is the bill's principal outstanding only, never
 * earlier late fees. Days overdue = asOf − dueDate (0 on the due date itself). Off (0) unless the
 * estate enables it (`billing.lateFeeEnabled`). Computed on demand, never stored as a bill.
 */
export function lateFeeFen(
  principalOutstandingFen: number,
  dueDate: string,
  asOf: string,
  settings: LateFeeSettings,
): number {
  if (!settings.lateFeeEnabled || principalOutstandingFen <= 0) return 0;
  const days = daysBetweenLocalDates(dueDate, asOf);
  if (days <= 0) return 0;
  const numerator =
    BigInt(principalOutstandingFen) * BigInt(settings.lateFeeDailyRatePerTenThousand) * BigInt(days);
  return Number(divideRoundHalfUp(numerator, 10_000n));
}
