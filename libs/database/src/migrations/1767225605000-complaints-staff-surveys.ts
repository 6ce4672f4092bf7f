import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { uuidV7 } from '@estate/shared';
import { baseColumns, column, foreignKey, index } from './migration-columns';

/**
 * The default special-operation role → required certificate type mapping (KPI #23,
 * docs/KPI-METRICS.md): each role needs the certificate of the same name. Admins edit it later.
 */
const DEFAULT_CERTIFICATE_REQUIREMENTS: [string, string][] = [
  ['electrician', 'electrician'],
  ['welding', 'welding'],
  ['work_at_height', 'work_at_height'],
  ['refrigeration', 'refrigeration'],
  ['elevator', 'elevator'],
  ['boiler', 'boiler'],
  ['pressure_vessel', 'pressure_vessel'],
  ['lifting', 'lifting'],
  ['fire_control_operator', 'fire_control_operator'],
];

/** Complaints (+ work-order links), staff (profiles, training, certificates, warnings), surveys. */
export class ComplaintsStaffSurveys1767225605000 implements MigrationInterface {
  name = 'ComplaintsStaffSurveys1767225605000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'complaints',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('code', 20),
          column.reference('unit_id', true),
          column.text('channel', 20),
          column.json('categories', false),
          column.longText('description', false),
          column.text('contact_name', 100, true),
          column.text('contact_phone', 30, true),
          column.json('attachments'),
          column.text('status', 20),
          column.instant('received_at'),
          column.reference('received_by_id', true),
          column.text('received_by_name', 100, true),
          column.instant('first_response_due_at'),
          column.instant('resolution_due_at'),
          column.instant('first_response_overdue_at', true),
          column.instant('resolution_overdue_at', true),
          column.instant('judged_at', true),
          column.reference('judged_by_id', true),
          column.text('judged_by_name', 100, true),
          column.text('validity', 10, true),
          column.text('invalid_reason', 30, true),
          column.longText('judgement_note'),
          column.instant('assigned_at', true),
          column.text('assignee_department', 100, true),
          column.reference('assignee_user_id', true),
          column.text('assignee_name', 100, true),
          column.instant('resolved_at', true),
          column.reference('resolved_by_id', true),
          column.longText('resolution'),
          column.instant('followed_up_at', true),
          column.reference('followed_up_by_id', true),
          column.text('satisfaction', 30, true),
          column.longText('follow_up_comment'),
          column.instant('closed_at', true),
          column.reference('closed_by_id', true),
          column.longText('closing_note'),
          column.version(),
        ],
        indices: [
          index('uq_complaints_estate_code', ['estate_id', 'code'], true),
          index('ix_complaints_estate_received', ['estate_id', 'received_at']),
          index('ix_complaints_estate_judged', ['estate_id', 'validity', 'judged_at']),
          index('ix_complaints_estate_resolved', ['estate_id', 'resolved_at']),
          index('ix_complaints_estate_status', ['estate_id', 'status']),
          index('ix_complaints_unit', ['unit_id', 'received_at']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('unit_id', 'units')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'complaint_work_orders',
        columns: [
          ...baseColumns(),
          column.reference('complaint_id'),
          // A plain id: the work-orders library owns that table; no foreign key across libraries.
          column.reference('work_order_id'),
          column.text('relation', 20),
          column.reference('linked_by_id', true),
        ],
        indices: [
          index('uq_complaint_work_orders', ['complaint_id', 'work_order_id'], true),
          index('ix_complaint_work_orders_work_order', ['work_order_id']),
        ],
        foreignKeys: [foreignKey('complaint_id', 'complaints', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'staff_members',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('user_id', true),
          column.text('name', 100),
          column.text('employee_number', 30),
          column.text('position', 100, true),
          column.text('department', 100, true),
          column.boolean('is_management', false),
          column.text('special_operation_role', 40, true),
          column.localDate('hired_at'),
          column.localDate('left_at', true),
        ],
        indices: [
          index('uq_staff_estate_employee_number', ['estate_id', 'employee_number'], true),
          index('uq_staff_user', ['user_id'], true),
          index('ix_staff_estate_dates', ['estate_id', 'hired_at', 'left_at']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('user_id', 'users', 'SET NULL')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_trainings',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('staff_id'),
          column.text('course', 200),
          column.text('category', 20),
          column.localDate('trained_on'),
          column.integer('hours_hundredths'),
          column.text('result', 10),
          column.integer('score', true),
          column.text('trainer', 100, true),
        ],
        indices: [
          index('ix_staff_trainings_staff', ['staff_id', 'category', 'result', 'trained_on']),
          index('ix_staff_trainings_estate', ['estate_id', 'trained_on']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('staff_id', 'staff_members', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_certificates',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('staff_id'),
          column.text('type', 40),
          column.text('number', 60),
          column.text('authority', 200, true),
          column.localDate('issued_at'),
          column.localDate('expires_at'),
          column.localDate('review_due_at', true),
        ],
        indices: [
          index('ix_staff_certificates_staff', ['staff_id', 'type', 'issued_at', 'expires_at']),
          index('ix_staff_certificates_estate_expiry', ['estate_id', 'expires_at']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('staff_id', 'staff_members', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'certificate_requirements',
        columns: [...baseColumns(), column.text('role', 40), column.text('certificate_type', 40)],
        indices: [index('uq_certificate_requirements_role', ['role'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_compliance_warnings',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.localDate('warned_on'),
          column.text('kind', 40),
          column.reference('staff_id'),
          column.reference('certificate_id', true),
          column.text('dedupe_key', 200),
          column.longText('message', false),
          column.json('details'),
        ],
        indices: [
          index('uq_staff_compliance_warnings_key', ['dedupe_key'], true),
          index('ix_staff_compliance_warnings_estate', ['estate_id', 'warned_on']),
        ],
        foreignKeys: [foreignKey('estate_id', 'estates'), foreignKey('staff_id', 'staff_members', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'surveys',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.text('title', 200),
          column.instant('opens_at'),
          column.instant('closes_at'),
          column.json('services', false),
          column.reference('created_by_id', true),
        ],
        indices: [index('ix_surveys_estate_opens', ['estate_id', 'opens_at'])],
        foreignKeys: [foreignKey('estate_id', 'estates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'survey_responses',
        columns: [
          ...baseColumns(),
          column.reference('estate_id'),
          column.reference('survey_id'),
          column.reference('unit_id'),
          column.text('overall', 30),
          column.json('service_ratings'),
          column.longText('comment'),
          column.text('channel', 20),
          column.instant('collected_at'),
          column.reference('collector_id', true),
          column.text('collector_name', 100, true),
        ],
        indices: [
          index('uq_survey_responses_survey_unit', ['survey_id', 'unit_id'], true),
          index('ix_survey_responses_estate_collected', ['estate_id', 'collected_at']),
          index('ix_survey_responses_unit', ['unit_id']),
        ],
        foreignKeys: [
          foreignKey('estate_id', 'estates'),
          foreignKey('survey_id', 'surveys', 'CASCADE'),
          foreignKey('unit_id', 'units'),
        ],
      }),
    );

    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    for (const [role, certificateType] of DEFAULT_CERTIFICATE_REQUIREMENTS) {
      await queryRunner.query(
        'INSERT INTO certificate_requirements (id, created_at, updated_at, role, certificate_type) VALUES (?, ?, ?, ?, ?)',
        [uuidV7(), now, now, role, certificateType],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'survey_responses',
      'surveys',
      'staff_compliance_warnings',
      'certificate_requirements',
      'staff_certificates',
      'staff_trainings',
      'staff_members',
      'complaint_work_orders',
      'complaints',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
