import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column, index } from './migration-columns';

/**
 * KPI #24 (return-visit rate) and the stats endpoint asked, for every order completed in a month,
 * "was it visited before the period end?" — an EXISTS probe of the return-visit index per order
 * (~36,000 probes a month on the 200k bench). Work orders now carry `first_return_visit_at`, the
 * earliest `visited_at` of their visits (kept by the write path: a back-dated visit lowers it), so
 * "visited before :end" is `first_return_visit_at < :end`, read from the completed-facts index.
 * Back-fills the column from the visits; the completed-facts index gets the column at its end.
 */
export class WorkOrderFirstReturnVisit1767225614000 implements MigrationInterface {
  name = 'WorkOrderFirstReturnVisit1767225614000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'work_orders',
      new TableColumn(column.instant('first_return_visit_at', true)),
    );
    await queryRunner.query(
      'UPDATE work_orders SET first_return_visit_at = (SELECT MIN(visit.visited_at) FROM work_order_return_visits visit WHERE visit.work_order_id = work_orders.id) ' +
        'WHERE EXISTS (SELECT 1 FROM work_order_return_visits visit WHERE visit.work_order_id = work_orders.id)',
    );
    await queryRunner.dropIndex('work_orders', COMPLETED_FACTS.name!);
    await queryRunner.createIndex('work_orders', new TableIndex(WITH_FIRST_VISIT));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('work_orders', WITH_FIRST_VISIT.name!);
    await queryRunner.createIndex('work_orders', new TableIndex(COMPLETED_FACTS));
    await queryRunner.dropColumn('work_orders', 'first_return_visit_at');
  }
}

const FACTS = [
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
];
const COMPLETED_FACTS = index('ix_work_orders_estate_completed_facts', FACTS);
const WITH_FIRST_VISIT = index('ix_work_orders_estate_completed_facts', [...FACTS, 'first_return_visit_at']);
