import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '@estate/database';
import { EstatesService, Unit, UNIT_TYPES } from '@estate/estates';
import {
  Clock,
  UnprocessableError,
  baseColumns,
  daysInPeriod,
  isUniqueViolation,
  localDateOf,
  periodOf,
} from '@estate/shared';
import {
  WorkOrderBilling,
  WorkOrderBillingPort,
  WorkOrderBillSummary,
  WorkOrderChargeEvent,
} from '@estate/work-orders';
import { EntityManager, In } from 'typeorm';
import { BillsService } from './bills.service';
import { dueDateFor } from './calculations/billing-amounts';
import { Bill, FeeItem } from './entities';
import { outstandingOf } from './mappers';

/** What the link writes to a 维修费 bill's history (besides `waive`). */
export const REPAIR_BILL_ACTIONS = [
  'repair_charge',
  'repair_charge_raised',
  'repair_charge_paid_beyond',
] as const;

/** The name the 维修费 item gets when the system creates it; finance may rename it. */
export const PAID_REPAIR_ITEM_NAME = '维修费';

/**
 * Chargeable repairs → bills (docs/fees.md "Paid repairs"), bound to work-orders' billing port at
 * start-up, so work-orders never writes the fees tables. Everything runs in the work order's
 * transaction (the given manager): a failure rolls the completion back.
 *
 * - First chargeable completion of an order with a unit: one bill on the estate's `paid_repair` item
 *   (created on first use), amount = the order's, period = the estate-local month of completion.
 * - Later completions (after a rework) and cancellation move that same bill to the order's current
 *   charge (0 when not chargeable or cancelled): a lower charge is a waiver (bill_adjustments, the
 *   order's reason) of at most what is outstanding; a higher one raises the bill's amount (audited).
 * - No unit (public area): never billed.
 */
@Injectable()
export class RepairBillingLink implements OnModuleInit, WorkOrderBillingPort {
  constructor(
    private readonly billing: WorkOrderBilling,
    private readonly estates: EstatesService,
    private readonly bills: BillsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.billing.bind(this);
  }

  async charge(manager: EntityManager, event: WorkOrderChargeEvent): Promise<void> {
    if (!event.unitId) return;
    const target = event.kind === 'completed' && event.chargeable ? (event.amountFen ?? 0) : 0;
    const bill = await manager.findOneBy(Bill, { workOrderId: event.workOrderId });
    if (!bill) {
      if (target > 0) await this.createBill(manager, event, event.unitId, target);
      return;
    }
    await this.moveTo(manager, bill, target, event);
  }

  async billsOf(manager: EntityManager, workOrderIds: string[]): Promise<Map<string, WorkOrderBillSummary>> {
    const bills = await manager.find(Bill, { where: { workOrderId: In(workOrderIds) } });
    return new Map(
      bills.map((bill) => {
        const amountFen = bill.amountFen - bill.waivedFen;
        const outstandingFen = outstandingOf(bill);
        return [
          bill.workOrderId!,
          {
            billId: bill.id,
            period: bill.period,
            amountFen,
            paidFen: bill.paidFen,
            outstandingFen,
            paid: amountFen > 0 && outstandingFen <= 0,
          },
        ];
      }),
    );
  }

