import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, baseColumns } from '@estate/shared';
import { EntityManager, In } from 'typeorm';
import { AllocationPlan, allocateFifo } from './calculations/allocation';
import { AllocationSource, Bill, FeeAllocation, UnitCreditEntry } from './entities';

/**
 * The bill ledger's writes, shared by payments, reversals and billing runs. Every method takes the
 * caller's transaction manager. Bill running totals change only by conditional UPDATEs that refuse
 * to over-pay a bill, so two concurrent writers can never push a bill past its amount.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly clock: Clock) {}

  /** The unit's bills with something outstanding, oldest due first. */
  async openBills(manager: EntityManager, unitId: string): Promise<Bill[]> {
    return manager
      .createQueryBuilder(Bill, 'bill')
      .where('bill.unit_id = :unitId', { unitId })
      .andWhere('bill.amount_fen - bill.waived_fen - bill.paid_fen > 0')
      .orderBy('bill.due_date', 'ASC')
      .addOrderBy('bill.period', 'ASC')
      .addOrderBy('bill.id', 'ASC')
      .getMany();
  }

  /** Writes an allocation plan: bill totals (conditionally) and one allocation row per bill. */
  async writeAllocations(
    manager: EntityManager,
    context: {
      estateId: string;
      unitId: string;
      paymentId: string | null;
      source: AllocationSource;
      paidAt: Date;
    },
    plan: AllocationPlan,
  ): Promise<FeeAllocation[]> {
    const now = this.clock.now();
    const rows: FeeAllocation[] = [];
    const billIds = plan.allocations.map((allocation) => allocation.billId);
    const bills = billIds.length
      ? await manager.find(Bill, {
          where: { id: In(billIds) },
          select: { id: true, period: true, category: true, buildingId: true },
        })
      : [];
    const billById = new Map(bills.map((bill) => [bill.id, bill]));
    for (const allocation of plan.allocations) {
      const bill = billById.get(allocation.billId);
      if (!bill)
        throw new ConflictError(
          'CONCURRENT_MODIFICATION',
          `Bill ${allocation.billId} no longer exists; send the request again`,
        );
      const updated = await manager
        .createQueryBuilder()
        .update(Bill)
        .set({ paidFen: () => `paid_fen + ${Number(allocation.amountFen)}` })
        .where('id = :id AND amount_fen - waived_fen - paid_fen >= :amount', {
          id: allocation.billId,
          amount: allocation.amountFen,
        })
        .execute();
      if (!updated.affected)
        throw new ConflictError(
          'CONCURRENT_MODIFICATION',
          `Bill ${allocation.billId} changed while this payment was being recorded; send the request again`,
        );
      rows.push(
        manager.create(FeeAllocation, {
          ...baseColumns(now),
          estateId: context.estateId,
          unitId: context.unitId,
          billId: allocation.billId,
          billPeriod: bill.period,
          billCategory: bill.category,
          buildingId: bill.buildingId,
          paymentId: context.paymentId,
          source: context.source,
          amountFen: allocation.amountFen,
          paidAt: context.paidAt,
          reversedAt: null,
        }),
      );
    }
    if (rows.length)
      await manager
        .createQueryBuilder()
        .insert()
        .into(FeeAllocation)
        .values(rows)
        .updateEntity(false)
        .execute();
    return rows;
  }

  /** Un-allocates a payment: flags its allocations reversed and takes the amounts off the bills. */
  async reverseAllocations(
    manager: EntityManager,
    paymentId: string,
    reversedAt: Date,
  ): Promise<FeeAllocation[]> {
    const allocations = await manager
      .createQueryBuilder(FeeAllocation, 'allocation')
      .where('allocation.payment_id = :paymentId AND allocation.reversed_at IS NULL', { paymentId })
      .getMany();
    for (const allocation of allocations) {
      await manager
        .createQueryBuilder()
        .update(Bill)
        .set({ paidFen: () => `paid_fen - ${Number(allocation.amountFen)}` })
        .where('id = :id', { id: allocation.billId })
        .execute();
      allocation.reversedAt = reversedAt;
    }
    if (allocations.length)
      await manager
        .createQueryBuilder()
        .update(FeeAllocation)
        .set({ reversedAt })
        .where('payment_id = :paymentId AND reversed_at IS NULL', { paymentId })
        .execute();
    return allocations;
  }

  /** What the unit owes now: Σ (amount − waived − paid) of its bills. */
  async outstanding(manager: EntityManager, unitId: string): Promise<number> {
    const row: { outstanding: string | number | null } | undefined = await manager
      .createQueryBuilder(Bill, 'bill')
      .select('SUM(bill.amount_fen - bill.waived_fen - bill.paid_fen)', 'outstanding')
      .where('bill.unit_id = :unitId', { unitId })
      .getRawOne();
    return Number(row?.outstanding ?? 0);
  }

  async creditBalances(manager: EntityManager, unitIds: string[]): Promise<Map<string, number>> {
    if (!unitIds.length) return new Map();
    const rows: { unit_id: string; balance: string | number }[] = await manager
      .createQueryBuilder(UnitCreditEntry, 'entry')
      .select('entry.unit_id', 'unit_id')
      .addSelect('SUM(entry.amount_fen)', 'balance')
      .where('entry.unit_id IN (:...unitIds)', { unitIds })
      .groupBy('entry.unit_id')
      .getRawMany();
    return new Map(rows.map((row) => [row.unit_id, Number(row.balance)]));
  }

  async creditBalance(manager: EntityManager, unitId: string): Promise<number> {
    return (await this.creditBalances(manager, [unitId])).get(unitId) ?? 0;
  }

  async addCreditEntry(
    manager: EntityManager,
    entry: Pick<
      UnitCreditEntry,
      'estateId' | 'unitId' | 'kind' | 'amountFen' | 'paymentId' | 'billId' | 'occurredAt'
    >,
  ): Promise<void> {
    await manager.insert(UnitCreditEntry, { ...baseColumns(this.clock.now()), ...entry } as never);
  }

  /**
   * Applies unit credit (预存) to the units' open bills, oldest due first. Called by the billing run
   * right after it creates bills, so credit is used at billing time. Returns the fen applied.
   */
  async applyCredit(manager: EntityManager, estateId: string, unitIds: string[], at: Date): Promise<number> {
    let applied = 0;
    for (const [unitId, balance] of await this.creditBalances(manager, unitIds)) {
      if (balance <= 0) continue;
      const bills = await this.openBills(manager, unitId);
      const plan = allocateFifo(
        balance,
        bills.map((bill) => ({
          id: bill.id,
          dueDate: bill.dueDate,
          period: bill.period,
          outstandingFen: bill.amountFen - bill.waivedFen - bill.paidFen,
        })),
      );
      if (!plan.allocations.length) continue;
      await this.writeAllocations(
        manager,
        { estateId, unitId, paymentId: null, source: 'credit', paidAt: at },
        plan,
      );
      for (const allocation of plan.allocations) {
        await this.addCreditEntry(manager, {
          estateId,
          unitId,
          kind: 'applied',
          amountFen: -allocation.amountFen,
          paymentId: null,
          billId: allocation.billId,
          occurredAt: at,
        });
        applied += allocation.amountFen;
      }
    }
    return applied;
  }
}
