import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '@estate/shared';

/**
 * Failed sign-ins of one login name since its last successful one (issue #22 finding 12), in the
 * database so every API instance counts the same attempts. Keyed by the normalised username, known
 * or not, so a locked name does not tell whether the account exists. See LoginLockout.
 */
@Entity('login_failures')
export class LoginFailure {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  username: string;

  @Column({ type: 'int' })
  failures: number;

  @InstantColumn()
  lastFailureAt: Date;

  /** No sign-in (not even with the right password) before this; null: not locked. */
  @InstantColumn({ nullable: true })
  lockedUntil: Date | null;
}
