import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { column } from './migration-columns';

const MEASURES = ['orders', 'counted', 'on_time', 'visited', 'labour_minutes', 'timed', 'seconds', 'passed'];

/**
 * The stats endpoint read a month of orders per request (~16,000 index entries grouped by assignee,
 * category, status, priority: 250 ms of database time on the 200k bench). Each order's share of a
 * month's stats is now kept in `work_order_monthly_facts` by the write that changes it
 * (libs/work-orders/src/work-order-monthly-facts.ts), and `work_order_fact_builds` records which
 * estates have their facts and in which time zone. Tables only: the facts of existing estates are
 * built by the application (the scheduled build at start-up, or `work-orders:build-facts`), which
 * answers from the orders themselves until then.
 */
export class WorkOrderMonthlyFacts1767225615000 implements MigrationInterface {
  name = 'WorkOrderMonthlyFacts1767225615000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'work_order_monthly_facts',
        columns: [
          { ...column.reference('estate_id'), isPrimary: true },
          { ...column.text('period', 7), isPrimary: true },
          { ...column.text('kind', 20), isPrimary: true },
          { ...column.text('subject1', 40), isPrimary: true },
          { ...column.text('subject2', 20), isPrimary: true },
          { ...column.text('subject3', 20), isPrimary: true },
          column.text('label', 100, true),
          ...MEASURES.map((name) => column.bigInteger(name, false, 0)),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'work_order_fact_builds',
        columns: [
          { ...column.reference('estate_id'), isPrimary: true },
          column.text('time_zone', 64),
          column.instant('built_at'),
          column.integer('orders'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('work_order_fact_builds');
    await queryRunner.dropTable('work_order_monthly_facts');
  }
}
