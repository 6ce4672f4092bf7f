import { Column, Entity, Index } from 'typeorm';
import { BaseEntity, InstantColumn } from '@estate/shared';

export type JobRunStatus = 'running' | 'succeeded' | 'failed';

/** The ledger: one row per (job, business key), e.g. (`billing-run`, `<estate>:2026-10`). */
@Entity('job_runs')
@Index('uq_job_runs_job_key', ['jobName', 'businessKey'], { unique: true })
export class JobRun extends BaseEntity {
  @Column({ type: 'varchar', length: 100 })
  jobName: string;

  @Column({ type: 'varchar', length: 200 })
  businessKey: string;

  @Column({ type: 'varchar', length: 20 })
  status: JobRunStatus;

  @Column({ type: 'varchar', length: 150 })
  owner: string;

  @Column({ type: 'int' })
  attempts: number;

  @InstantColumn()
  startedAt: Date;

  @InstantColumn()
  leaseExpiresAt: Date;

  @InstantColumn({ nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'simple-json', nullable: true })
  result: unknown;
}
