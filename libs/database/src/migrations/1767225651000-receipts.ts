import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './migration-columns';

/**
 * Receipts a Chinese property office hands over (issue 18 item 5, docs/fees.md "Receipts"):
 * - `payments.outstanding_after_fen`: what the unit still owed right after this payment (or reversal)
 *   was recorded, written in its transaction, so every print of the receipt shows the same figure;
 *   null for payments recorded before this migration (their receipt prints the balance owed now,
 *   labelled so);
 * - `payments.receipt_print_count`: receipts downloaded so far; the second and later are marked
 *   副本 / COPY.
 */
export class Receipts1767225651000 implements MigrationInterface {
  name = 'Receipts1767225651000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('payments', [
      new TableColumn(column.bigInteger('outstanding_after_fen', true)),
      new TableColumn(column.integer('receipt_print_count', false, 0)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('payments', 'receipt_print_count');
    await queryRunner.dropColumn('payments', 'outstanding_after_fen');
  }
}
