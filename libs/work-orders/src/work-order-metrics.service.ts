import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { EstatesService, unitLabels } from '@estate/estates';
import { InstantRange, Page, pageOf, periodRange } from '@estate/shared';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  CountByKey,
  DurationFigure,
  KpiRecordFilter,
  KpiRecordsQuery,
  RateFigure,
  TechnicianStats,
  WorkOrderKpiRecord,
  WorkOrderStatsResponse,
} from './dto/work-order-stats.dto';
import { WorkOrder } from './entities';
import { MonthlyFact, MonthlyFactKind } from './work-order-monthly-facts';
import { WorkOrderMonthlyFactsService } from './work-order-monthly-facts.service';

/** KPI #2 figures: counted = completedInPeriod + openPastDue. */
export interface TimelinessFigures {
  counted: number;
  onTime: number;
  completedInPeriod: number;
  openPastDue: number;
}
/** KPI #3 figures. */
export interface QualityFigures {
  closed: number;
  passedFirstTime: number;
}
/** KPI #24 figures. */
export interface ReturnVisitFigures {
  completed: number;
  withReturnVisit: number;
}

export interface KpiRecordsOptions {
  page: number;
  pageSize: number;
  /** `numerator`: only records in the numerator; `not_numerator`: the rest of the denominator. */
  only?: KpiRecordFilter;
}

type Parameters = { estateId: string; start: Date; end: Date };
interface BreakdownRow {
  category: string;
  status: string;
  priority: string;
  count: number;
}
/** One month's figures for the stats, from the monthly facts or from the orders. */
interface MonthFigures {
  completed: CompletedByAssignee[];
  breakdown: BreakdownRow[];
  arrivals: { count: number; sum: number };
  overdue: number;
  openPastDue: number;
  quality: QualityFigures;
}
type Condition = { sql: string };
interface CompletedByAssignee {
  assigneeId: string | null;
  assigneeName: string | null;
  completed: number;
  counted: number;
  onTime: number;
  /** Counted orders visited before the period end (KPI #24's numerator). */
  visited: number;
  labourMinutes: number;
  /** COUNT and SUM of completion_seconds (average per assignee; time to complete over all). */
  timed: number;
  seconds: number;
}

// The SQL conditions that define each metric (docs/work-orders.md "KPI definitions"). Every one reads
// timestamps strictly before :end only, so a month recomputed later gives the same numbers.
const COUNTED_PRIORITY = "wo.priority IN ('urgent', 'routine')";
const COMPLETED_IN_PERIOD = 'wo.first_completed_at >= :start AND wo.first_completed_at < :end';
const OPEN_PAST_DUE_IN_PERIOD =
  'wo.reported_at < :end AND (wo.first_completed_at IS NULL OR wo.first_completed_at >= :end) ' +
  'AND (wo.cancelled_at IS NULL OR wo.cancelled_at >= :end) AND wo.due_at >= :start AND wo.due_at < :end';
// KPI #2's denominator is the union of two disjoint sets (first completed in the month; still open at
// its end and due in it: first_completed_at is NULL or >= :end, so never in the month). The aggregates
// count each half with its own statement and range; the drill-down lists the union with this OR.
const TIMELINESS_COUNTED: Condition = {
  sql: `${COUNTED_PRIORITY} AND ((${COMPLETED_IN_PERIOD}) OR (${OPEN_PAST_DUE_IN_PERIOD}))`,
};
const TIMELINESS_COMPLETED: Condition = { sql: `${COUNTED_PRIORITY} AND ${COMPLETED_IN_PERIOD}` };
const TIMELINESS_OPEN_PAST_DUE: Condition = { sql: `${COUNTED_PRIORITY} AND ${OPEN_PAST_DUE_IN_PERIOD}` };
const MET_SLA =
  `${COMPLETED_IN_PERIOD} AND wo.first_completed_at <= wo.due_at ` +
  "AND (wo.priority <> 'urgent' OR (wo.arrived_at IS NOT NULL AND wo.arrived_at <= wo.arrival_due_at))";
