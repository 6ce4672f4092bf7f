import { addDaysToLocalDate, daysBetweenLocalDates } from '@estate/shared';

/** Aging buckets of arrears by days past due (asOf − dueDate; 0 on the due date). */
export const AGING_BUCKETS = ['days0To30', 'days31To90', 'days91To180', 'days181To365', 'over365'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

const UPPER_BOUNDS: Record<AgingBucket, number> = {
  days0To30: 30,
  days31To90: 90,
  days91To180: 180,
  days181To365: 365,
  over365: Number.POSITIVE_INFINITY,
};

export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue < 0) throw new RangeError('Not yet due');
  return AGING_BUCKETS.find((bucket) => daysPastDue <= UPPER_BOUNDS[bucket]) as AgingBucket;
}

export function bucketOfDueDate(dueDate: string, asOf: string): AgingBucket {
  return agingBucket(daysBetweenLocalDates(dueDate, asOf));
}

/**
 * The same buckets as due-date ranges for SQL (dates compare as text 'YYYY-MM-DD'): a bill is in a
 * bucket when `from <= due_date <= to` (from null = no lower bound).
 */
export function agingDueDateRanges(asOf: string): Record<AgingBucket, { from: string | null; to: string }> {
  return {
    days0To30: { from: addDaysToLocalDate(asOf, -30), to: asOf },
    days31To90: { from: addDaysToLocalDate(asOf, -90), to: addDaysToLocalDate(asOf, -31) },
    days91To180: { from: addDaysToLocalDate(asOf, -180), to: addDaysToLocalDate(asOf, -91) },
    days181To365: { from: addDaysToLocalDate(asOf, -365), to: addDaysToLocalDate(asOf, -181) },
    over365: { from: null, to: addDaysToLocalDate(asOf, -366) },
  };
}
