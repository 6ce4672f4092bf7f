import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ROLES } from '@estate/auth';
import { IsId, IsLocalDate, IsText, PaginationQuery, ToBoolean, Optional, Nullable } from '@estate/shared';
import { FINDING_PRIORITIES, FindingPriority, PLAN_KINDS, PlanKind } from '../asset.constants';
import { FREQUENCIES, Frequency } from '../recurrence';

export class ChecklistItemDto {
  @ApiPropertyOptional({ description: 'Stable item id (generated when omitted)', example: 'pressure' })
  @Optional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'id must be 1–40 letters, digits, _ or -' })
  id?: string;
  @IsText({ max: 200, example: '水泵压力正常' }) label: string;
  @IsText({ optional: true, max: 200, example: '0.6–0.8 MPa' }) expected?: string;
}

export class RecurrenceDto {
  @ApiProperty({ enum: FREQUENCIES }) @IsIn(FREQUENCIES) frequency: Frequency;
  @ApiPropertyOptional({ type: [Number], description: 'weekly: ISO weekdays 1 (Mon) … 7 (Sun)' })
  @Optional()
  @IsArray()
  @IsInt({ each: true })
  weekdays?: number[];
  @ApiPropertyOptional({ description: '1–31; a day the month lacks falls on its last day' })
  @Optional()
  @IsInt()
  dayOfMonth?: number;
  @ApiPropertyOptional({ description: 'yearly: 1–12' }) @Optional() @IsInt() month?: number;
}

export class PriorityRuleDto {
  @ApiPropertyOptional({ enum: FINDING_PRIORITIES, default: 'routine' })
  @Optional()
  @IsIn(FINDING_PRIORITIES)
  failedItem?: FindingPriority;
  @ApiPropertyOptional({ enum: FINDING_PRIORITIES, default: 'routine' })
  @Optional()
  @IsIn(FINDING_PRIORITIES)
  poor?: FindingPriority;
  @ApiPropertyOptional({ enum: FINDING_PRIORITIES, default: 'urgent' })
  @Optional()
  @IsIn(FINDING_PRIORITIES)
  bad?: FindingPriority;
  @ApiPropertyOptional({ enum: FINDING_PRIORITIES, default: 'urgent' })
  @Optional()
  @IsIn(FINDING_PRIORITIES)
  dangerous?: FindingPriority;
  @ApiPropertyOptional({ enum: FINDING_PRIORITIES, default: 'urgent' })
  @Optional()
  @IsIn(FINDING_PRIORITIES)
  out_of_service?: FindingPriority;
}

export class CreatePlanRequest {
  @IsId() estateId: string;
  @IsText({ max: 100, example: '水泵房月度巡检' }) name: string;
  @IsId({ optional: true, description: 'One asset … (give assetId or categoryCode, not both)' })
  assetId?: string;
  @ApiPropertyOptional({ description: '… or every in-service asset of this category' })
  @Optional()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/)
  categoryCode?: string;
  @ApiProperty({ type: [ChecklistItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  checklist: ChecklistItemDto[];
  @ApiProperty({ type: RecurrenceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence: RecurrenceDto;
  @IsLocalDate({ description: 'First date the plan can fall due' }) startDate: string;
  @ApiPropertyOptional({ enum: ROLES }) @Optional() @IsIn(ROLES) assigneeRole?: string;
  @IsId({ optional: true }) assigneeUserId?: string;
  @ApiPropertyOptional({ type: PriorityRuleDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => PriorityRuleDto)
  priorityRule?: PriorityRuleDto;
}

export class UpdatePlanRequest {
  @ApiProperty({ description: 'The version you read (optimistic locking)' })
  @IsNumber({ maxDecimalPlaces: 0 })
  @Min(1)
  @Max(2_147_483_647)
  version: number;
  @IsText({ optional: true, max: 100 }) name?: string;
  @ApiPropertyOptional({ type: [ChecklistItemDto] })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  checklist?: ChecklistItemDto[];
  @ApiPropertyOptional({ type: RecurrenceDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence?: RecurrenceDto;
  @IsLocalDate({ optional: true }) startDate?: string;
  @ApiPropertyOptional({ enum: ROLES, nullable: true }) @Nullable() @IsIn([...ROLES, null]) assigneeRole?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Nullable() @IsId() assigneeUserId?: string | null;
  @ApiPropertyOptional({ type: PriorityRuleDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => PriorityRuleDto)
  priorityRule?: PriorityRuleDto;
  @ApiPropertyOptional({ description: 'false stops generating tasks' })
  @Optional()
  @IsBoolean()
  active?: boolean;
}

export class PlanQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsId({ optional: true }) assetId?: string;
  @ApiPropertyOptional() @Optional() @ToBoolean() @IsBoolean() active?: boolean;
}

export class ChecklistItemResponse {
  @ApiProperty() id: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: String, nullable: true }) expected: string | null;
}

export class PlanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ enum: PLAN_KINDS }) kind: PlanKind;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) assetId: string | null;
  @ApiProperty({ type: String, nullable: true }) categoryCode: string | null;
  @ApiProperty({ type: ChecklistItemResponse, isArray: true }) checklist: ChecklistItemResponse[];
  @ApiProperty({ type: RecurrenceDto }) recurrence: RecurrenceDto;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ type: String, nullable: true }) assigneeRole: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeUserId: string | null;
  @ApiProperty({ type: PriorityRuleDto }) priorityRule: PriorityRuleDto;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
