import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsId, IsInstant, IsLocalDate, IsText, PaginationQuery, ToArray, Optional } from '@estate/shared';
import { ASSET_CONDITIONS, AssetCondition, PLAN_KINDS, PlanKind } from '../asset.constants';
import { ASSET_TASK_STATUSES, AssetTaskStatus } from '../asset-task-state';

export class TaskQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @ApiPropertyOptional({ enum: ASSET_TASK_STATUSES, isArray: true, description: 'status=open,overdue' })
  @Optional()
  @ToArray()
  @IsIn(ASSET_TASK_STATUSES, { each: true })
  status?: AssetTaskStatus[];
  @ApiPropertyOptional({ enum: PLAN_KINDS }) @Optional() @IsIn(PLAN_KINDS) kind?: PlanKind;
  @IsId({ optional: true }) assetId?: string;
  @IsId({ optional: true }) planId?: string;
  @IsLocalDate({ optional: true, description: 'Due on or after' }) dueFrom?: string;
  @IsLocalDate({ optional: true, description: 'Due on or before' }) dueTo?: string;
}

export class ItemResultDto {
  @ApiProperty() @IsString() @MaxLength(40) itemId: string;
  @ApiProperty() @IsBoolean() passed: boolean;
  @IsText({ optional: true, max: 200, description: 'Measured value' }) value?: string;
  @IsText({ optional: true, max: 500 }) note?: string;
}

export class CompleteTaskRequest {
  @ApiProperty({ type: [ItemResultDto], description: 'One result for each checklist item of the plan' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ItemResultDto)
  itemResults: ItemResultDto[];
  @ApiPropertyOptional({ enum: ASSET_CONDITIONS, description: 'Required for inspections' })
  @Optional()
  @IsIn(ASSET_CONDITIONS)
  overallCondition?: AssetCondition;
  @ApiPropertyOptional({ type: [String], description: 'Photo references (attachment ids or URLs)' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  photos?: string[];
  @IsText({ optional: true, max: 500 }) note?: string;
  @IsInstant({ optional: true, description: 'When inspected; defaults to now; not in the future' })
  inspectedAt?: Date;
}

export class ItemResultResponse {
  @ApiProperty() itemId: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: String, nullable: true }) value: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class InspectionResultResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: ItemResultResponse, isArray: true }) itemResults: ItemResultResponse[];
  @ApiProperty({ enum: ASSET_CONDITIONS, nullable: true }) overallCondition: AssetCondition | null;
  @ApiProperty({ type: [String] }) photos: string[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() inspectorName: string;
  @ApiProperty({ format: 'date-time' }) inspectedAt: string;
  @ApiProperty({ type: String, nullable: true }) conditionRecordId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Work order opened from this finding' })
  workOrderId: string | null;
  @ApiProperty({ type: String, nullable: true }) workOrderCode: string | null;
}

export class AssetTaskResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) assetId: string;
  @ApiProperty({ enum: PLAN_KINDS }) kind: PlanKind;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: ASSET_TASK_STATUSES }) status: AssetTaskStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) overdueAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeRole: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeUserId: string | null;
  @ApiProperty({ type: InspectionResultResponse, nullable: true }) result: InspectionResultResponse | null;
}

export class GenerateTasksResponse {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() created: number;
  @ApiProperty() markedOverdue: number;
}
