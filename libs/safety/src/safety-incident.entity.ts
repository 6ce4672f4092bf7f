import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity, FenColumn, IdColumn, InstantColumn } from '@estate/shared';

/** Incident types; each maps to a KPI (#13 major_criminal, #14 public_order, #16 fire_alarm, #17 fire, #18/#19 violation). */
export const INCIDENT_TYPES = ['major_criminal', 'public_order', 'fire_alarm', 'fire', 'violation'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** Violation (违章) subtypes. */
export const VIOLATION_SUBTYPES = [
  'unauthorised_construction', // 违章搭建
  'unauthorised_renovation', // 违规装修
  'occupying_public_space', // 占用公共空间
  'illegal_parking', // 违章停车
  'blocking_fire_exit', // 堵塞消防通道
  'littering_or_dumping', // 乱扔乱倒
  'keeping_dangerous_goods', // 存放危险品
  'other',
] as const;
export type ViolationSubtype = (typeof VIOLATION_SUBTYPES)[number];

/**
 * How a violation was handled (the documented list):
 * - `stopped` (已制止): the violation was stopped on the spot;
 * - `rectified` (已整改): the party put it right (rectifiedAt is the same instant unless given);
 * - `referred_to_authority` (移交执法部门): handed to the city-management / police / fire authority.
 * Any of these makes the violation handled at `handledAt` (KPI #19).
 */
export const HANDLING_OUTCOMES = ['stopped', 'rectified', 'referred_to_authority'] as const;
export type HandlingOutcome = (typeof HANDLING_OUTCOMES)[number];

export const INCIDENT_SOURCES = ['manual', 'patrol'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const INCIDENT_STATES = ['open', 'handled', 'rectified', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** A security case, fire alarm, fire or violation (安全事件/违章). */
@Entity('safety_incidents')
@Index('uq_safety_incidents_estate_code', ['estateId', 'code'], { unique: true })
@Index('uq_safety_incidents_estate_client', ['estateId', 'clientId'], { unique: true })
@Index('ix_safety_incidents_estate_type_occurred', ['estateId', 'type', 'occurredAt'])
@Index('ix_safety_incidents_estate_occurred', ['estateId', 'occurredAt'])
@Index('ix_safety_incidents_estate_type_handled', ['estateId', 'type', 'handledAt'])
@Index('ix_safety_incidents_estate_status', ['estateId', 'status'])
@Index('ix_safety_incidents_scan', ['patrolScanId'])
export class SafetyIncident extends BaseEntity {
  @IdColumn() estateId: string;
  /** `SI-2026-000001`, numbered per estate and year of occurrence. */
  @Column({ type: 'varchar', length: 30 }) code: string;
  /** Client-generated id: a resubmission with the same id returns this record. */
  @IdColumn({ nullable: true }) clientId: string | null;
  @Column({ type: 'varchar', length: 30 }) type: IncidentType;
  @Column({ type: 'varchar', length: 40, nullable: true }) violationSubtype: ViolationSubtype | null;
  @Column({ type: 'varchar', length: 20 }) status: IncidentState;
  @InstantColumn() occurredAt: Date;
  @Column({ type: 'varchar', length: 200, nullable: true }) location: string | null;
  @IdColumn({ nullable: true }) unitId: string | null;
  @Column({ type: 'text' }) description: string;
  @IdColumn() reportedById: string;
  @Column({ type: 'varchar', length: 100 }) reportedByName: string;
  /** Police (接警) or fire-service report number. */
  @Column({ type: 'varchar', length: 60, nullable: true }) reportNumber: string | null;
  @FenColumn({ nullable: true }) lossesFen: number | null;
  @Column({ type: 'varchar', length: 20 }) source: IncidentSource;
  @IdColumn({ nullable: true }) patrolScanId: string | null;
  @InstantColumn({ nullable: true }) handledAt: Date | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) handlingOutcome: HandlingOutcome | null;
  @InstantColumn({ nullable: true }) rectifiedAt: Date | null;
  @InstantColumn({ nullable: true }) closedAt: Date | null;
  @VersionColumn() version: number;
}

export const ACTION_KINDS = ['note', 'handle', 'rectify', 'close'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** One step taken on an incident: who, when, what. */
@Entity('safety_incident_actions')
@Index('ix_safety_incident_actions_incident_at', ['incidentId', 'at'])
export class SafetyIncidentAction extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn() incidentId: string;
  @Column({ type: 'varchar', length: 20 }) kind: ActionKind;
  @InstantColumn() at: Date;
  @IdColumn() actorId: string;
  @Column({ type: 'varchar', length: 100 }) actorName: string;
  @Column({ type: 'text' }) description: string;
}

export const SAFETY_ENTITIES = [SafetyIncident, SafetyIncidentAction];
