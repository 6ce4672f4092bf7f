import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { column } from './migration-columns';

/**
 * Failed sign-ins counted per login name in the database, shared by every instance (issue #22
 * finding 12): after LOGIN_LOCK_AFTER_FAILURES failures the name is locked with exponential back-off.
 */
export class LoginFailures1767225640000 implements MigrationInterface {
  name = 'LoginFailures1767225640000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'login_failures',
        columns: [
          { ...column.text('username', 60), isPrimary: true },
          column.integer('failures', false, 0),
          column.instant('last_failure_at'),
          column.instant('locked_until', true),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('login_failures');
  }
}