  private async createBill(
    manager: EntityManager,
    event: WorkOrderChargeEvent,
    unitId: string,
    amountFen: number,
  ): Promise<void> {
    const estate = await this.estates.require(event.estateId, manager);
    const unit = await manager.findOneBy(Unit, { id: unitId, estateId: estate.id });
    if (!unit)
      throw new UnprocessableError(
        'UNIT_NOT_FOUND',
        `Unit ${unitId} of work order ${event.code} no longer exists`,
      );
    const period = periodOf(event.at, estate.timeZone);
    const item = await this.paidRepairItem(manager, estate.id, period);
    // Due on the estate's due day of the completion month, or on the completion day once that is past.
    const monthDue = dueDateFor(period, this.estates.settingsOf(estate).billing.dueDay);
    const completionDay = localDateOf(event.at, estate.timeZone);
    const days = daysInPeriod(period);
    const now = this.clock.now();
    const bill = manager.create(Bill, {
      ...baseColumns(now),
      estateId: estate.id,
      buildingId: unit.buildingId,
      unitId: unit.id,
      feeItemId: item.id,
      billingRunId: null,
      period,
      category: item.category,
      itemName: item.name,
      amountFen,
      paidFen: 0,
      waivedFen: 0,
      dueDate: monthDue >= completionDay ? monthDue : completionDay,
      billedDays: days,
      daysInPeriod: days,
      quantityHundredths: null,
      workOrderId: event.workOrderId,
      chargeKey: event.workOrderId,
    });
    await manager.insert(Bill, bill);
    await this.audit.record(manager, {
      estateId: estate.id,
      entityType: 'bill',
      entityId: bill.id,
      action: 'repair_charge',
      actor: event.actor,
      toState: 'open',
      note: event.reason,
      details: { workOrderId: event.workOrderId, workOrderCode: event.code, amountFen, period },
    });
  }

  /** Moves the order's bill to `target` (what the resident is now charged), by the rules above. */
  private async moveTo(
    manager: EntityManager,
    bill: Bill,
    target: number,
    event: WorkOrderChargeEvent,
  ): Promise<void> {
    const charged = bill.amountFen - bill.waivedFen;
    const details = {
      workOrderId: event.workOrderId,
      workOrderCode: event.code,
      fromFen: charged,
      toFen: target,
    };
    if (target > charged) {
      await manager
        .createQueryBuilder()
        .update(Bill)
        .set({ amountFen: () => `amount_fen + ${Number(target - charged)}` })
        .where('id = :id', { id: bill.id })
        .execute();
      await this.audit.record(manager, {
        estateId: bill.estateId,
        entityType: 'bill',
        entityId: bill.id,
        action: 'repair_charge_raised',
        actor: event.actor,
        note: event.reason,
        details,
      });
      return;
    }
    if (target === charged) return;
    const outstanding = outstandingOf(bill);
    const waive = Math.min(charged - target, outstanding);
    // What was already paid beyond the new charge stays paid: a refund is finance's reversal (冲正)
    // of the payment, recorded in the audit details for them to see.
    const paidBeyondChargeFen = charged - target - waive;
    const what = event.kind === 'cancelled' ? '工单取消 cancelled' : '返工后改价 charge changed on rework';
    if (waive > 0)
      await this.bills.waive(manager, bill, {
        amountFen: waive,
        reason: `${event.code} ${what}: ${event.reason}`.slice(0, 500),
        approver: event.actor,
        approvedAt: event.at,
        details: { ...details, paidBeyondChargeFen },
      });
    else
      await this.audit.record(manager, {
        estateId: bill.estateId,
        entityType: 'bill',
        entityId: bill.id,
        action: 'repair_charge_paid_beyond',
        actor: event.actor,
        note: event.reason,
        details: { ...details, paidBeyondChargeFen },
      });
  }

  /**
   * The estate's 维修费 item (`system_key = 'paid_repair'`, category `paid_service` — not
   * `management_fee`, so KPI #4 never counts repairs), created on first use. A concurrent first use
   * loses on the unique (estate_id, system_key) key and reads the winner's.
   */
  private async paidRepairItem(manager: EntityManager, estateId: string, period: string): Promise<FeeItem> {
    const existing = await manager.findOneBy(FeeItem, { estateId, systemKey: 'paid_repair' });
    if (existing) return existing;
    const item = manager.create(FeeItem, {
      ...baseColumns(this.clock.now()),
      estateId,
      name: PAID_REPAIR_ITEM_NAME,
      category: 'paid_service',
      basis: 'on_demand',
      priceCentiFen: 0,
      unitTypes: [...UNIT_TYPES],
      meterType: null,
      activeFrom: period,
      activeTo: null,
      active: true,
      systemKey: 'paid_repair',
    });
    try {
      await manager.insert(FeeItem, item);
      return item;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return manager.findOneByOrFail(FeeItem, { estateId, systemKey: 'paid_repair' });
    }
  }
}
