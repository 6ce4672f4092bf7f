import { Column, Entity, OneToMany } from 'typeorm';
import { BaseEntity, IdColumn, InstantColumn } from '@estate/shared';
import type { Role } from './roles';
import { EstateMembership } from './estate-membership.entity';

@Entity('users')
export class User extends BaseEntity {
  /** Stored lower-case: usernames are unique case-insensitively on every engine. */
  @Column({ type: 'varchar', length: 60, unique: true })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  /** argon2id hash. Never leaves the auth library: responses are built by `toUserResponse`. */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  /** For residents: the unit they live in (their "own unit"). */
  @IdColumn({ nullable: true })
  unitId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Bumped on password change or deactivation: older tokens stop working. */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  @InstantColumn({ nullable: true })
  lastLoginAt: Date | null;

  @OneToMany(() => EstateMembership, (membership) => membership.user)
  memberships?: EstateMembership[];
}
