import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  factTimeDescription,
  IsExportLocale,
  IsFen,
  IsId,
  IsInstant,
  IsLocalDate,
  IsText,
  IsWholeNumber,
  PaginationQuery,
  ToArray,
  ToBoolean,
  enumDescription,
  Optional,
} from '@estate/shared';
import type { LabelLocale } from '@estate/labels';
import {
  ACCEPTANCE_BY,
  ACCEPTANCE_CHANNELS,
  AcceptanceChannel,
  ACCEPTANCE_RESULTS,
  AcceptanceBy,
  AcceptanceResult,
  RETURN_VISIT_METHODS,
  ReturnVisitMethod,
  SATISFACTION_LEVELS,
  SatisfactionLevel,
  WORK_ORDER_CHANNELS,
  WORK_ORDER_PRIORITIES,
  WorkOrderChannel,
  WorkOrderPriority,
} from '../work-order.constants';
import {
  WORK_ORDER_ACTIONS,
  WORK_ORDER_STATUSES,
  WorkOrderAction,
  WorkOrderStatus,
} from '../work-order-state';

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const PHONE = /^\+?[0-9][0-9 -]{4,28}$/;

/** The rules every "when it happened" field follows (docs/api.md "Times of facts"). */
const FACT_TIME = factTimeDescription;
const ESTATE_OF_INTAKE =
  'Taken from the unit when unitId is given (if sent, it must be the unit’s); required without a unit';

/** `version` from the last read: when given, a stale version is refused with 409 (optimistic locking). */
export class VersionedRequest {
  @IsWholeNumber({ optional: true, min: 1, description: 'The version you last read; a different one → 409' })
  version?: number;
}

export class AppointmentRequest {
  @IsLocalDate({ description: 'Local date in the estate zone' }) date: string;
  @ApiProperty({ example: '09:00' })
  @Matches(TIME_OF_DAY, { message: 'startTime must be HH:mm' })
  startTime: string;
  @ApiProperty({ example: '12:00' })
  @Matches(TIME_OF_DAY, { message: 'endTime must be HH:mm' })
  endTime: string;
}

export class CreateWorkOrderRequest {
  @IsId({ optional: true, description: ESTATE_OF_INTAKE }) estateId?: string;
  @IsId({ optional: true, description: 'In-home repair: the unit' }) unitId?: string;
  @IsId({ optional: true, description: 'Public area: the asset from the assets ledger' }) assetId?: string;
  @IsText({ optional: true, max: 200, description: 'Public area: where (e.g. 3号楼 电梯厅)' })
  locationText?: string;
  @IsText({ max: 40, example: 'plumbing', description: "One of the estate's work-order categories" })
  category: string;
  @ApiProperty({ enum: WORK_ORDER_PRIORITIES }) @IsIn(WORK_ORDER_PRIORITIES) priority: WorkOrderPriority;
  @ApiPropertyOptional({
    enum: WORK_ORDER_CHANNELS,
    description: 'How it came in; required for staff, always `resident_app` for a resident (not sent)',
  })
  @Optional()
  @IsIn(WORK_ORDER_CHANNELS)
  channel?: WorkOrderChannel;
  @IsText({ max: 2000 }) description: string;
  @IsText({ optional: true, max: 100 }) reporterName?: string;
  @ApiPropertyOptional({ example: '13812345678' })
  @Optional()
  @Matches(PHONE, { message: 'reporterPhone must be a phone number' })
  reporterPhone?: string;
  @ApiPropertyOptional({ type: AppointmentRequest })
  @Optional()
  @ValidateNested()
  @Type(() => AppointmentRequest)
  appointment?: AppointmentRequest;
  @IsInstant({
    optional: true,
    description: FACT_TIME('nothing (it is the first step)').replace(
      'When it happened',
      'When the request came in',
    ),
  })
  reportedAt?: Date;
}

export class AssignWorkOrderRequest extends VersionedRequest {
  @IsId({ description: 'An active technician of the estate' }) assigneeId: string;
}

export class HoldWorkOrderRequest extends VersionedRequest {
  @IsText({ max: 500, description: 'Why (e.g. waiting for parts)' }) reason: string;
}

export class HandBackRequest extends VersionedRequest {
  @IsText({ max: 500, description: 'Why the technician gives the order back (e.g. needs an electrician)' })
  reason: string;
}

