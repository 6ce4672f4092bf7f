import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { baseColumns, column, foreignKey, index } from './migration-columns';

/**
 * Field operations: safety incidents and their handling actions; cleaning zones, logs and
 * inspections; patrol checkpoints, routes, rounds, scans, missed checkpoints and missed slots.
 */
export class FieldOperations1767225604000 implements MigrationInterface {
  name = 'FieldOperations1767225604000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Safety -------------------------------------------------------------------------------------
    await queryRunner.createTable(
      new Table({
        name: 'safety_incidents',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('code', 30),
          column.reference('client_id', true),
          column.text('type', 30),
          column.text('violation_subtype', 40, true),
          column.text('status', 20),
          column.instant('occurred_at'),
          column.text('location', 200, true),
          column.reference('unit_id', true),
          column.longText('description', false),
          column.reference('reported_by_id'),
          column.text('reported_by_name', 100),
          column.text('report_number', 60, true),
          column.bigInteger('losses_fen', true),
          column.text('source', 20),
          column.reference('patrol_scan_id', true),
          column.instant('handled_at', true),
          column.text('handling_outcome', 30, true),
          column.instant('rectified_at', true),
          column.instant('closed_at', true),
          column.version(),
        ],
        indices: [
          index('uq_safety_incidents_estate_code', ['estate_id', 'code'], true),
          index('uq_safety_incidents_estate_client', ['estate_id', 'client_id'], true),
          index('ix_safety_incidents_estate_type_occurred', ['estate_id', 'type', 'occurred_at']),
          index('ix_safety_incidents_estate_occurred', ['estate_id', 'occurred_at']),
          index('ix_safety_incidents_estate_type_handled', ['estate_id', 'type', 'handled_at']),
          index('ix_safety_incidents_estate_status', ['estate_id', 'status']),
          index('ix_safety_incidents_scan', ['patrol_scan_id']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('unit_id', 'units')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'safety_incident_actions',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('incident_id'),
          column.text('kind', 20),
          column.instant('at'),
          column.reference('actor_id'),
          column.text('actor_name', 100),
          column.longText('description', false),
        ],
        indices: [index('ix_safety_incident_actions_incident_at', ['incident_id', 'at'])],
        foreignKeys: [foreignKey('incident_id', 'safety_incidents', 'CASCADE')],
      }),
    );

