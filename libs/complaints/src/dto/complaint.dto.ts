import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Min,
} from 'class-validator';
import {
  factTimeDescription,
  IsExportLocale,
  IsId,
  IsInstant,
  IsPeriod,
  IsText,
  PaginationQuery,
  ToArray,
  ToBoolean,
  Optional,
} from '@estate/shared';
import type { LabelLocale } from '@estate/labels';
import { COMPLAINT_STATUSES, ComplaintStatus } from '../complaint-state';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_VALIDITIES,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintValidity,
  INVALID_REASONS,
  InvalidReason,
  SATISFACTION_LEVELS,
  SatisfactionLevel,
  WORK_ORDER_RELATIONS,
  WorkOrderRelation,
} from '../complaint.entity';

export class CreateComplaintRequest {
  @IsId({
    optional: true,
    description:
      'Taken from the unit when unitId is given (if sent, it must be the unit’s); required without a unit',
  })
  estateId?: string;
  @IsId({ optional: true, description: 'Unit concerned; a resident may only name their own unit' })
  unitId?: string;
  @ApiPropertyOptional({
    enum: COMPLAINT_CHANNELS,
    description: 'How it came in; required for staff, always `online` for a resident (not sent)',
  })
  @Optional()
  @IsIn(COMPLAINT_CHANNELS)
  channel?: ComplaintChannel;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COMPLAINT_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(COMPLAINT_CATEGORIES, { each: true })
  categories: ComplaintCategory[];
  @IsText({ max: 4000, example: '楼道垃圾三天未清理' }) description: string;
  @IsText({ optional: true, max: 100 }) contactName?: string;
  @IsText({ optional: true, max: 30, example: '13812345678' }) contactPhone?: string;
  @IsInstant({ optional: true, description: 'When it was received; defaults to now, never in the future' })
  receivedAt?: Date;
}

class VersionedRequest {
  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class JudgeComplaintRequest extends VersionedRequest {
  @ApiProperty({ enum: COMPLAINT_VALIDITIES }) @IsIn(COMPLAINT_VALIDITIES) validity: ComplaintValidity;
  @IsInstant({ optional: true, description: factTimeDescription('the receipt') })
  judgedAt?: Date;
  @ApiPropertyOptional({ enum: INVALID_REASONS, description: 'Required when invalid' })
  @Optional()
  @IsIn(INVALID_REASONS)
  invalidReason?: InvalidReason;
  @IsText({ optional: true, max: 2000 }) note?: string;
}

export class AssignComplaintRequest extends VersionedRequest {
  @IsText({ optional: true, max: 100, description: 'Department handling it' }) department?: string;
  @IsId({ optional: true, description: 'A staff user of the estate' }) assigneeUserId?: string;
  @IsText({ optional: true, max: 2000 }) note?: string;
}

export class ResolveComplaintRequest extends VersionedRequest {
  @IsText({ max: 4000 }) resolution: string;
  @IsInstant({ optional: true, description: factTimeDescription('the receipt and the judgement') })
  resolvedAt?: Date;
}

export class FollowUpComplaintRequest extends VersionedRequest {
  @ApiProperty({ enum: SATISFACTION_LEVELS }) @IsIn(SATISFACTION_LEVELS) satisfaction: SatisfactionLevel;
  @IsText({ optional: true, max: 2000 }) comment?: string;
  @IsInstant({ optional: true, description: factTimeDescription('the resolution') })
  followedUpAt?: Date;
}

export class CloseComplaintRequest extends VersionedRequest {
  @IsText({
    optional: true,
    max: 4000,
    description: 'Required for invalid complaints: the answer given to the resident',
  })
  note?: string;
  @IsInstant({ optional: true, description: factTimeDescription('the judgement and the follow-up') })
  closedAt?: Date;
}

export class LinkWorkOrderRequest {
  @IsId() workOrderId: string;
  @ApiProperty({ enum: WORK_ORDER_RELATIONS }) @IsIn(WORK_ORDER_RELATIONS) relation: WorkOrderRelation;
}

export class ComplaintQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsId({ optional: true }) unitId?: string;
  @IsId({
    optional: true,
    description: 'Only complaints linked to this work order (caused by or fixed by it)',
  })
  workOrderId?: string;
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES, isArray: true })
  @Optional()
  @ToArray()
  @IsIn(COMPLAINT_STATUSES, { each: true })
  status?: ComplaintStatus[];
  @ApiPropertyOptional({ enum: COMPLAINT_VALIDITIES })
  @Optional()
  @IsIn(COMPLAINT_VALIDITIES)
  validity?: ComplaintValidity;
  @ApiPropertyOptional({ enum: COMPLAINT_CATEGORIES })
  @Optional()
  @IsIn(COMPLAINT_CATEGORIES)
  category?: ComplaintCategory;
  @ApiPropertyOptional({ description: 'Only complaints flagged overdue (either deadline)' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  overdue?: boolean;
  @IsInstant({ optional: true, description: 'receivedAt ≥ this' }) receivedFrom?: Date;
  @IsInstant({ optional: true, description: 'receivedAt < this' }) receivedTo?: Date;
  @IsText({ optional: true, max: 30, description: 'Code contains' }) q?: string;
}

export class ComplaintExportQuery {
  @IsId() estateId: string;
  @IsPeriod({ optional: true, description: 'Only complaints received in this month' }) period?: string;
  @IsExportLocale() locale: LabelLocale = 'zh-CN';
}

export class ComplaintSummaryQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
}

