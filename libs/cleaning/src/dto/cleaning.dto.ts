import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsId, IsInstant, IsPeriod, IsText, PaginationQuery, ToBoolean, Optional } from '@estate/shared';
import {
  FOLLOW_UP_STATES,
  FollowUpState,
  FREQUENCY_UNITS,
  FrequencyUnit,
  ZONE_TYPES,
  ZoneType,
} from '../cleaning.entities';

export class CreateZoneRequest {
  @IsId() estateId: string;
  @IsText({ max: 100, example: '3号楼大堂' }) name: string;
  @ApiProperty({ enum: ZONE_TYPES }) @IsIn(ZONE_TYPES) type: ZoneType;
  @ApiPropertyOptional({ example: 120.5, description: 'm², at most 2 decimals' })
  @Optional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(10_000_000)
  area?: number;
  @IsText({ optional: true, max: 4000, description: 'Cleaning standard (保洁标准)' }) standard?: string;
  @ApiProperty({ example: 2, minimum: 1, maximum: 50 }) @IsInt() @Min(1) @Max(50) frequencyTimes: number;
  @ApiProperty({ enum: FREQUENCY_UNITS }) @IsIn(FREQUENCY_UNITS) frequencyUnit: FrequencyUnit;
  @IsId({ optional: true, description: 'Responsible cleaner (a cleaner member of the estate)' })
  cleanerId?: string;
}

export class ZoneQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
}

export class ZoneResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ZONE_TYPES }) type: ZoneType;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'm²' }) area: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) standard: string | null;
  @ApiProperty() frequencyTimes: number;
  @ApiProperty({ enum: FREQUENCY_UNITS }) frequencyUnit: FrequencyUnit;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) cleanerId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreateCleaningLogRequest {
  @IsId({ optional: true, description: 'Client-generated id: resubmitting returns the first record (200)' })
  clientId?: string;
  @IsId() zoneId: string;
  @IsInstant() startedAt: Date;
  @IsInstant() finishedAt: Date;
  @ApiProperty({ type: String, isArray: true, example: ['扫地', '拖地', '擦扶手'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  tasks: string[];
  @IsText({ optional: true, max: 2000 }) note?: string;
  @IsId({ optional: true, description: 'The failed inspection this re-clean answers' })
  reCleanForInspectionId?: string;
}

export class CleaningLogQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsId({ optional: true }) zoneId?: string;
  @IsInstant({ optional: true, description: 'startedAt ≥ from' }) from?: Date;
  @IsInstant({ optional: true, description: 'startedAt < to' }) to?: Date;
}

export class CleaningLogResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) clientId: string | null;
  @ApiProperty({ format: 'uuid' }) zoneId: string;
  @ApiProperty({ format: 'uuid' }) cleanerId: string;
  @ApiProperty() cleanerName: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time' }) finishedAt: string;
  @ApiProperty({ type: String, isArray: true }) tasks: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) reCleanForInspectionId:
    string | null;
}

export class CreateInspectionRequest {
  @IsId({ optional: true, description: 'Client-generated id: resubmitting returns the first record (200)' })
  clientId?: string;
  @IsId() zoneId: string;
  @IsInstant() inspectedAt: Date;
  @ApiProperty() @IsBoolean() passed: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @Optional() @IsInt() @Min(0) @Max(100) score?: number;
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Required (at least one) when failed' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(500, { each: true })
  issues?: string[];
  @IsId({ optional: true, description: 'The failed inspection this re-inspection checks again' })
  reInspectionOfId?: string;
}

export class InspectionQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsId({ optional: true }) zoneId?: string;
  @ApiPropertyOptional() @Optional() @ToBoolean() @IsBoolean() passed?: boolean;
  @ApiPropertyOptional({ enum: FOLLOW_UP_STATES })
  @Optional()
  @IsIn(FOLLOW_UP_STATES)
  followUp?: FollowUpState;
  @IsInstant({ optional: true, description: 'inspectedAt ≥ from' }) from?: Date;
  @IsInstant({ optional: true, description: 'inspectedAt < to' }) to?: Date;
}

export class InspectionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) clientId: string | null;
  @ApiProperty({ format: 'uuid' }) zoneId: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) cleanerId: string | null;
  @ApiProperty({ format: 'uuid' }) inspectorId: string;
  @ApiProperty() inspectorName: string;
  @ApiProperty({ format: 'date-time' }) inspectedAt: string;
  @ApiProperty() passed: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: String, isArray: true }) issues: string[];
  @ApiProperty({ enum: FOLLOW_UP_STATES }) followUp: FollowUpState;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) reInspectionOfId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) reCleanLogId: string | null;
}

export class CleaningSummaryQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
}

export class PassRateRow {
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'zone or cleaner id' })
  id: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) name: string | null;
  @ApiProperty() inspections: number;
  @ApiProperty() passed: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'passed / inspections × 100' })
  passPercent: number | null;
}

export class ZoneCleaningRow {
  @ApiProperty({ format: 'uuid' }) zoneId: string;
  @ApiProperty() zoneName: string;
  @ApiProperty({ description: 'Scheduled cleanings in the period (see docs/cleaning.md)' }) scheduled: number;
  @ApiProperty({ description: 'Regular cleanings logged (re-cleans not included)' }) logged: number;
  @ApiProperty({ description: 'Re-cleans after failed inspections' }) reCleans: number;
  @ApiProperty({ description: 'max(0, scheduled − logged)' }) missed: number;
}

export class CleaningSummaryResponse {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() period: string;
  @ApiProperty({ type: PassRateRow, description: 'All inspections of the month (KPI #6)' })
  inspections: PassRateRow;
  @ApiProperty({ type: PassRateRow, isArray: true }) byZone: PassRateRow[];
  @ApiProperty({ type: PassRateRow, isArray: true }) byCleaner: PassRateRow[];
  @ApiProperty({ type: ZoneCleaningRow, isArray: true }) cleanings: ZoneCleaningRow[];
}

export class CleaningExportQuery {
  @IsId() estateId: string;
  @IsInstant({ optional: true, description: 'inspectedAt ≥ from' }) from?: Date;
  @IsInstant({ optional: true, description: 'inspectedAt < to' }) to?: Date;
}
