import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { baseColumns, column, foreignKey, index } from './migration-columns';

/** Facility and equipment ledger: categories, assets, condition history, plans, tasks, inspection results. */
export class Assets1767225603000 implements MigrationInterface {
  name = 'Assets1767225603000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'asset_categories',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('code', 40),
          column.text('name', 100),
          column.text('kpi_group', 20, true),
        ],
        indices: [index('uq_asset_categories_estate_code', ['estate_id', 'code'], true)],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'assets',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('code', 40),
          column.text('name', 100),
          column.text('category_code', 40),
          column.text('kpi_group', 20, true),
          column.bigInteger('measure_hundredths'),
          column.text('measure_unit', 10),
          column.text('location_text', 200, true),
          column.integer('latitude_micro', true),
          column.integer('longitude_micro', true),
          column.text('brand', 100, true),
          column.text('model', 100, true),
          column.text('serial_number', 100, true),
          column.localDate('installed_date', true),
          column.localDate('warranty_end_date', true),
          column.text('importance', 1),
          column.text('responsible_person', 100, true),
          column.text('status', 20),
          column.instant('registered_at'),
          column.instant('decommissioned_at', true),
          column.text('decommission_reason', 500, true),
          column.version(),
        ],
        indices: [
          index('uq_assets_estate_code', ['estate_id', 'code'], true),
          index('ix_assets_estate_group_status', ['estate_id', 'kpi_group', 'status']),
          index('ix_assets_estate_category', ['estate_id', 'category_code']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'asset_condition_records',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('asset_id'),
          column.text('condition_code', 20),
          column.instant('recorded_at'),
          column.text('source', 20),
          column.text('note', 500, true),
          column.reference('author_id', true),
          column.text('author_name', 100, true),
          column.reference('task_id', true),
          column.reference('work_order_id', true),
        ],
        indices: [
          index('ix_asset_conditions_asset_recorded', ['asset_id', 'recorded_at']),
          index('ix_asset_conditions_estate_recorded', ['estate_id', 'recorded_at']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('asset_id', 'assets')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'asset_plans',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('kind', 20),
          column.text('name', 100),
          column.reference('asset_id', true),
          column.text('category_code', 40, true),
          column.json('checklist', false),
          column.json('recurrence', false),
          column.localDate('start_date'),
          column.text('assignee_role', 20, true),
          column.reference('assignee_user_id', true),
          column.json('priority_rule', false),
          column.boolean('active', true),
          column.version(),
        ],
        indices: [
          index('ix_asset_plans_estate_kind', ['estate_id', 'kind', 'active']),
          index('ix_asset_plans_asset', ['asset_id']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('asset_id', 'assets')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'asset_tasks',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('plan_id'),
          column.reference('asset_id'),
          column.text('kind', 20),
          column.localDate('due_date'),
          column.instant('due_at'),
          column.text('status', 20),
          column.instant('overdue_at', true),
          column.instant('completed_at', true),
          column.text('assignee_role', 20, true),
          column.reference('assignee_user_id', true),
          column.version(),
        ],
        indices: [
          index('uq_asset_tasks_plan_asset_due', ['plan_id', 'asset_id', 'due_date'], true),
          index('ix_asset_tasks_estate_status_due', ['estate_id', 'status', 'due_date']),
          index('ix_asset_tasks_asset', ['asset_id', 'due_date']),
        ],
        foreignKeys: [
          foreignKey('estate_id', 'estates'),
          foreignKey('plan_id', 'asset_plans'),
          foreignKey('asset_id', 'assets'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'asset_inspection_results',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('task_id'),
          column.reference('plan_id'),
          column.reference('asset_id'),
          column.json('item_results', false),
          column.text('overall_condition', 20, true),
          column.json('photos'),
          column.text('note', 500, true),
          column.reference('inspector_id'),
          column.text('inspector_name', 100),
          column.instant('inspected_at'),
          column.reference('condition_record_id', true),
          column.reference('work_order_id', true),
          column.text('work_order_code', 30, true),
        ],
        indices: [
          index('uq_asset_results_task', ['task_id'], true),
          index('ix_asset_results_asset', ['asset_id', 'inspected_at']),
        ],
        foreignKeys: [
          foreignKey('estate_id', 'estates'),
          foreignKey('task_id', 'asset_tasks'),
          foreignKey('asset_id', 'assets'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'asset_inspection_results',
      'asset_tasks',
      'asset_plans',
      'asset_condition_records',
      'assets',
      'asset_categories',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
