import { Column, Entity, Index } from 'typeorm';
import { BaseEntity, BigIntegerColumn, IdColumn, InstantColumn } from '@estate/shared';

/**
 * A per-estate target override, kept as history: the target in force at an instant is the latest
 * row with effectiveFrom ≤ instant (a scorecard uses the one in force at the period end).
 * Targets are stored × 10 000 as integers (98.5% → 985000) so comparisons stay exact.
 */
@Entity('kpi_targets')
@Index('ix_kpi_targets_lookup', ['estateId', 'metricCode', 'effectiveFrom'])
export class KpiTarget extends BaseEntity {
  @IdColumn()
  estateId: string;

  @Column({ type: 'varchar', length: 60 })
  metricCode: string;

  @BigIntegerColumn()
  targetScaled: number;

  @Column({ type: 'varchar', length: 2 })
  comparator: '>=' | '<=';

  @InstantColumn()
  effectiveFrom: Date;

  @IdColumn({ nullable: true })
  setById: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  setByName: string | null;
}

/**
 * A closed month's scorecard, immutable. Recomputing a closed month (admin only) adds a new
 * version and marks the previous one superseded; nothing is overwritten.
 */
@Entity('kpi_snapshots')
@Index('uq_kpi_snapshots_version', ['estateId', 'period', 'version'], { unique: true })
export class KpiSnapshot extends BaseEntity {
  @IdColumn()
  estateId: string;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'boolean' })
  current: boolean;

  @InstantColumn()
  closedAt: Date;

  @IdColumn({ nullable: true })
  closedById: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  closedByName: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The scorecard exactly as it was served when the month closed (JSON). */
  @Column({ type: 'text' })
  payload: string;
}

export const KPI_ENTITIES = [KpiTarget, KpiSnapshot];
