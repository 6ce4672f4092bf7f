import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
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
type Condition = { sql: string };

// The SQL conditions that define each metric (docs/work-orders.md "KPI definitions"). Every one reads
// timestamps strictly before :end only, so a month recomputed later gives the same numbers.
const COMPLETED_IN_PERIOD = 'wo.first_completed_at >= :start AND wo.first_completed_at < :end';
const OPEN_PAST_DUE_IN_PERIOD =
  'wo.reported_at < :end AND (wo.first_completed_at IS NULL OR wo.first_completed_at >= :end) ' +
  'AND (wo.cancelled_at IS NULL OR wo.cancelled_at >= :end) AND wo.due_at >= :start AND wo.due_at < :end';
const TIMELINESS_COUNTED: Condition = {
  sql: `wo.priority IN ('urgent', 'routine') AND ((${COMPLETED_IN_PERIOD}) OR (${OPEN_PAST_DUE_IN_PERIOD}))`,
};
const MET_SLA =
  `${COMPLETED_IN_PERIOD} AND wo.first_completed_at <= wo.due_at ` +
  "AND (wo.priority <> 'urgent' OR (wo.arrived_at IS NOT NULL AND wo.arrived_at <= wo.arrival_due_at))";
const QUALITY_COUNTED: Condition = { sql: 'wo.closed_at >= :start AND wo.closed_at < :end' };
const PASSED_FIRST_TIME = 'wo.rework_count = 0';
const RETURN_VISIT_COUNTED: Condition = {
  sql: `wo.priority IN ('urgent', 'routine') AND ${COMPLETED_IN_PERIOD}`,
};
const VISITED_BY_END =
  'EXISTS (SELECT 1 FROM work_order_return_visits visit WHERE visit.work_order_id = wo.id AND visit.visited_at < :end)';

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
    const row = await this.base({ estateId, start, end }, TIMELINESS_COUNTED)
      .select('COUNT(*)', 'counted')
      .addSelect(`SUM(CASE WHEN ${MET_SLA} THEN 1 ELSE 0 END)`, 'onTime')
      .addSelect(`SUM(CASE WHEN ${COMPLETED_IN_PERIOD} THEN 1 ELSE 0 END)`, 'completed')
      .getRawOne<Record<string, unknown>>();
    const counted = numberOf(row?.counted);
    const completedInPeriod = numberOf(row?.completed);
    return {
      counted,
      onTime: numberOf(row?.onTime),
      completedInPeriod,
      openPastDue: counted - completedInPeriod,
    };
  }

  /** KPI #3 (repair quality pass rate): closed in the month, and of those passed first time. */
  async quality(estateId: string, period: string): Promise<QualityFigures> {
    const { start, end } = await this.range(estateId, period);
    const row = await this.base({ estateId, start, end }, QUALITY_COUNTED)
      .select('COUNT(*)', 'closed')
      .addSelect(`SUM(CASE WHEN ${PASSED_FIRST_TIME} THEN 1 ELSE 0 END)`, 'passed')
      .getRawOne<Record<string, unknown>>();
    return { closed: numberOf(row?.closed), passedFirstTime: numberOf(row?.passed) };
  }

  /** KPI #24 (return-visit rate): completed in the month, and of those visited before the month's end. */
  async returnVisits(estateId: string, period: string): Promise<ReturnVisitFigures> {
    const { start, end } = await this.range(estateId, period);
    const row = await this.base({ estateId, start, end }, RETURN_VISIT_COUNTED)
      .select('COUNT(*)', 'completed')
      .addSelect(`SUM(CASE WHEN ${VISITED_BY_END} THEN 1 ELSE 0 END)`, 'visited')
      .getRawOne<Record<string, unknown>>();
    return { completed: numberOf(row?.completed), withReturnVisit: numberOf(row?.visited) };
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
    return pageOf(
      entities.map((order) => ({
        id: order.id,
        code: order.code,
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
        inNumerator: flags.get(order.id) ?? false,
      })),
      total,
      options,
    );
  }

  /** The stats endpoint: counts, durations, overdue, the three KPI rates and a per-technician table. */
  async stats(user: AuthenticatedUser, estateId: string, period: string): Promise<WorkOrderStatsResponse> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    const { start, end } = periodRange(period, estate.timeZone);
    const parameters = { estateId, start, end };
    const reportedInPeriod: Condition = { sql: 'wo.reported_at >= :start AND wo.reported_at < :end' };
    const groupCount = async (column: string): Promise<CountByKey[]> => {
      const rows = await this.base(parameters, reportedInPeriod)
        .select(`wo.${column}`, 'key')
        .addSelect('COUNT(*)', 'count')
        .groupBy(`wo.${column}`)
        .orderBy(`wo.${column}`, 'ASC')
        .getRawMany<Record<string, unknown>>();
      return rows.map((row) => ({ key: String(row.key), count: numberOf(row.count) }));
    };
    const [byStatus, byPriority, byCategory] = [
      await groupCount('status'),
      await groupCount('priority'),
      await groupCount('category'),
    ];
    const timeToArrive = await this.duration(parameters, 'arrival_seconds', {
      sql: 'wo.arrived_at >= :start AND wo.arrived_at < :end',
    });
    const timeToComplete = await this.duration(parameters, 'completion_seconds', {
      sql: COMPLETED_IN_PERIOD,
    });
    const overdueRow = await this.base(parameters, {
      sql:
        '(wo.arrival_overdue_at >= :start AND wo.arrival_overdue_at < :end) OR ' +
        '(wo.completion_overdue_at >= :start AND wo.completion_overdue_at < :end)',
    })
      .select('COUNT(*)', 'count')
      .getRawOne<Record<string, unknown>>();
    const timeliness = await this.timeliness(estateId, period);
    const quality = await this.quality(estateId, period);
    const visits = await this.returnVisits(estateId, period);
    const technicianRows = await this.base(parameters, {
      sql: `${COMPLETED_IN_PERIOD} AND wo.assignee_id IS NOT NULL`,
    })
      .select('wo.assignee_id', 'assigneeId')
      .addSelect('MAX(wo.assignee_name)', 'assigneeName')
      .addSelect('COUNT(*)', 'completed')
      .addSelect(`SUM(CASE WHEN wo.priority IN ('urgent', 'routine') THEN 1 ELSE 0 END)`, 'counted')
      .addSelect(
        `SUM(CASE WHEN wo.priority IN ('urgent', 'routine') AND ${MET_SLA} THEN 1 ELSE 0 END)`,
        'onTime',
      )
      .addSelect('SUM(COALESCE(wo.labour_minutes, 0))', 'labourMinutes')
      .addSelect('AVG(wo.completion_seconds)', 'averageSeconds')
      .groupBy('wo.assignee_id')
      .orderBy('wo.assignee_id', 'ASC')
      .getRawMany<Record<string, unknown>>();
    const technicians: TechnicianStats[] = technicianRows.map((row) => ({
      assigneeId: String(row.assigneeId),
      assigneeName: row.assigneeName === null ? null : String(row.assigneeName),
      completed: numberOf(row.completed),
      counted: numberOf(row.counted),
      onTime: numberOf(row.onTime),
      labourMinutes: numberOf(row.labourMinutes),
      averageCompletionMinutes: row.averageSeconds === null ? null : minutes(Number(row.averageSeconds)),
    }));
    return {
      estateId,
      period,
      periodStart: start.toISOString(),
      periodEnd: end.toISOString(),
      reported: byStatus.reduce((sum, entry) => sum + entry.count, 0),
      byStatus,
      byPriority,
      byCategory,
      timeToArrive,
      timeToComplete,
      overdue: numberOf(overdueRow?.count),
      onTimeRate: rate(timeliness.onTime, timeliness.counted),
      firstTimePassRate: rate(quality.passedFirstTime, quality.closed),
      returnVisitRate: rate(visits.withReturnVisit, visits.completed),
      technicians,
    };
  }

  /** Average in SQL; the median by counting then reading the middle one or two rows in order. */
  private async duration(
    parameters: Parameters,
    column: string,
    condition: Condition,
  ): Promise<DurationFigure> {
    const summary = await this.base(parameters, condition)
      .andWhere(`wo.${column} IS NOT NULL`)
      .select('COUNT(*)', 'count')
      .addSelect(`AVG(wo.${column})`, 'average')
      .getRawOne<Record<string, unknown>>();
    const count = numberOf(summary?.count);
    if (count === 0) return { count, averageMinutes: null, medianMinutes: null };
    const middle = await this.base(parameters, condition)
      .andWhere(`wo.${column} IS NOT NULL`)
      .select(`wo.${column}`, 'value')
      .orderBy(`wo.${column}`, 'ASC')
      .offset(Math.floor((count - 1) / 2))
      .limit(count % 2 === 1 ? 1 : 2)
      .getRawMany<Record<string, unknown>>();
    const values = middle.map((row) => numberOf(row.value));
    const median = values.reduce((sum, value) => sum + value, 0) / values.length;
    return { count, averageMinutes: minutes(Number(summary?.average)), medianMinutes: minutes(median) };
  }
}
