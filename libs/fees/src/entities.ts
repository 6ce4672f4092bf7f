import { Column, Entity, Index } from 'typeorm';
import {
  BaseEntity,
  BigIntegerColumn,
  FenColumn,
  IdColumn,
  InstantColumn,
  LocalDateColumn,
} from '@estate/shared';
import type { UnitType } from '@estate/estates';
import type { BillingRunStatus } from './billing-run-state';
import type { PaymentStatus } from './payment-state';

export const FEE_CATEGORIES = [
  'management_fee',
  'parking',
  'water',
  'electricity',
  'shared_utilities',
  'paid_service',
  'other',
] as const;
export type FeeCategory = (typeof FEE_CATEGORIES)[number];

/**
 * `on_demand`: never billed by a billing run; bills are made by an event (a chargeable repair's
 * completion bills the `paid_repair` item, docs/fees.md "Paid repairs").
 */
export const BILLING_BASES = ['per_area', 'per_unit', 'metered', 'one_off', 'on_demand'] as const;
export type BillingBasis = (typeof BILLING_BASES)[number];
/** The bases finance may give an item it creates (`on_demand` items are the system's). */
export const RUN_BILLING_BASES = ['per_area', 'per_unit', 'metered', 'one_off'] as const;

export const METER_TYPES = ['water', 'electricity', 'gas'] as const;
export type MeterType = (typeof METER_TYPES)[number];

export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'wechat', 'alipay', 'card', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const ALLOCATION_SOURCES = ['payment', 'credit'] as const;
export type AllocationSource = (typeof ALLOCATION_SOURCES)[number];

export const CREDIT_ENTRY_KINDS = ['overpayment', 'applied', 'reversal'] as const;
export type CreditEntryKind = (typeof CREDIT_ENTRY_KINDS)[number];

/** A bill as shown: `open` while anything is outstanding (amount − waived − paid > 0), else `settled`. */
export const BILL_STATUSES = ['open', 'settled'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

export const DUNNING_METHODS = ['phone', 'sms', 'letter', 'visit', 'wechat', 'other'] as const;
export type DunningMethod = (typeof DUNNING_METHODS)[number];

/** Fee items the system creates and bills itself: `paid_repair` (维修费) for chargeable work orders. */
export const FEE_ITEM_SYSTEM_KEYS = ['paid_repair'] as const;
export type FeeItemSystemKey = (typeof FEE_ITEM_SYSTEM_KEYS)[number];

/** A fee item (收费项目) of an estate and its price. */
@Entity('fee_items')
@Index('ix_fee_items_estate', ['estateId', 'active'])
@Index('uq_fee_items_estate_system_key', ['estateId', 'systemKey'], { unique: true })
export class FeeItem extends BaseEntity {
  @IdColumn()
  estateId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 30 })
  category: FeeCategory;

  @Column({ type: 'varchar', length: 20 })
  basis: BillingBasis;

  /**
   * Price in 1/100 fen: per m² per month (per_area), per unit per month (per_unit), per unit of
   * consumption (metered), or the whole amount (one_off). ¥2.355/m² is 23550.
   */
  @BigIntegerColumn()
  priceCentiFen: number;

  /** Unit types the item applies to (residential, commercial, parking). */
  @Column({ type: 'simple-json' })
  unitTypes: UnitType[];

  /** For metered items: which meter's consumption is billed. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  meterType: MeterType | null;

  /** First period billed (one_off items are billed in this period only). */
  @Column({ type: 'varchar', length: 7 })
  activeFrom: string;

  /** Last period billed, inclusive; null = open-ended. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  activeTo: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The item the system bills on its own (`paid_repair`); null for items finance defines. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  systemKey: FeeItemSystemKey | null;
}

/** One billing run (开账) of an estate for a period. */
@Entity('billing_runs')
@Index('ix_billing_runs_estate_period', ['estateId', 'period'])
export class BillingRun extends BaseEntity {
  @IdColumn()
  estateId: string;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'varchar', length: 20 })
  status: BillingRunStatus;

  @Column({ type: 'int', default: 0 })
  unitCount: number;

  @Column({ type: 'int', default: 0 })
  billsCreated: number;

  /** Bills that already existed (an idempotent re-run finds them and creates nothing). */
  @Column({ type: 'int', default: 0 })
  billsExisting: number;

  @FenColumn({ default: 0 })
  amountCreatedFen: number;

  /** Unit credit (预存) applied to the new bills. */
  @FenColumn({ default: 0 })
  creditAppliedFen: number;

  @Column({ type: 'varchar', length: 100 })
  triggeredBy: string;

  @InstantColumn()
  startedAt: Date;

  @InstantColumn({ nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}

/**
 * A bill line: one unit × one fee item × one period. `paidFen` and `waivedFen` are running totals
 * kept in step with the allocation and adjustment rows (the rows are the as-of truth).
 */
@Entity('bills')
@Index('uq_bills_unit_item_period_charge', ['unitId', 'feeItemId', 'period', 'chargeKey'], { unique: true })
@Index('uq_bills_work_order', ['workOrderId'], { unique: true })
@Index('ix_bills_estate_period_category', ['estateId', 'period', 'category'])
@Index('ix_bills_estate_due', ['estateId', 'dueDate'])
@Index('ix_bills_estate_building_cover', [
  'estateId',
  'buildingId',
  'unitId',
  'period',
  'dueDate',
  'createdAt',
  'amountFen',
])
@Index('ix_bills_unit_due', ['unitId', 'dueDate'])
export class Bill extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  buildingId: string;

  @IdColumn()
  unitId: string;

  @IdColumn()
  feeItemId: string;

  @IdColumn({ nullable: true })
  billingRunId: string | null;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  /** Copied from the fee item so KPI #4 filters `management_fee` without a join. */
  @Column({ type: 'varchar', length: 30 })
  category: FeeCategory;

  @Column({ type: 'varchar', length: 100 })
  itemName: string;

  @FenColumn()
  amountFen: number;

  @FenColumn({ default: 0 })
  paidFen: number;

  @FenColumn({ default: 0 })
  waivedFen: number;

  @LocalDateColumn()
  dueDate: string;

  /** Days billed of the period (pro-rating); equals daysInPeriod for a whole month. */
  @Column({ type: 'int' })
  billedDays: number;

  @Column({ type: 'int' })
  daysInPeriod: number;

  /** Consumption billed (hundredths), for metered items. */
  @BigIntegerColumn({ nullable: true })
  quantityHundredths: number | null;

  /** The chargeable work order this 维修费 bill charges (one bill per order, unique). */
  @IdColumn({ nullable: true })
  workOrderId: string | null;

  /**
   * Tells apart bills of one item in one period: '' for billing-run bills (one per unit × item ×
   * period), the work order id for a repair bill.
   */
  @Column({ type: 'varchar', length: 36, default: '' })
  chargeKey: string;
}

