import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column, index } from './migration-columns';

/**
 * The front-desk console (issue 15):
 * - `work_orders.urge_count` / `last_urged_at`: how often and when a resident chased the order (催单);
 *   an urge is not an edit, so it does not bump `version`.
 * - `ix_work_orders_estate_return_visit_queue (estate_id, first_return_visit_at, completed_at)`: the
 *   return-visit queue (`?returnVisited=false&sort=completedAt`) is "no visit yet, oldest completion
 *   first" — `first_return_visit_at IS NULL` is one range of this index, already in completion order.
 * - `residents.phone_last4` + `ix_residents_estate_phone_last4 (estate_id, phone_last4)`: the caller
 *   lookup by the last four digits (or the full number, narrowed by its last four) is one index range
 *   instead of a `LIKE '%5678'` over every resident. Kept by the write path (ResidentPhoneSubscriber)
 *   and back-filled here with the same rule (`phoneLast4`: the last four digits of the number).
 * - `ix_units_estate_number (estate_id, number)`: the lookup's room type-ahead without a building
 *   (`1203`) is a prefix range of the unit number in the estate.
 */
export class FrontDesk1767225617000 implements MigrationInterface {
  name = 'FrontDesk1767225617000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('work_orders', [
      new TableColumn(column.integer('urge_count', false, 0)),
      new TableColumn(column.instant('last_urged_at', true)),
    ]);
    await queryRunner.createIndex('work_orders', new TableIndex(RETURN_VISIT_QUEUE));
    await queryRunner.addColumn('residents', new TableColumn(column.text('phone_last4', 4, true)));
    await backFillPhoneLast4(queryRunner);
    await queryRunner.createIndex('residents', new TableIndex(PHONE_LAST4));
    await queryRunner.createIndex('units', new TableIndex(UNIT_NUMBER));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('units', UNIT_NUMBER.name!);
    await queryRunner.dropIndex('residents', PHONE_LAST4.name!);
    await queryRunner.dropColumn('residents', 'phone_last4');
    await queryRunner.dropIndex('work_orders', RETURN_VISIT_QUEUE.name!);
    await queryRunner.dropColumn('work_orders', 'last_urged_at');
    await queryRunner.dropColumn('work_orders', 'urge_count');
  }
}

const RETURN_VISIT_QUEUE = index('ix_work_orders_estate_return_visit_queue', [
  'estate_id',
  'first_return_visit_at',
  'completed_at',
]);
const UNIT_NUMBER = index('ix_units_estate_number', ['estate_id', 'number']);
const PHONE_LAST4 = index('ix_residents_estate_phone_last4', ['estate_id', 'phone_last4']);

/** Same rule as `phoneLast4` in @estate/estates (the database library cannot import it). */
function lastFourDigits(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/** Keyset batches of 1,000 residents; one UPDATE per distinct value in a batch. */
async function backFillPhoneLast4(queryRunner: QueryRunner): Promise<void> {
  let afterId = '';
  for (;;) {
    const rows: { id: string; phone: string }[] = await queryRunner.query(
      'SELECT id, phone FROM residents WHERE phone IS NOT NULL AND id > ? ORDER BY id LIMIT 1000',
      [afterId],
    );
    if (!rows.length) return;
    afterId = rows[rows.length - 1].id;
    const byValue = new Map<string, string[]>();
    for (const row of rows) {
      const value = lastFourDigits(row.phone);
      if (value) byValue.set(value, [...(byValue.get(value) ?? []), row.id]);
    }
    for (const [value, ids] of byValue)
      await queryRunner.query(
        `UPDATE residents SET phone_last4 = ? WHERE id IN (${ids.map(() => '?').join(', ')})`,
        [value, ...ids],
      );
  }
}
