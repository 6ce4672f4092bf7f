import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { baseColumns, column, foreignKey, index } from './migration-columns';

const COPIED =
  'id, created_at, updated_at, estate_id, file_name, content_type, size_bytes, content, uploaded_by_id, uploaded_by_name, uploaded_at';

/**
 * One `attachments` table for every record type (work orders, complaints …), replacing
 * `work_order_attachments` (existing work-order files are carried over with the same ids) and the
 * complaints' free-text `attachments` column.
 */
export class Attachments1767225609000 implements MigrationInterface {
  name = 'Attachments1767225609000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'attachments',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('owner_type', 30),
          column.reference('owner_id'),
          column.text('file_name', 200),
          column.text('content_type', 50),
          column.integer('size_bytes'),
          column.blob('content'),
          column.reference('uploaded_by_id', true),
          column.text('uploaded_by_name', 100),
          column.instant('uploaded_at'),
        ],
        indices: [index('ix_attachments_owner', ['owner_type', 'owner_id', 'uploaded_at'])],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.query(
      `INSERT INTO attachments (${COPIED}, owner_type, owner_id) SELECT ${COPIED}, 'work_order', work_order_id FROM work_order_attachments`,
    );
    await queryRunner.dropTable('work_order_attachments');
    // Complaints kept free-text file references; uploads now go to `attachments` too.
    await queryRunner.dropColumn('complaints', 'attachments');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('complaints', new TableColumn(column.json('attachments')));
    await queryRunner.createTable(
      new Table({
        name: 'work_order_attachments',
        columns: [
          ...baseColumns(),
          column.reference('work_order_id'),
          column.reference('estate_id'),
          column.text('file_name', 200),
          column.text('content_type', 50),
          column.integer('size_bytes'),
          column.blob('content'),
          column.reference('uploaded_by_id', true),
          column.text('uploaded_by_name', 100),
          column.instant('uploaded_at'),
        ],
        indices: [index('ix_work_order_attachments_order', ['work_order_id', 'uploaded_at'])],
        foreignKeys: [foreignKey('work_order_id', 'work_orders', 'CASCADE')],
      }),
    );
    await queryRunner.query(
      `INSERT INTO work_order_attachments (${COPIED}, work_order_id) SELECT ${COPIED}, owner_id FROM attachments WHERE owner_type = 'work_order'`,
    );
    await queryRunner.dropTable('attachments');
  }
}
