import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AuthenticatedUser } from '@estate/auth';
import { AuditService, JobRunner, TransactionService } from '@estate/database';
import { Estate, EstatesService, Resident, Unit } from '@estate/estates';
import {
  BadRequestError,
  Clock,
  Page,
  UnprocessableError,
  baseColumns,
  isPeriod,
  isUniqueViolation,
  pageOf,
  periodOf,
  periodRange,
  shiftPeriod,
} from '@estate/shared';
import { EntityManager } from 'typeorm';
import { BillingRunQuery, BillingRunResponse, StartBillingRunRequest } from './dto/billing.dto';
import { Bill, BillingRun, FeeItem, MeterReading } from './entities';
import {
  billedDaysFor,
  dueDateFor,
  meteredAmountFen,
  oneOffAmountFen,
  perAreaAmountFen,
  perUnitAmountFen,
} from './calculations/billing-amounts';
import { LedgerService } from './ledger.service';
import { toBillingRunResponse } from './mappers';

/** Units read per page and bill rows per INSERT statement. */
export const BILLING_CHUNK_SIZE = 500;
export const BILLING_RUN_JOB = 'billing-run';
const SCHEDULER_ACTOR = 'scheduler';

type BillRow = Omit<Bill, 'fillBaseColumns' | 'touch'>;

/**
 * Billing runs (开账): `(estate, period)` → one bill per unit × applicable active fee item.
 * Idempotent: the unique key (unit, fee item, period) decides; each chunk first reads which keys
 * exist and inserts only the missing ones, and a chunk that loses a race to a concurrent run is
 * re-read and retried, so a bill is never duplicated. Units are read in keyset pages; each page's
 * bills are inserted with multi-row INSERTs inside one transaction together with the unit-credit
 * (预存) application to the new bills.
 */
@Injectable()
export class BillingRunService {
  private readonly logger = new Logger(BillingRunService.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly jobRunner: JobRunner,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
  ) {}

  /** POST /billing-runs: checks the caller may bill this estate, then runs. */
  async start(user: AuthenticatedUser, request: StartBillingRunRequest): Promise<BillingRunResponse> {
    await this.estates.accessibleEstate(user, request.estateId);
    return toBillingRunResponse(
      await this.run(request.estateId, request.period, { id: user.id, name: user.displayName }),
    );
  }

  async list(user: AuthenticatedUser, query: BillingRunQuery): Promise<Page<BillingRunResponse>> {
    await this.estates.accessibleEstate(user, query.estateId);
    const [runs, total] = await this.transactions.dataSource.manager.findAndCount(BillingRun, {
      where: { estateId: query.estateId, ...(query.period ? { period: query.period } : {}) },
      order: { startedAt: 'DESC', id: 'DESC' },
      skip: query.offset,
      take: query.pageSize,
    });
    return pageOf(runs.map(toBillingRunResponse), total, query);
  }

  /**
   * Daily at 01:00 UTC: bills the current period (in each estate's zone) of every active estate, once
   * per (estate, period) through the job ledger; a missed day is caught up the next day.
   */
  @Cron('0 0 1 * * *', { name: 'billing-run' })
  async scheduledRun(): Promise<void> {
    for (const estate of await this.estates.allActive()) {
      const period = periodOf(this.clock.now(), estate.timeZone);
      try {
        await this.runScheduled(estate.id, period);
      } catch (error) {
        this.logger.error(`Billing run ${estate.code} ${period} failed: ${String(error)}`);
      }
    }
  }

  /**
   * The scheduled path: at most once per (estate, period) across all API instances. A run whose
   * process died is taken over when its lease expires (by an instance that saw it running, or by the
   * next tick or start-up); the successor bills only the units still missing (the unique key
   * decides) and marks the dead process's `running` billing-run record `failed` (abandoned), so no
   * record stays `running` for ever and every bill keeps the run record it was created under.
   */
  runScheduled(estateId: string, period: string) {
    return this.jobRunner.runOnce(
      BILLING_RUN_JOB,
      `${estateId}:${period}`,
      async (ledgerRun) => {
        if (ledgerRun.attempts > 1) await this.markAbandoned(estateId, period, ledgerRun.startedAt);
        const run = await this.run(estateId, period, { id: null, name: SCHEDULER_ACTOR });
        return { billingRunId: run.id, billsCreated: run.billsCreated, billsExisting: run.billsExisting };
      },
      { takeOverIfAbandoned: true },
    );
  }

