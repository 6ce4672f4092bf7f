import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { enumDescription, IsId, IsPeriod, IsText, PaginationQuery, Optional } from '@estate/shared';
import { METRICS } from '../metric-definitions';

const CODES = METRICS.map((metric) => metric.code);
/** The 25 metric codes with their names (分项指标), from the metric definitions. */
const METRIC_CODES_DESCRIPTION = enumDescription(
  'The metric (分项指标)',
  Object.fromEntries(
    METRICS.map((metric) => [metric.code, `#${metric.number} ${metric.nameEn} (${metric.nameZh})`]),
  ),
);
const SOURCE_DESCRIPTION = enumDescription('', {
  live: 'computed now from the records',
  snapshot: 'the month is closed and this is its stored scorecard',
});

export class ScorecardQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
}

export class TargetChange {
  @ApiProperty({ enum: CODES, description: METRIC_CODES_DESCRIPTION }) @IsIn(CODES) code: string;
  @ApiProperty({
    example: 98,
    description: 'percent metrics in percent (98 = 98%), count metrics as a count; up to 4 decimals',
  })
  @IsNumber({ maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  target: number;
}

export class SetTargetsRequest {
  @ApiProperty({ type: [TargetChange] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(25)
  @ValidateNested({ each: true })
  @Type(() => TargetChange)
  targets: TargetChange[];

  @IsText({ optional: true, max: 500, description: 'Why the targets change (kept in the audit trail)' })
  reason?: string;
}

export class TargetResponse {
  @ApiProperty() code: string;
  @ApiProperty() number: number;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() target: number;
  @ApiProperty({
    enum: ['>=', '<='],
    description: enumDescription('How the value is compared with the target', {
      '>=': 'passes at or above the target',
      '<=': 'passes at or below the target (counts such as incidents)',
    }),
  })
  comparator: '>=' | '<=';
  @ApiProperty() defaultTarget: number;
  @ApiProperty({ description: 'true when the estate overrides the default' }) overridden: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) effectiveFrom: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) setByName: string | null;
}

export class MetricResult {
  @ApiProperty() number: number;
  @ApiProperty() code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({
    enum: ['percent', 'count'],
    description: enumDescription('', {
      percent: 'value and target in percent (98 = 98%)',
      count: 'value and target are counts (e.g. cases in the year)',
    }),
  })
  unit: 'percent' | 'count';
  @ApiProperty({ enum: ['month', 'ytd', 'at_period_end', 'trailing_12_months'] }) basis: string;
  @ApiProperty({ description: 'integer: count, fen or hundredths of a unit of measure' }) numerator: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null for count metrics' }) denominator:
    number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'percent with 4 decimals, or a count; null when no data',
  })
  value: number | null;
  @ApiProperty() target: number;
  @ApiProperty({
    enum: ['>=', '<='],
    description: enumDescription('How the value is compared with the target', {
      '>=': 'passes at or above the target',
      '<=': 'passes at or below the target (counts such as incidents)',
    }),
  })
  comparator: '>=' | '<=';
  @ApiProperty({ enum: ['pass', 'fail', 'no_data'] }) status: 'pass' | 'fail' | 'no_data';
  @ApiPropertyOptional({ type: Number, nullable: true }) previousValue: number | null;
  @ApiPropertyOptional({ description: '#25 only: coverage below the estate setting' })
  lowConfidence?: boolean;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: '#25 only: responding households ÷ households, percent',
  })
  coveragePercent?: number | null;
}

export class ScorecardSummaryResponse {
  @ApiProperty() pass: number;
  @ApiProperty() fail: number;
  @ApiProperty() noData: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'pass ÷ (pass + fail), percent' })
  compliancePercent: number | null;
}

export class SnapshotInfo {
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) closedByName: string | null;
}

export class ScorecardResponse {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() estateCode: string;
  @ApiProperty() estateName: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() period: string;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({
    enum: ['live', 'snapshot'],
    description: SOURCE_DESCRIPTION,
  })
  source: 'live' | 'snapshot';
  @ApiPropertyOptional({ type: SnapshotInfo, nullable: true }) snapshot: SnapshotInfo | null;
  @ApiProperty({ type: [MetricResult] }) metrics: MetricResult[];
  @ApiProperty({ type: ScorecardSummaryResponse }) summary: ScorecardSummaryResponse;
}

export class DrillDownQuery extends PaginationQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
  @ApiPropertyOptional({
    enum: ['numerator', 'denominator', 'failing'],
    default: 'denominator',
    description: enumDescription('Which records of the metric to list', {
      numerator: 'the records counted in the numerator',
      denominator: 'every record in the denominator (the default)',
      failing: 'in the denominator but not the numerator (e.g. the late orders)',
    }),
  })
  @Optional()
  @IsIn(['numerator', 'denominator', 'failing'])
  part: 'numerator' | 'denominator' | 'failing' = 'denominator';
}

export class DrillDownRecord {
  @ApiProperty() id: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'human code or name' }) label:
    string | null;
  @ApiProperty({ description: 'whether the record counts in the numerator' }) inNumerator: boolean;
  @ApiProperty({ type: Object, description: 'the fields that decide the metric for this record' })
  facts: Record<string, unknown>;
}

export class DrillDownResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: [DrillDownRecord] }) items: DrillDownRecord[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class TrendQuery {
  @IsId() estateId: string;
  @ApiProperty({ enum: CODES, description: METRIC_CODES_DESCRIPTION }) @IsIn(CODES) code: string;
  @IsPeriod() from: string;
  @IsPeriod() to: string;
}

export class TrendPoint {
  @ApiProperty() period: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ enum: ['pass', 'fail', 'no_data'] }) status: string;
  @ApiProperty() numerator: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) denominator: number | null;
  @ApiProperty({ enum: ['live', 'snapshot'], description: SOURCE_DESCRIPTION }) source: string;
}

export class TrendResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: [TrendPoint] }) points: TrendPoint[];
}

export class PortfolioQuery {
  @IsPeriod() period: string;
  @ApiPropertyOptional({
    enum: ['compliance', 'fail', 'code', 'name'],
    default: 'compliance',
    description: enumDescription('Order of the rows', {
      compliance: 'by compliance percent (pass ÷ (pass + fail); no data first)',
      fail: 'by the number of failing metrics',
      code: "by the estate's code",
      name: "by the estate's name",
    }),
  })
  @Optional()
  @IsIn(['compliance', 'fail', 'code', 'name'])
  sort: 'compliance' | 'fail' | 'code' | 'name' = 'compliance';
  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    default: 'asc',
    description: enumDescription('', { asc: 'ascending (the default)', desc: 'descending' }),
  })
  @Optional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';
}

export class PortfolioRow {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() estateCode: string;
  @ApiProperty() estateName: string;
  @ApiProperty({ type: ScorecardSummaryResponse }) summary: ScorecardSummaryResponse;
  @ApiProperty({ type: [String], description: 'codes of the failing metrics' }) failing: string[];
  @ApiProperty({ enum: ['live', 'snapshot'], description: SOURCE_DESCRIPTION }) source: string;
}

export class PortfolioResponse {
  @ApiProperty() period: string;
  @ApiProperty({ type: [PortfolioRow] }) rows: PortfolioRow[];
}

export class ClosePeriodRequest {
  @ApiPropertyOptional({ description: 'Admin only: recompute a closed month as a new version' })
  @Optional()
  @IsString()
  @MaxLength(500)
  recomputeReason?: string;
}
