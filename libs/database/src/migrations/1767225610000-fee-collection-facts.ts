import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Collection figures (KPI #4, GET /fees/collection) summed allocations joined to their bills: on a
 * 5,000-unit estate that was 50,000 nested index lookups on 36-character ids, about half a second
 * per figure (docs/performance.md). An allocation now carries its bill's period, category and
 * building (copied when it is made; a bill never changes them), so the sum is one range scan of a
 * covering index. A covering index on bills does the same for the billed amount.
 */
export class FeeCollectionFacts1767225610000 implements MigrationInterface {
  name = 'FeeCollectionFacts1767225610000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('fee_allocations', [
      new TableColumn({
        name: 'bill_period',
        type: 'varchar',
        length: '7',
        isNullable: false,
        default: "''",
      }),
      new TableColumn({
        name: 'bill_category',
        type: 'varchar',
        length: '30',
        isNullable: false,
        default: "''",
      }),
      new TableColumn({
        name: 'building_id',
        type: 'varchar',
        length: '36',
        isNullable: false,
        default: "''",
      }),
    ]);
    await queryRunner.query(
      `UPDATE fee_allocations SET
         bill_period = (SELECT bill.period FROM bills bill WHERE bill.id = fee_allocations.bill_id),
         bill_category = (SELECT bill.category FROM bills bill WHERE bill.id = fee_allocations.bill_id),
         building_id = (SELECT bill.building_id FROM bills bill WHERE bill.id = fee_allocations.bill_id)`,
    );
    await queryRunner.createIndex(
      'fee_allocations',
      new TableIndex({
        name: 'ix_fee_allocations_collection',
        columnNames: ['estate_id', 'bill_category', 'bill_period', 'paid_at', 'reversed_at', 'amount_fen'],
      }),
    );
    await queryRunner.createIndex(
      'bills',
      new TableIndex({
        name: 'ix_bills_estate_category_period_amount',
        columnNames: ['estate_id', 'category', 'period', 'amount_fen'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('bills', 'ix_bills_estate_category_period_amount');
    await queryRunner.dropIndex('fee_allocations', 'ix_fee_allocations_collection');
    await queryRunner.dropColumns('fee_allocations', ['building_id', 'bill_category', 'bill_period']);
  }
}
