import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { INCIDENT_TYPES, IncidentType, VIOLATION_SUBTYPES, ViolationSubtype } from '@estate/safety';
import { IsId, IsInstant, IsPeriod, IsText, PaginationQuery, UUID_PATTERN, Optional } from '@estate/shared';
import { ROUND_STATES, RoundState } from '../patrol.entities';

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateCheckpointRequest {
  @IsId() estateId: string;
  @IsText({ max: 100, example: '北门岗亭' }) name: string;
  @IsText({ optional: true, max: 200 }) location?: string;
  @IsText({ max: 120, description: 'QR/NFC tag value; trimmed and upper-cased, unique in the estate' })
  tagValue: string;
}

export class CheckpointResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) location: string | null;
  @ApiProperty() tagValue: string;
  @ApiProperty() active: boolean;
}

export class EstateListQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
}

export class CreateRouteRequest {
  @IsId() estateId: string;
  @IsText({ max: 100, example: '夜间外围巡逻' }) name: string;
  @ApiProperty({ type: String, isArray: true, format: 'uuid', description: 'Checkpoints in walking order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(UUID_PATTERN, { each: true, message: 'each checkpointIds entry must be a UUID' })
  checkpointIds: string[];
  @ApiProperty({ example: 40, minimum: 1, maximum: 720 })
  @IsInt()
  @Min(1)
  @Max(720)
  expectedDurationMinutes: number;
  @ApiProperty({ example: 120, minimum: 10, maximum: 1440 })
  @IsInt()
  @Min(10)
  @Max(1440)
  intervalMinutes: number;
  @ApiProperty({ example: '00:00', description: 'HH:mm local' })
  @Matches(TIME_OF_DAY, { message: 'activeFrom must be HH:mm' })
  activeFrom: string;
  @ApiProperty({
    example: '00:00',
    description: 'HH:mm local; equal to activeFrom = 24 h; earlier = crosses midnight',
  })
  @Matches(TIME_OF_DAY, { message: 'activeTo must be HH:mm' })
  activeTo: string;
}

export class RouteResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, isArray: true, format: 'uuid' }) checkpointIds: string[];
  @ApiProperty() expectedDurationMinutes: number;
  @ApiProperty() intervalMinutes: number;
  @ApiProperty() activeFrom: string;
  @ApiProperty() activeTo: string;
  @ApiProperty() active: boolean;
}

export class StartRoundRequest {
  @IsId({ optional: true, description: 'Client-generated id: resubmitting returns the first record (200)' })
  clientId?: string;
  @IsId() routeId: string;
  @IsInstant({ description: 'Client time the round started (≤ now + 5 min)' }) startedAt: Date;
}

export class ScanRequest {
  @IsId({ optional: true, description: 'Client-generated id: resubmitting returns the first record (200)' })
  clientId?: string;
  @IsText({ max: 120 }) tagValue: string;
  @IsInstant({ description: 'Client time of the scan: not before the round start, ≤ now + 5 min' })
  scannedAt: Date;
  @IsText({ optional: true, max: 2000 }) note?: string;
  @ApiPropertyOptional({ default: false }) @Optional() @IsBoolean() abnormal?: boolean;
  @IsText({ optional: true, max: 2000, description: 'Required when abnormal' }) abnormalDescription?: string;
}

export class FinishRoundRequest {
  @IsInstant({ optional: true, description: 'Defaults to now' }) finishedAt?: Date;
}

export class RoundQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsId({ optional: true }) routeId?: string;
  @IsId({ optional: true }) guardId?: string;
  @ApiPropertyOptional({ enum: ROUND_STATES }) @Optional() @IsIn(ROUND_STATES) status?: RoundState;
  @IsInstant({ optional: true, description: 'startedAt ≥ from' }) from?: Date;
  @IsInstant({ optional: true, description: 'startedAt < to' }) to?: Date;
}

export class FindingQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsInstant({ optional: true, description: 'scannedAt ≥ from' }) from?: Date;
  @IsInstant({ optional: true, description: 'scannedAt < to' }) to?: Date;
}

export class ScanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) clientId: string | null;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid' }) checkpointId: string;
  @ApiProperty({ format: 'date-time' }) scannedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty() abnormal: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) abnormalDescription: string | null;
  @ApiProperty() outOfOrder: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) incidentId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) workOrderId: string | null;
}

