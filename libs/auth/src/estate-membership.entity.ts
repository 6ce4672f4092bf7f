import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity, IdColumn } from '@estate/shared';
import { User } from './user.entity';

/** A user works in (or, for residents, lives in) an estate. */
@Entity('estate_memberships')
@Index('uq_membership_user_estate', ['userId', 'estateId'], { unique: true })
export class EstateMembership extends BaseEntity {
  @IdColumn()
  userId: string;

  @IdColumn()
  estateId: string;

  @ManyToOne(() => User, (user) => user.memberships, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
