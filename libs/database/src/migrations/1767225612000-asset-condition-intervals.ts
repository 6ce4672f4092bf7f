import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, index } from './migration-columns';

const OPEN_END = '9999-12-31 23:59:59.999';
const BACKFILL = 'asset_condition_intervals_backfill';

/**
 * Asset health as of an instant (issue 5, docs/performance.md "Assets"): finding each asset's latest
 * condition record at or before T with a NOT EXISTS anti-join probed every record of every asset
 * (≈ 21 s for 50,000 assets with 1,000,000 records). Now:
 * - `asset_condition_records.valid_until`: the recordedAt of the asset's next record in
 *   (recorded_at, id) order, or 9999-12-31 23:59:59.999 for the last one (never NULL, so it can be
 *   ranged). The record current at T is the one with `recorded_at <= T < valid_until`.
 * - `assets.first_recorded_at`: the earliest recordedAt of the asset's records (NULL: none), so
 *   "no record yet at T" is read from the asset row.
 * - `ix_asset_conditions_current` (estate_id, condition_code, valid_until, recorded_at, asset_id):
 *   the current records of one condition in an estate are one index range;
 *   `ix_assets_estate_health` covers the per-KPI-group totals; `ix_assets_estate_first_recorded`
 *   finds the assets without a record yet.
 * Backfill in portable SQL (MySQL refuses an UPDATE that reads its own table in a subquery, so the
 * intervals are computed into a scratch table first).
 */
export class AssetConditionIntervals1767225612000 implements MigrationInterface {
  name = 'AssetConditionIntervals1767225612000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'asset_condition_records',
      new TableColumn({ ...column.instant('valid_until'), default: `'${OPEN_END}'` }),
    );
    await queryRunner.addColumn('assets', new TableColumn(column.instant('first_recorded_at', true)));

    await queryRunner.createTable(
      new Table({ name: BACKFILL, columns: [column.id(), column.instant('valid_until')] }),
    );
    await queryRunner.query(
      `INSERT INTO ${BACKFILL} (id, valid_until)
       SELECT c.id, (SELECT MIN(n.recorded_at) FROM asset_condition_records n
                     WHERE n.asset_id = c.asset_id
                       AND (n.recorded_at > c.recorded_at OR (n.recorded_at = c.recorded_at AND n.id > c.id)))
       FROM asset_condition_records c
       WHERE EXISTS (SELECT 1 FROM asset_condition_records n
                     WHERE n.asset_id = c.asset_id
                       AND (n.recorded_at > c.recorded_at OR (n.recorded_at = c.recorded_at AND n.id > c.id)))`,
    );
    await queryRunner.query(
      `UPDATE asset_condition_records
       SET valid_until = (SELECT b.valid_until FROM ${BACKFILL} b WHERE b.id = asset_condition_records.id)
       WHERE id IN (SELECT b.id FROM ${BACKFILL} b)`,
    );
    await queryRunner.dropTable(BACKFILL);
    await queryRunner.query(
      `UPDATE assets SET first_recorded_at =
         (SELECT MIN(c.recorded_at) FROM asset_condition_records c WHERE c.asset_id = assets.id)`,
    );

    await queryRunner.createIndex(
      'asset_condition_records',
      new TableIndex(
        index('ix_asset_conditions_current', [
          'estate_id',
          'condition_code',
          'valid_until',
          'recorded_at',
          'asset_id',
        ]),
      ),
    );
    await queryRunner.createIndex(
      'assets',
      new TableIndex(
        index('ix_assets_estate_health', [
          'estate_id',
          'kpi_group',
          'decommissioned_at',
          'registered_at',
          'first_recorded_at',
          'installed_date',
          'measure_hundredths',
        ]),
      ),
    );
    await queryRunner.createIndex(
      'assets',
      new TableIndex(index('ix_assets_estate_first_recorded', ['estate_id', 'first_recorded_at'])),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('assets', 'ix_assets_estate_first_recorded');
    await queryRunner.dropIndex('assets', 'ix_assets_estate_health');
    await queryRunner.dropIndex('asset_condition_records', 'ix_asset_conditions_current');
    await queryRunner.dropColumn('assets', 'first_recorded_at');
    await queryRunner.dropColumn('asset_condition_records', 'valid_until');
  }
}
