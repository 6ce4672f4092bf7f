import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column, index } from './migration-columns';

/**
 * Chargeable repairs become bills (issue 18 item 10, docs/fees.md "Paid repairs"):
 * - `bills.work_order_id`: the work order a 维修费 bill charges, unique — one bill per order ever,
 *   whatever is retried (NULLs are distinct on both engines, so ordinary bills are unaffected);
 * - `bills.charge_key`: what tells apart several bills of one fee item in one period — '' for
 *   billing-run bills (so the run's key stays one bill per unit × item × period), the work order id
 *   for a repair bill (two repairs of one unit in one month are two bills). The unique key becomes
 *   (unit, item, period, charge_key);
 * - `fee_items.system_key` (+ unique `(estate_id, system_key)`): the item the system bills on its own
 *   (`paid_repair`), found by key rather than by a name finance may change; null for ordinary items.
 */
export class RepairBills1767225650000 implements MigrationInterface {
  name = 'RepairBills1767225650000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('bills', [
      new TableColumn(column.reference('work_order_id', true)),
      new TableColumn(column.text('charge_key', 36, false, '')),
    ]);
    await queryRunner.dropIndex('bills', 'uq_bills_unit_item_period');
    await queryRunner.createIndex('bills', new TableIndex(UNIQUE_CHARGE));
    await queryRunner.createIndex('bills', new TableIndex(UNIQUE_WORK_ORDER));
    await queryRunner.addColumn('fee_items', new TableColumn(column.text('system_key', 30, true)));
    await queryRunner.createIndex('fee_items', new TableIndex(UNIQUE_SYSTEM_KEY));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('fee_items', UNIQUE_SYSTEM_KEY.name!);
    await queryRunner.dropColumn('fee_items', 'system_key');
    await queryRunner.dropIndex('bills', UNIQUE_WORK_ORDER.name!);
    await queryRunner.dropIndex('bills', UNIQUE_CHARGE.name!);
    // Fails while two repair bills of one unit share a month: the old key cannot hold them, and
    // financial rows are not deleted to make it fit.
    await queryRunner.createIndex(
      'bills',
      new TableIndex(index('uq_bills_unit_item_period', ['unit_id', 'fee_item_id', 'period'], true)),
    );
    await queryRunner.dropColumn('bills', 'charge_key');
    await queryRunner.dropColumn('bills', 'work_order_id');
  }
}

const UNIQUE_CHARGE = index(
  'uq_bills_unit_item_period_charge',
  ['unit_id', 'fee_item_id', 'period', 'charge_key'],
  true,
);
const UNIQUE_WORK_ORDER = index('uq_bills_work_order', ['work_order_id'], true);
const UNIQUE_SYSTEM_KEY = index('uq_fee_items_estate_system_key', ['estate_id', 'system_key'], true);
