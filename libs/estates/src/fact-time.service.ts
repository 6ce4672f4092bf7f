import { Injectable } from '@nestjs/common';
import {
  checkFactTime,
  Clock,
  closedMonthError,
  periodOf,
  periodRange,
  PreviousStep,
  shiftPeriod,
} from '@estate/shared';
import { EntityManager } from 'typeorm';
import { Estate } from './entities';
import { settingsOf } from './estate-settings';

/** What to do with a fact dated into a closed KPI month: refuse it (default), or let it take effect at
 * the first instant of the first open month (for corrections such as a payment reversal). */
export const CLOSED_MONTH_POLICIES = ['refuse', 'first_open_month'] as const;
export type ClosedMonthPolicy = (typeof CLOSED_MONTH_POLICIES)[number];

export interface FactTimeRequest {
  /** the request field, for codes and messages (`arrivedAt`) */
  field: string;
  /** the time the client sent; left out → now */
  value?: Date | null;
  /** the steps this fact follows: it may not be before any of them */
  notBefore?: PreviousStep[];
  ifMonthClosed?: ClosedMonthPolicy;
}

/**
 * Decides the time a fact happened, the same way for every action (the rules are in
 * libs/shared/src/time/fact-time.ts and docs/api.md "Times of facts"): the time sent (or now) must not be
 * in the future beyond the clock skew, before the step it follows, more than the estate's
 * `facts.maxBackdateDays` back, or in a closed KPI month (422 PERIOD_CLOSED naming it). The time it was
 * entered and by whom are the audit row's (`at`, actor) or the record's own `createdAt`/recorded-by.
 */
@Injectable()
export class FactTimeService {
  constructor(private readonly clock: Clock) {}

  /**
   * The instant the fact happened (the time sent or now, possibly moved to the first open month).
   * `estate` may be given by id: it is only read when a time was sent (now is never back-dated and
   * never in a closed month), so the common write costs no extra query.
   */
  async resolve(manager: EntityManager, estate: Estate | string, request: FactTimeRequest): Promise<Date> {
    const now = this.clock.now();
    if (request.value === undefined || request.value === null) {
      checkFactTime({
        field: request.field,
        value: now,
        now,
        maxBackdateDays: 0,
        notBefore: request.notBefore,
      });
      return now;
    }
    const value = request.value;
    const { timeZone, settings } =
      typeof estate === 'string' ? await manager.findOneByOrFail(Estate, { id: estate }) : estate;
    checkFactTime({
      field: request.field,
      value,
      now,
      maxBackdateDays: settingsOf(settings).facts.maxBackdateDays,
      notBefore: request.notBefore,
    });
    const valuePeriod = periodOf(value, timeZone);
    // Only a past month can be closed (a month is closed from its end on): a fact of this month needs
    // no look-up.
    if (valuePeriod >= periodOf(now, timeZone)) return value;
    const estateId = typeof estate === 'string' ? estate : estate.id;
    const closed = await this.latestClosedPeriodFrom(manager, estateId, valuePeriod);
    if (closed === null) return value;
    if (request.ifMonthClosed === 'first_open_month')
      return periodRange(shiftPeriod(closed, 1), timeZone).start;
    throw closedMonthError(request.field, value, closed, valuePeriod);
  }

  /**
   * The latest KPI month at or after `period` that has been closed, or null. A fact is refused not only
   * in its own closed month but also when a later month is closed: that month's year-to-date and
   * backlog figures include it. Read by table name: the KPI library owns `kpi_snapshots` and depends on
   * this one, not the other way round; any snapshot row (current or superseded) means the month is closed.
   */
  private async latestClosedPeriodFrom(
    manager: EntityManager,
    estateId: string,
    period: string,
  ): Promise<string | null> {
    const row = await manager
      .createQueryBuilder()
      .select('MAX(snapshot.period)', 'period')
      .from('kpi_snapshots', 'snapshot')
      .where('snapshot.estate_id = :estateId AND snapshot.period >= :period', { estateId, period })
      .getRawOne<{ period: string | null }>();
    return row?.period ?? null;
  }
}
