import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { baseColumns, column, foreignKey, index } from './migration-columns';

/** Foundation: code counters, job locks and ledger, audit trail, users, estates and their registry. */
export class Foundation1767225600000 implements MigrationInterface {
  name = 'Foundation1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'code_counters',
        columns: [
          { ...column.reference('estate_id'), isPrimary: true },
          { ...column.text('scope', 20), isPrimary: true },
          { ...column.integer('year'), isPrimary: true },
          column.integer('value', false, 0),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'job_locks',
        columns: [
          { ...column.text('name', 150), isPrimary: true },
          column.text('owner', 150, true),
          column.instant('expires_at'),
          column.instant('acquired_at', true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'job_runs',
        columns: [
          ...baseColumns(),
          column.text('job_name', 100),
          column.text('business_key', 200),
          column.text('status', 20),
          column.text('owner', 150),
          column.integer('attempts', false, 1),
          column.instant('started_at'),
          column.instant('lease_expires_at'),
          column.instant('finished_at', true),
          column.longText('error'),
          column.json('result'),
        ],
        indices: [
          index('uq_job_runs_job_key', ['job_name', 'business_key'], true),
          index('ix_job_runs_status', ['status', 'lease_expires_at']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          column.id(),
          column.reference('estate_id', true),
          column.text('entity_type', 50),
          column.reference('entity_id'),
          column.text('action', 50),
          column.text('from_state', 50, true),
          column.text('to_state', 50, true),
          column.reference('actor_id', true),
          column.text('actor_name', 100, true),
          column.instant('at'),
          column.longText('note'),
          column.json('details'),
        ],
        indices: [
          index('ix_audit_entity', ['entity_type', 'entity_id', 'at']),
          index('ix_audit_estate_at', ['estate_id', 'at']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'estates',
        columns: [
          ...baseColumns(),
          column.text('code', 30),
          column.text('name', 100),
          column.text('address', 300, true),
          column.text('time_zone', 60),
          column.json('settings'),
          column.boolean('active', true),
        ],
        indices: [index('uq_estates_code', ['code'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'buildings',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('number', 30),
          column.text('name', 100),
          column.integer('floors', true),
          column.bigInteger('floor_area_hundredths', true),
        ],
        indices: [index('uq_buildings_estate_number', ['estate_id', 'number'], true)],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'units',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('building_id'),
          column.text('number', 30),
          column.integer('floor', true),
          column.bigInteger('floor_area_hundredths'),
          column.text('type', 20),
        ],
        indices: [
          index('uq_units_building_number', ['building_id', 'number'], true),
          index('ix_units_estate_type', ['estate_id', 'type']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('building_id', 'buildings')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'residents',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('unit_id'),
          column.text('name', 100),
          column.text('phone', 30, true),
          column.text('relation', 20),
          column.localDate('move_in_date'),
          column.localDate('move_out_date', true),
        ],
        indices: [
          index('ix_residents_unit_dates', ['unit_id', 'move_in_date', 'move_out_date']),
          index('ix_residents_estate_dates', ['estate_id', 'move_in_date', 'move_out_date']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('unit_id', 'units')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          ...baseColumns(),
          column.text('username', 60),
          column.text('display_name', 100),
          column.text('password_hash', 255),
          column.text('role', 20),
          column.text('phone', 30, true),
          column.reference('unit_id', true),
          column.boolean('active', true),
          column.integer('token_version', false, 0),
          column.instant('last_login_at', true),
        ],
        indices: [index('uq_users_username', ['username'], true), index('ix_users_role', ['role'])],
        foreignKeys: [foreignKey('unit_id', 'units', 'SET NULL')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'estate_memberships',
        columns: [...baseColumns(), column.reference('user_id'), column.reference('estate_id')],
        indices: [
          index('uq_membership_user_estate', ['user_id', 'estate_id'], true),
          index('ix_membership_estate', ['estate_id']),
        ],
        foreignKeys: [foreignKey('user_id', 'users', 'CASCADE'), foreignKey('estate_id', 'estates')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'estate_memberships',
      'users',
      'residents',
      'units',
      'buildings',
      'estates',
      'audit_entries',
      'job_runs',
      'job_locks',
      'code_counters',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
