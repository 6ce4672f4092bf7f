import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { Building, EstatesService } from '@estate/estates';
import { Page, pageOf, periodRange, yearToDatePeriods } from '@estate/shared';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { CollectionBreakdownRow, CollectionFigures, CollectionResponse } from './dto/arrears.dto';
import { UnpaidBillResponse } from './dto/billing.dto';
import { Bill, BillAdjustment, FeeAllocation, FeeCategory } from './entities';
import { toBillResponse } from './mappers';

/** KPI #4 figures: numerator, denominator and rate (null when nothing was receivable). */
export interface CollectionRate {
  numeratorFen: number;
  denominatorFen: number;
  rate: number | null;
}

export type UnpaidBill = UnpaidBillResponse;

interface FigureScope {
  estateId: string;
  fromPeriod: string;
  toPeriod: string;
  /** Facts strictly before this instant count. */
  end: Date;
  category?: FeeCategory;
}

type GroupColumn = 'category' | 'building_id' | null;

/**
 * Collection figures (收缴率) as SQL aggregates. The one rule used everywhere:
 * - receivable = bills of the periods (by bill period), amount minus waivers approved before `end`;
 * - collected = allocations to those bills with paidAt < `end`, not reversed with effect before `end`
 *   (`reversed_at IS NULL OR reversed_at >= end`; `reversed_at` is the reversal's effectiveAt): a
 *   reversal never rewrites a period that ended before it took effect, so a figure computed live and
 *   the closed snapshot of the same period agree, and a later period's year-to-date figure drops it;
 * - rate = collected / receivable, null when receivable is 0 (no data, never 100 %).
 */
