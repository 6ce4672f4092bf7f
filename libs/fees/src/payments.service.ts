import { Injectable } from '@nestjs/common';
import { AuthenticatedUser, assertRecordVisible, restrictToVisibleEstates } from '@estate/auth';
import { AuditService, CodeCounterService, TransactionService } from '@estate/database';
import { Building, EstatesService, FactTimeService, formatUnitLabel, Unit } from '@estate/estates';
import {
  BadRequestError,
  Clock,
  ConflictError,
  Page,
  TransitionNotAllowedError,
  UnprocessableError,
  isUniqueViolation,
  notFound,
  pageOf,
  startOfLocalDate,
  addDaysToLocalDate,
  baseColumns,
} from '@estate/shared';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { allocateFifo, allocateInOrder } from './calculations/allocation';
import {
  CreatePaymentRequest,
  PaymentQuery,
  PaymentResponse,
  ReversePaymentRequest,
} from './dto/payment.dto';
import { Bill, FeeAllocation, Payment } from './entities';
import { LedgerService } from './ledger.service';
import { outstandingOf, toPaymentResponse } from './mappers';
import { allowedPaymentActions, nextPaymentStatus } from './payment-state';
import { ReceiptData, ReceiptLayout, renderReceiptPdf } from './receipt-pdf';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,100}$/;

export interface RecordedPayment {
  payment: PaymentResponse;
  /** true when the Idempotency-Key had been used: the earlier payment is returned, nothing is charged. */
  replayed: boolean;
}

const actorOf = (user: AuthenticatedUser) => ({ id: user.id, name: user.displayName });

