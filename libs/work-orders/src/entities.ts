import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import { BaseEntity, BigIntegerColumn, FenColumn, IdColumn, InstantColumn } from '@estate/shared';
import type {
  AcceptanceBy,
  AcceptanceChannel,
  AcceptanceResult,
  ReturnVisitMethod,
  SatisfactionLevel,
  WorkOrderChannel,
  WorkOrderPriority,
} from './work-order.constants';
import type { WorkOrderStatus } from './work-order-state';
import type { MonthlyFactKind } from './work-order-monthly-facts';

/**
 * A repair ticket (报修工单). Every KPI-relevant moment is its own column so a month can be
 * recomputed later from facts dated before its end (docs/work-orders.md "As-of"):
 * `firstCompletedAt` and `arrivedAt` never change once set, `reworkCount` only grows while the
 * order is open, and `closedAt` is final.
 */
@Entity('work_orders')
@Index('uq_work_orders_estate_code', ['estateId', 'code'], { unique: true })
@Index('ix_work_orders_estate_reported', ['estateId', 'reportedAt'])
@Index('ix_work_orders_estate_status', ['estateId', 'status', 'priority'])
@Index('ix_work_orders_estate_first_completed', ['estateId', 'firstCompletedAt'])
@Index('ix_work_orders_estate_due', ['estateId', 'dueAt'])
@Index('ix_work_orders_estate_closed', ['estateId', 'closedAt'])
@Index('ix_work_orders_assignee_status', ['assigneeId', 'status'])
@Index('ix_work_orders_unit', ['unitId', 'reportedAt'])
@Index('ix_work_orders_estate_return_visit_queue', ['estateId', 'firstReturnVisitAt', 'completedAt'])
export class WorkOrder extends BaseEntity {
  @IdColumn()
  estateId: string;

  /** `WO-2026-000123`, per estate and year (estate zone). */
  @Column({ type: 'varchar', length: 20 })
  code: string;

  @IdColumn({ nullable: true })
  unitId: string | null;

  /** Facility/equipment from the assets ledger (public-area repairs); not a foreign key across libraries. */
  @IdColumn({ nullable: true })
  assetId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  locationText: string | null;

  @Column({ type: 'varchar', length: 40 })
  category: string;

  @Column({ type: 'varchar', length: 20 })
  priority: WorkOrderPriority;

  @Column({ type: 'varchar', length: 20 })
  channel: WorkOrderChannel;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reporterName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  reporterPhone: string | null;

  @InstantColumn({ nullable: true })
  appointmentStartAt: Date | null;

  @InstantColumn({ nullable: true })
  appointmentEndAt: Date | null;

  @Column({ type: 'varchar', length: 20 })
  status: WorkOrderStatus;

  @InstantColumn()
  reportedAt: Date;

  /** Urgent orders only: on site by then. */
  @InstantColumn({ nullable: true })
  arrivalDueAt: Date | null;

  @InstantColumn()
  dueAt: Date;

  @IdColumn({ nullable: true })
  assigneeId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  assigneeName: string | null;

  /** Latest (re)assignment. */
  @InstantColumn({ nullable: true })
  assignedAt: Date | null;

  /** First time on site; kept through rework. */
  @InstantColumn({ nullable: true })
  arrivedAt: Date | null;

  /** Seconds from report to first arrival (stored so stats average without dialect date maths). */
  @Column({ type: 'int', nullable: true })
  arrivalSeconds: number | null;

  /** First completion; never changes (KPI #2 and #24 "completed in the month"). */
  @InstantColumn({ nullable: true })
  firstCompletedAt: Date | null;

  /** Seconds from report to first completion. */
  @Column({ type: 'int', nullable: true })
  completionSeconds: number | null;

  /** Latest completion (after rework it is later than firstCompletedAt). */
  @InstantColumn({ nullable: true })
  completedAt: Date | null;

  /** Acceptance passed; final. */
  @InstantColumn({ nullable: true })
  closedAt: Date | null;

  @InstantColumn({ nullable: true })
  cancelledAt: Date | null;

  /** The earliest return visit's `visitedAt` (kept by addReturnVisit; KPI #24 reads it from an index). */
  @InstantColumn({ nullable: true })
  firstReturnVisitAt: Date | null;

  /** Times a resident chased the order (催单); not an edit, so it does not bump `version`. */
  @Column({ type: 'int', default: 0 })
  urgeCount: number;

  @InstantColumn({ nullable: true })
  lastUrgedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  holdReason: string | null;

  /** Failed acceptances (KPI #3: passed first time ⇔ closed with reworkCount = 0). */
  @Column({ type: 'int', default: 0 })
  reworkCount: number;