export class UrgeRequest {
  @IsText({ optional: true, max: 500, description: 'What the caller said (e.g. 业主第二次来电催促)' })
  note?: string;
}

export class CancelWorkOrderRequest extends VersionedRequest {
  @IsText({ max: 500 }) reason: string;
}

export class ChangePriorityRequest extends VersionedRequest {
  @ApiProperty({ enum: WORK_ORDER_PRIORITIES }) @IsIn(WORK_ORDER_PRIORITIES) priority: WorkOrderPriority;
  @IsText({ max: 500 }) reason: string;
}

export class MaterialRequest {
  @IsText({ max: 100 }) name: string;
  @ApiProperty({ example: 1.5, description: 'At most 2 decimals, more than 0' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1_000_000)
  quantity: number;
  @IsText({ optional: true, max: 20, example: '个' }) unit?: string;
  @IsFen({ min: 0, description: 'Unit cost in fen (0 allowed for stock items)' }) unitCostFen: number;
}

export class CompleteWorkOrderRequest extends VersionedRequest {
  @IsText({ max: 2000 }) resolution: string;
  @ApiPropertyOptional({ type: MaterialRequest, isArray: true })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialRequest)
  materials?: MaterialRequest[];
  @IsWholeNumber({ min: 0, max: 100_000, description: 'Labour in minutes' }) labourMinutes: number;
  @ApiProperty({ description: 'Paid repair (the resident is charged)' }) @IsBoolean() chargeable: boolean;
  @IsFen({ optional: true, description: 'Charge in fen; required when chargeable' }) amountFen?: number;
  @IsInstant({ optional: true, description: FACT_TIME('arrival and the last reopening') })
  completedAt?: Date;
}

export class StartWorkOrderRequest extends VersionedRequest {
  @IsInstant({ optional: true, description: FACT_TIME('the report and the assignment') })
  arrivedAt?: Date;
}

export class AcceptWorkOrderRequest extends VersionedRequest {
  @ApiProperty({ enum: ACCEPTANCE_RESULTS }) @IsIn(ACCEPTANCE_RESULTS) result: AcceptanceResult;
  @ApiProperty({ enum: ACCEPTANCE_BY }) @IsIn(ACCEPTANCE_BY) by: AcceptanceBy;
  @ApiPropertyOptional({
    enum: ACCEPTANCE_CHANNELS,
    description:
      'How the acceptance reached you: resident_app (the resident, themselves; the default and the only value for residents), phone (a phone confirmation) or in_person (signed in front of staff). Required when staff record an acceptance `by: resident` (422 ACCEPTANCE_CHANNEL_REQUIRED)',
  })
  @Optional()
  @IsIn(ACCEPTANCE_CHANNELS)
  acceptanceChannel?: AcceptanceChannel;
  @ApiPropertyOptional({ enum: SATISFACTION_LEVELS })
  @Optional()
  @IsIn(SATISFACTION_LEVELS)
  satisfaction?: SatisfactionLevel;
  @IsText({ optional: true, max: 500 }) comment?: string;
  @IsInstant({ optional: true, description: FACT_TIME('the completion') })
  acceptedAt?: Date;
}

export class ReturnVisitRequest {
  @ApiProperty({ enum: RETURN_VISIT_METHODS }) @IsIn(RETURN_VISIT_METHODS) method: ReturnVisitMethod;
  @ApiPropertyOptional({ enum: SATISFACTION_LEVELS })
  @Optional()
  @IsIn(SATISFACTION_LEVELS)
  satisfaction?: SatisfactionLevel;
  @IsText({ optional: true, max: 500 }) comment?: string;
  @IsInstant({ optional: true, description: FACT_TIME('the first completion') }) visitedAt?: Date;
}

export const WORK_ORDER_SORTS = [
  '-reportedAt',
  'reportedAt',
  'dueAt',
  '-dueAt',
  'priority',
  'completedAt',
  '-completedAt',
] as const;
export type WorkOrderSort = (typeof WORK_ORDER_SORTS)[number];