const QUALITY_COUNTED: Condition = { sql: 'wo.closed_at >= :start AND wo.closed_at < :end' };
const PASSED_FIRST_TIME = 'wo.rework_count = 0';
const COMPLETED_IN_PERIOD_CONDITION: Condition = { sql: COMPLETED_IN_PERIOD };
const ARRIVED_IN_PERIOD: Condition = { sql: 'wo.arrived_at >= :start AND wo.arrived_at < :end' };
const RETURN_VISIT_COUNTED: Condition = { sql: TIMELINESS_COMPLETED.sql };
// Visited before the period end: the order's earliest visit (work_orders.first_return_visit_at, kept
// by every visit written) — read from the completed-facts index, no probe of the visits per order.
const VISITED_BY_END = 'wo.first_return_visit_at < :end';
const RETURN_VISITED: Condition = { sql: `${RETURN_VISIT_COUNTED.sql} AND ${VISITED_BY_END}` };
const REPORTED_IN_PERIOD: Condition = { sql: 'wo.reported_at >= :start AND wo.reported_at < :end' };
// "First flagged overdue in the month" is either flag in the month: counted as two disjoint ranges
// (arrival flag in the month; completion flag in the month and arrival flag not), each on its own index.
const ARRIVAL_FLAGGED_IN_PERIOD: Condition = {
  sql: 'wo.arrival_overdue_at >= :start AND wo.arrival_overdue_at < :end',
};
const ONLY_COMPLETION_FLAGGED_IN_PERIOD: Condition = {
  sql:
    'wo.completion_overdue_at >= :start AND wo.completion_overdue_at < :end AND ' +
    '(wo.arrival_overdue_at IS NULL OR wo.arrival_overdue_at < :start OR wo.arrival_overdue_at >= :end)',
};

const numberOf = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const minutes = (seconds: number | null): number | null =>
  seconds === null ? null : Math.round((seconds / 60) * 10) / 10;
const rate = (numerator: number, denominator: number): RateFigure => ({
  numerator,
  denominator,
  percent: denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 100,
});

/**
 * Aggregates over work orders for the stats endpoint and for the KPI library (#2, #3, #24), each
 * with a drill-down list of the records behind it. All are SQL aggregates on indexed columns.
 */
