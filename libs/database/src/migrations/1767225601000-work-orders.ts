import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { baseColumns, column, foreignKey, index } from './migration-columns';

/** Work orders (报修工单), their materials, return visits (回访) and attachments. History lives in audit_entries. */
export class WorkOrders1767225601000 implements MigrationInterface {
  name = 'WorkOrders1767225601000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'work_orders',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('code', 20),
          column.reference('unit_id', true),
          column.reference('asset_id', true),
          column.text('location_text', 200, true),
          column.text('category', 40),
          column.text('priority', 20),
          column.text('channel', 20),
          column.longText('description', false),
          column.text('reporter_name', 100, true),
          column.text('reporter_phone', 30, true),
          column.instant('appointment_start_at', true),
          column.instant('appointment_end_at', true),
          column.text('status', 20),
          column.instant('reported_at'),
          column.instant('arrival_due_at', true),
          column.instant('due_at'),
          column.reference('assignee_id', true),
          column.text('assignee_name', 100, true),
          column.instant('assigned_at', true),
          column.instant('arrived_at', true),
          column.integer('arrival_seconds', true),
          column.instant('first_completed_at', true),
          column.integer('completion_seconds', true),
          column.instant('completed_at', true),
          column.instant('closed_at', true),
          column.instant('cancelled_at', true),
          column.text('cancel_reason', 500, true),
          column.text('hold_reason', 500, true),
          column.integer('rework_count', false, 0),
          column.instant('last_reopened_at', true),
          column.instant('arrival_overdue_at', true),
          column.instant('completion_overdue_at', true),
          column.longText('resolution'),
          column.integer('labour_minutes', true),
          column.boolean('chargeable', false),
          column.bigInteger('amount_fen', true),
          column.text('acceptance_result', 10, true),
          column.text('accepted_by', 20, true),
          column.reference('accepted_by_id', true),
          column.text('accepted_by_name', 100, true),
          column.instant('accepted_at', true),
          column.text('satisfaction', 30, true),
          column.text('acceptance_comment', 500, true),
          column.reference('created_by_id', true),
          column.version(),
        ],
        indices: [
          index('uq_work_orders_estate_code', ['estate_id', 'code'], true),
          index('ix_work_orders_estate_reported', ['estate_id', 'reported_at']),
          index('ix_work_orders_estate_status', ['estate_id', 'status', 'priority']),
          index('ix_work_orders_estate_first_completed', ['estate_id', 'first_completed_at']),
          index('ix_work_orders_estate_due', ['estate_id', 'due_at']),
          index('ix_work_orders_estate_closed', ['estate_id', 'closed_at']),
          index('ix_work_orders_assignee_status', ['assignee_id', 'status']),
          index('ix_work_orders_unit', ['unit_id', 'reported_at']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('unit_id', 'units')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'work_order_materials',
        columns: [
          ...baseColumns(),
          column.reference('work_order_id'),
          column.reference('estate_id'),
          column.text('name', 100),
          column.bigInteger('quantity_hundredths'),
          column.text('unit', 20, true),
          column.bigInteger('unit_cost_fen'),
          column.bigInteger('total_fen'),
          column.integer('completion_number'),
          column.instant('recorded_at'),
        ],
        indices: [index('ix_work_order_materials_order', ['work_order_id'])],
        foreignKeys: [foreignKey('work_order_id', 'work_orders', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'work_order_return_visits',
        columns: [
          ...baseColumns(),
          column.reference('work_order_id'),
          column.reference('estate_id'),
          column.text('method', 20),
          column.reference('visitor_id', true),
          column.text('visitor_name', 100),
          column.instant('visited_at'),
          column.text('satisfaction', 30, true),
          column.text('comment', 500, true),
        ],
        indices: [
          index('ix_work_order_return_visits_order', ['work_order_id', 'visited_at']),
          index('ix_work_order_return_visits_estate', ['estate_id', 'visited_at']),
        ],
        foreignKeys: [foreignKey('work_order_id', 'work_orders', 'CASCADE')],
      }),
    );
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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'work_order_attachments',
      'work_order_return_visits',
      'work_order_materials',
      'work_orders',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
