import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from './migration-columns';

/**
 * Covering indexes for the console's screens, found by the web bench on 200,000 orders
 * (docs/performance.md "The console"). The dispatch list (`GET /work-orders/assignees`, the board's
 * technician filter and the dispatch dialog): its "today" and "categories of the last 90 days"
 * statements read ≈ 2 s of rows one by one; with these each reads one index range and nothing else.
 * - `…_assigned_day` (estate_id, assigned_at, assignee_id, status): orders assigned today;
 * - `…_appointment_day` (estate_id, appointment_start_at, assignee_id, status): orders with an
 *   appointment today (the two are read separately and counted once per order);
 * - `…_completed_category` (estate_id, first_completed_at, assignee_id, category): what each
 *   technician has completed lately, by category.
 * The return-visit queue (`returnVisited=false&sort=completedAt`; its count read 1.4 s, fetching every
 * never-visited order's row for its status and priority):
 * - `…_return_visit_queue` gains status and priority (estate_id, first_return_visit_at, completed_at,
 *   status, priority), replacing FrontDesk1767225617000's three-column one of the same name.
 * Indexes only; no column or data changes.
 */
export class ConsoleIndexes1767225660000 implements MigrationInterface {
  name = 'ConsoleIndexes1767225660000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('work_orders', REPLACED.name!);
    for (const options of INDEXES) await queryRunner.createIndex('work_orders', new TableIndex(options));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const options of [...INDEXES].reverse()) await queryRunner.dropIndex('work_orders', options.name!);
    await queryRunner.createIndex('work_orders', new TableIndex(REPLACED));
  }
}

const INDEXES = [
  index('ix_work_orders_estate_assigned_day', ['estate_id', 'assigned_at', 'assignee_id', 'status']),
  index('ix_work_orders_estate_appointment_day', [
    'estate_id',
    'appointment_start_at',
    'assignee_id',
    'status',
  ]),
  index('ix_work_orders_estate_return_visit_queue', [
    'estate_id',
    'first_return_visit_at',
    'completed_at',
    'status',
    'priority',
  ]),
  index('ix_work_orders_estate_completed_category', [
    'estate_id',
    'first_completed_at',
    'assignee_id',
    'category',
  ]),
];

const REPLACED = index('ix_work_orders_estate_return_visit_queue', [
  'estate_id',
  'first_return_visit_at',
  'completed_at',
]);
