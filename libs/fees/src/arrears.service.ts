import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { Building, Estate, EstatesService, OccupancyService, Resident, Unit } from '@estate/estates';
import {
  Clock,
  Page,
  UnprocessableError,
  addDaysToLocalDate,
  maskPhone,
  pageOf,
  startOfLocalDate,
} from '@estate/shared';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AGING_BUCKETS, AgingBucket, agingDueDateRanges } from './calculations/aging';
import { lateFeeFen } from './calculations/late-fee';
import { AS_OF_SQL } from './collection.service';
import {
  AgingAmounts,
  ArrearsBuildingTotal,
  ArrearsResponse,
  ArrearsUnitRow,
  CreateDunningRecordRequest,
  DunningQuery,
  DunningRecordResponse,
} from './dto/arrears.dto';
import { Bill, DunningRecord, Payment } from './entities';
import { toDunningRecordResponse } from './mappers';

/** Units whose details (unit, last payment, contact, late fee) are read in one batch of lookups. */
const DETAIL_BATCH = 500;

interface ArrearsScope {
  estate: Estate;
  asOf: string;
  /** End of the asOf date (exclusive). */
  end: Date;
}

interface RawAgingRow {
  unit_id?: string;
  building_id: string;
  bill_count?: string | number;
  unit_count?: string | number;
  total: string | number;
  days0To30: string | number;
  days31To90: string | number;
  days91To180: string | number;
  days181To365: string | number;
  over365: string | number;
}

/**
 * Arrears (欠费) as of a date and the dunning log (催缴记录). A bill is in arrears on `asOf` when it
 * existed by the end of that day, its due date is on or before `asOf`, and its amount minus
 * waivers and payments effective by the end of that day (less payments reversed with effect by then) is
 * positive. Days past due = asOf − due date (0 on the due date).
 */
