import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { baseColumns, column, foreignKey, index } from './migration-columns';

/**
 * KPI #22 and #23 counted staff by their current management flag and special-operation role, so
 * a role changed today rewrote past months. `staff_role_periods` dates the roles (valid_from ≤ date
 * < valid_until); the first change of a member writes the role before it too. No back-fill: a
 * member without periods has held their current role throughout, which is what the KPI read before.
 */
export class StaffRolePeriods1767225616000 implements MigrationInterface {
  name = 'StaffRolePeriods1767225616000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'staff_role_periods',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('staff_id'),
          column.boolean('is_management', false),
          column.text('special_operation_role', 40, true),
          column.localDate('valid_from'),
          column.localDate('valid_until'),
        ],
        indices: [index('ix_staff_role_periods_staff', ['staff_id', 'valid_from'])],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('staff_id', 'staff_members', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('staff_role_periods');
  }
}
