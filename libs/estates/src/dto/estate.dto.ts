import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsText, IsTimeZone, PaginationQuery, Optional } from '@estate/shared';

class SlaSettingsDto {
  @ApiPropertyOptional({ example: 30 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  urgentArrivalMinutes?: number;
  @ApiPropertyOptional({ example: 24 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  urgentCompletionHours?: number;
  @ApiPropertyOptional({ example: 72 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  routineCompletionHours?: number;
}
class ComplaintSettingsDto {
  @ApiPropertyOptional({ example: 24 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  firstResponseHours?: number;
  @ApiPropertyOptional({ example: 72 }) @Optional() @IsInt() @Min(1) @Max(24 * 90) resolutionHours?: number;
}
class SurveySettingsDto {
  @ApiPropertyOptional({ example: 30 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100)
  lowConfidenceCoveragePercent?: number;
}
class BillingSettingsDto {
  @ApiPropertyOptional({ example: 15 }) @Optional() @IsInt() @Min(1) @Max(28) dueDay?: number;
  @ApiPropertyOptional() @Optional() @IsBoolean() lateFeeEnabled?: boolean;
  @ApiPropertyOptional({
    example: 5,
    description: 'Daily late-fee rate in 1/10000 of the overdue principal (5 = 0.05% a day)',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100)
  lateFeeDailyRatePerTenThousand?: number;
}
class ReportSettingsDto {
  @ApiPropertyOptional({ example: 2 }) @Optional() @IsInt() @Min(1) @Max(28) dayOfMonth?: number;
  @ApiPropertyOptional({ example: '03:00' })
  @Optional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time must be HH:MM' })
  time?: string;
}
class FactSettingsDto {
  @ApiPropertyOptional({
    example: 7,
    description:
      'How many days back a client may date a fact (arrivedAt, paidAt, judgedAt …); 0 turns back-dating off',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(366)
  maxBackdateDays?: number;
}

export class EstateSettingsDto {
  @ApiPropertyOptional({ type: SlaSettingsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaSettingsDto)
  sla?: SlaSettingsDto;
  @ApiPropertyOptional({ type: [String], example: ['plumbing', 'electrical'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @Matches(/^[a-z0-9_]+$/, { each: true, message: 'categories are lower-case codes such as door_access' })
  workOrderCategories?: string[];
  @ApiPropertyOptional({ type: ComplaintSettingsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ComplaintSettingsDto)
  complaints?: ComplaintSettingsDto;
  @ApiPropertyOptional({ type: SurveySettingsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => SurveySettingsDto)
  surveys?: SurveySettingsDto;
  @ApiPropertyOptional({ type: BillingSettingsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => BillingSettingsDto)
  billing?: BillingSettingsDto;
  @ApiPropertyOptional({ type: ReportSettingsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReportSettingsDto)
  reports?: ReportSettingsDto;
  @ApiPropertyOptional({ type: FactSettingsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => FactSettingsDto)
  facts?: FactSettingsDto;
}

export class CreateEstateRequest {
  @ApiProperty({ example: 'SUNSHINE', description: 'Short unique code: letters, digits, dash' })
  @Matches(/^[A-Za-z0-9-]{2,30}$/, { message: 'code must be 2–30 letters, digits or dashes' })
  code: string;

  @IsText({ max: 100, example: '阳光花园' })
  name: string;

  @IsText({ optional: true, max: 300 })
  address?: string;

  @IsTimeZone({ optional: true, description: 'Defaults to Asia/Shanghai' })
  timeZone?: string;

  @ApiPropertyOptional({ type: EstateSettingsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => EstateSettingsDto)
  settings?: EstateSettingsDto;
}

export class UpdateEstateRequest {
  @IsText({ optional: true, max: 100 }) name?: string;
  @IsText({ optional: true, nullable: true, max: 300 }) address?: string | null;
  @IsTimeZone({ optional: true }) timeZone?: string;
  @ApiPropertyOptional() @Optional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: EstateSettingsDto, description: 'Sections given replace those keys only' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => EstateSettingsDto)
  settings?: EstateSettingsDto;
}

export class EstateQuery extends PaginationQuery {
  @IsText({ optional: true, max: 100, description: 'Search code or name' })
  q?: string;
}

export class EstateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ description: 'Effective settings (defaults filled in)', type: Object }) settings: Record<
    string,
    unknown
  >;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
