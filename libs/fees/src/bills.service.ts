import { Injectable } from '@nestjs/common';
import { AuthenticatedUser, assertRecordVisible, restrictToVisibleEstates } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { EstatesService, FactTimeService, Unit } from '@estate/estates';
import {
  Clock,
  ConflictError,
  Page,
  UnprocessableError,
  daysBetweenLocalDates,
  notFound,
  pageOf,
} from '@estate/shared';
import { EntityManager } from 'typeorm';
import { lateFeeFen } from './calculations/late-fee';
import {
  AdjustmentResponse,
  BillQuery,
  BillResponse,
  CreateAdjustmentRequest,
  LateFeeResponse,
} from './dto/billing.dto';
import { UnitBalanceResponse } from './dto/payment.dto';
import { Bill, BillAdjustment } from './entities';
import { LedgerService } from './ledger.service';
import { outstandingOf, toAdjustmentResponse, toBillResponse } from './mappers';

/** Bills: lists, waivers (减免) and late fees computed on demand. */
@Injectable()
export class BillsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    private readonly factTimes: FactTimeService,
  ) {}

  async list(user: AuthenticatedUser, query: BillQuery): Promise<Page<BillResponse>> {
    const builder = this.transactions.dataSource.manager.createQueryBuilder(Bill, 'bill');
    if (query.estateId) {
      await this.estates.accessibleEstate(user, query.estateId);
      builder.andWhere('bill.estate_id = :estateId', { estateId: query.estateId });
    } else {
      restrictToVisibleEstates(builder, 'bill', user);
    }
    if (user.role === 'resident') builder.andWhere('bill.unit_id = :own', { own: user.unitId ?? '' });
    if (query.unitId) builder.andWhere('bill.unit_id = :unitId', { unitId: query.unitId });
    if (query.period) builder.andWhere('bill.period = :period', { period: query.period });
    if (query.category) builder.andWhere('bill.category = :category', { category: query.category });
    if (query.status === 'open') builder.andWhere('bill.amount_fen - bill.waived_fen - bill.paid_fen > 0');
    if (query.status === 'settled')
      builder.andWhere('bill.amount_fen - bill.waived_fen - bill.paid_fen <= 0');
    const [bills, total] = await builder
      .orderBy('bill.due_date', 'ASC')
      .addOrderBy('bill.id', 'ASC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(bills.map(toBillResponse), total, query);
  }

  async get(user: AuthenticatedUser, id: string): Promise<BillResponse> {
    return toBillResponse(await this.visibleBill(this.transactions.dataSource.manager, user, id));
  }

  /**
   * Waives part or all of a bill's outstanding amount (减免), with a reason; the caller (a manager or
   * admin) is the approver. 422 ADJUSTMENT_EXCEEDS_OUTSTANDING beyond what is outstanding.
   */
  async adjust(
    user: AuthenticatedUser,
    id: string,
    request: CreateAdjustmentRequest,
  ): Promise<AdjustmentResponse> {
    return this.transactions.run(async (manager) => {
      const bill = await this.visibleBill(manager, user, id);
      // When the waiver takes effect (KPI #4 nets it off the amount billed from then on); the row's
      // createdAt and the audit row keep when it was entered.
      const approvedAt = await this.factTimes.resolve(manager, bill.estateId, {
        field: 'effectiveAt',
        value: request.effectiveAt,
        notBefore: [{ instant: bill.createdAt, what: 'the bill' }],
      });
      const adjustment = await this.waive(manager, bill, {
        amountFen: request.amountFen,
        reason: request.reason,
        approver: { id: user.id, name: user.displayName },
        approvedAt,
      });
      return toAdjustmentResponse(adjustment, await manager.findOneByOrFail(Bill, { id }));
    });
  }

  /**
   * The waiver mechanism (减免) itself, in the caller's transaction: a conditional UPDATE that refuses
   * to waive beyond what is outstanding (422 ADJUSTMENT_EXCEEDS_OUTSTANDING; 409 when the bill changed
   * meanwhile), the `bill_adjustments` row and the audit row. Used by `POST /bills/:id/adjustments`
   * and by the paid-repair link (a cancelled or no-longer-chargeable repair, docs/fees.md).
   */
  async waive(
    manager: EntityManager,
    bill: Bill,
    input: {
      amountFen: number;
      reason: string;
      approver: { id: string; name: string };
      approvedAt: Date;
      details?: Record<string, unknown>;
    },
  ): Promise<BillAdjustment> {
    const outstanding = outstandingOf(bill);
    if (input.amountFen > outstanding)
      throw new UnprocessableError(
        'ADJUSTMENT_EXCEEDS_OUTSTANDING',
        `Only ${outstanding} fen is outstanding on this bill; a waiver cannot exceed it`,
        { outstandingFen: outstanding },
      );
    const updated = await manager
      .createQueryBuilder()
      .update(Bill)
      .set({ waivedFen: () => `waived_fen + ${Number(input.amountFen)}` })
      .where('id = :id AND amount_fen - waived_fen - paid_fen >= :amount', {
        id: bill.id,
        amount: input.amountFen,
      })
      .execute();
    if (!updated.affected)
      throw new ConflictError(
        'CONCURRENT_MODIFICATION',
        'The bill changed meanwhile; reload it and try again',
      );
    const now = this.clock.now();
    const adjustment = manager.create(BillAdjustment, {
      estateId: bill.estateId,
      billId: bill.id,
      amountFen: input.amountFen,
      reason: input.reason,
      approvedById: input.approver.id,
      approvedByName: input.approver.name,
      approvedAt: input.approvedAt,
      createdAt: now,
      updatedAt: now,
    });
    await manager.save(adjustment);
    await this.audit.record(manager, {
      estateId: bill.estateId,
      entityType: 'bill',
      entityId: bill.id,
      action: 'waive',
      actor: input.approver,
      fromState: outstanding > 0 ? 'open' : 'settled',
      toState: outstanding - input.amountFen > 0 ? 'open' : 'settled',
      note: input.reason,
      details: {
        adjustmentId: adjustment.id,
        amountFen: input.amountFen,
        effectiveAt: input.approvedAt.toISOString(),
        ...input.details,
      },
    });
    return adjustment;
  }

  /** The late fee on a bill as of a date (today by default): 0 unless the estate enables late fees. */
  async lateFee(user: AuthenticatedUser, id: string, asOf?: string): Promise<LateFeeResponse> {
    const manager = this.transactions.dataSource.manager;
    const bill = await this.visibleBill(manager, user, id);
    const estate = await this.estates.require(bill.estateId);
    const date = asOf ?? this.estates.today(estate);
    const settings = this.estates.settingsOf(estate).billing;
    const principal = outstandingOf(bill);
    return {
      billId: bill.id,
      asOf: date,
      enabled: settings.lateFeeEnabled,
      principalOutstandingFen: principal,
      daysOverdue: Math.max(0, daysBetweenLocalDates(bill.dueDate, date)),
      lateFeeFen: lateFeeFen(principal, bill.dueDate, date, settings),
    };
  }

  /** What a unit owes now and its credit (预存) balance. */
  async unitBalance(user: AuthenticatedUser, unitId: string): Promise<UnitBalanceResponse> {
    const manager = this.transactions.dataSource.manager;
    const unit = await manager.findOneBy(Unit, { id: unitId });
    if (!unit) throw notFound('Unit', unitId);
    assertRecordVisible(user, unit.estateId, notFound('Unit', unitId));
    if (user.role === 'resident' && user.unitId !== unitId) throw notFound('Unit', unitId);
    return {
      unitId,
      outstandingFen: await this.ledger.outstanding(manager, unitId),
      creditFen: await this.ledger.creditBalance(manager, unitId),
    };
  }

  private async visibleBill(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<Bill> {
    const bill = await manager.findOneBy(Bill, { id });
    if (!bill) throw notFound('Bill', id);
    assertRecordVisible(user, bill.estateId, notFound('Bill', id));
    if (user.role === 'resident' && bill.unitId !== user.unitId) throw notFound('Bill', id);
    return bill;
  }
}
