import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity, IdColumn, InstantColumn } from '@estate/shared';

/** A point a guard must visit, identified by the value of its QR code or NFC tag. */
@Entity('patrol_checkpoints')
@Index('uq_patrol_checkpoints_estate_tag', ['estateId', 'tagValue'], { unique: true })
export class PatrolCheckpoint extends BaseEntity {
  @IdColumn() estateId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) location: string | null;
  /** Trimmed and upper-cased, unique in the estate. */
  @Column({ type: 'varchar', length: 120 }) tagValue: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
}

/** A route: ordered checkpoints, an expected duration, and a schedule (every N minutes within active hours). */
@Entity('patrol_routes')
@Index('uq_patrol_routes_estate_name', ['estateId', 'name'], { unique: true })
@Index('ix_patrol_routes_estate_active', ['estateId', 'active'])
export class PatrolRoute extends BaseEntity {
  @IdColumn() estateId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'int' }) expectedDurationMinutes: number;
  @Column({ type: 'int' }) intervalMinutes: number;
  /** `HH:mm` local; equal from/to means around the clock; to < from crosses midnight. */
  @Column({ type: 'varchar', length: 5 }) activeFrom: string;
  @Column({ type: 'varchar', length: 5 }) activeTo: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @InstantColumn({ nullable: true }) deactivatedAt: Date | null;
}

@Entity('patrol_route_checkpoints')
@Index('uq_patrol_route_checkpoints_route_position', ['routeId', 'position'], { unique: true })
@Index('uq_patrol_route_checkpoints_route_checkpoint', ['routeId', 'checkpointId'], { unique: true })
export class PatrolRouteCheckpoint extends BaseEntity {
  @IdColumn() routeId: string;
  @IdColumn() checkpointId: string;
  /** 0-based order on the route. */
  @Column({ type: 'int' }) position: number;
}

export const ROUND_STATES = ['in_progress', 'finished', 'auto_closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** One walk of a route by a guard. */
@Entity('patrol_rounds')
@Index('uq_patrol_rounds_estate_client', ['estateId', 'clientId'], { unique: true })
@Index('ix_patrol_rounds_estate_started', ['estateId', 'startedAt'])
@Index('ix_patrol_rounds_route_slot', ['routeId', 'slotStart'])
@Index('ix_patrol_rounds_guard_started', ['guardId', 'startedAt'])
@Index('ix_patrol_rounds_status_started', ['status', 'startedAt'])
export class PatrolRound extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn({ nullable: true }) clientId: string | null;
  @IdColumn() routeId: string;
  @IdColumn() guardId: string;
  @Column({ type: 'varchar', length: 100 }) guardName: string;
  @Column({ type: 'varchar', length: 20 }) status: RoundState;
  @InstantColumn() startedAt: Date;
  @InstantColumn({ nullable: true }) finishedAt: Date | null;
  /** The schedule slot this round answers (null: started outside the route's active hours). */
  @InstantColumn({ nullable: true }) slotStart: Date | null;
  /** Minutes after the slot start (0 when on time or early); null without a slot. */
  @Column({ type: 'int', nullable: true }) lateMinutes: number | null;
  /** The route's checkpoints in order when the round started. */
  @Column({ type: 'simple-json' }) expectedCheckpointIds: string[];
  @Column({ type: 'int', default: 0 }) expectedCount: number;
  @Column({ type: 'int', default: 0 }) scannedCount: number;
  @Column({ type: 'int', default: 0 }) missedCount: number;
  @Column({ type: 'int', default: 0 }) outOfOrderCount: number;
  @VersionColumn() version: number;
}

/** A checkpoint scanned during a round; an abnormal finding may become a safety incident or a work order. */
@Entity('patrol_scans')
@Index('uq_patrol_scans_estate_client', ['estateId', 'clientId'], { unique: true })
@Index('ix_patrol_scans_round_scanned', ['roundId', 'scannedAt'])
@Index('ix_patrol_scans_estate_abnormal_scanned', ['estateId', 'abnormal', 'scannedAt'])
export class PatrolScan extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn({ nullable: true }) clientId: string | null;
  @IdColumn() roundId: string;
  @IdColumn() checkpointId: string;
  @InstantColumn() scannedAt: Date;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'boolean', default: false }) abnormal: boolean;
  @Column({ type: 'text', nullable: true }) abnormalDescription: string | null;
  /** Set when the round closes: scanned after a checkpoint that comes later on the route. */
  @Column({ type: 'boolean', default: false }) outOfOrder: boolean;
  @IdColumn({ nullable: true }) incidentId: string | null;
  /** Reserved for the work-orders library (one-step work order from a finding). */
  @IdColumn({ nullable: true }) workOrderId: string | null;
}

/** A checkpoint of a closed round that was never scanned (for "missed by point and guard"). */
@Entity('patrol_round_misses')
@Index('uq_patrol_round_misses_round_checkpoint', ['roundId', 'checkpointId'], { unique: true })
@Index('ix_patrol_round_misses_estate_started', ['estateId', 'roundStartedAt'])
export class PatrolRoundMiss extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn() roundId: string;
  @IdColumn() routeId: string;
  @IdColumn() checkpointId: string;
  @IdColumn() guardId: string;
  @InstantColumn() roundStartedAt: Date;
}

/** A schedule slot that ended with no round (a missed patrol), flagged by the daily job. */
@Entity('patrol_missed_slots')
@Index('uq_patrol_missed_slots_route_slot', ['routeId', 'slotStart'], { unique: true })
@Index('ix_patrol_missed_slots_estate_slot', ['estateId', 'slotStart'])
export class PatrolMissedSlot extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn() routeId: string;
  @InstantColumn() slotStart: Date;
  @InstantColumn() slotEnd: Date;
  @InstantColumn() detectedAt: Date;
}

export const PATROL_ENTITIES = [
  PatrolCheckpoint,
  PatrolRoute,
  PatrolRouteCheckpoint,
  PatrolRound,
  PatrolScan,
  PatrolRoundMiss,
  PatrolMissedSlot,
];
