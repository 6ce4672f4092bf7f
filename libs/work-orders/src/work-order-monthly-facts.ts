import { periodOf, periodRange } from '@estate/shared';
import type { WorkOrder } from './entities';

/**
 * What one work order contributes to the monthly facts (work_order_monthly_facts) behind the stats
 * endpoint: a pure function of the order's row and the estate's time zone. Each fact is the order's
 * share of one month's figure, bucketed by the month (estate zone) of the timestamp that puts it in
 * that figure; conditions "by the end of the month" use that month's end. These are the same
 * conditions as the SQL in work-order-metrics.service.ts — the e2e test
 * work-order-monthly-facts.e2e-spec.ts checks the two give the same stats after random histories.
 *
 * Writers apply after − before of one order (factDelta) inside their transaction; a rebuild sums
 * monthlyFactsOf over every order of an estate.
 */

export const MONTHLY_FACT_KINDS = [
  /** Reported in the month, by category × current status × priority. */
  'reported',
  /** First arrival in the month: count and sum of arrival seconds. */
  'arrived',
  /** First completion in the month, by current assignee ('' = none): KPI #2's completed half, #24. */
  'completed',
  /** Urgent/routine, due in the month and still open (not completed, not cancelled) at its end. */
  'open_past_due',
  /** Closed in the month; `passed` = without rework (KPI #3). */
  'closed',
  /** First flagged overdue in the month (either flag; once per order and month). */
  'overdue',
] as const;
export type MonthlyFactKind = (typeof MONTHLY_FACT_KINDS)[number];

/** The columns of a work order its monthly facts are computed from. */
export const FACT_SOURCE_FIELDS = [
  'category',
  'status',
  'priority',
  'reportedAt',
  'arrivedAt',
  'arrivalSeconds',
  'arrivalDueAt',
  'dueAt',
  'firstCompletedAt',
  'completionSeconds',
  'assigneeId',
  'assigneeName',
  'labourMinutes',
  'firstReturnVisitAt',
  'cancelledAt',
  'closedAt',
  'reworkCount',
  'arrivalOverdueAt',
  'completionOverdueAt',
] as const satisfies readonly (keyof WorkOrder)[];
export type FactSource = Pick<WorkOrder, (typeof FACT_SOURCE_FIELDS)[number]>;

export const MEASURES = [
  'orders',
  'counted',
  'onTime',
  'visited',
  'labourMinutes',
  'timed',
  'seconds',
  'passed',
] as const;
export type Measure = (typeof MEASURES)[number];
/** Their columns in work_order_monthly_facts (snake_case, as the naming strategy maps them). */
export const MEASURE_COLUMNS = MEASURES.map((measure) => measure.replace(/([A-Z])/g, '_$1').toLowerCase());

export interface MonthlyFact extends Record<Measure, number> {
  period: string;
  kind: MonthlyFactKind;
  /** reported: category, status, priority; completed: assignee id ('' when none); others ''. */
  subject1: string;
  subject2: string;
  subject3: string;
  /** completed: the assignee's name as last written (null leaves the stored one). */
  label: string | null;
}

/** Month of an instant and end of a month in one zone, cached (a rebuild asks ~1M times). */
export class PeriodCalendar {
  private readonly ranges: { period: string; start: number; end: number }[] = [];

  constructor(readonly timeZone: string) {}

  periodOf(instant: Date): string {
    const time = instant.getTime();
    const known = this.ranges.find((range) => time >= range.start && time < range.end);
    if (known) return known.period;
    const period = periodOf(instant, this.timeZone);
    this.remember(period);
    return period;
  }

  endOf(period: string): number {
    return (this.ranges.find((range) => range.period === period) ?? this.remember(period)).end;
  }

  private remember(period: string) {
    const { start, end } = periodRange(period, this.timeZone);
    const range = { period, start: start.getTime(), end: end.getTime() };
    this.ranges.push(range);
    return range;
  }
}

const COUNTED_PRIORITIES = new Set(['urgent', 'routine']);
const before = (instant: Date | null, end: number) => instant !== null && instant.getTime() < end;
const notBefore = (instant: Date | null, end: number) => instant === null || instant.getTime() >= end;
const flag = (condition: boolean) => (condition ? 1 : 0);

function fact(
  period: string,
  kind: MonthlyFactKind,
  measures: Partial<Record<Measure, number>>,
  subjects: { subject1?: string; subject2?: string; subject3?: string; label?: string | null } = {},
): MonthlyFact {
  return {
    period,
    kind,
    subject1: subjects.subject1 ?? '',
    subject2: subjects.subject2 ?? '',
    subject3: subjects.subject3 ?? '',
    label: subjects.label ?? null,
    orders: 0,
    counted: 0,
    onTime: 0,
    visited: 0,
    labourMinutes: 0,
    timed: 0,
    seconds: 0,
    passed: 0,
    ...measures,
  };
}

