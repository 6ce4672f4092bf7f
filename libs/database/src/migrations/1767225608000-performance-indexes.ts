import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from './migration-columns';

/**
 * Indexes the benchmarks showed missing (docs/performance.md "Indexes added"), on 200,000 work
 * orders in one estate:
 * - `ix_work_orders_estate_reported_order` (estate_id, reported_at DESC, id): the list's default
 *   order is `reported_at DESC, id ASC`; with mixed directions the ascending (estate_id, reported_at)
 *   index cannot deliver that order, so every list filtered by something without its own index
 *   (overdue=true, q=…) sorted all of the estate's matching rows with their TEXT columns (27 s for
 *   one page of overdue=true). With this index the page is read in order and stops after LIMIT rows.
 *   `DESC` in an index column list is the same DDL on MySQL 8 / MariaDB ≥ 10.8 and SQLite (older
 *   MariaDB parses it and builds an ascending index), so it is one statement for both engines.
 * - `ix_work_orders_estate_arrived` (estate_id, arrived_at, arrival_seconds): the stats
 *   time-to-arrive average and median filter on arrived_at; without it both scanned the estate.
 *   arrival_seconds is included so both are answered from the index alone.
 * - `ix_work_orders_estate_arrival_overdue` / `ix_work_orders_estate_completion_overdue`: the
 *   stats overdue count (either flag first seen in the month) scanned the estate; with one index
 *   per flag it is an index-merge union of two ranges.
 * Nothing else changes: no column, no constraint, no query.
 */
export class PerformanceIndexes1767225608000 implements MigrationInterface {
  name = 'PerformanceIndexes1767225608000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX ix_work_orders_estate_reported_order ON work_orders (estate_id, reported_at DESC, id)',
    );
    for (const options of PLAIN_INDEXES)
      await queryRunner.createIndex('work_orders', new TableIndex(options));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const options of [...PLAIN_INDEXES].reverse())
      await queryRunner.dropIndex('work_orders', options.name!);
    await queryRunner.dropIndex('work_orders', 'ix_work_orders_estate_reported_order');
  }
}

const PLAIN_INDEXES = [
  index('ix_work_orders_estate_arrived', ['estate_id', 'arrived_at', 'arrival_seconds']),
  index('ix_work_orders_estate_arrival_overdue', ['estate_id', 'arrival_overdue_at']),
  index('ix_work_orders_estate_completion_overdue', ['estate_id', 'completion_overdue_at']),
];
