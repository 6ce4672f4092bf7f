import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsId, IsPeriod, PaginationQuery, enumDescription, Optional } from '@estate/shared';

export class StatsQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
}

export const KPI_RECORD_FILTERS = ['all', 'numerator', 'not_numerator'] as const;
export type KpiRecordFilter = (typeof KPI_RECORD_FILTERS)[number];

export const KPI_METRICS = ['timeliness', 'quality', 'return_visits'] as const;
export type WorkOrderKpiMetric = (typeof KPI_METRICS)[number];

export class KpiRecordsQuery extends PaginationQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
  @ApiProperty({
    enum: KPI_METRICS,
    description: enumDescription('The work-order KPI whose records to list', {
      timeliness: 'KPI #2, repairs on time (维修及时率)',
      quality: 'KPI #3, repairs accepted first time (维修合格率)',
      return_visits: 'KPI #24, return visits (回访率)',
    }),
  })
  @IsIn(KPI_METRICS)
  metric: WorkOrderKpiMetric;
  @ApiPropertyOptional({
    enum: KPI_RECORD_FILTERS,
    default: 'all',
    description: enumDescription('', {
      all: 'every record in the denominator',
      numerator: 'only the records that count in the numerator',
      not_numerator: 'the rest of the denominator (e.g. the late orders)',
    }),
  })
  @Optional()
  @IsIn(KPI_RECORD_FILTERS)
  only?: KpiRecordFilter;
}

export class CountByKey {
  @ApiProperty() key: string;
  @ApiProperty() count: number;
}

export class RateFigure {
  @ApiProperty() numerator: number;
  @ApiProperty() denominator: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Percent with 2 decimals; null when the denominator is 0',
  })
  percent: number | null;
}

export class DurationFigure {
  @ApiProperty({ description: 'How many orders the figures are over' }) count: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Minutes, 1 decimal' }) averageMinutes:
    number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Minutes, 1 decimal' }) medianMinutes:
    number | null;
}

export class TechnicianStats {
  @ApiProperty({ format: 'uuid' }) assigneeId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeName: string | null;
  @ApiProperty({ description: 'Orders first completed in the period' }) completed: number;
  @ApiProperty({ description: 'Of those (urgent and routine), completed within SLA' }) onTime: number;
  @ApiProperty({ description: 'Urgent and routine orders among completed' }) counted: number;
  @ApiProperty() labourMinutes: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) averageCompletionMinutes: number | null;
}

export class WorkOrderStatsResponse {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() period: string;
  @ApiProperty({ format: 'date-time' }) periodStart: string;
  @ApiProperty({ format: 'date-time' }) periodEnd: string;
  @ApiProperty({ description: 'Orders reported in the period' }) reported: number;
  @ApiProperty({
    type: CountByKey,
    isArray: true,
    description: 'Of orders reported in the period, current status',
  })
  byStatus: CountByKey[];
  @ApiProperty({ type: CountByKey, isArray: true }) byPriority: CountByKey[];
  @ApiProperty({ type: CountByKey, isArray: true }) byCategory: CountByKey[];
  @ApiProperty({ type: DurationFigure, description: 'Report → first arrival, for arrivals in the period' })
  timeToArrive: DurationFigure;
  @ApiProperty({
    type: DurationFigure,
    description: 'Report → first completion, for completions in the period',
  })
  timeToComplete: DurationFigure;
  @ApiProperty({ description: 'Orders first flagged overdue (arrival or completion) in the period' })
  overdue: number;
  @ApiProperty({ type: RateFigure, description: 'KPI #2' }) onTimeRate: RateFigure;
  @ApiProperty({ type: RateFigure, description: 'KPI #3' }) firstTimePassRate: RateFigure;
  @ApiProperty({ type: RateFigure, description: 'KPI #24' }) returnVisitRate: RateFigure;
  @ApiProperty({ type: TechnicianStats, isArray: true }) technicians: TechnicianStats[];
}

export class WorkOrderKpiRecord {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '3-1203',
    description: 'null without a unit',
  })
  unitLabel: string | null;
  @ApiProperty() priority: string;
  @ApiProperty() category: string;
  @ApiProperty({ description: 'Current status (for information; the KPI uses timestamps)' }) status: string;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) arrivalDueAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) arrivedAt: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) firstCompletedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty() reworkCount: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'resident / supervisor' })
  acceptedBy: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'resident_app, or phone / in_person: a staff member entered it on the resident’s behalf (acceptedByName)',
  })
  acceptanceChannel: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Who entered the acceptance' })
  acceptedByName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The satisfaction given at acceptance' })
  satisfaction: string | null;
  @ApiProperty({ description: 'Counted in the numerator (met SLA / passed first time / visited)' })
  inNumerator: boolean;
}
