import { Column, Entity, Index } from 'typeorm';
import { BaseEntity, IdColumn, LocalDateColumn } from '@estate/shared';

/** Special-operation roles (特种作业, KPI #23): each needs a certificate type, mapped as data. */
export const SPECIAL_OPERATION_ROLES = [
  'electrician',
  'welding',
  'work_at_height',
  'refrigeration',
  'elevator',
  'boiler',
  'pressure_vessel',
  'lifting',
  'fire_control_operator',
] as const;
export type SpecialOperationRole = (typeof SPECIAL_OPERATION_ROLES)[number];

/** Certificate types: the special-operation ones plus anything else worth recording. */
export const CERTIFICATE_TYPES = [...SPECIAL_OPERATION_ROLES, 'other'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export const TRAINING_CATEGORIES = ['professional', 'safety', 'service', 'other'] as const;
export type TrainingCategory = (typeof TRAINING_CATEGORIES)[number];

export const TRAINING_RESULTS = ['pass', 'fail'] as const;
export type TrainingResult = (typeof TRAINING_RESULTS)[number];

export const WARNING_KINDS = ['certificate_expiring', 'missing_required_certificate'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/**
 * A member of staff of one estate. Employment is a span of local dates: active on `date` when
 * hiredAt ≤ date and (no leftAt or leftAt > date) — leftAt is the first day no longer employed.
 */
@Entity('staff_members')
export class StaffMember extends BaseEntity {
  @IdColumn() estateId: string;
  /** The user account of this person, if any (one profile per account). */
  @IdColumn({ nullable: true }) userId: string | null;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** Unique in the estate. */
  @Column({ type: 'varchar', length: 30 }) employeeNumber: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) position: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) department: string | null;
  /** Management level (项目经理, 主管, 部门负责人 …) for KPI #22. */
  @Column({ type: 'boolean', default: false }) isManagement: boolean;
  @Column({ type: 'varchar', length: 40, nullable: true }) specialOperationRole: SpecialOperationRole | null;
  @LocalDateColumn() hiredAt: string;
  @LocalDateColumn({ nullable: true }) leftAt: string | null;
}

/** The open end of the latest role period (a date no estate reaches), instead of NULL. */
export const ROLE_OPEN_END = '9999-12-31';
/** The start of a staff member's first role period: their role before any recorded change. */
export const ROLE_BEGINNING = '1900-01-01';

/**
 * The KPI roles of a staff member (management level for #22, special-operation role for #23) over a
 * span of local dates, validFrom ≤ date < validUntil. Written when a role changes (the first change
 * writes the role before it too); a member without rows has held their current role throughout.
 */
@Entity('staff_role_periods')
@Index('ix_staff_role_periods_staff', ['staffId', 'validFrom'])
export class StaffRolePeriod extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn() staffId: string;
  @Column({ type: 'boolean', default: false }) isManagement: boolean;
  @Column({ type: 'varchar', length: 40, nullable: true }) specialOperationRole: SpecialOperationRole | null;
  @LocalDateColumn() validFrom: string;
  /** Exclusive; ROLE_OPEN_END for the current role. */
  @LocalDateColumn() validUntil: string;
}

@Entity('staff_trainings')
export class StaffTraining extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn() staffId: string;
  @Column({ type: 'varchar', length: 200 }) course: string;
  @Column({ type: 'varchar', length: 20 }) category: TrainingCategory;
  @LocalDateColumn() trainedOn: string;
  /** Hours in hundredths (1.5 h = 150), exact. */
  @Column({ type: 'int' }) hoursHundredths: number;
  @Column({ type: 'varchar', length: 10 }) result: TrainingResult;
  @Column({ type: 'int', nullable: true }) score: number | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) trainer: string | null;
}

/** A certificate, valid on every date from issuedAt to expiresAt, both included. */
@Entity('staff_certificates')
export class StaffCertificate extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn() staffId: string;
  @Column({ type: 'varchar', length: 40 }) type: CertificateType;
  @Column({ type: 'varchar', length: 60 }) number: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) authority: string | null;
  @LocalDateColumn() issuedAt: string;
  @LocalDateColumn() expiresAt: string;
  @LocalDateColumn({ nullable: true }) reviewDueAt: string | null;
}

/** Which certificate type a special-operation role requires (seeded by the migration, admin-editable). */
@Entity('certificate_requirements')
export class CertificateRequirement extends BaseEntity {
  @Column({ type: 'varchar', length: 40 }) role: SpecialOperationRole;
  @Column({ type: 'varchar', length: 40 }) certificateType: CertificateType;
}

/** A warning the daily job recorded (once per estate, date, kind, staff member and certificate). */
@Entity('staff_compliance_warnings')
export class StaffComplianceWarning extends BaseEntity {
  @IdColumn() estateId: string;
  @LocalDateColumn() warnedOn: string;
  @Column({ type: 'varchar', length: 40 }) kind: WarningKind;
  @IdColumn() staffId: string;
  @IdColumn({ nullable: true }) certificateId: string | null;
  @Column({ type: 'varchar', length: 200 }) dedupeKey: string;
  @Column({ type: 'text' }) message: string;
  @Column({ type: 'simple-json', nullable: true }) details: Record<string, unknown> | null;
}

export const STAFF_ENTITIES = [
  StaffMember,
  StaffRolePeriod,
  StaffTraining,
  StaffCertificate,
  CertificateRequirement,
  StaffComplianceWarning,
];