export class ComplaintResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ example: 'CP-2026-000001' }) code: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '3-1203',
    description: 'Building number and unit number; null without a unit',
  })
  unitLabel: string | null;
  @ApiProperty({ enum: COMPLAINT_CHANNELS }) channel: ComplaintChannel;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES, isArray: true }) categories: ComplaintCategory[];
  @ApiProperty() description: string;
  @ApiPropertyOptional({ type: String, nullable: true }) contactName: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Masked in lists (138****5678), full on the detail',
  })
  contactPhone: string | null;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status: ComplaintStatus;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) receivedByName: string | null;
  @ApiProperty({ format: 'date-time' }) firstResponseDueAt: string;
  @ApiProperty({ format: 'date-time' }) resolutionDueAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) firstResponseOverdueAt:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) resolutionOverdueAt:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) judgedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) judgedByName: string | null;
  @ApiPropertyOptional({ enum: COMPLAINT_VALIDITIES, nullable: true }) validity: ComplaintValidity | null;
  @ApiPropertyOptional({ enum: INVALID_REASONS, nullable: true }) invalidReason: InvalidReason | null;
  @ApiPropertyOptional({ type: String, nullable: true }) judgementNote: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) assignedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeDepartment: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) assigneeUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeName: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) resolution: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) followedUpAt: string | null;
  @ApiPropertyOptional({ enum: SATISFACTION_LEVELS, nullable: true }) satisfaction: SatisfactionLevel | null;
  @ApiPropertyOptional({ type: String, nullable: true }) followUpComment: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) closingNote: string | null;
  @ApiProperty({ description: 'Optimistic-lock version; send it back with the next action' }) version: number;
  @ApiProperty({ type: String, isArray: true, description: 'Actions allowed now' }) allowedActions: string[];
}

export class ComplaintWorkOrderLink {
  @ApiProperty({ format: 'uuid' }) workOrderId: string;
  @ApiProperty({ enum: WORK_ORDER_RELATIONS }) relation: WorkOrderRelation;
  @ApiProperty({ format: 'date-time' }) linkedAt: string;
}

export class ComplaintHistoryEntry {
  @ApiProperty() action: string;
  @ApiPropertyOptional({ type: String, nullable: true }) fromState: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) toState: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
}

export class ComplaintAttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ example: 'image/jpeg' }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() uploadedByName: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

export class ComplaintDetailResponse extends ComplaintResponse {
  @ApiProperty({ type: ComplaintAttachmentResponse, isArray: true })
  attachments: ComplaintAttachmentResponse[];
  @ApiProperty({ type: ComplaintWorkOrderLink, isArray: true }) workOrders: ComplaintWorkOrderLink[];
  @ApiProperty({ type: ComplaintHistoryEntry, isArray: true }) history: ComplaintHistoryEntry[];
}

export class RateResult {
  @ApiProperty() numerator: number;
  @ApiProperty() denominator: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'numerator / denominator × 100; null when the denominator is 0',
  })
  percent: number | null;
}

export class InvalidReasonCount {
  @ApiProperty({ enum: INVALID_REASONS }) reason: InvalidReason;
  @ApiProperty() count: number;
}

export class ComplaintSummaryResponse {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ example: '2026-10' }) period: string;
  @ApiProperty({ description: 'Received in the month' }) received: number;
  @ApiProperty({ description: 'Judged valid in the month' }) valid: number;
  @ApiProperty({ description: 'Judged invalid in the month' }) invalid: number;
  @ApiProperty({ type: InvalidReasonCount, isArray: true }) invalidByReason: InvalidReasonCount[];
  @ApiProperty({ description: 'Resolved in the month' }) resolved: number;
  @ApiProperty({ description: 'Resolved in the month by their resolution deadline' }) resolvedOnTime: number;
  @ApiProperty({ description: 'Valid complaints unresolved at period end' }) backlog: number;
  @ApiProperty({ description: 'Received by period end and not judged by then' }) unjudged: number;
  @ApiProperty({ description: 'Households (occupied units on the last day of the period)' })
  households: number;
  @ApiProperty({ type: RateResult, description: 'KPI #20: valid complaints judged YTD / households' })
  validComplaintRate: RateResult;
  @ApiProperty({ type: RateResult, description: 'KPI #21: backlog-inclusive resolution rate' })
  resolutionRate: RateResult;
}
