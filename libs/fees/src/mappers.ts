import { AdjustmentResponse, BillResponse, BillingRunResponse } from './dto/billing.dto';
import { DunningRecordResponse } from './dto/arrears.dto';
import { FeeItemResponse } from './dto/fee-item.dto';
import { AllocationResponse, MeterReadingResponse, PaymentResponse } from './dto/payment.dto';
import {
  Bill,
  BillAdjustment,
  BillingRun,
  DunningRecord,
  FeeAllocation,
  FeeItem,
  MeterReading,
  Payment,
} from './entities';
import { allowedPaymentActions } from './payment-state';

export function outstandingOf(bill: Pick<Bill, 'amountFen' | 'paidFen' | 'waivedFen'>): number {
  return bill.amountFen - bill.waivedFen - bill.paidFen;
}

export function toFeeItemResponse(item: FeeItem): FeeItemResponse {
  return {
    id: item.id,
    estateId: item.estateId,
    name: item.name,
    category: item.category,
    basis: item.basis,
    priceCentiFen: item.priceCentiFen,
    unitTypes: item.unitTypes,
    meterType: item.meterType,
    activeFrom: item.activeFrom,
    activeTo: item.activeTo,
    active: item.active,
    systemKey: item.systemKey,
    createdAt: item.createdAt.toISOString(),
  };
}

export function toBillingRunResponse(run: BillingRun): BillingRunResponse {
  return {
    id: run.id,
    estateId: run.estateId,
    period: run.period,
    status: run.status,
    unitCount: run.unitCount,
    billsCreated: run.billsCreated,
    billsExisting: run.billsExisting,
    amountCreatedFen: run.amountCreatedFen,
    creditAppliedFen: run.creditAppliedFen,
    triggeredBy: run.triggeredBy,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
  };
}

export function toBillResponse(bill: Bill): BillResponse {
  const outstandingFen = outstandingOf(bill);
  return {
    id: bill.id,
    estateId: bill.estateId,
    buildingId: bill.buildingId,
    unitId: bill.unitId,
    feeItemId: bill.feeItemId,
    itemName: bill.itemName,
    category: bill.category,
    period: bill.period,
    amountFen: bill.amountFen,
    paidFen: bill.paidFen,
    waivedFen: bill.waivedFen,
    outstandingFen,
    dueDate: bill.dueDate,
    billedDays: bill.billedDays,
    daysInPeriod: bill.daysInPeriod,
    quantityHundredths: bill.quantityHundredths,
    workOrderId: bill.workOrderId,
    status: outstandingFen > 0 ? 'open' : 'settled',
  };
}

export function toAdjustmentResponse(adjustment: BillAdjustment, bill: Bill): AdjustmentResponse {
  return {
    id: adjustment.id,
    billId: adjustment.billId,
    amountFen: adjustment.amountFen,
    reason: adjustment.reason,
    approvedById: adjustment.approvedById,
    approvedByName: adjustment.approvedByName,
    approvedAt: adjustment.approvedAt.toISOString(),
    recordedAt: adjustment.createdAt.toISOString(),
    bill: toBillResponse(bill),
  };
}

export function toAllocationResponse(allocation: FeeAllocation): AllocationResponse {
  return {
    id: allocation.id,
    billId: allocation.billId,
    amountFen: allocation.amountFen,
    source: allocation.source,
    paidAt: allocation.paidAt.toISOString(),
    reversedAt: allocation.reversedAt?.toISOString() ?? null,
  };
}

export function toPaymentResponse(payment: Payment, allocations: FeeAllocation[]): PaymentResponse {
  return {
    id: payment.id,
    estateId: payment.estateId,
    unitId: payment.unitId,
    receiptCode: payment.receiptCode,
    status: payment.status,
    amountFen: payment.amountFen,
    creditFen: payment.creditFen,
    method: payment.method,
    paidAt: payment.paidAt.toISOString(),
    payerName: payment.payerName,
    reference: payment.reference,
    idempotencyKey: payment.idempotencyKey,
    reversesPaymentId: payment.reversesPaymentId,
    reversedByPaymentId: payment.reversedByPaymentId,
    reversedAt: payment.reversedAt?.toISOString() ?? null,
    reversalReason: payment.reversalReason,
    recordedByName: payment.recordedByName,
    recordedAt: payment.createdAt.toISOString(),
    allocations: allocations.map(toAllocationResponse),
    allowedActions: allowedPaymentActions(payment.status),
  };
}

export function toMeterReadingResponse(reading: MeterReading): MeterReadingResponse {
  return {
    id: reading.id,
    unitId: reading.unitId,
    meterType: reading.meterType,
    readingHundredths: reading.readingHundredths,
    consumptionHundredths: reading.consumptionHundredths,
    readAt: reading.readAt.toISOString(),
    replacement: reading.replacement,
  };
}

export function toDunningRecordResponse(record: DunningRecord): DunningRecordResponse {
  return {
    id: record.id,
    estateId: record.estateId,
    unitId: record.unitId,
    contactedAt: record.contactedAt.toISOString(),
    method: record.method,
    outcome: record.outcome,
    staffName: record.staffName,
  };
}
