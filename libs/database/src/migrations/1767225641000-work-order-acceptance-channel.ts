import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './migration-columns';

/**
 * How a work order's acceptance was entered (issue #22 finding 11): `resident_app` by the resident,
 * `phone` / `in_person` by staff on the resident's behalf. Null on orders accepted before: the
 * channel was not recorded then (who entered it was: accepted_by_id / accepted_by_name).
 */
export class WorkOrderAcceptanceChannel1767225641000 implements MigrationInterface {
  name = 'WorkOrderAcceptanceChannel1767225641000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('work_orders', new TableColumn(column.text('acceptance_channel', 20, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('work_orders', 'acceptance_channel');
  }
}
