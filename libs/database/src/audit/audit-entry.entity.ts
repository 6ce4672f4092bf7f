import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn } from '@estate/shared';

/**
 * The audit trail: one row per state change or edit of anything that matters (work orders,
 * complaints, bills, payments, KPI targets …): who, when, what, from → to.
 */
@Entity('audit_entries')
@Index('ix_audit_entity', ['entityType', 'entityId', 'at'])
export class AuditEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ nullable: true })
  estateId: string | null;

  @Column({ type: 'varchar', length: 50 })
  entityType: string;

  @IdColumn()
  entityId: string;

  @Column({ type: 'varchar', length: 50 })
  action: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  fromState: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  toState: string | null;

  @IdColumn({ nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  actorName: string | null;

  @InstantColumn()
  at: Date;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;
}
