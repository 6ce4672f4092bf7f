import { BadRequestError } from '../errors/domain-error';
import { isUniqueViolation } from '../errors/database-errors';

/** Phones sync later, but a client clock may run a little fast: this much is tolerated. */
export const CLIENT_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * A time reported by a field device (scan, log, incident): refused when it lies in the future
 * beyond the tolerated skew (`TIME_IN_FUTURE`) or before a lower bound such as the round's start
 * (`code`, default `TIME_BEFORE_START`).
 */
export function assertClientInstant(
  field: string,
  value: Date,
  now: Date,
  notBefore?: { instant: Date; code: string; what: string },
): void {
  if (value.getTime() > now.getTime() + CLIENT_CLOCK_SKEW_MS) {
    throw new BadRequestError(
      'TIME_IN_FUTURE',
      `${field} ${value.toISOString()} is in the future (now ${now.toISOString()}; at most 5 minutes of clock skew are tolerated)`,
      { field, value: value.toISOString(), now: now.toISOString() },
    );
  }
  if (notBefore && value.getTime() < notBefore.instant.getTime()) {
    throw new BadRequestError(
      notBefore.code,
      `${field} ${value.toISOString()} is before ${notBefore.what} (${notBefore.instant.toISOString()})`,
      { field, value: value.toISOString(), notBefore: notBefore.instant.toISOString() },
    );
  }
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
