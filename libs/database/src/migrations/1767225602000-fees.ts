import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { baseColumns, column, foreignKey, index } from './migration-columns';

/** Fee collection: fee items, billing runs, bills, payments, allocations, unit credit, waivers, meters, dunning. */
export class Fees1767225602000 implements MigrationInterface {
  name = 'Fees1767225602000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'fee_items',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('name', 100),
          column.text('category', 30),
          column.text('basis', 20),
          column.bigInteger('price_centi_fen'),
          column.json('unit_types', false),
          column.text('meter_type', 20, true),
          column.period('active_from'),
          column.period('active_to', true),
          column.boolean('active', true),
        ],
        indices: [index('ix_fee_items_estate', ['estate_id', 'active'])],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'billing_runs',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.period('period'),
          column.text('status', 20),
          column.integer('unit_count', false, 0),
          column.integer('bills_created', false, 0),
          column.integer('bills_existing', false, 0),
          column.bigInteger('amount_created_fen', false, 0),
          column.bigInteger('credit_applied_fen', false, 0),
          column.text('triggered_by', 100),
          column.instant('started_at'),
          column.instant('finished_at', true),
          column.longText('error'),
        ],
        indices: [index('ix_billing_runs_estate_period', ['estate_id', 'period'])],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'bills',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('building_id'),
          column.reference('unit_id'),
          column.reference('fee_item_id'),
          column.reference('billing_run_id', true),
          column.period('period'),
          column.text('category', 30),
          column.text('item_name', 100),
          column.bigInteger('amount_fen'),
          column.bigInteger('paid_fen', false, 0),
          column.bigInteger('waived_fen', false, 0),
          column.localDate('due_date'),
          column.integer('billed_days'),
          column.integer('days_in_period'),
          column.bigInteger('quantity_hundredths', true),
        ],
        indices: [
          index('uq_bills_unit_item_period', ['unit_id', 'fee_item_id', 'period'], true),
          index('ix_bills_estate_period_category', ['estate_id', 'period', 'category']),
          index('ix_bills_estate_due', ['estate_id', 'due_date']),
          index('ix_bills_unit_due', ['unit_id', 'due_date']),
        ],
        foreignKeys: [
          foreignKey('estate_id', 'estates'),
          foreignKey('unit_id', 'units'),
          foreignKey('fee_item_id', 'fee_items'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'payments',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('unit_id'),
          column.text('receipt_code', 20),
          column.text('status', 20),
          column.bigInteger('amount_fen'),
          column.bigInteger('credit_fen', false, 0),
          column.text('method', 20),
          column.instant('paid_at'),
          column.text('payer_name', 100, true),
          column.text('reference', 100, true),
          column.text('idempotency_key', 100),
          column.text('request_hash', 64),
          column.reference('reverses_payment_id', true),
          column.reference('reversed_by_payment_id', true),
          column.instant('reversed_at', true),
          column.text('reversal_reason', 500, true),
          column.reference('recorded_by_id', true),
          column.text('recorded_by_name', 100, true),
        ],
        indices: [
          index('uq_payments_estate_key', ['estate_id', 'idempotency_key'], true),
          index('uq_payments_estate_code', ['estate_id', 'receipt_code'], true),
          index('ix_payments_estate_paid', ['estate_id', 'paid_at']),
          index('ix_payments_unit_paid', ['unit_id', 'paid_at']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('unit_id', 'units')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fee_allocations',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('unit_id'),
          column.reference('bill_id'),
          column.reference('payment_id', true),
          column.text('source', 20),
          column.bigInteger('amount_fen'),
          column.instant('paid_at'),
          column.instant('reversed_at', true),
        ],
        indices: [
          index('ix_fee_allocations_bill', ['bill_id', 'paid_at']),
          index('ix_fee_allocations_payment', ['payment_id']),
          index('ix_fee_allocations_estate_paid', ['estate_id', 'paid_at']),
        ],
        foreignKeys: [foreignKey('bill_id', 'bills'), foreignKey('payment_id', 'payments')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'unit_credit_entries',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('unit_id'),
          column.text('kind', 20),
          column.bigInteger('amount_fen'),
          column.reference('payment_id', true),
          column.reference('bill_id', true),
          column.instant('occurred_at'),
        ],
        indices: [
          index('ix_unit_credit_unit', ['unit_id', 'occurred_at']),
          index('ix_unit_credit_estate', ['estate_id', 'unit_id']),
        ],
        foreignKeys: [foreignKey('unit_id', 'units')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'bill_adjustments',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('bill_id'),
          column.bigInteger('amount_fen'),
          column.text('reason', 500),
          column.reference('approved_by_id'),
          column.text('approved_by_name', 100),
          column.instant('approved_at'),
        ],
        indices: [
          index('ix_bill_adjustments_bill', ['bill_id', 'approved_at']),
          index('ix_bill_adjustments_estate', ['estate_id', 'approved_at']),
        ],
        foreignKeys: [foreignKey('bill_id', 'bills')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'meter_readings',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('unit_id'),
          column.text('meter_type', 20),
          column.bigInteger('reading_hundredths'),
          column.bigInteger('consumption_hundredths'),
          column.instant('read_at'),
          column.boolean('replacement', false),
          column.reference('recorded_by_id', true),
        ],
        indices: [
          index('ix_meter_readings_unit', ['unit_id', 'meter_type', 'read_at']),
          index('ix_meter_readings_estate', ['estate_id', 'meter_type', 'read_at']),
        ],
        foreignKeys: [foreignKey('unit_id', 'units')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'dunning_records',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('unit_id'),
          column.instant('contacted_at'),
          column.text('method', 20),
          column.text('outcome', 500),
          column.reference('staff_id', true),
          column.text('staff_name', 100, true),
        ],
        indices: [
          index('ix_dunning_unit', ['unit_id', 'contacted_at']),
          index('ix_dunning_estate', ['estate_id', 'contacted_at']),
        ],
        foreignKeys: [foreignKey('unit_id', 'units')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'dunning_records',
      'meter_readings',
      'bill_adjustments',
      'unit_credit_entries',
      'fee_allocations',
      'payments',
      'bills',
      'billing_runs',
      'fee_items',
    ])
      await queryRunner.dropTable(table);
  }
}