/** KPI #2's "met the SLA" (MET_SLA in work-order-metrics.service.ts) for a completed order. */
function metSla(order: FactSource, firstCompletedAt: Date): boolean {
  if (firstCompletedAt.getTime() > order.dueAt.getTime()) return false;
  if (order.priority !== 'urgent') return true;
  return (
    order.arrivedAt !== null &&
    order.arrivalDueAt !== null &&
    order.arrivedAt.getTime() <= order.arrivalDueAt.getTime()
  );
}

/** Every fact one order contributes, in every month it touches. */
export function monthlyFactsOf(order: FactSource, calendar: PeriodCalendar): MonthlyFact[] {
  const facts: MonthlyFact[] = [
    fact(
      calendar.periodOf(order.reportedAt),
      'reported',
      { orders: 1 },
      { subject1: order.category, subject2: order.status, subject3: order.priority },
    ),
  ];
  if (order.arrivedAt)
    facts.push(
      fact(calendar.periodOf(order.arrivedAt), 'arrived', {
        orders: 1,
        timed: flag(order.arrivalSeconds !== null),
        seconds: order.arrivalSeconds ?? 0,
      }),
    );
  const counted = COUNTED_PRIORITIES.has(order.priority);
  const completed = order.firstCompletedAt;
  if (completed) {
    const period = calendar.periodOf(completed);
    facts.push(
      fact(
        period,
        'completed',
        {
          orders: 1,
          counted: flag(counted),
          onTime: flag(counted && metSla(order, completed)),
          visited: flag(counted && before(order.firstReturnVisitAt, calendar.endOf(period))),
          labourMinutes: order.labourMinutes ?? 0,
          timed: flag(order.completionSeconds !== null),
          seconds: order.completionSeconds ?? 0,
        },
        { subject1: order.assigneeId ?? '', label: order.assigneeName },
      ),
    );
  }
  if (counted) {
    const period = calendar.periodOf(order.dueAt);
    const end = calendar.endOf(period);
    if (
      before(order.reportedAt, end) &&
      notBefore(order.firstCompletedAt, end) &&
      notBefore(order.cancelledAt, end)
    )
      facts.push(fact(period, 'open_past_due', { orders: 1 }));
  }
  if (order.closedAt)
    facts.push(
      fact(calendar.periodOf(order.closedAt), 'closed', {
        orders: 1,
        passed: flag(order.reworkCount === 0),
      }),
    );
  const arrivalFlagged = order.arrivalOverdueAt ? calendar.periodOf(order.arrivalOverdueAt) : null;
  if (arrivalFlagged) facts.push(fact(arrivalFlagged, 'overdue', { orders: 1 }));
  if (order.completionOverdueAt) {
    const period = calendar.periodOf(order.completionOverdueAt);
    if (period !== arrivalFlagged) facts.push(fact(period, 'overdue', { orders: 1 }));
  }
  return facts;
}

/** The identity of a fact row (its primary key without the estate). */
export function factKey(fact: MonthlyFact): string {
  return [fact.period, fact.kind, fact.subject1, fact.subject2, fact.subject3].join('\u0000');
}

/** Adds `facts` (times `sign`) into `totals`, keyed by factKey; a positive fact's label wins. */
export function accumulate(totals: Map<string, MonthlyFact>, facts: MonthlyFact[], sign: 1 | -1): void {
  for (const next of facts) {
    const key = factKey(next);
    const total = totals.get(key) ?? { ...next, label: null, ...zeroMeasures() };
    for (const measure of MEASURES) total[measure] += sign * next[measure];
    if (sign === 1 && next.label !== null) total.label = next.label;
    totals.set(key, total);
  }
}

function zeroMeasures(): Record<Measure, number> {
  return Object.fromEntries(MEASURES.map((measure) => [measure, 0])) as Record<Measure, number>;
}

/**
 * What changes in the monthly facts when one order goes from `previous` to `next` (null: did not
 * exist): the non-zero differences, sorted by key so concurrent writers lock fact rows in one order.
 */
export function factDelta(
  previous: FactSource | null,
  next: FactSource | null,
  calendar: PeriodCalendar,
): MonthlyFact[] {
  const totals = new Map<string, MonthlyFact>();
  if (previous) accumulate(totals, monthlyFactsOf(previous, calendar), -1);
  if (next) accumulate(totals, monthlyFactsOf(next, calendar), 1);
  return [...totals.entries()]
    .filter(([, total]) => MEASURES.some((measure) => total[measure] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, total]) => total);
}