  /** Scheduled runs of this (estate, period) left `running` by a process that died before `before`. */
  private async markAbandoned(estateId: string, period: string, before: Date): Promise<void> {
    const now = this.clock.now();
    const result = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(BillingRun)
        .set({
          status: 'failed',
          finishedAt: now,
          error: 'Abandoned: the process running it stopped; the scheduler took the run over',
          updatedAt: now,
        })
        .where("estate_id = :estateId AND period = :period AND status = 'running'", { estateId, period })
        .andWhere('triggered_by = :scheduler AND started_at < :before', {
          scheduler: SCHEDULER_ACTOR,
          before,
        })
        .execute(),
    );
    if (result.affected)
      this.logger.warn(`Marked ${result.affected} abandoned billing run(s) of ${estateId} ${period} failed`);
  }

  /**
   * Bills every unit of the estate for the period. Refuses periods more than one month ahead of the
   * estate's current month (422 BILLING_PERIOD_TOO_FAR_AHEAD). Safe to call again: only missing
   * bills are created.
   */
  async run(
    estateId: string,
    period: string,
    actor: { id: string | null; name: string },
  ): Promise<BillingRun> {
    if (!isPeriod(period)) throw new BadRequestError('INVALID_PERIOD', `Not a period (YYYY-MM): ${period}`);
    const estate = await this.estates.require(estateId);
    const latest = shiftPeriod(periodOf(this.clock.now(), estate.timeZone), 1);
    if (period > latest)
      throw new UnprocessableError(
        'BILLING_PERIOD_TOO_FAR_AHEAD',
        `Cannot bill ${period}: the latest period that may be billed now is ${latest}`,
        { period, latest },
      );
    const startedAt = this.clock.now();
    const run = await this.transactions.run(async (manager) => {
      const created = manager.create(BillingRun, {
        estateId,
        period,
        status: 'running',
        unitCount: 0,
        billsCreated: 0,
        billsExisting: 0,
        amountCreatedFen: 0,
        creditAppliedFen: 0,
        triggeredBy: actor.name.slice(0, 100),
        startedAt,
        finishedAt: null,
        error: null,
      });
      await manager.save(created);
      return created;
    });
    try {
      const items = await this.applicableItems(estate, period);
      let afterId = '';
      for (;;) {
        const units = await this.transactions.dataSource.manager
          .createQueryBuilder(Unit, 'unit')
          .where('unit.estate_id = :estateId AND unit.id > :afterId', { estateId, afterId })
          .orderBy('unit.id', 'ASC')
          .take(BILLING_CHUNK_SIZE)
          .getMany();
        if (!units.length) break;
        afterId = units[units.length - 1].id;
        const outcome = await this.billChunk(estate, period, items, units, run.id);
        run.unitCount += units.length;
        run.billsCreated += outcome.created;
        run.billsExisting += outcome.existing;
        run.amountCreatedFen += outcome.amountFen;
        run.creditAppliedFen += outcome.creditAppliedFen;
      }
      run.status = 'succeeded';
      run.finishedAt = this.clock.now();
      await this.transactions.run(async (manager) => {
        await manager.save(run);
        await this.audit.record(manager, {
          estateId,
          entityType: 'billing_run',
          entityId: run.id,
          action: 'succeed',
          actor,
          fromState: 'running',
          toState: 'succeeded',
          details: {
            period,
            unitCount: run.unitCount,
            billsCreated: run.billsCreated,
            billsExisting: run.billsExisting,
            amountCreatedFen: run.amountCreatedFen,
            creditAppliedFen: run.creditAppliedFen,
          },
        });
      });
      return run;
    } catch (error) {
      run.status = 'failed';
      run.finishedAt = this.clock.now();
      run.error = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      await this.transactions
        .run((manager) => manager.save(run))
        .catch((saveError) => this.logger.error(`Could not mark run ${run.id} failed: ${String(saveError)}`));
      throw error;
    }
  }

  private async applicableItems(estate: Estate, period: string): Promise<FeeItem[]> {
    const items = await this.transactions.dataSource.manager
      .createQueryBuilder(FeeItem, 'item')
      .where('item.estate_id = :estateId AND item.active = :active', { estateId: estate.id, active: true })
      .andWhere('item.active_from <= :period', { period })
      .andWhere('(item.active_to IS NULL OR item.active_to >= :period)', { period })
      .orderBy('item.id', 'ASC')
      .getMany();
    // on_demand items (维修费) are billed by their events, never by a run.
    return items.filter(
      (item) => item.basis !== 'on_demand' && (item.basis !== 'one_off' || item.activeFrom === period),
    );
  }

  /** One page of units in one transaction; retried once if a concurrent run inserted the same keys. */
  private async billChunk(
    estate: Estate,
    period: string,
    items: FeeItem[],
    units: Unit[],
    runId: string,
  ): Promise<{ created: number; existing: number; amountFen: number; creditAppliedFen: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactions.run((manager) =>
          this.billChunkOnce(manager, estate, period, items, units, runId),
        );
      } catch (error) {
        if (attempt >= 2 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  private async billChunkOnce(
    manager: EntityManager,
    estate: Estate,
    period: string,
    items: FeeItem[],
    units: Unit[],
    runId: string,
  ) {
    const unitIds = units.map((unit) => unit.id);
    const existingRows: { unit_id: string; fee_item_id: string }[] = await manager
      .createQueryBuilder(Bill, 'bill')
      .select('bill.unit_id', 'unit_id')
      .addSelect('bill.fee_item_id', 'fee_item_id')
      .where('bill.period = :period AND bill.unit_id IN (:...unitIds)', { period, unitIds })
      .getRawMany();
    const existing = new Set(existingRows.map((row) => `${row.unit_id}:${row.fee_item_id}`));
    const firstMoveIns = await this.firstMoveInDates(manager, unitIds);
    const consumption = items.some((item) => item.basis === 'metered')
      ? await this.consumptionByUnit(manager, estate, period, unitIds)
      : new Map<string, number>();
    const dueDate = dueDateFor(period, this.estates.settingsOf(estate).billing.dueDay);
    const now = this.clock.now();
    const rows: BillRow[] = [];
    for (const unit of units) {
      const days = billedDaysFor(period, firstMoveIns.get(unit.id) ?? null);
      for (const item of items) {
        if (!item.unitTypes.includes(unit.type) || existing.has(`${unit.id}:${item.id}`)) continue;
        let amountFen = 0;
        let quantity: number | null = null;
        let billed = { billedDays: days?.billedDays ?? 0, daysInPeriod: days?.daysInPeriod ?? 0 };
        if (item.basis === 'per_area' || item.basis === 'per_unit') {
          if (!days) continue;
          amountFen =
            item.basis === 'per_area'
              ? perAreaAmountFen(unit.floorAreaHundredths, item.priceCentiFen, days)
              : perUnitAmountFen(item.priceCentiFen, days);
        } else {
          const full = billedDaysFor(period, null)!;
          billed = full;
          if (item.basis === 'metered') {
            quantity = consumption.get(`${unit.id}:${item.meterType}`) ?? 0;
            amountFen = meteredAmountFen(quantity, item.priceCentiFen);
          } else amountFen = oneOffAmountFen(item.priceCentiFen);
        }
        if (amountFen <= 0) continue;
        rows.push({
          ...baseColumns(now),
          estateId: estate.id,
          buildingId: unit.buildingId,
          unitId: unit.id,
          feeItemId: item.id,
          billingRunId: runId,
          period,
          category: item.category,
          itemName: item.name,
          amountFen,
          paidFen: 0,
          waivedFen: 0,
          dueDate,
          billedDays: billed.billedDays,
          daysInPeriod: billed.daysInPeriod,
          quantityHundredths: quantity,
          workOrderId: null,
          chargeKey: '',
        });
      }
    }
    for (let start = 0; start < rows.length; start += BILLING_CHUNK_SIZE)
      await manager
        .createQueryBuilder()
        .insert()
        .into(Bill)
        .values(rows.slice(start, start + BILLING_CHUNK_SIZE))
        .updateEntity(false)
        .execute();
    const creditAppliedFen = rows.length
      ? await this.ledger.applyCredit(manager, estate.id, [...new Set(rows.map((row) => row.unitId))], now)
      : 0;
    return {
      created: rows.length,
      existing: existing.size,
      amountFen: rows.reduce((sum, row) => sum + row.amountFen, 0),
      creditAppliedFen,
    };
  }

  private async firstMoveInDates(manager: EntityManager, unitIds: string[]): Promise<Map<string, string>> {
    const rows: { unit_id: string; first: string }[] = await manager
      .createQueryBuilder(Resident, 'resident')
      .select('resident.unit_id', 'unit_id')
      .addSelect('MIN(resident.move_in_date)', 'first')
      .where('resident.unit_id IN (:...unitIds)', { unitIds })
      .groupBy('resident.unit_id')
      .getRawMany();
    return new Map(rows.map((row) => [row.unit_id, row.first]));
  }

  /** Consumption per unit and meter type from readings taken in the period. */
  private async consumptionByUnit(
    manager: EntityManager,
    estate: Estate,
    period: string,
    unitIds: string[],
  ): Promise<Map<string, number>> {
    const range = periodRange(period, estate.timeZone);
    const rows: { unit_id: string; meter_type: string; total: string | number }[] = await manager
      .createQueryBuilder(MeterReading, 'reading')
      .select('reading.unit_id', 'unit_id')
      .addSelect('reading.meter_type', 'meter_type')
      .addSelect('SUM(reading.consumption_hundredths)', 'total')
      .where('reading.unit_id IN (:...unitIds)', { unitIds })
      .andWhere('reading.read_at >= :start AND reading.read_at < :end', range)
      .groupBy('reading.unit_id')
      .addGroupBy('reading.meter_type')
      .getRawMany();
    return new Map(rows.map((row) => [`${row.unit_id}:${row.meter_type}`, Number(row.total)]));
  }
}