export class WorkOrderQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @ApiPropertyOptional({
    enum: WORK_ORDER_STATUSES,
    isArray: true,
    description: 'Comma-separated or repeated',
  })
  @Optional()
  @ToArray()
  @IsIn(WORK_ORDER_STATUSES, { each: true })
  status?: WorkOrderStatus[];
  @ApiPropertyOptional({ enum: WORK_ORDER_PRIORITIES })
  @Optional()
  @IsIn(WORK_ORDER_PRIORITIES)
  priority?: WorkOrderPriority;
  @IsText({ optional: true, max: 40 }) category?: string;
  @IsId({ optional: true }) assigneeId?: string;
  @IsId({ optional: true }) unitId?: string;
  @ApiPropertyOptional({ description: 'true: ever flagged overdue by the SLA sweep; false: never' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({
    description:
      'false: the return-visit queue — completed or closed urgent/routine orders with no return visit yet ' +
      '(planned/preventive orders are left out, as KPI #24 leaves them out); true: orders with a return visit. ' +
      'Use with sort=completedAt for oldest first.',
  })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  returnVisited?: boolean;
  @ApiPropertyOptional({ description: 'true: urged (催单) at least once; false: never urged' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  urged?: boolean;
  @IsInstant({ optional: true, description: 'Reported at or after' }) reportedFrom?: Date;
  @IsInstant({ optional: true, description: 'Reported before' }) reportedTo?: Date;
  @IsText({
    optional: true,
    max: 100,
    description:
      'A code or its start (`WO-2026-000123`, `wo-2026-01`, `2026-0001`; any case) matches codes by prefix ' +
      '(indexed). Any other text is a case-insensitive contains search in code, description and location ' +
      '(% and _ literal); it reads every order the other filters leave, so narrow it on a large estate.',
  })
  q?: string;
  @ApiPropertyOptional({
    enum: WORK_ORDER_SORTS,
    default: '-reportedAt',
    description: enumDescription('Order of the list (`-` = descending)', {
      '-reportedAt': 'newest reported first (the default)',
      reportedAt: 'oldest reported first',
      dueAt: 'due soonest first',
      '-dueAt': 'due latest first',
      priority: 'urgent, then routine, then planned; each by due time',
      completedAt: 'first completed first',
      '-completedAt': 'last completed first',
    }),
  })
  @Optional()
  @IsIn(WORK_ORDER_SORTS)
  sort?: WorkOrderSort;
}

/** The list's filters, without paging and sort: what the list and its export both filter by. */
export type WorkOrderFilters = Omit<WorkOrderQuery, 'page' | 'pageSize' | 'offset' | 'sort'>;

/**
 * The export takes the list's filters (the same DTO, less paging and sort: rows come in reported
 * order), with the estate required, an optional local date range and the workbook's language.
 */
export class ExportQuery extends OmitType(WorkOrderQuery, ['estateId', 'page', 'pageSize', 'sort'] as const) {
  @IsId() estateId: string;
  @IsLocalDate({
    optional: true,
    description: 'First local date of reportedAt (estate zone), inclusive; with or instead of reportedFrom',
  })
  from?: string;
  @IsLocalDate({
    optional: true,
    description: 'Last local date of reportedAt (estate zone), inclusive; with or instead of reportedTo',
  })
  to?: string;
  @IsExportLocale() locale: LabelLocale = 'zh-CN';
}

/** The bill (维修费) a chargeable repair made, as the order shows it (docs/work-orders.md "Bill"). */
export class WorkOrderBillResponse {
  @ApiProperty({ format: 'uuid' }) billId: string;
  @ApiProperty({ example: '2026-10', description: 'Estate-local month of the first billed completion' })
  period: string;
  @ApiProperty({ description: 'What the resident is charged: the bill amount net of waivers, fen' })
  amountFen: number;
  @ApiProperty() paidFen: number;
  @ApiProperty() outstandingFen: number;
  @ApiProperty({ description: 'Nothing outstanding and something charged' }) paid: boolean;
}

export class WorkOrderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ example: 'WO-2026-000001' }) code: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '3-1203',
    description: 'Building number and unit number; null without a unit',
  })
  unitLabel: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) assetId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) locationText: string | null;
  @ApiProperty() category: string;
  @ApiProperty({ enum: WORK_ORDER_PRIORITIES }) priority: WorkOrderPriority;
  @ApiProperty({ enum: WORK_ORDER_CHANNELS }) channel: WorkOrderChannel;
  @ApiProperty() description: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reporterName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Masked in lists (138****5678)' })
  reporterPhone: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) appointmentStartAt:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) appointmentEndAt: string | null;
  @ApiProperty({ enum: WORK_ORDER_STATUSES }) status: WorkOrderStatus;
  @ApiProperty({ enum: WORK_ORDER_ACTIONS, isArray: true }) allowedActions: WorkOrderAction[];
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) arrivalDueAt: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) assigneeId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeName: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) assignedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) arrivedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) firstCompletedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) cancelledAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) cancelReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) holdReason: string | null;
  @ApiProperty() reworkCount: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) lastReopenedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) arrivalOverdueAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completionOverdueAt:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) resolution: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) labourMinutes: number | null;
  @ApiProperty() chargeable: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true }) amountFen: number | null;
  @ApiPropertyOptional({ enum: ACCEPTANCE_RESULTS, nullable: true })
  acceptanceResult: AcceptanceResult | null;
  @ApiPropertyOptional({ enum: ACCEPTANCE_BY, nullable: true }) acceptedBy: AcceptanceBy | null;
  @ApiPropertyOptional({
    enum: ACCEPTANCE_CHANNELS,
    nullable: true,
    description:
      'resident_app, or phone / in_person when staff entered it (acceptedByName); null before it was recorded',
  })
  acceptanceChannel: AcceptanceChannel | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Who entered the acceptance' })
  acceptedByName: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) acceptedAt: string | null;
  @ApiPropertyOptional({ enum: SATISFACTION_LEVELS, nullable: true }) satisfaction: SatisfactionLevel | null;
  @ApiPropertyOptional({ type: String, nullable: true }) acceptanceComment: string | null;
  @ApiProperty({ description: 'Times urged (催单)' }) urgeCount: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) lastUrgedAt: string | null;
  @ApiPropertyOptional({
    type: WorkOrderBillResponse,
    nullable: true,
    description: 'The bill of a chargeable repair (null when none was made)',
  })
  bill: WorkOrderBillResponse | null;
  @ApiProperty({ description: 'Send it back on actions for optimistic locking' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AssigneeQuery {
  @IsId() estateId: string;
}

export class AssigneeCategoryResponse {
  @ApiProperty({ example: 'plumbing' }) category: string;
  @ApiProperty({ description: 'Orders of this category first completed in the last 90 days' })
  completed: number;
}

export class AssigneeResponse {
  @ApiProperty({ format: 'uuid', description: 'The user id to send as assigneeId' }) id: string;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "The user's phone, in full (dispatch calls them)",
  })
  phone: string | null;
  @ApiProperty({ description: 'Their orders in this estate in assigned, in_progress, on_hold or reopened' })
  openCount: number;
  @ApiProperty({
    description:
      "Their orders in this estate, not cancelled, assigned to them today or with an appointment starting today (the estate's local day); each order once",
  })
  todayCount: number;
  @ApiProperty({
    type: AssigneeCategoryResponse,
    isArray: true,
    description:
      'Categories of the orders they first completed in this estate in the last 90 days, most frequent first',
  })
  categories: AssigneeCategoryResponse[];
}

