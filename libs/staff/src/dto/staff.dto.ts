import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, Max, Min } from 'class-validator';
import {
  IsId,
  IsLocalDate,
  IsText,
  PaginationQuery,
  ToBoolean,
  enumDescription,
  Optional,
  Nullable,
} from '@estate/shared';
import {
  CERTIFICATE_TYPES,
  CertificateType,
  SPECIAL_OPERATION_ROLES,
  SpecialOperationRole,
  TRAINING_CATEGORIES,
  TRAINING_RESULTS,
  TrainingCategory,
  TrainingResult,
  WARNING_KINDS,
  WarningKind,
} from '../staff.entity';

export class CreateStaffRequest {
  @IsId() estateId: string;
  @IsId({ optional: true, description: 'User account of this person (a staff member of the estate)' })
  userId?: string;
  @IsText({ max: 100, example: '李工' }) name: string;
  @IsText({ max: 30, example: 'E0001', description: 'Unique in the estate' }) employeeNumber: string;
  @IsText({ optional: true, max: 100, example: '工程主管' }) position?: string;
  @IsText({ optional: true, max: 100, example: '工程部' }) department?: string;
  @ApiPropertyOptional({ default: false, description: 'Management level (KPI #22)' })
  @Optional()
  @IsBoolean()
  isManagement?: boolean;
  @ApiPropertyOptional({ enum: SPECIAL_OPERATION_ROLES, nullable: true })
  @Nullable()
  @IsIn(SPECIAL_OPERATION_ROLES)
  specialOperationRole?: SpecialOperationRole | null;
  @IsLocalDate({ description: 'First day employed' }) hiredAt: string;
  @IsLocalDate({ optional: true, description: 'First day no longer employed (exclusive)' }) leftAt?: string;
}

export class UpdateStaffRequest {
  @IsText({ optional: true, max: 100 }) name?: string;
  @IsText({ optional: true, nullable: true, max: 100 }) position?: string | null;
  @IsText({ optional: true, nullable: true, max: 100 }) department?: string | null;
  @ApiPropertyOptional() @Optional() @IsBoolean() isManagement?: boolean;
  @ApiPropertyOptional({ enum: SPECIAL_OPERATION_ROLES, nullable: true, description: 'null clears it' })
  @Nullable()
  @IsIn(SPECIAL_OPERATION_ROLES)
  specialOperationRole?: SpecialOperationRole | null;
  @IsLocalDate({
    optional: true,
    description:
      'The first day of a changed isManagement / specialOperationRole (default today in the estate zone); never in the future, never before the last recorded change',
  })
  roleEffectiveFrom?: string;
  @IsLocalDate({ optional: true }) hiredAt?: string;
  @IsLocalDate({ optional: true, description: 'Record leaving (exclusive)' }) leftAt?: string;
}

export class StaffQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @ApiPropertyOptional() @Optional() @ToBoolean() @IsBoolean() isManagement?: boolean;
  @ApiPropertyOptional({ enum: SPECIAL_OPERATION_ROLES })
  @Optional()
  @IsIn(SPECIAL_OPERATION_ROLES)
  specialOperationRole?: SpecialOperationRole;
  @IsLocalDate({ optional: true, description: 'Only staff employed on this date' }) activeOn?: string;
  @IsText({ optional: true, max: 100, description: 'Name or employee number contains' }) q?: string;
}

export class CreateTrainingRequest {
  @IsText({ max: 200, example: '物业管理条例与服务规范' }) course: string;
  @ApiProperty({ enum: TRAINING_CATEGORIES }) @IsIn(TRAINING_CATEGORIES) category: TrainingCategory;
  @IsLocalDate({ description: 'Date of the training; not in the future' }) trainedOn: string;
  @ApiProperty({ example: 1.5, description: 'Hours, at most two decimals' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1000)
  hours: number;
  @ApiProperty({ enum: TRAINING_RESULTS }) @IsIn(TRAINING_RESULTS) result: TrainingResult;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @Optional() @IsInt() @Min(0) @Max(100) score?: number;
  @IsText({ optional: true, max: 100 }) trainer?: string;
}

export class CreateCertificateRequest {
  @ApiProperty({ enum: CERTIFICATE_TYPES }) @IsIn(CERTIFICATE_TYPES) type: CertificateType;
  @IsText({ max: 60, example: 'T110101199001011234' }) number: string;
  @IsText({ optional: true, max: 200, example: '北京市应急管理局' }) authority?: string;
  @IsLocalDate() issuedAt: string;
  @IsLocalDate({ description: 'Last valid day (inclusive); after issuedAt' }) expiresAt: string;
  @IsLocalDate({ optional: true, description: 'Next review (复审) date' }) reviewDueAt?: string;
}

export class UpdateRequirementRequest {
  @ApiProperty({ enum: CERTIFICATE_TYPES }) @IsIn(CERTIFICATE_TYPES) certificateType: CertificateType;
}

export class ComplianceQuery {
  @IsId() estateId: string;
  @IsLocalDate({ optional: true, description: 'Defaults to today in the estate' }) asOf?: string;
}

export class WarningQuery extends PaginationQuery {
  @IsId() estateId: string;
  @IsLocalDate({ optional: true }) warnedOn?: string;
  @ApiPropertyOptional({ enum: WARNING_KINDS }) @Optional() @IsIn(WARNING_KINDS) kind?: WarningKind;
}

export class EstateDateQuery {
  @IsId() estateId: string;
}

export class TrainingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() course: string;
  @ApiProperty({ enum: TRAINING_CATEGORIES }) category: TrainingCategory;
  @ApiProperty({ format: 'date' }) trainedOn: string;
  @ApiProperty({ example: 1.5 }) hours: number;
  @ApiProperty({ enum: TRAINING_RESULTS }) result: TrainingResult;
  @ApiPropertyOptional({ type: Number, nullable: true }) score: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) trainer: string | null;
}

