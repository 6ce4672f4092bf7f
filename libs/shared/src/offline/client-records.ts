import { isUniqueViolation } from '../errors/database-errors';
import { checkFactTime, FACT_CLOCK_SKEW_MS } from '../time/fact-time';

/** Phones sync later, but a client clock may run a little fast: this much is tolerated. */
export const CLIENT_CLOCK_SKEW_MS = FACT_CLOCK_SKEW_MS;

/**
 * A time reported by a field device (scan, log): the shared rule of ../time/fact-time.ts without the
 * estate's back-dating limit (devices sync when they are back online) — `TIME_IN_FUTURE` beyond the
 * tolerated skew, or `code` before a lower bound such as the round's start.
 */
export function assertClientInstant(
  field: string,
  value: Date,
  now: Date,
  notBefore?: { instant: Date; code: string; what: string },
): void {
  checkFactTime({
    field,
    value,
    now,
    maxBackdateDays: Number.POSITIVE_INFINITY,
    notBefore: notBefore ? [notBefore] : [],
  });
}

/** The outcome of an idempotent create: `created` false means the clientId was seen before. */
export interface Recorded<T> {
  created: boolean;
  record: T;
}

/**
 * Idempotent create keyed by a client-generated id: returns the existing record when the clientId
 * is known, otherwise creates it. If two retries race, the unique index (estate, client_id) makes
 * one insert fail; that one then answers with the winner's record.
 */
export async function createOnce<T>(
  clientId: string | undefined,
  findExisting: () => Promise<T | null>,
  create: () => Promise<T>,
): Promise<Recorded<T>> {
  if (clientId) {
    const existing = await findExisting();
    if (existing) return { created: false, record: existing };
  }
  try {
    return { created: true, record: await create() };
  } catch (error) {
    if (!clientId || !isUniqueViolation(error)) throw error;
    const existing = await findExisting();
    if (!existing) throw error;
    return { created: false, record: existing };
  }
}