/**
 * Payments (收款), their allocation to bills, unit credit from overpayment, and reversals (冲正).
 * Nothing is deleted: a reversal flags the payment and its allocations and adds a negative row.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly codes: CodeCounterService,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    private readonly factTimes: FactTimeService,
  ) {}

  /**
   * Records a payment once per Idempotency-Key and estate. The same key with the same body returns
   * the first payment (replayed); with a different body it is refused (409 IDEMPOTENCY_KEY_REUSED).
   * Two identical requests racing: the unique key (estate, idempotency key) lets one insert win; the
   * loser's transaction rolls back whole (its receipt number too, so codes stay gap-free) and it
   * re-reads and returns the winner's payment.
   */
  async record(
    user: AuthenticatedUser,
    idempotencyKey: string | undefined,
    request: CreatePaymentRequest,
  ): Promise<RecordedPayment> {
    if (!idempotencyKey)
      throw new BadRequestError(
        'IDEMPOTENCY_KEY_REQUIRED',
        'Send an Idempotency-Key header (8–100 characters)',
      );
    if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
      throw new BadRequestError(
        'IDEMPOTENCY_KEY_INVALID',
        'The Idempotency-Key must be 8–100 characters of letters, digits, . _ : -',
      );
    const manager = this.transactions.dataSource.manager;
    const { unit } = await this.estates.intakeScope(user, request, manager);
    if (!unit) throw new BadRequestError('UNIT_REQUIRED', 'A payment is for a unit: send unitId');
    const requestHash = hashRequest({ ...request, paidAt: request.paidAt?.toISOString() ?? null });
    const earlier = await this.replay(unit.estateId, idempotencyKey, requestHash);
    if (earlier) return earlier;
    const paidAt = await this.factTimes.resolve(manager, unit.estateId, {
      field: 'paidAt',
      value: request.paidAt,
    });
    try {
      return await this.transactions.run((transaction) =>
        this.recordOnce(transaction, user, unit, idempotencyKey, requestHash, request, paidAt),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.replay(unit.estateId, idempotencyKey, requestHash);
      if (!winner) throw error;
      return winner;
    }
  }

  private async replay(
    estateId: string,
    idempotencyKey: string,
    requestHash: string,
  ): Promise<RecordedPayment | null> {
    const existing = await this.transactions.dataSource.manager.findOneBy(Payment, {
      estateId,
      idempotencyKey,
    });
    if (!existing) return null;
    if (existing.requestHash !== requestHash)
      throw new ConflictError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different payment; use a new key for a new payment',
        { paymentId: existing.id, receiptCode: existing.receiptCode },
      );
    return { payment: await this.response(this.transactions.dataSource.manager, existing), replayed: true };
  }

  private async recordOnce(
    manager: EntityManager,
    user: AuthenticatedUser,
    unit: Unit,
    idempotencyKey: string,
    requestHash: string,
    request: CreatePaymentRequest,
    paidAt: Date,
  ): Promise<RecordedPayment> {
    // The identical request that raced us may have committed since the check before this
    // transaction: then this is a replay (200), not a new payment (201).
    const existing = await manager.findOneBy(Payment, { estateId: unit.estateId, idempotencyKey });
    if (existing) {
      if (existing.requestHash !== requestHash)
        throw new ConflictError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different payment',
        );
      return { payment: await this.response(manager, existing), replayed: true };
    }
    let plan;
    if (request.billIds?.length) {
      const bills = await manager.findBy(Bill, { id: In(request.billIds), unitId: unit.id });
      const missing = request.billIds.filter((id) => !bills.some((bill) => bill.id === id));
      if (missing.length)
        throw new UnprocessableError(
          'BILL_NOT_FOUND',
          `Bills not found for this unit: ${missing.join(', ')}`,
          {
            billIds: missing,
          },
        );
      const byId = new Map(bills.map((bill) => [bill.id, bill]));
      plan = allocateInOrder(
        request.amountFen,
        request.billIds.map((id) => {
          const bill = byId.get(id)!;
          return { id, dueDate: bill.dueDate, period: bill.period, outstandingFen: outstandingOf(bill) };
        }),
      );
    } else {
      const bills = await this.ledger.openBills(manager, unit.id);
      plan = allocateFifo(
        request.amountFen,
        bills.map((bill) => ({
          id: bill.id,
          dueDate: bill.dueDate,
          period: bill.period,
          outstandingFen: outstandingOf(bill),
        })),
      );
    }
    const estate = await this.estates.require(unit.estateId, manager);
    const now = this.clock.now();
    const year = DateTime.fromJSDate(now, { zone: estate.timeZone }).year;
    const payment = manager.create(Payment, {
      estateId: unit.estateId,
      unitId: unit.id,
      receiptCode: await this.codes.nextCode(manager, unit.estateId, 'RC', year),
      status: 'recorded',
      amountFen: request.amountFen,
      creditFen: plan.remainderFen,
      method: request.method,
      paidAt,
      payerName: request.payerName ?? null,
      reference: request.reference ?? null,
      idempotencyKey,
      requestHash,
      reversesPaymentId: null,
      reversedByPaymentId: null,
      reversedAt: null,
      reversalReason: null,
      recordedById: user.id,
      recordedByName: user.displayName,
      // What the unit owes once this payment's allocations are written (printed on the receipt).
      outstandingAfterFen:
        (await this.ledger.outstanding(manager, unit.id)) -
        plan.allocations.reduce((sum, allocation) => sum + allocation.amountFen, 0),
      receiptPrintCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    await manager.insert(Payment, payment);
    const allocations = await this.ledger.writeAllocations(
      manager,
      { estateId: unit.estateId, unitId: unit.id, paymentId: payment.id, source: 'payment', paidAt },
      plan,
    );
    if (plan.remainderFen > 0)
      await this.ledger.addCreditEntry(manager, {
        estateId: unit.estateId,
        unitId: unit.id,
        kind: 'overpayment',
        amountFen: plan.remainderFen,
        paymentId: payment.id,
        billId: null,
        occurredAt: paidAt,
      });
    await this.audit.record(manager, {
      estateId: unit.estateId,
      entityType: 'payment',
      entityId: payment.id,
      action: 'record',
      actor: actorOf(user),
      toState: 'recorded',
      details: {
        receiptCode: payment.receiptCode,
        amountFen: payment.amountFen,
        creditFen: payment.creditFen,
        method: payment.method,
        allocations: plan.allocations,
      },
    });
    return { payment: toPaymentResponse(payment, allocations), replayed: false };
  }

  /**
   * Reverses (冲正) a payment: flags it and its allocations reversed (bills re-open), takes back the
   * credit it created, and adds a negative `reversal` row with its own receipt code. A payment is
   * reversed at most once; a reversal row cannot be reversed (409 TRANSITION_NOT_ALLOWED). If the
   * credit from an overpayment was already applied to later bills the reversal is refused
   * (409 CREDIT_ALREADY_USED): the credit application would have to be undone first.
   *
   * The reversal takes effect at `effectiveAt` (default now; not before the payment, by the rules of
   * FactTimeService): the payment, its allocations and the credit taken back carry that time as
   * `reversedAt`, and every as-of reader (KPI #4, arrears, 清欠) counts the payment until then. A time in
   * a closed KPI month is refused, or moved to the first instant of the first open month when the
   * request says `ifMonthClosed: first_open_month`. The reversal row's `createdAt` and recorded-by keep
   * when and by whom it was entered.
   */
  async reverse(
    user: AuthenticatedUser,
    id: string,
    request: ReversePaymentRequest,
  ): Promise<PaymentResponse> {
    const reason = request.reason;
    return this.transactions.run(async (manager) => {
      const payment = await manager.findOneBy(Payment, { id });
      if (!payment) throw notFound('Payment', id);
      assertRecordVisible(user, payment.estateId, notFound('Payment', id));
      const next = nextPaymentStatus(payment.status, 'reverse');
      if (!next)
        throw new TransitionNotAllowedError(
          'payment',
          payment.status,
          'reverse',
          allowedPaymentActions(payment.status),
        );
      if (payment.creditFen > 0) {
        const balance = await this.ledger.creditBalance(manager, payment.unitId);
        if (balance < payment.creditFen)
          throw new ConflictError(
            'CREDIT_ALREADY_USED',
            `This payment left ${payment.creditFen} fen of credit but the unit's credit balance is ${balance} fen: it was already applied to later bills`,
            { creditFen: payment.creditFen, balanceFen: balance },
          );
      }
      const now = this.clock.now();
      const estate = await this.estates.require(payment.estateId, manager);
      const effectiveAt = await this.factTimes.resolve(manager, estate, {
        field: 'effectiveAt',
        value: request.effectiveAt,
        notBefore: [{ instant: payment.paidAt, what: 'the payment' }],
        ifMonthClosed: request.ifMonthClosed ?? 'refuse',
      });
      const year = DateTime.fromJSDate(now, { zone: estate.timeZone }).year;
      // The id is made here, not by the insert hook: the payment's reversedByPaymentId is written
      // before the row is inserted (it was null on every reversal before this).
      const reversal = manager.create(Payment, {
        ...baseColumns(now),
        estateId: payment.estateId,
        unitId: payment.unitId,
        receiptCode: await this.codes.nextCode(manager, payment.estateId, 'RC', year),
        status: 'reversal',
        amountFen: -payment.amountFen,
        creditFen: -payment.creditFen,
        method: payment.method,
        paidAt: effectiveAt,
        payerName: payment.payerName,
        reference: payment.reference,
        idempotencyKey: `reversal:${payment.id}`,
        requestHash: hashRequest({ reverses: payment.id }),
        reversesPaymentId: payment.id,
        reversedByPaymentId: null,
        reversedAt: null,
        reversalReason: reason,
        recordedById: user.id,
        recordedByName: user.displayName,
        outstandingAfterFen: null,
        receiptPrintCount: 0,
      });
      const updated = await manager
        .createQueryBuilder()
        .update(Payment)
        .set({
          status: next,
          reversedAt: effectiveAt,
          reversalReason: reason,
          reversedByPaymentId: reversal.id,
          updatedAt: now,
        })
        .where("id = :id AND status = 'recorded'", { id })
        .execute();
      if (!updated.affected)
        throw new ConflictError(
          'CONCURRENT_MODIFICATION',
          'The payment changed meanwhile; reload it and try again',
        );
      await manager.insert(Payment, reversal);
      const allocations = await this.ledger.reverseAllocations(manager, payment.id, effectiveAt);
      await manager.update(
        Payment,
        { id: reversal.id },
        { outstandingAfterFen: await this.ledger.outstanding(manager, payment.unitId) },
      );
      if (payment.creditFen > 0)
        await this.ledger.addCreditEntry(manager, {
          estateId: payment.estateId,
          unitId: payment.unitId,
          kind: 'reversal',
          amountFen: -payment.creditFen,
          paymentId: payment.id,
          billId: null,
          occurredAt: effectiveAt,
        });
      await this.audit.record(manager, {
        estateId: payment.estateId,
        entityType: 'payment',
        entityId: payment.id,
        action: 'reverse',
        actor: actorOf(user),
        fromState: payment.status,
        toState: next,
        note: reason,
        details: {
          reversalPaymentId: reversal.id,
          reversalReceiptCode: reversal.receiptCode,
          amountFen: payment.amountFen,
          unallocated: allocations.map((allocation) => ({
            billId: allocation.billId,
            amountFen: allocation.amountFen,
          })),
          creditTakenBackFen: payment.creditFen,
          effectiveAt: effectiveAt.toISOString(),
          ...(request.effectiveAt && effectiveAt.getTime() !== request.effectiveAt.getTime()
            ? { requestedEffectiveAt: request.effectiveAt.toISOString(), movedToFirstOpenMonth: true }
            : {}),
        },
      });
      const reloaded = await manager.findOneByOrFail(Payment, { id });
      return this.response(manager, reloaded);
    });
  }

  async get(user: AuthenticatedUser, id: string): Promise<PaymentResponse> {
    const manager = this.transactions.dataSource.manager;
    return this.response(manager, await this.visiblePayment(manager, user, id));
  }

  async visiblePayment(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<Payment> {
    const payment = await manager.findOneBy(Payment, { id });
    if (!payment) throw notFound('Payment', id);
    assertRecordVisible(user, payment.estateId, notFound('Payment', id));
    if (user.role === 'resident' && payment.unitId !== user.unitId) throw notFound('Payment', id);
    return payment;
  }

  async list(user: AuthenticatedUser, query: PaymentQuery): Promise<Page<PaymentResponse>> {
    const manager = this.transactions.dataSource.manager;
    const builder = manager.createQueryBuilder(Payment, 'payment');
    if (query.estateId) {
      const estate = await this.estates.accessibleEstate(user, query.estateId);
      builder.andWhere('payment.estate_id = :estateId', { estateId: query.estateId });
      if (query.from)
        builder.andWhere('payment.paid_at >= :from', { from: startOfLocalDate(query.from, estate.timeZone) });
      if (query.to)
        builder.andWhere('payment.paid_at < :to', {
          to: startOfLocalDate(addDaysToLocalDate(query.to, 1), estate.timeZone),
        });
    } else {
      restrictToVisibleEstates(builder, 'payment', user);
      if (query.from || query.to)
        throw new BadRequestError(
          'ESTATE_REQUIRED',
          'from/to need estateId (dates are in the estate time zone)',
        );
    }
    if (query.unitId) builder.andWhere('payment.unit_id = :unitId', { unitId: query.unitId });
    if (user.role === 'resident') builder.andWhere('payment.unit_id = :own', { own: user.unitId ?? '' });
    const [payments, total] = await builder
      .orderBy('payment.paid_at', 'DESC')
      .addOrderBy('payment.id', 'DESC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    const allocations = payments.length
      ? await manager.findBy(FeeAllocation, { paymentId: In(payments.map((payment) => payment.id)) })
      : [];
    return pageOf(
      payments.map((payment) =>
        toPaymentResponse(
          payment,
          allocations.filter((allocation) => allocation.paymentId === payment.id),
        ),
      ),
      total,
      query,
    );
  }

  /**
   * The printable receipt of a payment (or of a reversal row), A5 or 80 mm thermal. Every download
   * counts (`receipt_print_count`, a conditional increment in its own transaction): the first is the
   * original, the second and later print 副本 / COPY and are audited as `reprint_receipt`.
   */
  async receiptPdf(
    user: AuthenticatedUser,
    id: string,
    layout: ReceiptLayout = 'a5',
  ): Promise<{ pdf: Buffer; filename: string }> {
    const data = await this.transactions.run(async (manager) => {
      const payment = await this.visiblePayment(manager, user, id);
      await manager
        .createQueryBuilder()
        .update(Payment)
        .set({ receiptPrintCount: () => 'receipt_print_count + 1' })
        .where('id = :id', { id: payment.id })
        .execute();
      const { receiptPrintCount: printNumber } = await manager.findOneOrFail(Payment, {
        where: { id: payment.id },
        select: { id: true, receiptPrintCount: true },
      });
      const estate = await this.estates.require(payment.estateId, manager);
      const unit = await manager.findOneByOrFail(Unit, { id: payment.unitId });
      const building = await manager.findOneByOrFail(Building, { id: unit.buildingId });
      // A reversal row's lines are the reversed payment's allocations, negated.
      const sourceId = payment.reversesPaymentId ?? payment.id;
      const sign = payment.reversesPaymentId ? -1 : 1;
      const allocations = await manager.find(FeeAllocation, {
        where: { paymentId: sourceId },
        order: { id: 'ASC' },
      });
      const bills = allocations.length
        ? await manager.findBy(Bill, { id: In(allocations.map((allocation) => allocation.billId)) })
        : [];
      const billById = new Map(bills.map((bill) => [bill.id, bill]));
      const reversed = payment.reversesPaymentId
        ? await manager.findOneBy(Payment, { id: payment.reversesPaymentId })
        : null;
      const printedAt = this.clock.now();
      if (printNumber > 1)
        await this.audit.record(manager, {
          estateId: payment.estateId,
          entityType: 'payment',
          entityId: payment.id,
          action: 'reprint_receipt',
          actor: actorOf(user),
          details: { receiptCode: payment.receiptCode, printNumber, layout },
        });
      const balanceIsCurrent = payment.outstandingAfterFen === null;
      return {
        estateName: estate.name,
        timeZone: estate.timeZone,
        receiptCode: payment.receiptCode,
        unitLabel: formatUnitLabel(building.number, unit.number),
        payerName: payment.payerName,
        amountFen: payment.amountFen,
        creditFen: payment.creditFen,
        method: payment.method,
        paidAt: payment.paidAt,
        reference: payment.reference,
        recordedByName: payment.recordedByName,
        status: payment.status,
        reversesReceiptCode: reversed?.receiptCode ?? null,
        lines: allocations.map((allocation) => {
          const bill = billById.get(allocation.billId);
          return {
            itemName: bill?.itemName ?? '',
            period: bill?.period ?? '',
            amountFen: sign * allocation.amountFen,
          };
        }),
        balanceOwedFen: balanceIsCurrent
          ? await this.ledger.outstanding(manager, payment.unitId)
          : payment.outstandingAfterFen!,
        balanceIsCurrent,
        printNumber,
        printedAt,
      } satisfies ReceiptData;
    });
    const pdf = await renderReceiptPdf(data, layout);
    const suffix = data.printNumber > 1 ? '-copy' : '';
    return { pdf, filename: `${data.receiptCode}${suffix}.pdf` };
  }

  async response(manager: EntityManager, payment: Payment): Promise<PaymentResponse> {
    const allocations = await manager.find(FeeAllocation, {
      where: { paymentId: payment.id },
      order: { paidAt: 'ASC', id: 'ASC' },
    });
    return toPaymentResponse(payment, allocations);
  }
}

function hashRequest(body: object): string {
  const sorted = JSON.stringify(body, Object.keys(body).sort());
  return createHash('sha256').update(sorted).digest('hex');
}
