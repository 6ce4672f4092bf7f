import {
  daysBetweenLocalDates,
  daysInPeriod,
  divideRoundHalfUp,
  firstDateOfPeriod,
  lastDateOfPeriod,
} from '@estate/shared';

/**
 * Bill amounts. Prices are stored in 1/100 fen (`priceCentiFen`) so a per-m² price such as
 * ¥2.355/m² is exact; areas are hundredths of a m². Every bill is computed as ONE exact rational
 * number with bigint arithmetic and rounded ONCE, half-up, to whole fen (`divideRoundHalfUp`):
 * never round the price, the area or the pro-rated fraction separately.
 */
export const CENTI_FEN_PER_FEN = 100n;
const HUNDREDTHS_PER_SQUARE_METRE = 100n;

export interface BilledDays {
  /** Days of the period the unit is billed for. */
  billedDays: number;
  daysInPeriod: number;
}

/**
 * Pro-rating rule for recurring items (per_area, per_unit): billing starts on the unit's first
 * move-in date (the earliest `moveInDate` of any resident of the unit, i.e. the hand-over).
 * - no resident ever recorded → the whole month (a delivered, vacant unit still owes its fees);
 * - first move-in on or before the 1st of the period → the whole month;
 * - first move-in inside the period → days from the move-in date to the month end, both included
 *   (move in on 20 October → 12 of 31 days);
 * - first move-in after the period → not billed (null).
 */
export function billedDaysFor(period: string, firstMoveInDate: string | null): BilledDays | null {
  const days = daysInPeriod(period);
  if (!firstMoveInDate || firstMoveInDate <= firstDateOfPeriod(period))
    return { billedDays: days, daysInPeriod: days };
  const last = lastDateOfPeriod(period);
  if (firstMoveInDate > last) return null;
  return { billedDays: daysBetweenLocalDates(firstMoveInDate, last) + 1, daysInPeriod: days };
}

/** per_area: area (hundredths m²) × price (1/100 fen per m² per month) × billed/total days, rounded once. */
export function perAreaAmountFen(areaHundredths: number, priceCentiFen: number, days: BilledDays): number {
  const numerator = BigInt(areaHundredths) * BigInt(priceCentiFen) * BigInt(days.billedDays);
  const denominator = HUNDREDTHS_PER_SQUARE_METRE * CENTI_FEN_PER_FEN * BigInt(days.daysInPeriod);
  return Number(divideRoundHalfUp(numerator, denominator));
}

/** per_unit: price (1/100 fen per unit per month) × billed/total days, rounded once. */
export function perUnitAmountFen(priceCentiFen: number, days: BilledDays): number {
  const numerator = BigInt(priceCentiFen) * BigInt(days.billedDays);
  return Number(divideRoundHalfUp(numerator, CENTI_FEN_PER_FEN * BigInt(days.daysInPeriod)));
}

/** metered: consumption (hundredths of a unit: m³, kWh) × price (1/100 fen per unit), rounded once. */
export function meteredAmountFen(consumptionHundredths: number, priceCentiFen: number): number {
  const numerator = BigInt(consumptionHundredths) * BigInt(priceCentiFen);
  return Number(divideRoundHalfUp(numerator, HUNDREDTHS_PER_SQUARE_METRE * CENTI_FEN_PER_FEN));
}

/** one_off: the price itself, rounded to fen. */
export function oneOffAmountFen(priceCentiFen: number): number {
  return Number(divideRoundHalfUp(BigInt(priceCentiFen), CENTI_FEN_PER_FEN));
}

/** The due date of a period's bills: the estate's due day, clamped to the month's last day. */
export function dueDateFor(period: string, dueDay: number): string {
  const day = Math.min(Math.max(1, dueDay), daysInPeriod(period));
  return `${period}-${String(day).padStart(2, '0')}`;
}
