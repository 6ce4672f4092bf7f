import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from './migration-columns';

/**
 * Covering indexes for the work-order list and month stats (issue 3's benchmark, docs/performance.md
 * "Work orders"): each statement reads one index range and finds every column it needs in the index,
 * instead of fetching a month of rows (≈ 17k) from the table one by one.
 * - `…_reported_breakdown` (estate_id, reported_at, category, status, priority): stats' orders
 *   reported in the month by category, status and priority (one grouped read).
 * - `…_completed_facts` (estate_id, first_completed_at, completion_seconds, priority, due_at,
 *   arrived_at, arrival_due_at, assignee_id, assignee_name, labour_minutes): everything about the
 *   orders first completed in a month — time to complete (average, median), KPI #2's completed half,
 *   KPI #24 and the per-technician table.
 * - `…_due_open` (estate_id, due_at, priority, first_completed_at, cancelled_at, reported_at): KPI #2's
 *   other half, orders due in the month and still open at its end.
 * - `…_closed_rework` (estate_id, closed_at, rework_count): KPI #3.
 * - `…_overdue_flags` (estate_id, completion_overdue_at, arrival_overdue_at) replaces
 *   `ix_work_orders_estate_completion_overdue` (its prefix): "completion flagged and arrival not",
 *   the second of the two disjoint ranges the overdue counts are split into.
 * Indexes only; no column or data changes.
 */
export class WorkOrderStatsIndexes1767225611000 implements MigrationInterface {
  name = 'WorkOrderStatsIndexes1767225611000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const options of INDEXES) await queryRunner.createIndex('work_orders', new TableIndex(options));
    await queryRunner.dropIndex('work_orders', REPLACED.name!);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('work_orders', new TableIndex(REPLACED));
    for (const options of [...INDEXES].reverse()) await queryRunner.dropIndex('work_orders', options.name!);
  }
}

const INDEXES = [
  index('ix_work_orders_estate_reported_breakdown', [
    'estate_id',
    'reported_at',
    'category',
    'status',
    'priority',
  ]),
  index('ix_work_orders_estate_completed_facts', [
    'estate_id',
    'first_completed_at',
    'completion_seconds',
    'priority',
    'due_at',
    'arrived_at',
    'arrival_due_at',
    'assignee_id',
    'assignee_name',
    'labour_minutes',
  ]),
  index('ix_work_orders_estate_due_open', [
    'estate_id',
    'due_at',
    'priority',
    'first_completed_at',
    'cancelled_at',
    'reported_at',
  ]),
  index('ix_work_orders_estate_closed_rework', ['estate_id', 'closed_at', 'rework_count']),
  index('ix_work_orders_estate_overdue_flags', ['estate_id', 'completion_overdue_at', 'arrival_overdue_at']),
];

const REPLACED = index('ix_work_orders_estate_completion_overdue', ['estate_id', 'completion_overdue_at']);
