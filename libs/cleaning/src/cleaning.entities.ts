import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity, BigIntegerColumn, IdColumn, InstantColumn } from '@estate/shared';

export const ZONE_TYPES = [
  'lobby', // 大堂
  'stairwell', // 楼梯间
  'corridor', // 走廊
  'elevator', // 电梯轿厢
  'road', // 道路
  'green', // 绿地
  'garbage_point', // 垃圾点
  'car_park', // 停车场
  'square', // 广场
  'other',
] as const;
export type ZoneType = (typeof ZONE_TYPES)[number];

export const FREQUENCY_UNITS = ['day', 'week'] as const;
export type FrequencyUnit = (typeof FREQUENCY_UNITS)[number];

/** An area cleaned to a standard at a frequency by a responsible cleaner. */
@Entity('cleaning_zones')
@Index('uq_cleaning_zones_estate_name', ['estateId', 'name'], { unique: true })
@Index('ix_cleaning_zones_cleaner', ['cleanerId'])
export class CleaningZone extends BaseEntity {
  @IdColumn() estateId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 30 }) type: ZoneType;
  /** m² in hundredths (exact). */
  @BigIntegerColumn({ nullable: true }) areaHundredths: number | null;
  @Column({ type: 'text', nullable: true }) standard: string | null;
  /** Scheduled cleanings per `frequencyUnit`. */
  @Column({ type: 'int' }) frequencyTimes: number;
  @Column({ type: 'varchar', length: 10 }) frequencyUnit: FrequencyUnit;
  @IdColumn({ nullable: true }) cleanerId: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
}

/** One cleaning done by a cleaner in a zone; a re-clean points at the failed inspection it answers. */
@Entity('cleaning_logs')
@Index('uq_cleaning_logs_estate_client', ['estateId', 'clientId'], { unique: true })
@Index('ix_cleaning_logs_estate_started', ['estateId', 'startedAt'])
@Index('ix_cleaning_logs_zone_started', ['zoneId', 'startedAt'])
@Index('ix_cleaning_logs_reclean_for', ['reCleanForInspectionId'])
export class CleaningLog extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn({ nullable: true }) clientId: string | null;
  @IdColumn() zoneId: string;
  @IdColumn() cleanerId: string;
  @Column({ type: 'varchar', length: 100 }) cleanerName: string;
  @InstantColumn() startedAt: Date;
  @InstantColumn() finishedAt: Date;
  @Column({ type: 'simple-json' }) tasks: string[];
  @Column({ type: 'text', nullable: true }) note: string | null;
  @IdColumn({ nullable: true }) reCleanForInspectionId: string | null;
}

export const FOLLOW_UP_STATES = ['none', 'reclean_required', 'reinspection_required', 'closed'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

/** A spot check (抽查). A failed one needs a re-clean and then a re-inspection linked to it. */
@Entity('cleaning_inspections')
@Index('uq_cleaning_inspections_estate_client', ['estateId', 'clientId'], { unique: true })
@Index('ix_cleaning_inspections_estate_inspected', ['estateId', 'inspectedAt'])
@Index('ix_cleaning_inspections_zone_inspected', ['zoneId', 'inspectedAt'])
@Index('ix_cleaning_inspections_reinspection_of', ['reInspectionOfId'])
export class CleaningInspection extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn({ nullable: true }) clientId: string | null;
  @IdColumn() zoneId: string;
  /** The zone's responsible cleaner when inspected (pass rate by cleaner). */
  @IdColumn({ nullable: true }) cleanerId: string | null;
  @IdColumn() inspectorId: string;
  @Column({ type: 'varchar', length: 100 }) inspectorName: string;
  @InstantColumn() inspectedAt: Date;
  @Column({ type: 'boolean' }) passed: boolean;
  @Column({ type: 'int', nullable: true }) score: number | null;
  @Column({ type: 'simple-json', nullable: true }) issues: string[] | null;
  @Column({ type: 'varchar', length: 30 }) followUp: FollowUpState;
  /** For a re-inspection: the failed inspection it checks again. */
  @IdColumn({ nullable: true }) reInspectionOfId: string | null;
  /** For a failed inspection: the re-clean logged for it. */
  @IdColumn({ nullable: true }) reCleanLogId: string | null;
  @VersionColumn() version: number;
}

export const CLEANING_ENTITIES = [CleaningZone, CleaningLog, CleaningInspection];