export class CertificateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty({ enum: CERTIFICATE_TYPES }) type: CertificateType;
  @ApiProperty() number: string;
  @ApiPropertyOptional({ type: String, nullable: true }) authority: string | null;
  @ApiProperty({ format: 'date' }) issuedAt: string;
  @ApiProperty({ format: 'date' }) expiresAt: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) reviewDueAt: string | null;
}

export class StaffResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) userId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() employeeNumber: string;
  @ApiPropertyOptional({ type: String, nullable: true }) position: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) department: string | null;
  @ApiProperty() isManagement: boolean;
  @ApiPropertyOptional({ enum: SPECIAL_OPERATION_ROLES, nullable: true })
  specialOperationRole: SpecialOperationRole | null;
  @ApiProperty({ format: 'date' }) hiredAt: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) leftAt: string | null;
}

export class RolePeriodResponse {
  @ApiProperty({ example: '2026-09-01', description: 'First day (the first period starts at 1900-01-01)' })
  validFrom: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'First day no longer held; null for the current role',
  })
  validUntil: string | null;
  @ApiProperty() isManagement: boolean;
  @ApiProperty({ enum: SPECIAL_OPERATION_ROLES, nullable: true })
  specialOperationRole: SpecialOperationRole | null;
}

export class StaffDetailResponse extends StaffResponse {
  @ApiProperty({
    type: RolePeriodResponse,
    isArray: true,
    description: 'KPI roles over time (#22, #23), oldest first',
  })
  roleHistory: RolePeriodResponse[];
  @ApiProperty({ type: TrainingResponse, isArray: true }) trainings: TrainingResponse[];
  @ApiProperty({ type: CertificateResponse, isArray: true }) certificates: CertificateResponse[];
}

export class RequirementResponse {
  @ApiProperty({ enum: SPECIAL_OPERATION_ROLES }) role: SpecialOperationRole;
  @ApiProperty({ enum: CERTIFICATE_TYPES }) certificateType: CertificateType;
}

export class StaffRef {
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() name: string;
  @ApiProperty() employeeNumber: string;
  @ApiPropertyOptional({ enum: SPECIAL_OPERATION_ROLES, nullable: true })
  specialOperationRole: SpecialOperationRole | null;
  @ApiPropertyOptional({ enum: CERTIFICATE_TYPES, nullable: true, description: 'Special operations only' })
  requiredCertificateType: CertificateType | null;
}

export class StaffRateResult {
  @ApiProperty() numerator: number;
  @ApiProperty() denominator: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Percent with two decimals; null when no staff',
  })
  percent: number | null;
  @ApiProperty({ type: StaffRef, isArray: true }) compliant: StaffRef[];
  @ApiProperty({ type: StaffRef, isArray: true, description: 'The names of those who are not' })
  nonCompliant: StaffRef[];
}

export class ComplianceResponse {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ format: 'date', description: 'Trainings counted from this date to asOf' })
  trainingFrom: string;
  @ApiProperty({ type: StaffRateResult, description: 'KPI #22' }) managementTraining: StaffRateResult;
  @ApiProperty({ type: StaffRateResult, description: 'KPI #23' }) specialOperations: StaffRateResult;
}

export class WarningResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'date' }) warnedOn: string;
  @ApiProperty({ enum: WARNING_KINDS }) kind: WarningKind;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) certificateId: string | null;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  details: Record<string, unknown> | null;
}

export class WarningRunResponse {
  @ApiProperty({
    enum: ['ran', 'skipped'],
    description: enumDescription('', {
      ran: 'this call computed the warnings for the day',
      skipped: 'the day had been run already (at most once per estate and day)',
    }),
  })
  outcome: 'ran' | 'skipped';
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ description: 'Warnings written by this run (0 when skipped)' }) created: number;
}

export class TrainingImportResponse {
  @ApiProperty() imported: number;
}
