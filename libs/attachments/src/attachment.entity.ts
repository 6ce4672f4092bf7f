import { Column, Entity, Index } from 'typeorm';
import { BaseEntity, IdColumn, InstantColumn } from '@estate/shared';

/** A photo or document attached to a record (a work order, a complaint …), bytes in the database. */
@Entity('attachments')
@Index('ix_attachments_owner', ['ownerType', 'ownerId', 'uploadedAt'])
export class Attachment extends BaseEntity {
  @IdColumn()
  estateId: string;

  /** What it is attached to: `work_order`, `complaint`, … */
  @Column({ type: 'varchar', length: 30 })
  ownerType: string;

  @IdColumn()
  ownerId: string;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  /** Detected from the content, not taken from the client. */
  @Column({ type: 'varchar', length: 50 })
  contentType: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  /** `longblob` in the migration; `blob` here because that is the type name both drivers accept. */
  @Column({ type: 'blob', select: false })
  content: Buffer;

  @IdColumn({ nullable: true })
  uploadedById: string | null;

  @Column({ type: 'varchar', length: 100 })
  uploadedByName: string;

  @InstantColumn()
  uploadedAt: Date;
}
