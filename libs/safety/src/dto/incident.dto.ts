import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import {
  IsFen,
  IsId,
  IsInstant,
  IsPeriod,
  IsText,
  PaginationQuery,
  ToArray,
  ToBoolean,
  Optional,
} from '@estate/shared';
import {
  ACTION_KINDS,
  ActionKind,
  HANDLING_OUTCOMES,
  HandlingOutcome,
  INCIDENT_SOURCES,
  INCIDENT_STATES,
  INCIDENT_TYPES,
  IncidentSource,
  IncidentState,
  IncidentType,
  VIOLATION_SUBTYPES,
  ViolationSubtype,
} from '../safety-incident.entity';

export class CreateIncidentRequest {
  @IsId() estateId: string;
  @IsId({
    optional: true,
    description: 'Client-generated id: resubmitting the same id returns the first record (200)',
  })
  clientId?: string;
  @ApiProperty({ enum: INCIDENT_TYPES }) @IsIn(INCIDENT_TYPES) type: IncidentType;
  @ApiPropertyOptional({
    enum: VIOLATION_SUBTYPES,
    description: 'Required for violations, refused otherwise',
  })
  @Optional()
  @IsIn(VIOLATION_SUBTYPES)
  violationSubtype?: ViolationSubtype;
  @IsInstant({ description: 'When it happened (not more than 5 minutes in the future)' }) occurredAt: Date;
  @IsText({ optional: true, max: 200, example: '3号楼地下车库' }) location?: string;
  @IsId({ optional: true, description: 'Unit concerned, if any' }) unitId?: string;
  @IsText({ max: 4000 }) description: string;
  @IsText({ optional: true, max: 60, description: 'Police or fire-service report number' })
  reportNumber?: string;
  @IsFen({ optional: true, min: 0, description: 'Losses in fen' }) lossesFen?: number;
}

export class IncidentQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @ApiPropertyOptional({ enum: INCIDENT_TYPES, isArray: true })
  @Optional()
  @ToArray()
  @IsIn(INCIDENT_TYPES, { each: true })
  type?: IncidentType[];
  @ApiPropertyOptional({ enum: INCIDENT_STATES, isArray: true })
  @Optional()
  @ToArray()
  @IsIn(INCIDENT_STATES, { each: true })
  status?: IncidentState[];
  @ApiPropertyOptional({ description: 'Only incidents not yet handled/closed' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  open?: boolean;
  @IsInstant({ optional: true, description: 'occurredAt ≥ from' }) from?: Date;
  @IsInstant({ optional: true, description: 'occurredAt < to' }) to?: Date;
}

export class HandleViolationRequest {
  @ApiProperty({ enum: HANDLING_OUTCOMES }) @IsIn(HANDLING_OUTCOMES) outcome: HandlingOutcome;
  @IsInstant({ optional: true, description: 'Defaults to now' }) handledAt?: Date;
  @IsText({ max: 4000 }) description: string;
}

export class RectifyViolationRequest {
  @IsInstant({ optional: true, description: 'Defaults to now' }) rectifiedAt?: Date;
  @IsText({ max: 4000 }) description: string;
}

export class CloseIncidentRequest {
  @IsInstant({ optional: true, description: 'Defaults to now' }) closedAt?: Date;
  @IsText({ max: 4000 }) description: string;
}

export class AddIncidentActionRequest {
  @IsInstant({ optional: true, description: 'When it was done; defaults to now' }) at?: Date;
  @IsText({ max: 4000 }) description: string;
}

export class IncidentActionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ACTION_KINDS }) kind: ActionKind;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid' }) actorId: string;
  @ApiProperty() actorName: string;
  @ApiProperty() description: string;
}

export class IncidentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ example: 'SI-2026-000001' }) code: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) clientId: string | null;
  @ApiProperty({ enum: INCIDENT_TYPES }) type: IncidentType;
  @ApiPropertyOptional({ enum: VIOLATION_SUBTYPES, nullable: true })
  violationSubtype: ViolationSubtype | null;
  @ApiProperty({ enum: INCIDENT_STATES }) status: IncidentState;
  @ApiProperty({ description: 'Actions allowed now', isArray: true, type: String }) allowedActions: string[];
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) location: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) unitId: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'uuid' }) reportedById: string;
  @ApiProperty() reportedByName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reportNumber: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'fen' }) lossesFen: number | null;
  @ApiProperty({ enum: INCIDENT_SOURCES }) source: IncidentSource;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) patrolScanId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) handledAt: string | null;
  @ApiPropertyOptional({ enum: HANDLING_OUTCOMES, nullable: true }) handlingOutcome: HandlingOutcome | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) rectifiedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: IncidentActionResponse, isArray: true, description: 'Detail endpoint only' })
  actions?: IncidentActionResponse[];
}

export class SafetySummaryQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
}

export class IncidentCounts {
  @ApiProperty() major_criminal: number;
  @ApiProperty() public_order: number;
  @ApiProperty() fire_alarm: number;
  @ApiProperty() fire: number;
  @ApiProperty() violation: number;
}

export class HouseholdRate {
  @ApiProperty({ description: 'events YTD' }) events: number;
  @ApiProperty({ description: 'occupied units on the last day of the period' }) households: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'events / households × 100; null when households is 0',
  })
  percent: number | null;
}

export class HouseholdRates {
  @ApiProperty({ type: HouseholdRate }) fire_alarm: HouseholdRate;
  @ApiProperty({ type: HouseholdRate }) fire: HouseholdRate;
  @ApiProperty({ type: HouseholdRate }) violation: HouseholdRate;
}

export class ViolationBacklog {
  @ApiProperty({
    description: 'Violations open during the month (occurred in it, or earlier and unhandled at its start)',
  })
  openDuringMonth: number;
  @ApiProperty({ description: 'Of those, handled before the period end' }) handledByPeriodEnd: number;
  @ApiProperty({ description: 'Of those, still unhandled at period end' }) unhandledAtPeriodEnd: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'handled / open × 100; null when none were open',
  })
  handlingPercent: number | null;
}

export class SafetySummaryResponse {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() period: string;
  @ApiProperty({ type: IncidentCounts }) month: IncidentCounts;
  @ApiProperty({ type: IncidentCounts }) yearToDate: IncidentCounts;
  @ApiProperty({ type: HouseholdRates }) yearToDateRates: HouseholdRates;
  @ApiProperty({ type: ViolationBacklog }) violationBacklog: ViolationBacklog;
}

export class IncidentExportQuery {
  @IsId() estateId: string;
  @ApiPropertyOptional({ enum: INCIDENT_TYPES, isArray: true })
  @Optional()
  @ToArray()
  @IsIn(INCIDENT_TYPES, { each: true })
  type?: IncidentType[];
  @IsInstant({ optional: true, description: 'occurredAt ≥ from' }) from?: Date;
  @IsInstant({ optional: true, description: 'occurredAt < to' }) to?: Date;
}
