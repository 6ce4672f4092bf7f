import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { baseColumns, column, foreignKey, index } from './migration-columns';

/** Monthly compliance reports: the report records and their stored files (bytes in the database). */
export class Reports1767225607000 implements MigrationInterface {
  name = 'Reports1767225607000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'monthly_reports',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.period('period'),
          column.text('locale', 5),
          column.json('formats', false),
          column.text('status', 12),
          column.text('kind', 8),
          column.text('origin', 12),
          column.longText('error'),
          column.reference('requested_by_id', true),
          column.text('requested_by_name', 100),
          column.instant('requested_at'),
          column.instant('generated_at', true),
          column.text('scorecard_source', 10, true),
          column.integer('snapshot_version', true),
          column.text('unique_key', 80, true),
          column.version(),
        ],
        indices: [
          index('ix_monthly_reports_estate_period', ['estate_id', 'period', 'requested_at']),
          index('uq_monthly_reports_unique_key', ['unique_key'], true),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_files',
        columns: [
          ...baseColumns(),
          column.reference('report_id'),
          column.text('format', 8),
          column.text('content_type', 100),
          column.text('file_name', 200),
          column.integer('size_bytes'),
          column.text('sha256', 64),
          column.blob('content'),
        ],
        indices: [index('uq_report_files_format', ['report_id', 'format'], true)],
        foreignKeys: [foreignKey('report_id', 'monthly_reports', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_files');
    await queryRunner.dropTable('monthly_reports');
  }
}
