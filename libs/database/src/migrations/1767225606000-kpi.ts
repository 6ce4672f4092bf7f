import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { baseColumns, column, foreignKey, index } from './migration-columns';

/** KPI scorecard: per-estate target history and immutable month snapshots. */
export class Kpi1767225606000 implements MigrationInterface {
  name = 'Kpi1767225606000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'kpi_targets',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('metric_code', 60),
          column.bigInteger('target_scaled'),
          column.text('comparator', 2),
          column.instant('effective_from'),
          column.reference('set_by_id', true),
          column.text('set_by_name', 100, true),
        ],
        indices: [index('ix_kpi_targets_lookup', ['estate_id', 'metric_code', 'effective_from'])],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'kpi_snapshots',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.period('period'),
          column.integer('version'),
          column.boolean('current', true),
          column.instant('closed_at'),
          column.reference('closed_by_id', true),
          column.text('closed_by_name', 100, true),
          column.longText('reason'),
          { name: 'payload', type: 'mediumtext', isNullable: false },
        ],
        indices: [
          index('uq_kpi_snapshots_version', ['estate_id', 'period', 'version'], true),
          index('ix_kpi_snapshots_current', ['estate_id', 'period', 'current']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('kpi_snapshots');
    await queryRunner.dropTable('kpi_targets');
  }
}