@Injectable()
export class CollectionService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
  ) {}

  /**
   * KPI #4 管理费收缴率 (public, for the KPI library): management-fee amount paid by period end on
   * bills of periods January..period of the same year, over the amount billed on those bills net of
   * waivers effective by period end. Payments dated on/after period end do not count; payments
   * reversed with effect by period end do not count, those reversed later still do (the later
   * period's year-to-date figure drops them).
   */
  async managementFeeCollectionRate(estateId: string, period: string): Promise<CollectionRate> {
    const estate = await this.estates.require(estateId);
    const [figures] = await this.figures(this.manager, {
      estateId,
      fromPeriod: yearToDatePeriods(period)[0],
      toPeriod: period,
      end: periodRange(period, estate.timeZone).end,
      category: 'management_fee',
    });
    return { numeratorFen: figures.collectedFen, denominatorFen: figures.receivableFen, rate: figures.rate };
  }

  /**
   * KPI #4 drill-down (public): management-fee bills of periods Jan..period still outstanding as of
   * the period end, oldest due first.
   */
  async unpaidManagementFeeBills(
    estateId: string,
    period: string,
    paging: { page: number; pageSize: number },
  ): Promise<Page<UnpaidBill>> {
    const estate = await this.estates.require(estateId);
    const end = periodRange(period, estate.timeZone).end;
    const builder = this.manager
      .createQueryBuilder(Bill, 'bill')
      .addSelect(`(${PAID_BEFORE})`, 'paid_before')
      .addSelect(`(${WAIVED_BEFORE})`, 'waived_before')
      .where('bill.estate_id = :estateId AND bill.category = :category', {
        estateId,
        category: 'management_fee',
      })
      .andWhere('bill.period >= :fromPeriod AND bill.period <= :toPeriod', {
        fromPeriod: yearToDatePeriods(period)[0],
        toPeriod: period,
      })
      .andWhere(`bill.amount_fen - (${PAID_BEFORE}) - (${WAIVED_BEFORE}) > 0`)
      .setParameters({ end });
    const total = await builder.getCount();
    const { entities, raw } = await builder
      .orderBy('bill.due_date', 'ASC')
      .addOrderBy('bill.id', 'ASC')
      .offset((paging.page - 1) * paging.pageSize)
      .limit(paging.pageSize)
      .getRawAndEntities();
    const items = entities.map((bill, index) => {
      const paid = Number(raw[index].paid_before ?? 0);
      const waived = Number(raw[index].waived_before ?? 0);
      return {
        ...toBillResponse(bill),
        outstandingAtPeriodEndFen: bill.amountFen - paid - waived,
      };
    });
    return pageOf(items, total, paging);
  }

  /** The KPI drill-down over HTTP: the same list after the estate check. */
  async unpaidForUser(
    user: AuthenticatedUser,
    estateId: string,
    period: string,
    paging: { page: number; pageSize: number },
  ): Promise<Page<UnpaidBill>> {
    await this.estates.accessibleEstate(user, estateId);
    return this.unpaidManagementFeeBills(estateId, period, paging);
  }

  /** GET /fees/collection: current month and YTD, 清欠, by category and by building. */
  async collection(user: AuthenticatedUser, estateId: string, period: string): Promise<CollectionResponse> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    const range = periodRange(period, estate.timeZone);
    const month: FigureScope = { estateId, fromPeriod: period, toPeriod: period, end: range.end };
    const ytd: FigureScope = { ...month, fromPeriod: yearToDatePeriods(period)[0] };
    const manager = this.manager;
    const [current] = await this.figures(manager, month);
    const [yearToDate] = await this.figures(manager, ytd);
    const byCategory = await this.breakdown(manager, month, ytd, 'category');
    const byBuilding = await this.breakdown(manager, month, ytd, 'building_id');
    const buildings = byBuilding.length
      ? await manager.findBy(Building, { id: In(byBuilding.map((row) => row.key)) })
      : [];
    for (const row of byBuilding)
      row.label = buildings.find((building) => building.id === row.key)?.number ?? null;
    return {
      estateId,
      period,
      currentMonth: strip(current),
      yearToDate: strip(yearToDate),
      arrearsRecoveredFen: await this.arrearsRecovered(manager, estateId, period, range.start, range.end),
      byCategory,
      byBuilding,
    };
  }

  /**
   * 清欠 (public): collected during the period [start, end) on bills of EARLIER periods, payments
   * reversed with effect before `end` excluded.
   */
  async arrearsRecovered(
    manager: EntityManager,
    estateId: string,
    period: string,
    start: Date,
    end: Date,
  ): Promise<number> {
    const row: { total: string | number | null } | undefined = await manager
      .createQueryBuilder(FeeAllocation, 'allocation')
      .select('SUM(allocation.amount_fen)', 'total')
      .where('allocation.estate_id = :estateId AND allocation.bill_period < :period', { estateId, period })
      .andWhere('allocation.paid_at >= :start AND allocation.paid_at < :end', { start, end })
      .andWhere('(allocation.reversed_at IS NULL OR allocation.reversed_at >= :end)', { end })
      .getRawOne();
    return Number(row?.total ?? 0);
  }

  private get manager(): EntityManager {
    return this.transactions.dataSource.manager;
  }

  private async breakdown(
    manager: EntityManager,
    month: FigureScope,
    ytd: FigureScope,
    group: 'category' | 'building_id',
  ): Promise<CollectionBreakdownRow[]> {
    const current = await this.figures(manager, month, group);
    const yearly = await this.figures(manager, ytd, group);
    const zero: CollectionFigures = { receivableFen: 0, collectedFen: 0, rate: null };
    return yearly
      .map((row) => ({
        key: row.key ?? '',
        label: group === 'category' ? row.key : null,
        currentMonth: strip(current.find((item) => item.key === row.key) ?? { ...zero, key: row.key }),
        yearToDate: strip(row),
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Receivable and collected per group (or one row when group is null), in three indexed aggregates. */
  private async figures(
    manager: EntityManager,
    scope: FigureScope,
    group: GroupColumn = null,
  ): Promise<(CollectionFigures & { key: string | null })[]> {
    const scoped = <T extends object>(builder: SelectQueryBuilder<T>) => {
      builder
        .andWhere('bill.estate_id = :estateId', { estateId: scope.estateId })
        .andWhere('bill.period >= :fromPeriod AND bill.period <= :toPeriod', {
          fromPeriod: scope.fromPeriod,
          toPeriod: scope.toPeriod,
        });
      if (scope.category) builder.andWhere('bill.category = :category', { category: scope.category });
      if (group) builder.addSelect(`bill.${group}`, 'group_key').groupBy(`bill.${group}`);
      return builder;
    };
    const billed: RawSum[] = await scoped(
      manager.createQueryBuilder(Bill, 'bill').select('SUM(bill.amount_fen)', 'total'),
    ).getRawMany();
    const waived: RawSum[] = await scoped(
      manager
        .createQueryBuilder(BillAdjustment, 'adjustment')
        .innerJoin(Bill, 'bill', 'bill.id = adjustment.bill_id')
        .select('SUM(adjustment.amount_fen)', 'total')
        .where('adjustment.approved_at < :end', { end: scope.end }),
    ).getRawMany();
    // Allocations carry their bill's period, category and building: one covering-index range scan.
    const collectedBuilder = manager
      .createQueryBuilder(FeeAllocation, 'allocation')
      .select('SUM(allocation.amount_fen)', 'total')
      .where('allocation.estate_id = :estateId', { estateId: scope.estateId })
      .andWhere('allocation.bill_period >= :fromPeriod AND allocation.bill_period <= :toPeriod', {
        fromPeriod: scope.fromPeriod,
        toPeriod: scope.toPeriod,
      })
      .andWhere('allocation.paid_at < :end', { end: scope.end })
      .andWhere('(allocation.reversed_at IS NULL OR allocation.reversed_at >= :end)', { end: scope.end });
    if (scope.category)
      collectedBuilder.andWhere('allocation.bill_category = :category', { category: scope.category });
    if (group) {
      const column = group === 'category' ? 'bill_category' : group;
      collectedBuilder.addSelect(`allocation.${column}`, 'group_key').groupBy(`allocation.${column}`);
    }
    const collected: RawSum[] = await collectedBuilder.getRawMany();
    const keyOf = (row: RawSum) => (group ? (row.group_key ?? null) : null);
    const totalOf = (rows: RawSum[], key: string | null) =>
      Number(rows.find((row) => keyOf(row) === key)?.total ?? 0);
    const keys = group ? [...new Set(billed.map(keyOf))] : [null];
    return keys.map((key) => {
      const receivableFen = totalOf(billed, key) - totalOf(waived, key);
      const collectedFen = totalOf(collected, key);
      return { key, receivableFen, collectedFen, rate: rateOf(collectedFen, receivableFen) };
    });
  }
}

interface RawSum {
  total: string | number | null;
  group_key?: string;
}

/** Paid on a bill before :end, not reversed with effect before :end (correlated subquery on `bill`). */
const PAID_BEFORE =
  'SELECT COALESCE(SUM(paid.amount_fen), 0) FROM fee_allocations paid WHERE paid.bill_id = bill.id AND paid.paid_at < :end AND (paid.reversed_at IS NULL OR paid.reversed_at >= :end)';
/** Waived on a bill before :end. */
const WAIVED_BEFORE =
  'SELECT COALESCE(SUM(waiver.amount_fen), 0) FROM bill_adjustments waiver WHERE waiver.bill_id = bill.id AND waiver.approved_at < :end';

export const AS_OF_SQL = { PAID_BEFORE, WAIVED_BEFORE };

/** Rate rounded to 4 decimals (0.9876 = 98.76 %), null when nothing is receivable. */
export function rateOf(collectedFen: number, receivableFen: number): number | null {
  if (receivableFen <= 0) return null;
  return Math.round((collectedFen / receivableFen) * 10000) / 10000;
}

function strip(row: CollectionFigures & { key?: string | null }): CollectionFigures {
  return { receivableFen: row.receivableFen, collectedFen: row.collectedFen, rate: row.rate };
}
