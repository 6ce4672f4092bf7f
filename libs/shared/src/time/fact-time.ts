import { BadRequestError, UnprocessableError } from '../errors/domain-error';

/**
 * The one rule for "when it happened" times sent by a client (docs/api.md "Times of facts").
 * Every action that records a real-world event — a work order's arrival, completion, acceptance and
 * return visit, a complaint's receipt, judgement, resolution, follow-up and closing, a payment, its
 * reversal, a waiver, a safety incident and its handling, an inspection — accepts the time it happened
 * (default: now) and checks it here, so the rules and the error codes are the same everywhere:
 *
 * 1. never in the future beyond `FACT_CLOCK_SKEW_MS` (a client clock may run a little fast);
 * 2. never before the step it follows (`notBefore`: the arrival before the completion, …);
 * 3. never more than the estate's `facts.maxBackdateDays` before now (0: no back-dating at all);
 * 4. never into a closed KPI month (checked by `FactTimeService` in @estate/estates, which reads the
 *    month closes; `closedMonthError` builds its answer).
 *
 * One code per rule, the field in `details.field`: `TIME_IN_FUTURE` (400), `TIME_BEFORE_PREVIOUS_STEP`
 * (400; a few field-device records name their step, e.g. `TIME_BEFORE_ROUND_START`), `TIME_TOO_FAR_BACK`
 * (422) and `PERIOD_CLOSED` (422).
 */
/** The API description of a "when it happened" field: the rules above, and the step it follows. */
export const factTimeDescription = (follows: string): string =>
  `When it happened; defaults to now. Never in the future (5 min clock skew), never before ${follows}, ` +
  "never more than the estate's settings.facts.maxBackdateDays (7) back, never in a closed KPI month";

/** A client clock may run a little fast: this much is tolerated (5 minutes; field devices too). */
export const FACT_CLOCK_SKEW_MS = 5 * 60 * 1000;
export const DEFAULT_MAX_BACKDATE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A step the fact follows; `instant` null means that step has no time (it is then not a bound). */
export interface PreviousStep {
  instant: Date | null;
  /** what it is, for the message: "the arrival", "the payment" */
  what: string;
  /** the error code when the fact is before this step; default `TIME_BEFORE_PREVIOUS_STEP` */
  code?: string;
}

export interface FactTimeCheck {
  /** the request field, e.g. `arrivedAt` */
  field: string;
  value: Date;
  now: Date;
  /** the estate's `facts.maxBackdateDays` (Infinity: no limit, for field-device records) */
  maxBackdateDays: number;
  notBefore?: PreviousStep[];
}

/** Rules 1–3 (pure); throws the domain error of the first rule broken. */
export function checkFactTime(check: FactTimeCheck): void {
  const { field, value, now, maxBackdateDays } = check;
  const details = { field, value: value.toISOString(), now: now.toISOString() };
  if (value.getTime() > now.getTime() + FACT_CLOCK_SKEW_MS)
    throw new BadRequestError(
      'TIME_IN_FUTURE',
      `${field} ${value.toISOString()} is in the future (now ${now.toISOString()}; at most ${FACT_CLOCK_SKEW_MS / 60_000} minutes of clock skew are tolerated)`,
      details,
    );
  const bounds = (check.notBefore ?? []).filter(
    (step): step is PreviousStep & { instant: Date } => step.instant !== null,
  );
  const latest = bounds.reduce<(PreviousStep & { instant: Date }) | null>(
    (best, step) => (best === null || step.instant.getTime() > best.instant.getTime() ? step : best),
    null,
  );
  if (latest && value.getTime() < latest.instant.getTime())
    throw new BadRequestError(
      latest.code ?? 'TIME_BEFORE_PREVIOUS_STEP',
      `${field} ${value.toISOString()} is before ${latest.what} (${latest.instant.toISOString()}), the step it follows`,
      { ...details, notBefore: latest.instant.toISOString() },
    );
  if (!Number.isFinite(maxBackdateDays)) return;
  const earliest = now.getTime() - maxBackdateDays * DAY_MS;
  if (value.getTime() < earliest)
    throw new UnprocessableError(
      'TIME_TOO_FAR_BACK',
      maxBackdateDays === 0
        ? `${field} ${value.toISOString()} is in the past and this estate does not allow back-dating (settings.facts.maxBackdateDays = 0); leave ${field} out to record it now`
        : `${field} ${value.toISOString()} is more than ${maxBackdateDays} days ago (earliest ${new Date(earliest).toISOString()}; the estate's settings.facts.maxBackdateDays)`,
      { ...details, earliest: new Date(earliest).toISOString(), maxBackdateDays },
    );
}

/** Rule 4's answer: the fact would land in (or change) a closed KPI month. */
export function closedMonthError(field: string, value: Date, closedPeriod: string, valuePeriod: string) {
  const where =
    closedPeriod === valuePeriod
      ? `the KPI month ${closedPeriod}, which is closed`
      : `${valuePeriod}, and the later KPI month ${closedPeriod} (whose year-to-date figures include it) is closed`;
  return new UnprocessableError(
    'PERIOD_CLOSED',
    `${field} ${value.toISOString()} falls in ${where}; closed months are never changed — date it in an open month (after ${closedPeriod})`,
    { field, value: value.toISOString(), period: closedPeriod },
  );
}
