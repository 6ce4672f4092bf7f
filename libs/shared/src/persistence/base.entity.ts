import { BeforeInsert, BeforeUpdate, PrimaryColumn } from 'typeorm';
import { InstantColumn } from './columns';
import { uuidV7 } from './uuid-v7';

/** id (UUIDv7 made by the app), createdAt, updatedAt: the columns every table has. */
export abstract class BaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'updated_at' })
  updatedAt: Date;

  @BeforeInsert()
  protected fillBaseColumns(): void {
    this.id ??= uuidV7();
    const now = new Date();
    this.createdAt ??= now;
    this.updatedAt ??= now;
  }

  @BeforeUpdate()
  protected touch(): void {
    this.updatedAt = new Date();
  }
}

/** Fills id/createdAt/updatedAt for rows inserted in bulk with the query builder (hooks do not run). */
export function baseColumns(now: Date = new Date()): { id: string; createdAt: Date; updatedAt: Date } {
  return { id: uuidV7(now.getTime()), createdAt: now, updatedAt: now };
}