    // Cleaning -----------------------------------------------------------------------------------
    await queryRunner.createTable(
      new Table({
        name: 'cleaning_zones',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('name', 100),
          column.text('type', 30),
          column.bigInteger('area_hundredths', true),
          column.longText('standard'),
          column.integer('frequency_times'),
          column.text('frequency_unit', 10),
          column.reference('cleaner_id', true),
          column.boolean('active', true),
        ],
        indices: [
          index('uq_cleaning_zones_estate_name', ['estate_id', 'name'], true),
          index('ix_cleaning_zones_cleaner', ['cleaner_id']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('cleaner_id', 'users', 'SET NULL')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cleaning_inspections',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('client_id', true),
          column.reference('zone_id'),
          column.reference('cleaner_id', true),
          column.reference('inspector_id'),
          column.text('inspector_name', 100),
          column.instant('inspected_at'),
          column.boolean('passed'),
          column.integer('score', true),
          column.json('issues'),
          column.text('follow_up', 30),
          column.reference('re_inspection_of_id', true),
          column.reference('re_clean_log_id', true),
          column.version(),
        ],
        indices: [
          index('uq_cleaning_inspections_estate_client', ['estate_id', 'client_id'], true),
          index('ix_cleaning_inspections_estate_inspected', ['estate_id', 'inspected_at']),
          index('ix_cleaning_inspections_zone_inspected', ['zone_id', 'inspected_at']),
          index('ix_cleaning_inspections_reinspection_of', ['re_inspection_of_id']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('zone_id', 'cleaning_zones')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cleaning_logs',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('client_id', true),
          column.reference('zone_id'),
          column.reference('cleaner_id'),
          column.text('cleaner_name', 100),
          column.instant('started_at'),
          column.instant('finished_at'),
          column.json('tasks', false),
          column.longText('note'),
          column.reference('re_clean_for_inspection_id', true),
        ],
        indices: [
          index('uq_cleaning_logs_estate_client', ['estate_id', 'client_id'], true),
          index('ix_cleaning_logs_estate_started', ['estate_id', 'started_at']),
          index('ix_cleaning_logs_zone_started', ['zone_id', 'started_at']),
          index('ix_cleaning_logs_reclean_for', ['re_clean_for_inspection_id']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('zone_id', 'cleaning_zones')],
      }),
    );

    // Patrol -------------------------------------------------------------------------------------
    await queryRunner.createTable(
      new Table({
        name: 'patrol_checkpoints',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('name', 100),
          column.text('location', 200, true),
          column.text('tag_value', 120),
          column.boolean('active', true),
        ],
        indices: [index('uq_patrol_checkpoints_estate_tag', ['estate_id', 'tag_value'], true)],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'patrol_routes',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('name', 100),
          column.integer('expected_duration_minutes'),
          column.integer('interval_minutes'),
          column.text('active_from', 5),
          column.text('active_to', 5),
          column.boolean('active', true),
          column.instant('deactivated_at', true),
        ],
        indices: [
          index('uq_patrol_routes_estate_name', ['estate_id', 'name'], true),
          index('ix_patrol_routes_estate_active', ['estate_id', 'active']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'patrol_route_checkpoints',
        columns: [
          ...baseColumns(),
          column.reference('route_id'),
          column.reference('checkpoint_id'),
          column.integer('position'),
        ],
        indices: [
          index('uq_patrol_route_checkpoints_route_position', ['route_id', 'position'], true),
          index('uq_patrol_route_checkpoints_route_checkpoint', ['route_id', 'checkpoint_id'], true),
        ],
        foreignKeys: [
          foreignKey('route_id', 'patrol_routes', 'CASCADE'),
          foreignKey('checkpoint_id', 'patrol_checkpoints'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'patrol_rounds',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('client_id', true),
          column.reference('route_id'),
          column.reference('guard_id'),
          column.text('guard_name', 100),
          column.text('status', 20),
          column.instant('started_at'),
          column.instant('finished_at', true),
          column.instant('slot_start', true),
          column.integer('late_minutes', true),
          column.json('expected_checkpoint_ids', false),
          column.integer('expected_count', false, 0),
          column.integer('scanned_count', false, 0),
          column.integer('missed_count', false, 0),
          column.integer('out_of_order_count', false, 0),
          column.version(),
        ],
        indices: [
          index('uq_patrol_rounds_estate_client', ['estate_id', 'client_id'], true),
          index('ix_patrol_rounds_estate_started', ['estate_id', 'started_at']),
          index('ix_patrol_rounds_route_slot', ['route_id', 'slot_start']),
          index('ix_patrol_rounds_guard_started', ['guard_id', 'started_at']),
          index('ix_patrol_rounds_status_started', ['status', 'started_at']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('route_id', 'patrol_routes')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'patrol_scans',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('client_id', true),
          column.reference('round_id'),
          column.reference('checkpoint_id'),
          column.instant('scanned_at'),
          column.longText('note'),
          column.boolean('abnormal'),
          column.longText('abnormal_description'),
          column.boolean('out_of_order'),
          column.reference('incident_id', true),
          column.reference('work_order_id', true),
        ],
        indices: [
          index('uq_patrol_scans_estate_client', ['estate_id', 'client_id'], true),
          index('ix_patrol_scans_round_scanned', ['round_id', 'scanned_at']),
          index('ix_patrol_scans_estate_abnormal_scanned', ['estate_id', 'abnormal', 'scanned_at']),
        ],
        foreignKeys: [
          foreignKey('round_id', 'patrol_rounds', 'CASCADE'),
          foreignKey('checkpoint_id', 'patrol_checkpoints'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'patrol_round_misses',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('round_id'),
          column.reference('route_id'),
          column.reference('checkpoint_id'),
          column.reference('guard_id'),
          column.instant('round_started_at'),
        ],
        indices: [
          index('uq_patrol_round_misses_round_checkpoint', ['round_id', 'checkpoint_id'], true),
          index('ix_patrol_round_misses_estate_started', ['estate_id', 'round_started_at']),
        ],
        foreignKeys: [
          foreignKey('round_id', 'patrol_rounds', 'CASCADE'),
          foreignKey('checkpoint_id', 'patrol_checkpoints'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'patrol_missed_slots',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('route_id'),
          column.instant('slot_start'),
          column.instant('slot_end'),
          column.instant('detected_at'),
        ],
        indices: [
          index('uq_patrol_missed_slots_route_slot', ['route_id', 'slot_start'], true),
          index('ix_patrol_missed_slots_estate_slot', ['estate_id', 'slot_start']),
        ],
        foreignKeys: [foreignKey('route_id', 'patrol_routes', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'patrol_missed_slots',
      'patrol_round_misses',
      'patrol_scans',
      'patrol_rounds',
      'patrol_route_checkpoints',
      'patrol_routes',
      'patrol_checkpoints',
      'cleaning_logs',
      'cleaning_inspections',
      'cleaning_zones',
      'safety_incident_actions',
      'safety_incidents',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