/** A payment (收款) or the negative row of its reversal (冲正). */
@Entity('payments')
@Index('uq_payments_estate_key', ['estateId', 'idempotencyKey'], { unique: true })
@Index('uq_payments_estate_code', ['estateId', 'receiptCode'], { unique: true })
@Index('ix_payments_estate_paid', ['estateId', 'paidAt'])
@Index('ix_payments_unit_paid', ['unitId', 'paidAt'])
export class Payment extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  unitId: string;

  /** RC-YYYY-NNNNNN, gap-free per estate and year. */
  @Column({ type: 'varchar', length: 20 })
  receiptCode: string;

  @Column({ type: 'varchar', length: 20 })
  status: PaymentStatus;

  /** Positive for a payment, negative for a reversal row. */
  @FenColumn()
  amountFen: number;

  /** The part that went to unit credit (overpayment). */
  @FenColumn({ default: 0 })
  creditFen: number;

  @Column({ type: 'varchar', length: 20 })
  method: PaymentMethod;

  @InstantColumn()
  paidAt: Date;

  @Column({ type: 'varchar', length: 100, nullable: true })
  payerName: string | null;

  /** Bank / WeChat / Alipay transaction id, for reconciliation. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  reference: string | null;

  @Column({ type: 'varchar', length: 100 })
  idempotencyKey: string;

  /** Hash of the request body: the same key with a different body is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @IdColumn({ nullable: true })
  reversesPaymentId: string | null;

  @IdColumn({ nullable: true })
  reversedByPaymentId: string | null;

  @InstantColumn({ nullable: true })
  reversedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reversalReason: string | null;

  @IdColumn({ nullable: true })
  recordedById: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  recordedByName: string | null;

  /**
   * What the unit still owed (Σ amount − waived − paid of its bills) right after this row was
   * recorded; printed on the receipt. Null for payments recorded before migration 1767225651000.
   */
  @FenColumn({ nullable: true })
  outstandingAfterFen: number | null;

  /** Receipt downloads so far: the second and later print 副本 / COPY. */
  @Column({ type: 'int', default: 0 })
  receiptPrintCount: number;
}

