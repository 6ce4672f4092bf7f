import { Column, Entity, VersionColumn } from 'typeorm';
import { BaseEntity, IdColumn, InstantColumn } from '@estate/shared';
import type { ComplaintStatus } from './complaint-state';

export const COMPLAINT_CHANNELS = ['phone', 'walk_in', 'online', 'wechat', 'letter', 'other'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_CATEGORIES = [
  'service_attitude',
  'repair_quality',
  'cleanliness',
  'security',
  'noise_neighbours',
  'fees',
  'facilities',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_VALIDITIES = ['valid', 'invalid'] as const;
export type ComplaintValidity = (typeof COMPLAINT_VALIDITIES)[number];

/** Why a complaint is not a valid (有效) one: KPI #20 counts only valid complaints. */
export const INVALID_REASONS = [
  'outside_scope',
  'developer_defect',
  'utility_company',
  'unfounded',
  'duplicate',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

export const WORK_ORDER_RELATIONS = ['caused', 'fixes'] as const;
export type WorkOrderRelation = (typeof WORK_ORDER_RELATIONS)[number];

/**
 * A complaint (投诉). Every step keeps its own timestamp and author, so KPI #20/#21 for any month
 * can be recomputed from the facts dated before its end (as-of), whatever the current status.
 */
@Entity('complaints')
export class Complaint extends BaseEntity {
  @IdColumn() estateId: string;
  /** `CP-2026-000001`, numbered per estate and year (estate time zone). */
  @Column({ type: 'varchar', length: 20 }) code: string;
  @IdColumn({ nullable: true }) unitId: string | null;
  @Column({ type: 'varchar', length: 20 }) channel: ComplaintChannel;
  @Column({ type: 'simple-json' }) categories: ComplaintCategory[];
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) contactName: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) contactPhone: string | null;
  /** References to stored files (names or URLs). */
  @Column({ type: 'varchar', length: 20 }) status: ComplaintStatus;

  @InstantColumn() receivedAt: Date;
  @IdColumn({ nullable: true }) receivedById: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) receivedByName: string | null;

  /** Deadlines from the estate's settings at intake (`settings.complaints`). */
  @InstantColumn() firstResponseDueAt: Date;
  @InstantColumn() resolutionDueAt: Date;
  /** When the overdue sweep first saw the deadline missed (null: not seen overdue). */
  @InstantColumn({ nullable: true }) firstResponseOverdueAt: Date | null;
  @InstantColumn({ nullable: true }) resolutionOverdueAt: Date | null;

  /** The validity judgement is the first response. */
  @InstantColumn({ nullable: true }) judgedAt: Date | null;
  @IdColumn({ nullable: true }) judgedById: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) judgedByName: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) validity: ComplaintValidity | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) invalidReason: InvalidReason | null;
  @Column({ type: 'text', nullable: true }) judgementNote: string | null;

  @InstantColumn({ nullable: true }) assignedAt: Date | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) assigneeDepartment: string | null;
  @IdColumn({ nullable: true }) assigneeUserId: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) assigneeName: string | null;

  @InstantColumn({ nullable: true }) resolvedAt: Date | null;
  @IdColumn({ nullable: true }) resolvedById: string | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;

  @InstantColumn({ nullable: true }) followedUpAt: Date | null;
  @IdColumn({ nullable: true }) followedUpById: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) satisfaction: SatisfactionLevel | null;
  @Column({ type: 'text', nullable: true }) followUpComment: string | null;

  @InstantColumn({ nullable: true }) closedAt: Date | null;
  @IdColumn({ nullable: true }) closedById: string | null;
  /** For invalid complaints: the answer given to the resident. */
  @Column({ type: 'text', nullable: true }) closingNote: string | null;

  @VersionColumn() version: number;
}

/** A work order a complaint caused or that fixes it. The id is plain: work orders live in their own library. */
@Entity('complaint_work_orders')
export class ComplaintWorkOrder extends BaseEntity {
  @IdColumn() complaintId: string;
  @IdColumn() workOrderId: string;
  @Column({ type: 'varchar', length: 20 }) relation: WorkOrderRelation;
  @IdColumn({ nullable: true }) linkedById: string | null;
}

export const COMPLAINT_ENTITIES = [Complaint, ComplaintWorkOrder];