export class MaterialResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() quantity: number;
  @ApiPropertyOptional({ type: String, nullable: true }) unit: string | null;
  @ApiProperty() unitCostFen: number;
  @ApiProperty() totalFen: number;
  @ApiProperty() completionNumber: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class ReturnVisitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) workOrderId: string;
  @ApiProperty({ enum: RETURN_VISIT_METHODS }) method: ReturnVisitMethod;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) visitorId: string | null;
  @ApiProperty() visitorName: string;
  @ApiProperty({ format: 'date-time' }) visitedAt: string;
  @ApiPropertyOptional({ enum: SATISFACTION_LEVELS, nullable: true }) satisfaction: SatisfactionLevel | null;
  @ApiPropertyOptional({ type: String, nullable: true }) comment: string | null;
}

export class HistoryEntryResponse {
  @ApiProperty() action: string;
  @ApiPropertyOptional({ type: String, nullable: true }) fromState: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) toState: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true })
  details: Record<string, unknown> | null;
}

export class WorkOrderDetailResponse extends WorkOrderResponse {
  @ApiProperty({ type: HistoryEntryResponse, isArray: true }) history: HistoryEntryResponse[];
  @ApiProperty({ type: MaterialResponse, isArray: true }) materials: MaterialResponse[];
  @ApiProperty({ type: ReturnVisitResponse, isArray: true }) returnVisits: ReturnVisitResponse[];
  @ApiProperty({ type: () => AttachmentResponse, isArray: true }) attachments: AttachmentResponse[];
}

export class AttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) workOrderId: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ example: 'image/jpeg' }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() uploadedByName: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}