/**
 * Money applied to a bill, from a payment or from unit credit. A reversal never deletes it: it sets
 * `reversedAt`, so "paid by instant T, as known at instant K" is
 * `paidAt < T AND (reversedAt IS NULL OR reversedAt > K)`.
 */
@Entity('fee_allocations')
@Index('ix_fee_allocations_bill_cover', ['billId', 'paidAt', 'reversedAt', 'amountFen'])
@Index('ix_fee_allocations_estate_building', [
  'estateId',
  'buildingId',
  'billPeriod',
  'paidAt',
  'reversedAt',
  'amountFen',
])
@Index('ix_fee_allocations_payment', ['paymentId'])
@Index('ix_fee_allocations_estate_paid', ['estateId', 'paidAt'])
export class FeeAllocation extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  unitId: string;

  @IdColumn()
  billId: string;

  /**
   * The bill's period, category and building, copied when the allocation is made (a bill never
   * changes them), so collection sums are one range scan of this table (docs/fees.md).
   */
  @Column({ type: 'varchar', length: 7 })
  billPeriod: string;

  @Column({ type: 'varchar', length: 30 })
  billCategory: FeeCategory;

  @IdColumn()
  buildingId: string;

  @IdColumn({ nullable: true })
  paymentId: string | null;

  @Column({ type: 'varchar', length: 20 })
  source: AllocationSource;

  @FenColumn()
  amountFen: number;

  /** When the money counts as received: the payment's paidAt, or when credit was applied. */
  @InstantColumn()
  paidAt: Date;

  @InstantColumn({ nullable: true })
  reversedAt: Date | null;
}

/** Unit credit ledger (预存): balance = SUM(amountFen) of the unit. */
@Entity('unit_credit_entries')
@Index('ix_unit_credit_unit', ['unitId', 'occurredAt'])
@Index('ix_unit_credit_estate', ['estateId', 'unitId'])
export class UnitCreditEntry extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  unitId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: CreditEntryKind;

  /** + money into credit, − credit used or taken back. */
  @FenColumn()
  amountFen: number;

  @IdColumn({ nullable: true })
  paymentId: string | null;

  @IdColumn({ nullable: true })
  billId: string | null;

  @InstantColumn()
  occurredAt: Date;
}

/** A waiver or reduction (减免) of a bill, approved by a manager. */
@Entity('bill_adjustments')
@Index('ix_bill_adjustments_bill', ['billId', 'approvedAt'])
@Index('ix_bill_adjustments_estate', ['estateId', 'approvedAt'])
export class BillAdjustment extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  billId: string;

  /** Amount taken off the bill (positive). */
  @FenColumn()
  amountFen: number;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @IdColumn()
  approvedById: string;

  @Column({ type: 'varchar', length: 100 })
  approvedByName: string;

  @InstantColumn()
  approvedAt: Date;
}

/** A meter reading; consumption is the delta to the previous reading (or the reading itself after a replacement). */
@Entity('meter_readings')
@Index('ix_meter_readings_unit', ['unitId', 'meterType', 'readAt'])
@Index('ix_meter_readings_estate', ['estateId', 'meterType', 'readAt'])
export class MeterReading extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  unitId: string;

  @Column({ type: 'varchar', length: 20 })
  meterType: MeterType;

  /** Reading in hundredths (m³, kWh). */
  @BigIntegerColumn()
  readingHundredths: number;

  @BigIntegerColumn()
  consumptionHundredths: number;

  @InstantColumn()
  readAt: Date;

  /** A new meter: the reading starts again from zero. */
  @Column({ type: 'boolean', default: false })
  replacement: boolean;

  @IdColumn({ nullable: true })
  recordedById: string | null;
}

/** A dunning contact (催缴记录). */
@Entity('dunning_records')
@Index('ix_dunning_unit', ['unitId', 'contactedAt'])
@Index('ix_dunning_estate', ['estateId', 'contactedAt'])
export class DunningRecord extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  unitId: string;

  @InstantColumn()
  contactedAt: Date;

  @Column({ type: 'varchar', length: 20 })
  method: DunningMethod;

  @Column({ type: 'varchar', length: 500 })
  outcome: string;

  @IdColumn({ nullable: true })
  staffId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  staffName: string | null;
}

export const FEE_ENTITIES = [
  FeeItem,
  BillingRun,
  Bill,
  Payment,
  FeeAllocation,
  UnitCreditEntry,
  BillAdjustment,
  MeterReading,
  DunningRecord,
];