export class RoundResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) clientId: string | null;
  @ApiProperty({ format: 'uuid' }) routeId: string;
  @ApiProperty({ format: 'uuid' }) guardId: string;
  @ApiProperty() guardName: string;
  @ApiProperty({ enum: ROUND_STATES }) status: RoundState;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) slotStart: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) lateMinutes: number | null;
  @ApiProperty({ description: 'More than 15 minutes after the slot start' }) late: boolean;
  @ApiProperty({ type: String, isArray: true, format: 'uuid' }) expectedCheckpointIds: string[];
  @ApiProperty() expectedCount: number;
  @ApiProperty() scannedCount: number;
  @ApiProperty() missedCount: number;
  @ApiProperty() outOfOrderCount: number;
  @ApiPropertyOptional({ type: String, isArray: true, format: 'uuid', description: 'Detail endpoint only' })
  missedCheckpointIds?: string[];
  @ApiPropertyOptional({ type: ScanResponse, isArray: true, description: 'Detail endpoint only' })
  scans?: ScanResponse[];
}

export class FindingResponse {
  @ApiProperty({ format: 'uuid' }) scanId: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid' }) routeId: string;
  @ApiProperty() routeName: string;
  @ApiProperty({ format: 'uuid' }) checkpointId: string;
  @ApiProperty() checkpointName: string;
  @ApiProperty({ format: 'uuid' }) guardId: string;
  @ApiProperty() guardName: string;
  @ApiProperty({ format: 'date-time' }) scannedAt: string;
  @ApiProperty() description: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) incidentId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) workOrderId: string | null;
}

export class CreateIncidentFromScanRequest {
  @IsId({ optional: true, description: 'Client-generated id for the incident' }) clientId?: string;
  @ApiProperty({ enum: INCIDENT_TYPES }) @IsIn(INCIDENT_TYPES) type: IncidentType;
  @ApiPropertyOptional({ enum: VIOLATION_SUBTYPES })
  @Optional()
  @IsIn(VIOLATION_SUBTYPES)
  violationSubtype?: ViolationSubtype;
  @IsText({ optional: true, max: 4000, description: 'Defaults to the abnormal finding' })
  description?: string;
}

export class CreateWorkOrderFromScanRequest {
  @ApiPropertyOptional({ enum: ['urgent', 'routine'], default: 'routine' })
  @Optional()
  @IsIn(['urgent', 'routine'])
  priority?: 'urgent' | 'routine';
  @IsText({
    optional: true,
    max: 40,
    description: "A work-order category of the estate; defaults to 'other'",
  })
  category?: string;
  @IsText({ optional: true, max: 4000, description: 'Defaults to the abnormal finding' })
  description?: string;
}

export class FindingWorkOrderResponse {
  @ApiProperty({ format: 'uuid' }) scanId: string;
  @ApiProperty({ format: 'uuid' }) workOrderId: string;
  @ApiProperty({ example: 'WO-2026-000123' }) workOrderCode: string;
}

export class CoverageQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
}

export class MissedByRow {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() missed: number;
}

export class GuardCoverageRow {
  @ApiProperty({ format: 'uuid' }) guardId: string;
  @ApiProperty() guardName: string;
  @ApiProperty() rounds: number;
  @ApiProperty() lateRounds: number;
  @ApiProperty() expectedCheckpoints: number;
  @ApiProperty() scannedCheckpoints: number;
  @ApiProperty() missedCheckpoints: number;
  @ApiProperty() outOfOrderScans: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) coveragePercent: number | null;
}

export class RoundCoverage {
  @ApiProperty({ description: 'Schedule slots starting in the period (active routes)' }) expected: number;
  @ApiProperty({ description: 'Slots answered by at least one round' }) covered: number;
  @ApiProperty({ description: 'expected − covered' }) missed: number;
  @ApiProperty({ description: 'Closed rounds started in the period' }) done: number;
  @ApiProperty({ description: 'Of those, started more than 15 min after their slot' }) late: number;
}

export class CheckpointCoverage {
  @ApiProperty() expected: number;
  @ApiProperty() scanned: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) coveragePercent: number | null;
}

export class CoverageResponse {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() period: string;
  @ApiProperty({ type: RoundCoverage }) rounds: RoundCoverage;
  @ApiProperty({ type: CheckpointCoverage }) checkpoints: CheckpointCoverage;
  @ApiProperty({ type: MissedByRow, isArray: true }) missedByCheckpoint: MissedByRow[];
  @ApiProperty({ type: MissedByRow, isArray: true }) missedByGuard: MissedByRow[];
  @ApiProperty({ type: GuardCoverageRow, isArray: true }) guards: GuardCoverageRow[];
}

export class RoundExportQuery {
  @IsId() estateId: string;
  @IsInstant({ optional: true, description: 'startedAt ≥ from' }) from?: Date;
  @IsInstant({ optional: true, description: 'startedAt < to' }) to?: Date;
}