  @InstantColumn({ nullable: true })
  lastReopenedAt: Date | null;

  /** First seen past arrivalDueAt by the SLA sweep (a fact, not a status). */
  @InstantColumn({ nullable: true })
  arrivalOverdueAt: Date | null;

  /** First seen past dueAt by the SLA sweep. */
  @InstantColumn({ nullable: true })
  completionOverdueAt: Date | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ type: 'int', nullable: true })
  labourMinutes: number | null;

  /** Paid repair (有偿维修): billed later by the fees module. */
  @Column({ type: 'boolean', default: false })
  chargeable: boolean;

  @FenColumn({ nullable: true })
  amountFen: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  acceptanceResult: AcceptanceResult | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  acceptedBy: AcceptanceBy | null;

  /** resident_app / phone / in_person; null on orders accepted before the channel was recorded. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  acceptanceChannel: AcceptanceChannel | null;

  /** Who entered the acceptance (the resident, or the staff member on their behalf). */
  @IdColumn({ nullable: true })
  acceptedById: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  acceptedByName: string | null;

  @InstantColumn({ nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  satisfaction: SatisfactionLevel | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  acceptanceComment: string | null;

  @IdColumn({ nullable: true })
  createdById: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}

/** A material used on a completion (name, quantity, unit cost). */
@Entity('work_order_materials')
@Index('ix_work_order_materials_order', ['workOrderId'])
export class WorkOrderMaterial extends BaseEntity {
  @IdColumn()
  workOrderId: string;

  @IdColumn()
  estateId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Quantity in hundredths (1.5 m → 150), exact. */
  @BigIntegerColumn()
  quantityHundredths: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  unit: string | null;

  @FenColumn()
  unitCostFen: number;

  /** round(quantity × unit cost) in fen. */
  @FenColumn()
  totalFen: number;

  /** Which completion recorded it (1 = first, 2 after one rework …). */
  @Column({ type: 'int' })
  completionNumber: number;

  @InstantColumn()
  recordedAt: Date;
}

/** A return visit (回访) after completion. */
@Entity('work_order_return_visits')
@Index('ix_work_order_return_visits_order', ['workOrderId', 'visitedAt'])
@Index('ix_work_order_return_visits_estate', ['estateId', 'visitedAt'])
export class WorkOrderReturnVisit extends BaseEntity {
  @IdColumn()
  workOrderId: string;

  @IdColumn()
  estateId: string;

  @Column({ type: 'varchar', length: 20 })
  method: ReturnVisitMethod;

  @IdColumn({ nullable: true })
  visitorId: string | null;

  @Column({ type: 'varchar', length: 100 })
  visitorName: string;

  @InstantColumn()
  visitedAt: Date;

  @Column({ type: 'varchar', length: 30, nullable: true })
  satisfaction: SatisfactionLevel | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;
}

/**
 * One month's share of the stats of an estate's work orders (work-order-monthly-facts.ts): sums kept
 * by every write to an order (after − before, in the writer's transaction), so the stats endpoint
 * reads a few dozen rows instead of a month of orders. Months are in the zone of the estate's build.
 */
@Entity('work_order_monthly_facts')
export class WorkOrderMonthlyFact {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  estateId: string;

  /** `YYYY-MM` in the build's time zone. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  period: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: MonthlyFactKind;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  subject1: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  subject2: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  subject3: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  label: string | null;

  @BigIntegerColumn({ default: 0 }) orders: number;
  @BigIntegerColumn({ default: 0 }) counted: number;
  @BigIntegerColumn({ default: 0 }) onTime: number;
  @BigIntegerColumn({ default: 0 }) visited: number;
  @BigIntegerColumn({ default: 0 }) labourMinutes: number;
  @BigIntegerColumn({ default: 0 }) timed: number;
  @BigIntegerColumn({ default: 0 }) seconds: number;
  @BigIntegerColumn({ default: 0 }) passed: number;
}

/**
 * An estate's monthly facts exist and are kept, in this time zone, since `builtAt`. Writers read it
 * (shared lock) before applying their change; a rebuild holds it exclusively while it recomputes.
 */
@Entity('work_order_fact_builds')
export class WorkOrderFactBuild {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  estateId: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @InstantColumn()
  builtAt: Date;

  /** Orders summed by the build (a figure for operators; writers do not keep it). */
  @Column({ type: 'int' })
  orders: number;
}

export const WORK_ORDER_ENTITIES = [
  WorkOrder,
  WorkOrderMaterial,
  WorkOrderReturnVisit,
  WorkOrderMonthlyFact,
  WorkOrderFactBuild,
];