@Injectable()
export class WorkOrderMetricsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly monthlyFacts: WorkOrderMonthlyFactsService,
  ) {}

  private get manager(): EntityManager {
    return this.transactions.dataSource.manager;
  }

  private async range(estateId: string, period: string): Promise<InstantRange> {
    const estate = await this.estates.require(estateId);
    return periodRange(period, estate.timeZone);
  }

  private base(parameters: Parameters, condition: Condition): SelectQueryBuilder<WorkOrder> {
    return this.manager
      .createQueryBuilder(WorkOrder, 'wo')
      .where('wo.estate_id = :estateId', parameters)
      .andWhere(`(${condition.sql})`);
  }

  /** KPI #2 (repair on-time rate) for an estate and month, as of the month's end. */
  async timeliness(estateId: string, period: string): Promise<TimelinessFigures> {
    const { start, end } = await this.range(estateId, period);
    const parameters = { estateId, start, end };
    const row = await this.base(parameters, TIMELINESS_COMPLETED)
      .select('COUNT(*)', 'completed')
      .addSelect(`SUM(CASE WHEN ${MET_SLA} THEN 1 ELSE 0 END)`, 'onTime')
      .getRawOne<Record<string, unknown>>();
    const completedInPeriod = numberOf(row?.completed);
    const openPastDue = await this.openPastDue(parameters);
    return {
      counted: completedInPeriod + openPastDue,
      onTime: numberOf(row?.onTime),
      completedInPeriod,
      openPastDue,
    };
  }

  /** KPI #2's second half: urgent/routine orders still open at the month's end whose deadline fell in it. */
  private async openPastDue(parameters: Parameters): Promise<number> {
    const row = await this.base(parameters, TIMELINESS_OPEN_PAST_DUE)
      .select('COUNT(*)', 'count')
      .getRawOne<Record<string, unknown>>();
    return numberOf(row?.count);
  }

  /** KPI #3 (repair quality pass rate): closed in the month, and of those passed first time. */
  async quality(estateId: string, period: string): Promise<QualityFigures> {
    const { start, end } = await this.range(estateId, period);
    return this.qualityIn({ estateId, start, end });
  }

  private async qualityIn(parameters: Parameters): Promise<QualityFigures> {
    const row = await this.base(parameters, QUALITY_COUNTED)
      .select('COUNT(*)', 'closed')
      .addSelect(`SUM(CASE WHEN ${PASSED_FIRST_TIME} THEN 1 ELSE 0 END)`, 'passed')
      .getRawOne<Record<string, unknown>>();
    return { closed: numberOf(row?.closed), passedFirstTime: numberOf(row?.passed) };
  }

  /** KPI #24 (return-visit rate): completed in the month, and of those visited before the month's end. */
  async returnVisits(estateId: string, period: string): Promise<ReturnVisitFigures> {
    const { start, end } = await this.range(estateId, period);
    const parameters = { estateId, start, end };
    return {
      completed: await this.count(parameters, RETURN_VISIT_COUNTED),
      withReturnVisit: await this.count(parameters, RETURN_VISITED),
    };
  }

  /** The orders behind KPI #2 (denominator; `inNumerator` = met the SLA). */
  timelinessRecords(
    estateId: string,
    period: string,
    options: KpiRecordsOptions,
  ): Promise<Page<WorkOrderKpiRecord>> {
    return this.records(estateId, period, TIMELINESS_COUNTED, MET_SLA, options);
  }

  /** The orders behind KPI #3 (denominator; `inNumerator` = passed first time). */
  qualityRecords(
    estateId: string,
    period: string,
    options: KpiRecordsOptions,
  ): Promise<Page<WorkOrderKpiRecord>> {
    return this.records(estateId, period, QUALITY_COUNTED, PASSED_FIRST_TIME, options);
  }

  /** The orders behind KPI #24 (denominator; `inNumerator` = return visit before period end). */
  returnVisitRecords(
    estateId: string,
    period: string,
    options: KpiRecordsOptions,
  ): Promise<Page<WorkOrderKpiRecord>> {
    return this.records(estateId, period, RETURN_VISIT_COUNTED, VISITED_BY_END, options);
  }

  /** HTTP drill-down: the records behind one of the three metrics, for a caller with access to the estate. */
  async kpiRecords(user: AuthenticatedUser, query: KpiRecordsQuery): Promise<Page<WorkOrderKpiRecord>> {
    await this.estates.accessibleEstate(user, query.estateId);
    const options = { page: query.page, pageSize: query.pageSize, only: query.only };
    if (query.metric === 'timeliness') return this.timelinessRecords(query.estateId, query.period, options);
    if (query.metric === 'quality') return this.qualityRecords(query.estateId, query.period, options);
    return this.returnVisitRecords(query.estateId, query.period, options);
  }

  private async records(
    estateId: string,
    period: string,
    counted: Condition,
    numerator: string,
    options: KpiRecordsOptions,
  ): Promise<Page<WorkOrderKpiRecord>> {
    const { start, end } = await this.range(estateId, period);
    const builder = this.base({ estateId, start, end }, counted);
    if (options.only === 'numerator') builder.andWhere(`(${numerator})`);
    // Not `NOT (numerator)`: for an order still open, first_completed_at is NULL, the condition is
    // NULL (unknown) rather than false, and NOT NULL would drop the order from the failing list.
    if (options.only === 'not_numerator') builder.andWhere(`(CASE WHEN ${numerator} THEN 1 ELSE 0 END) = 0`);
    const total = await builder.getCount();
    const { entities, raw } = await builder
      .addSelect(`CASE WHEN ${numerator} THEN 1 ELSE 0 END`, 'in_numerator')
      .orderBy('wo.code', 'ASC')
      .offset((options.page - 1) * options.pageSize)
      .limit(options.pageSize)
      .getRawAndEntities<Record<string, unknown>>();
    const flags = new Map(raw.map((row) => [String(row.wo_id), numberOf(row.in_numerator) === 1]));
    const labels = await unitLabels(
      this.transactions.dataSource.manager,
      entities.map((order) => order.unitId),
    );
    return pageOf(
      entities.map((order) => ({
        id: order.id,
        code: order.code,
        unitId: order.unitId,
        unitLabel: order.unitId ? (labels.get(order.unitId)?.label ?? null) : null,
        priority: order.priority,
        category: order.category,
        status: order.status,
        reportedAt: order.reportedAt.toISOString(),
        arrivalDueAt: order.arrivalDueAt?.toISOString() ?? null,
        arrivedAt: order.arrivedAt?.toISOString() ?? null,
        dueAt: order.dueAt.toISOString(),
        firstCompletedAt: order.firstCompletedAt?.toISOString() ?? null,
        closedAt: order.closedAt?.toISOString() ?? null,
        reworkCount: order.reworkCount,
        acceptedBy: order.acceptedBy,
        acceptanceChannel: order.acceptanceChannel,
        acceptedByName: order.acceptedByName,
        satisfaction: order.satisfaction,
        inNumerator: flags.get(order.id) ?? false,
      })),
      total,
      options,
    );
  }

  /**
   * The stats endpoint: counts, durations, overdue, the three KPI rates and a per-technician table.
   * The month's figures come from the estate's monthly facts (one statement; kept by every write,
   * work-order-monthly-facts.ts) or, when the estate has none in its zone yet, from the orders
   * (seven index-only statements in three lanes); then the two medians, side by side. See
   * docs/work-orders.md "Stats endpoint".
   */
  async stats(user: AuthenticatedUser, estateId: string, period: string): Promise<WorkOrderStatsResponse> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    const { start, end } = periodRange(period, estate.timeZone);
    const parameters = { estateId, start, end };
    const facts = await this.monthlyFacts.month(estateId, estate.timeZone, period);
    const month = facts ? figuresOfFacts(facts) : await this.figuresOfOrders(parameters);
    const { completed, breakdown, arrivals, overdue, openPastDue, quality } = month;
    const sum = (key: keyof CompletedByAssignee) =>
      completed.reduce((total, row) => total + (row[key] as number), 0);
    const [timeToArrive, timeToComplete] = await Promise.all([
      this.duration(parameters, 'arrival_seconds', ARRIVED_IN_PERIOD, arrivals),
      this.duration(parameters, 'completion_seconds', COMPLETED_IN_PERIOD_CONDITION, {
        count: sum('timed'),
        sum: sum('seconds'),
      }),
    ]);
    const { byStatus, byPriority, byCategory } = tallyBreakdown(breakdown);
    const technicians: TechnicianStats[] = completed
      .filter((row) => row.assigneeId !== null && row.completed > 0)
      .map((row) => ({
        assigneeId: row.assigneeId!,
        assigneeName: row.assigneeName,
        completed: row.completed,
        counted: row.counted,
        onTime: row.onTime,
        labourMinutes: row.labourMinutes,
        averageCompletionMinutes: row.timed === 0 ? null : minutes(row.seconds / row.timed),
      }));
    return {
      estateId,
      period,
      periodStart: start.toISOString(),
      periodEnd: end.toISOString(),
      reported: byStatus.reduce((total, entry) => total + entry.count, 0),
      byStatus,
      byPriority,
      byCategory,
      timeToArrive,
      timeToComplete,
      overdue,
      // KPI #2 = completed in the month (urgent/routine) + open past due; #24 = the same completed set
      onTimeRate: rate(sum('onTime'), sum('counted') + openPastDue),
      firstTimePassRate: rate(quality.passedFirstTime, quality.closed),
      returnVisitRate: rate(sum('visited'), sum('counted')),
      technicians,
    };
  }

  /**
   * The month's figures read from the orders (an estate without monthly facts in its zone): seven
   * statements in three lanes side by side (at most three pool connections for one request), each a
   * range on one index that holds every column it reads (migrations WorkOrderStatsIndexes1767225611000,
   * WorkOrderFirstReturnVisit1767225614000). The e2e test of the facts compares the two sources.
   */
  private async figuresOfOrders(parameters: Parameters): Promise<MonthFigures> {
    const [completed, reported, rest] = await Promise.all([
      this.completedByAssignee(parameters),
      (async () => ({
        breakdown: await this.reportedBreakdown(parameters),
        arrivals: await this.countAndSum(parameters, 'arrival_seconds', ARRIVED_IN_PERIOD),
      }))(),
      (async () => ({
        overdue:
          (await this.count(parameters, ARRIVAL_FLAGGED_IN_PERIOD)) +
          (await this.count(parameters, ONLY_COMPLETION_FLAGGED_IN_PERIOD)),
        openPastDue: await this.openPastDue(parameters),
        quality: await this.qualityIn(parameters),
      }))(),
    ]);
    return { completed, ...reported, ...rest };
  }

  private async count(parameters: Parameters, condition: Condition): Promise<number> {
    const row = await this.base(parameters, condition)
      .select('COUNT(*)', 'count')
      .getRawOne<Record<string, unknown>>();
    return numberOf(row?.count);
  }

  /**
   * Orders reported in the month by category × status × priority: one grouped read of the
   * (estate_id, reported_at, category, status, priority) index, in the database's category order.
   */
  private async reportedBreakdown(parameters: Parameters): Promise<BreakdownRow[]> {
    const rows = await this.base(parameters, REPORTED_IN_PERIOD)
      .select('wo.category', 'category')
      .addSelect('wo.status', 'status')
      .addSelect('wo.priority', 'priority')
      .addSelect('COUNT(*)', 'count')
      .groupBy('wo.category')
      .addGroupBy('wo.status')
      .addGroupBy('wo.priority')
      .orderBy('wo.category', 'ASC')
      .addOrderBy('wo.status', 'ASC')
      .addOrderBy('wo.priority', 'ASC')
      .getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({
      category: String(row.category),
      status: String(row.status),
      priority: String(row.priority),
      count: numberOf(row.count),
    }));
  }

  /** COUNT and SUM of a seconds column over the orders of a condition (its non-null values). */
  private async countAndSum(
    parameters: Parameters,
    column: string,
    condition: Condition,
  ): Promise<{ count: number; sum: number }> {
    const row = await this.base(parameters, condition)
      .andWhere(`wo.${column} IS NOT NULL`)
      .select('COUNT(*)', 'count')
      .addSelect(`SUM(wo.${column})`, 'sum')
      .getRawOne<Record<string, unknown>>();
    return { count: numberOf(row?.count), sum: numberOf(row?.sum) };
  }

  /**
   * One read of the orders first completed in the month, per current assignee (NULL included): the
   * per-technician table, and summed over assignees the time-to-complete count and sum, KPI #2's
   * completed half and KPI #24's denominator — the same conditions as timeliness() and returnVisits().
   */
  private async completedByAssignee(parameters: Parameters): Promise<CompletedByAssignee[]> {
    const rows = await this.base(parameters, { sql: COMPLETED_IN_PERIOD })
      .select('wo.assignee_id', 'assigneeId')
      .addSelect('MAX(wo.assignee_name)', 'assigneeName')
      .addSelect('COUNT(*)', 'completed')
      .addSelect(`SUM(CASE WHEN ${COUNTED_PRIORITY} THEN 1 ELSE 0 END)`, 'counted')
      .addSelect(`SUM(CASE WHEN ${COUNTED_PRIORITY} AND ${MET_SLA} THEN 1 ELSE 0 END)`, 'onTime')
      .addSelect(`SUM(CASE WHEN ${COUNTED_PRIORITY} AND ${VISITED_BY_END} THEN 1 ELSE 0 END)`, 'visited')
      .addSelect('SUM(COALESCE(wo.labour_minutes, 0))', 'labourMinutes')
      .addSelect('COUNT(wo.completion_seconds)', 'timed')
      .addSelect('SUM(wo.completion_seconds)', 'seconds')
      .groupBy('wo.assignee_id')
      .orderBy('wo.assignee_id', 'ASC')
      .getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({
      assigneeId: row.assigneeId === null ? null : String(row.assigneeId),
      assigneeName: row.assigneeName === null ? null : String(row.assigneeName),
      completed: numberOf(row.completed),
      counted: numberOf(row.counted),
      onTime: numberOf(row.onTime),
      visited: numberOf(row.visited),
      labourMinutes: numberOf(row.labourMinutes),
      timed: numberOf(row.timed),
      seconds: numberOf(row.seconds),
    }));
  }

  /**
   * Count and average from the count and sum already read (the average is sum / count — the exact
   * quotient, as SQLite's AVG; MySQL's AVG would round it to 4 decimals of a second), then the
   * median by reading the middle one or two values in order.
   */
  private async duration(
    parameters: Parameters,
    column: string,
    condition: Condition,
    known: { count: number; sum: number },
  ): Promise<DurationFigure> {
    const { count, sum } = known;
    if (count === 0) return { count, averageMinutes: null, medianMinutes: null };
    const middle = await this.base(parameters, condition)
      .andWhere(`wo.${column} IS NOT NULL`)
      .select(`wo.${column}`, 'value')
      .orderBy(`wo.${column}`, 'ASC')
      .offset(Math.floor((count - 1) / 2))
      .limit(count % 2 === 1 ? 1 : 2)
      .getRawMany<Record<string, unknown>>();
    const values = middle.map((row) => numberOf(row.value));
    const median = values.reduce((total, value) => total + value, 0) / values.length;
    return { count, averageMinutes: minutes(sum / count), medianMinutes: minutes(median) };
  }
}

