import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '@estate/shared';

/** A lease: whoever holds an unexpired row may run the named job. */
@Entity('job_locks')
export class JobLock {
  @PrimaryColumn({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'varchar', length: 150, nullable: true })
  owner: string | null;

  @InstantColumn()
  expiresAt: Date;

  @InstantColumn({ nullable: true })
  acquiredAt: Date | null;
}
