import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Covering indexes for the KPI scorecard and the monthly report (issues #8, #9; docs/performance.md).
 * On the 5,000-unit bench estate the costly statements read a secondary index and then every row
 * by its 36-character primary key (random reads), or grouped in a temporary table; with the
 * columns in the index, in the order the query groups by, each is one index-only range scan:
 * - `ix_fee_allocations_bill_cover` (bill_id, paid_at, reversed_at, amount_fen) replaces
 *   `ix_fee_allocations_bill` (bill_id, paid_at), its prefix: "paid on this bill before T, not
 *   reversed as known at K" (arrears aging, the #4 drill-down) is answered from the index alone.
 * - `ix_bills_estate_building_cover` (estate_id, building_id, unit_id, period, due_date,
 *   created_at, amount_fen): the arrears scan of an estate's bills (by due date, existing at T)
 *   and the billed amount per building (GET /fees/collection, the report) without row reads,
 *   already in building order.
 * - `ix_fee_allocations_estate_building` (estate_id, building_id, bill_period, paid_at,
 *   reversed_at, amount_fen): collected per building, in building order.
 * - `ix_residents_estate_dates_unit` (estate_id, move_in_date, move_out_date, unit_id) replaces
 *   `ix_residents_estate_dates`, its prefix: households (COUNT DISTINCT unit_id) from the index.
 * No column, constraint or query result changes.
 */
export class KpiReportIndexes1767225613000 implements MigrationInterface {
  name = 'KpiReportIndexes1767225613000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'fee_allocations',
      new TableIndex({
        name: 'ix_fee_allocations_bill_cover',
        columnNames: ['bill_id', 'paid_at', 'reversed_at', 'amount_fen'],
      }),
    );
    await queryRunner.dropIndex('fee_allocations', 'ix_fee_allocations_bill');
    await queryRunner.createIndex(
      'fee_allocations',
      new TableIndex({
        name: 'ix_fee_allocations_estate_building',
        columnNames: ['estate_id', 'building_id', 'bill_period', 'paid_at', 'reversed_at', 'amount_fen'],
      }),
    );
    await queryRunner.createIndex(
      'bills',
      new TableIndex({
        name: 'ix_bills_estate_building_cover',
        columnNames: [
          'estate_id',
          'building_id',
          'unit_id',
          'period',
          'due_date',
          'created_at',
          'amount_fen',
        ],
      }),
    );
    await queryRunner.createIndex(
      'residents',
      new TableIndex({
        name: 'ix_residents_estate_dates_unit',
        columnNames: ['estate_id', 'move_in_date', 'move_out_date', 'unit_id'],
      }),
    );
    await queryRunner.dropIndex('residents', 'ix_residents_estate_dates');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'residents',
      new TableIndex({
        name: 'ix_residents_estate_dates',
        columnNames: ['estate_id', 'move_in_date', 'move_out_date'],
      }),
    );
    await queryRunner.dropIndex('residents', 'ix_residents_estate_dates_unit');
    await queryRunner.dropIndex('bills', 'ix_bills_estate_building_cover');
    await queryRunner.dropIndex('fee_allocations', 'ix_fee_allocations_estate_building');
    await queryRunner.createIndex(
      'fee_allocations',
      new TableIndex({ name: 'ix_fee_allocations_bill', columnNames: ['bill_id', 'paid_at'] }),
    );
    await queryRunner.dropIndex('fee_allocations', 'ix_fee_allocations_bill_cover');
  }
}