@Injectable()
export class ArrearsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async scope(user: AuthenticatedUser, estateId: string, asOf: string): Promise<ArrearsScope> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    return this.scopeOf(estate, asOf);
  }

  scopeOf(estate: Estate, asOf: string): ArrearsScope {
    return {
      estate,
      asOf,
      end: startOfLocalDate(addDaysToLocalDate(asOf, 1), estate.timeZone),
    };
  }

  /** GET /arrears: units with arrears (paged), totals per building and overall. */
  async arrears(
    user: AuthenticatedUser,
    estateId: string,
    asOf: string,
    paging: { page: number; pageSize: number },
  ): Promise<ArrearsResponse> {
    const scope = await this.scope(user, estateId, asOf);
    const manager = this.transactions.dataSource.manager;
    const buildings = await this.buildingTotals(manager, scope);
    const total = emptyAging();
    let unitCount = 0;
    for (const building of buildings) {
      for (const key of [...AGING_BUCKETS, 'totalFen'] as const) total[key] += building.outstanding[key];
      unitCount += building.unitCount;
    }
    const units = await this.unitRows(manager, scope, {
      offset: (paging.page - 1) * paging.pageSize,
      limit: paging.pageSize,
    });
    return {
      estateId,
      asOf,
      units,
      unitCount,
      page: paging.page,
      pageSize: paging.pageSize,
      buildings,
      total,
    };
  }

  /** Units with arrears in unit-id order, a page at a time (offset) or after a unit id (keyset, for exports). */
  async unitRows(
    manager: EntityManager,
    scope: ArrearsScope,
    window: { offset?: number; afterUnitId?: string; limit: number },
  ): Promise<ArrearsUnitRow[]> {
    const builder = this.agingSelect(manager, scope)
      .addSelect('x.unit_id', 'unit_id')
      .addSelect('COUNT(*)', 'bill_count')
      .groupBy('x.unit_id')
      .addGroupBy('x.building_id')
      .orderBy('x.unit_id', 'ASC')
      .limit(window.limit);
    if (window.afterUnitId) builder.andWhere('x.unit_id > :afterUnitId', { afterUnitId: window.afterUnitId });
    if (window.offset) builder.offset(window.offset);
    return this.unitDetails(manager, scope, await builder.getRawMany());
  }

  /**
   * The whole arrears picture in ONE aggregate over the outstanding bills (per unit): the building
   * totals are summed from the unit rows, and the first `limit` units (unit-id order) get their
   * details (unit, building, last payment, contact, late fee) in batches. For the monthly report,
   * which otherwise ran the aggregate once for the totals and again for every page of units.
   */
  async overview(
    manager: EntityManager,
    scope: ArrearsScope,
    limit: number,
  ): Promise<{ buildings: ArrearsBuildingTotal[]; units: ArrearsUnitRow[]; unitCount: number }> {
    const rows: RawAgingRow[] = await this.agingSelect(manager, scope)
      .addSelect('x.unit_id', 'unit_id')
      .addSelect('COUNT(*)', 'bill_count')
      .groupBy('x.unit_id')
      .addGroupBy('x.building_id')
      .orderBy('x.unit_id', 'ASC')
      .getRawMany();
    const perBuilding = new Map<string, { unitCount: number; outstanding: AgingAmounts }>();
    for (const row of rows) {
      const building = perBuilding.get(row.building_id) ?? { unitCount: 0, outstanding: emptyAging() };
      const amounts = agingOf(row);
      for (const key of [...AGING_BUCKETS, 'totalFen'] as const) building.outstanding[key] += amounts[key];
      building.unitCount++;
      perBuilding.set(row.building_id, building);
    }
    const buildings = await this.buildingRows(
      manager,
      [...perBuilding].map(([buildingId, totals]) => ({ buildingId, ...totals })),
    );
    const units: ArrearsUnitRow[] = [];
    const listed = rows.slice(0, limit);
    for (let start = 0; start < listed.length; start += DETAIL_BATCH)
      units.push(...(await this.unitDetails(manager, scope, listed.slice(start, start + DETAIL_BATCH))));
    return { buildings, units, unitCount: rows.length };
  }

  private async unitDetails(
    manager: EntityManager,
    scope: ArrearsScope,
    rows: RawAgingRow[],
  ): Promise<ArrearsUnitRow[]> {
    if (!rows.length) return [];
    const unitIds = rows.map((row) => row.unit_id!);
    const units = new Map((await manager.findBy(Unit, { id: In(unitIds) })).map((unit) => [unit.id, unit]));
    const buildings = new Map(
      (await manager.findBy(Building, { id: In([...new Set(rows.map((row) => row.building_id))]) })).map(
        (building) => [building.id, building],
      ),
    );
    const lastPayments = await this.lastPayments(manager, scope, unitIds);
    const contacts = await this.contacts(manager, scope, unitIds);
    const lateFees = await this.lateFees(manager, scope, unitIds);
    return rows.map((row) => {
      const unitId = row.unit_id!;
      const payment = lastPayments.get(unitId);
      const contact = contacts.get(unitId);
      return {
        unitId,
        unitNumber: units.get(unitId)?.number ?? '',
        buildingId: row.building_id,
        buildingNumber: buildings.get(row.building_id)?.number ?? '',
        outstanding: agingOf(row),
        billCount: Number(row.bill_count ?? 0),
        lateFeeFen: lateFees.get(unitId) ?? 0,
        lastPaymentAt: payment?.paidAt.toISOString() ?? null,
        lastPaymentFen: payment?.amountFen ?? null,
        contactName: contact?.name ?? null,
        contactPhone: maskPhone(contact?.phone),
      };
    });
  }

  async buildingTotals(manager: EntityManager, scope: ArrearsScope): Promise<ArrearsBuildingTotal[]> {
    const rows: RawAgingRow[] = await this.agingSelect(manager, scope)
      .addSelect('COUNT(DISTINCT x.unit_id)', 'unit_count')
      .groupBy('x.building_id')
      .orderBy('x.building_id', 'ASC')
      .getRawMany();
    return this.buildingRows(
      manager,
      rows.map((row) => ({
        buildingId: row.building_id,
        unitCount: Number(row.unit_count ?? 0),
        outstanding: agingOf(row),
      })),
    );
  }

  /** Building numbers added, in building-number order. */
  private async buildingRows(
    manager: EntityManager,
    totals: Omit<ArrearsBuildingTotal, 'buildingNumber'>[],
  ): Promise<ArrearsBuildingTotal[]> {
    const buildings = totals.length
      ? await manager.findBy(Building, { id: In(totals.map((row) => row.buildingId)) })
      : [];
    return totals
      .map((row) => ({
        buildingId: row.buildingId,
        buildingNumber: buildings.find((building) => building.id === row.buildingId)?.number ?? '',
        unitCount: row.unitCount,
        outstanding: row.outstanding,
      }))
      .sort((a, b) => a.buildingNumber.localeCompare(b.buildingNumber, 'zh-CN', { numeric: true }));
  }

  /** Bills outstanding as of the scope, one row per bill (derived table `x`). */
  private outstandingBills(manager: EntityManager, scope: ArrearsScope) {
    return manager
      .createQueryBuilder()
      .from(
        (sub: SelectQueryBuilder<Bill>) =>
          sub
            .select('bill.unit_id', 'unit_id')
            .addSelect('bill.building_id', 'building_id')
            .addSelect('bill.due_date', 'due_date')
            .addSelect(
              `bill.amount_fen - (${AS_OF_SQL.PAID_BEFORE}) - (${AS_OF_SQL.WAIVED_BEFORE})`,
              'outstanding',
            )
            .from(Bill, 'bill')
            .where('bill.estate_id = :estateId AND bill.due_date <= :asOf AND bill.created_at < :end'),
        'x',
      )
      .where('x.outstanding > 0')
      .setParameters({ estateId: scope.estate.id, asOf: scope.asOf, end: scope.end });
  }

  private agingSelect(manager: EntityManager, scope: ArrearsScope) {
    const ranges = agingDueDateRanges(scope.asOf);
    const builder = this.outstandingBills(manager, scope)
      .select('x.building_id', 'building_id')
      .addSelect('SUM(x.outstanding)', 'total');
    for (const bucket of AGING_BUCKETS) {
      const { from, to } = ranges[bucket];
      const condition = from
        ? `x.due_date >= :${bucket}From AND x.due_date <= :${bucket}To`
        : `x.due_date <= :${bucket}To`;
      builder.addSelect(`SUM(CASE WHEN ${condition} THEN x.outstanding ELSE 0 END)`, bucket);
      builder.setParameter(`${bucket}To`, to);
      if (from) builder.setParameter(`${bucket}From`, from);
    }
    return builder;
  }

  private async lastPayments(
    manager: EntityManager,
    scope: ArrearsScope,
    unitIds: string[],
  ): Promise<Map<string, { paidAt: Date; amountFen: number }>> {
    const payments = await manager
      .createQueryBuilder(Payment, 'payment')
      .where('payment.unit_id IN (:...unitIds) AND payment.amount_fen > 0 AND payment.paid_at < :end', {
        unitIds,
        end: scope.end,
      })
      .andWhere('(payment.reversed_at IS NULL OR payment.reversed_at >= :end)', { end: scope.end })
      .andWhere(
        'payment.paid_at = (SELECT MAX(latest.paid_at) FROM payments latest WHERE latest.unit_id = payment.unit_id AND latest.amount_fen > 0 AND latest.paid_at < :end AND (latest.reversed_at IS NULL OR latest.reversed_at >= :end))',
      )
      .getMany();
    return new Map(
      payments.map((payment) => [payment.unitId, { paidAt: payment.paidAt, amountFen: payment.amountFen }]),
    );
  }

  /** The unit's contact on asOf: an owner living there first, else any resident. */
  private async contacts(
    manager: EntityManager,
    scope: ArrearsScope,
    unitIds: string[],
  ): Promise<Map<string, Resident>> {
    const residents = await manager
      .createQueryBuilder(Resident, 'resident')
      .where('resident.unit_id IN (:...unitIds)', { unitIds })
      .andWhere(OccupancyService.livingOnCondition('resident', 'asOf'), { asOf: scope.asOf })
      .orderBy('resident.move_in_date', 'ASC')
      .addOrderBy('resident.id', 'ASC')
      .getMany();
    const contacts = new Map<string, Resident>();
    for (const resident of residents) {
      const current = contacts.get(resident.unitId);
      if (!current || (current.relation !== 'owner' && resident.relation === 'owner'))
        contacts.set(resident.unitId, resident);
    }
    return contacts;
  }

  private async lateFees(
    manager: EntityManager,
    scope: ArrearsScope,
    unitIds: string[],
  ): Promise<Map<string, number>> {
    const settings = this.estates.settingsOf(scope.estate).billing;
    const fees = new Map<string, number>();
    if (!settings.lateFeeEnabled) return fees;
    const bills: { unit_id: string; due_date: string; outstanding: string | number }[] =
      await this.outstandingBills(manager, scope)
        .select('x.unit_id', 'unit_id')
        .addSelect('x.due_date', 'due_date')
        .addSelect('x.outstanding', 'outstanding')
        .andWhere('x.unit_id IN (:...unitIds)', { unitIds })
        .getRawMany();
    for (const bill of bills)
      fees.set(
        bill.unit_id,
        (fees.get(bill.unit_id) ?? 0) +
          lateFeeFen(Number(bill.outstanding), bill.due_date, scope.asOf, settings),
      );
    return fees;
  }

  async recordDunning(
    user: AuthenticatedUser,
    request: CreateDunningRecordRequest,
  ): Promise<DunningRecordResponse> {
    return this.transactions.run(async (manager) => {
      const unit = await manager.findOneBy(Unit, { id: request.unitId });
      if (!unit || (user.role !== 'admin' && !user.estateIds.includes(unit.estateId)))
        throw new UnprocessableError(
          'UNIT_NOT_FOUND',
          `Unit ${request.unitId} does not exist or is not visible to you`,
        );
      const now = this.clock.now();
      if (request.contactedAt && request.contactedAt.getTime() > now.getTime() + 5 * 60_000)
        throw new UnprocessableError('CONTACTED_AT_IN_FUTURE', 'contactedAt must not be in the future');
      const record = manager.create(DunningRecord, {
        estateId: unit.estateId,
        unitId: unit.id,
        contactedAt: request.contactedAt ?? now,
        method: request.method,
        outcome: request.outcome,
        staffId: user.id,
        staffName: user.displayName,
      });
      await manager.save(record);
      await this.audit.record(manager, {
        estateId: unit.estateId,
        entityType: 'dunning_record',
        entityId: record.id,
        action: 'record',
        actor: { id: user.id, name: user.displayName },
        note: record.outcome,
        details: { unitId: unit.id, method: record.method },
      });
      return toDunningRecordResponse(record);
    });
  }

  async listDunning(user: AuthenticatedUser, query: DunningQuery): Promise<Page<DunningRecordResponse>> {
    await this.estates.accessibleEstate(user, query.estateId);
    const [records, total] = await this.transactions.dataSource.manager.findAndCount(DunningRecord, {
      where: { estateId: query.estateId, ...(query.unitId ? { unitId: query.unitId } : {}) },
      order: { contactedAt: 'DESC', id: 'DESC' },
      skip: query.offset,
      take: query.pageSize,
    });
    return pageOf(records.map(toDunningRecordResponse), total, query);
  }
}

function emptyAging(): AgingAmounts {
  return { days0To30: 0, days31To90: 0, days91To180: 0, days181To365: 0, over365: 0, totalFen: 0 };
}

function agingOf(row: RawAgingRow): AgingAmounts {
  const amounts = emptyAging();
  for (const bucket of AGING_BUCKETS) amounts[bucket as AgingBucket] = Number(row[bucket] ?? 0);
  amounts.totalFen = Number(row.total ?? 0);
  return amounts;
}
