import { Inject, Injectable } from '@nestjs/common';
import { AuthenticatedUser, visibleEstateIds } from '@estate/auth';
import { AuditService, ReadMemo, TransactionService } from '@estate/database';
import { Estate, estateMemoKey, EstatesService, OccupancyService } from '@estate/estates';
import {
  BadRequestError,
  Clock,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  lastDateOfPeriod,
  periodOf,
  periodRange,
  periodsBetween,
  previousPeriod,
  trailingTwelveMonthsRange,
  yearToDateRange,
} from '@estate/shared';
import { In } from 'typeorm';
import {
  DrillDownQuery,
  DrillDownResponse,
  MetricResult,
  PortfolioQuery,
  PortfolioResponse,
  PortfolioRow,
  ScorecardResponse,
  TrendPoint,
  TrendResponse,
} from './dto/kpi.dto';
import { KpiSnapshot } from './entities';
import { KpiTargetsService } from './kpi-targets.service';
import { METRIC_BY_CODE, METRICS } from './metric-definitions';
import { evaluateMetric, summarise } from './metric-evaluation';
import { METRIC_SOURCES, MetricContext, MetricSources } from './metric-source';

const MAX_TREND_MONTHS = 36;

/**
 * The 25-metric scorecard. Open months are computed live from timestamped facts at or before the
 * period end (the as-of principle); closed months are served from their immutable snapshot.
 * A live computation runs in a ReadMemo scope seeded with the estate: the facts several metrics
 * share are read once per month (the estate row, households on the last day, the year-to-date
 * incident counts by type). Query budget per live scorecard: 1 (the previous month's snapshot
 * lookup) + per month computed: 1 (targets) + 1 (households) + 1 (YTD incident counts) + 3 (fee #4)
 * + one aggregate for each other metric (work-order timeliness and return visits two each, the
 * staff rates two or three): 49 statements on the 5,000-unit bench estate with the previous month
 * open, 25 with it closed (45 / 23 on an estate without staff) — bounded, independent of the number of records, and pinned in
 * test/e2e/kpi-scorecard.e2e-spec.ts.
 */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly occupancy: OccupancyService,
    private readonly targets: KpiTargetsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(METRIC_SOURCES) private readonly sources: MetricSources,
  ) {}

  async scorecard(user: AuthenticatedUser, estateId: string, period: string): Promise<ScorecardResponse> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    this.assertNotFuture(estate, period);
    return this.scorecardFor(estate, period);
  }

  /** For reports and jobs (no caller): the snapshot when the month is closed, else live. */
  async scorecardFor(estate: Estate, period: string): Promise<ScorecardResponse> {
    const snapshot = await this.currentSnapshot(estate.id, period);
    if (snapshot) return this.fromSnapshot(snapshot);
    return this.compute(estate, period);
  }

  /** Always computes from the facts (closing and admin recomputes use this). */
  async compute(estate: Estate, period: string): Promise<ScorecardResponse> {
    return ReadMemo.run(() => this.computeLive(estate, period), { [estateMemoKey(estate.id)]: estate });
  }

  /**
   * Compliance summaries of several months for a trend (the monthly report's 12 months): closed
   * months from their snapshots (one query for all), open months computed — only their own 25
   * metrics, not the previous month a scorecard compares with — in one ReadMemo scope.
   */
  async summaries(estate: Estate, periods: string[]): Promise<Map<string, ScorecardResponse['summary']>> {
    const snapshots = periods.length
      ? await this.transactions.dataSource.manager.find(KpiSnapshot, {
          where: { estateId: estate.id, period: In(periods), current: true },
        })
      : [];
    const result = new Map<string, ScorecardResponse['summary']>();
    for (const snapshot of snapshots) result.set(snapshot.period, this.fromSnapshot(snapshot).summary);
    const open = periods.filter((period) => !result.has(period));
    await ReadMemo.run(
      async () => {
        for (const period of open) {
          const metrics = await this.computeMetrics(this.context(estate, period));
          result.set(period, summarise(metrics.map((metric) => metric.status)));
        }
      },
      { [estateMemoKey(estate.id)]: estate },
    );
    return result;
  }

  private async computeLive(estate: Estate, period: string): Promise<ScorecardResponse> {
    const context = this.context(estate, period);
    const previousSnapshot = await this.currentSnapshot(estate.id, previousPeriod(period));
    const [current, previous] = await Promise.all([
      this.computeMetrics(context),
      previousSnapshot
        ? Promise.resolve(null)
        : this.computeMetrics(this.context(estate, previousPeriod(period))),
    ]);
    const previousValues = new Map<string, number | null>(
      previousSnapshot
        ? (JSON.parse(previousSnapshot.payload) as ScorecardResponse).metrics.map((metric) => [
            metric.code,
            metric.value,
          ])
        : previous!.map((metric) => [metric.code, metric.value]),
    );
    const metrics = current.map((metric) => ({
      ...metric,
      previousValue: previousValues.get(metric.code) ?? null,
    }));
    return {
      estateId: estate.id,
      estateCode: estate.code,
      estateName: estate.name,
      timeZone: estate.timeZone,
      period,
      generatedAt: this.clock.now().toISOString(),
      source: 'live',
      snapshot: null,
      metrics,
      summary: summarise(metrics.map((metric) => metric.status)),
    };
  }

  async drillDown(user: AuthenticatedUser, code: string, query: DrillDownQuery): Promise<DrillDownResponse> {
    if (!METRIC_BY_CODE.has(code))
      throw new NotFoundError(
        'METRIC_NOT_FOUND',
        `There is no metric ${code}; see GET /kpi/targets/:estateId for the codes`,
      );
    const estate = await this.estates.accessibleEstate(user, query.estateId);
    this.assertNotFuture(estate, query.period);
    const page = await this.sources.get(code)!.records(this.context(estate, query.period), {
      part: query.part,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { code, ...page };
  }

  async trend(
    user: AuthenticatedUser,
    estateId: string,
    code: string,
    from: string,
    to: string,
  ): Promise<TrendResponse> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    if (from > to)
      throw new BadRequestError('PERIOD_RANGE_INVALID', `from (${from}) must not be after to (${to})`);
    this.assertNotFuture(estate, to);
    const periods = periodsBetween(from, to);
    if (periods.length > MAX_TREND_MONTHS)
      throw new BadRequestError('PERIOD_RANGE_TOO_LONG', `A trend covers at most ${MAX_TREND_MONTHS} months`);
    const definition = METRIC_BY_CODE.get(code)!;
    const snapshots = await this.transactions.dataSource.manager.find(KpiSnapshot, {
      where: { estateId, period: In(periods), current: true },
    });
    const points: TrendPoint[] = [];
    for (const period of periods) {
      const snapshot = snapshots.find((candidate) => candidate.period === period);
      const metric = snapshot
        ? (JSON.parse(snapshot.payload) as ScorecardResponse).metrics.find(
            (candidate) => candidate.code === code,
          )!
        : await this.computeOne(this.context(estate, period), definition.code);
      points.push({
        period,
        value: metric.value,
        status: metric.status,
        numerator: metric.numerator,
        denominator: metric.denominator,
        source: snapshot ? 'snapshot' : 'live',
      });
    }
    return { code, points };
  }

  async portfolio(user: AuthenticatedUser, query: PortfolioQuery): Promise<PortfolioResponse> {
    const visible = visibleEstateIds(user);
    const estates = visible ? await this.estates.findByIds(visible) : await this.estates.allActive();
    const rows: PortfolioRow[] = [];
    for (const estate of estates) {
      if (this.isFuture(estate, query.period)) continue;
      const scorecard = await this.scorecardFor(estate, query.period);
      rows.push({
        estateId: estate.id,
        estateCode: estate.code,
        estateName: estate.name,
        summary: scorecard.summary,
        failing: scorecard.metrics.filter((metric) => metric.status === 'fail').map((metric) => metric.code),
        source: scorecard.source,
      });
    }
    const direction = query.order === 'desc' ? -1 : 1;
    const key = (row: PortfolioRow): number | string =>
      query.sort === 'compliance'
        ? (row.summary.compliancePercent ?? -1)
        : query.sort === 'fail'
          ? row.summary.fail
          : query.sort === 'code'
            ? row.estateCode
            : row.estateName;
    rows.sort((left, right) =>
      key(left) < key(right)
        ? -direction
        : key(left) > key(right)
          ? direction
          : left.estateCode.localeCompare(right.estateCode),
    );
    return { period: query.period, rows };
  }

  /**
   * Closes a month: stores the scorecard as computed now as an immutable snapshot. Closing an
   * already closed month is refused, except by an admin giving a reason, which stores a new
   * version (the old one is kept, marked superseded) and is audited.
   */
  async close(
    user: AuthenticatedUser,
    estateId: string,
    period: string,
    recomputeReason?: string,
  ): Promise<ScorecardResponse> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    const { end } = periodRange(period, estate.timeZone);
    if (this.clock.now() < end)
      throw new ConflictError(
        'PERIOD_NOT_OVER',
        `${period} is not over yet in ${estate.timeZone}; it can be closed from its end on`,
      );
    const existing = await this.currentSnapshot(estateId, period);
    if (existing && !recomputeReason) {
      throw new ConflictError(
        'PERIOD_ALREADY_CLOSED',
        `${period} was closed on ${existing.closedAt.toISOString()} (version ${existing.version}); an admin may recompute it with a reason`,
      );
    }
    if (existing && user.role !== 'admin')
      throw new ForbiddenError('ROLE_FORBIDDEN', 'Only an admin may recompute a closed month');
    const scorecard = await this.compute(estate, period);
    const closedAt = this.clock.now();
    const saved = await this.transactions.run(async (manager) => {
      const latest = await manager.findOne(KpiSnapshot, {
        where: { estateId, period },
        order: { version: 'DESC' },
      });
      if ((latest?.version ?? 0) !== (existing?.version ?? 0))
        throw new ConflictError('CONCURRENT_MODIFICATION', `${period} was closed by someone else meanwhile`);
      if (latest) await manager.update(KpiSnapshot, { estateId, period }, { current: false });
      const version = (latest?.version ?? 0) + 1;
      const payload: ScorecardResponse = {
        ...scorecard,
        generatedAt: closedAt.toISOString(),
        source: 'snapshot',
        snapshot: { version, closedAt: closedAt.toISOString(), closedByName: user.displayName },
      };
      const snapshot = await manager.save(
        manager.create(KpiSnapshot, {
          estateId,
          period,
          version,
          current: true,
          closedAt,
          closedById: user.id,
          closedByName: user.displayName,
          reason: recomputeReason ?? null,
          payload: JSON.stringify(payload),
        }),
      );
      await this.audit.record(manager, {
        estateId,
        entityType: 'kpi_period',
        entityId: estateId,
        action: existing ? 'recompute' : 'close',
        actor: { id: user.id, name: user.displayName },
        toState: `${period} v${version}`,
        note: recomputeReason ?? null,
        details: { period, version, compliancePercent: scorecard.summary.compliancePercent },
        at: closedAt,
      });
      return snapshot;
    });
    return this.fromSnapshot(saved);
  }

  async isClosed(estateId: string, period: string): Promise<boolean> {
    return (await this.currentSnapshot(estateId, period)) !== null;
  }

  private async currentSnapshot(estateId: string, period: string): Promise<KpiSnapshot | null> {
    return this.transactions.dataSource.manager.findOne(KpiSnapshot, {
      where: { estateId, period, current: true },
    });
  }

  private fromSnapshot(snapshot: KpiSnapshot): ScorecardResponse {
    return JSON.parse(snapshot.payload) as ScorecardResponse;
  }

  private isFuture(estate: Estate, period: string): boolean {
    return period > periodOf(this.clock.now(), estate.timeZone);
  }

  private assertNotFuture(estate: Estate, period: string): void {
    if (this.isFuture(estate, period))
      throw new BadRequestError('PERIOD_IN_FUTURE', `${period} has not started yet in ${estate.timeZone}`);
  }

  private context(estate: Estate, period: string): MetricContext {
    const month = periodRange(period, estate.timeZone);
    const lastDate = lastDateOfPeriod(period);
    let households: Promise<number> | undefined;
    return {
      estate,
      period,
      month,
      end: month.end,
      yearToDate: yearToDateRange(period, estate.timeZone),
      trailingTwelveMonths: trailingTwelveMonthsRange(period, estate.timeZone),
      lastDate,
      households: () => (households ??= this.occupancy.occupiedUnitCount(estate.id, lastDate)),
    };
  }

  private async computeMetrics(context: MetricContext): Promise<Omit<MetricResult, 'previousValue'>[]> {
    const targets = await this.targets.targetsAt(context.estate.id, context.end);
    const results: Omit<MetricResult, 'previousValue'>[] = [];
    // Sequential on purpose: one connection's worth of load per scorecard, however many are asked at once.
    for (const definition of METRICS)
      results.push(await this.evaluate(context, definition.code, targets.get(definition.code)!));
    return results;
  }

  private async computeOne(
    context: MetricContext,
    code: string,
  ): Promise<Omit<MetricResult, 'previousValue'>> {
    const targets = await this.targets.targetsAt(context.estate.id, context.end);
    return this.evaluate(context, code, targets.get(code)!);
  }

  private async evaluate(
    context: MetricContext,
    code: string,
    target: { target: number; comparator: '>=' | '<=' },
  ): Promise<Omit<MetricResult, 'previousValue'>> {
    const definition = METRIC_BY_CODE.get(code)!;
    const figures = await this.sources.get(code)!.figures(context);
    const evaluation = evaluateMetric(definition, figures, target.target, target.comparator);
    return {
      number: definition.number,
      code: definition.code,
      nameZh: definition.nameZh,
      nameEn: definition.nameEn,
      unit: definition.unit,
      basis: definition.basis,
      numerator: figures.numerator,
      denominator: definition.unit === 'count' ? null : figures.denominator,
      value: evaluation.value,
      target: target.target,
      comparator: target.comparator,
      status: evaluation.status,
      ...(figures.lowConfidence !== undefined && { lowConfidence: figures.lowConfidence }),
      ...(figures.coveragePercent !== undefined && { coveragePercent: figures.coveragePercent }),
    };
  }
}