/** The stats' breakdowns: per status and priority alphabetically, per category in the rows' order. */
function tallyBreakdown(rows: BreakdownRow[]): {
  byStatus: CountByKey[];
  byPriority: CountByKey[];
  byCategory: CountByKey[];
} {
  const tally = (column: 'status' | 'priority' | 'category', sort: boolean): CountByKey[] => {
    const counts = new Map<string, number>();
    for (const row of rows)
      if (row.count !== 0) counts.set(row[column], (counts.get(row[column]) ?? 0) + row.count);
    const entries = [...counts].map(([key, count]) => ({ key, count }));
    return sort ? entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) : entries;
  };
  return {
    byStatus: tally('status', true),
    byPriority: tally('priority', true),
    byCategory: tally('category', false),
  };
}

/** The month's figures from its monthly facts (ordered by kind, subjects: the database's order). */
function figuresOfFacts(facts: MonthlyFact[]): MonthFigures {
  const total = (kind: MonthlyFactKind, measure: 'orders' | 'passed' | 'timed' | 'seconds') =>
    facts.filter((fact) => fact.kind === kind).reduce((sum, fact) => sum + fact[measure], 0);
  return {
    completed: facts
      .filter((fact) => fact.kind === 'completed')
      .map((fact) => ({
        assigneeId: fact.subject1 === '' ? null : fact.subject1,
        assigneeName: fact.label,
        completed: fact.orders,
        counted: fact.counted,
        onTime: fact.onTime,
        visited: fact.visited,
        labourMinutes: fact.labourMinutes,
        timed: fact.timed,
        seconds: fact.seconds,
      })),
    breakdown: facts
      .filter((fact) => fact.kind === 'reported')
      .map((fact) => ({
        category: fact.subject1,
        status: fact.subject2,
        priority: fact.subject3,
        count: fact.orders,
      })),
    arrivals: { count: total('arrived', 'timed'), sum: total('arrived', 'seconds') },
    overdue: total('overdue', 'orders'),
    openPastDue: total('open_past_due', 'orders'),
    quality: { closed: total('closed', 'orders'), passedFirstTime: total('closed', 'passed') },
  };
}
