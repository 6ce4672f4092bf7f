import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Estate } from '@estate/estates';
import { TestUser } from './factories';
import { binary } from './fees-fixtures';
import { households } from './field-operations-fixtures';
import { TestApp } from './test-app';

/** Names typed into the report dataset (they may appear in any locale's report). */
export const DATASET_NAMES = [
  '阳光测试苑',
  '经理甲',
  '电工乙',
  '路灯1',
  '地面有水渍',
  '3号楼大堂',
  '北门',
  '私搭乱建',
];

export interface ReportWorld {
  estate: Estate;
  manager: TestUser;
  finance: TestUser;
}

/**
 * A small October 2026 dataset built through the HTTP API, a few records per area so every report
 * section has content: 4 households, 2 urgent work orders (one on time, one never done), a valid
 * complaint, a violation and a public-order case, a survey with two answers, an untrained manager and
 * an uncertified electrician, a street light in poor condition, a failed cleaning inspection, and a
 * management-fee billing run.
 */
export async function reportWorld(t: TestApp): Promise<ReportWorld> {
  t.clock.set('2026-10-01T02:00:00Z');
  const estate = await t.factory.estate({ name: '阳光测试苑' });
  await households(t, estate, 4);
  const units = await t.dataSource.query('SELECT id FROM units WHERE estate_id = ? ORDER BY id', [estate.id]);
  const manager = await t.factory.user('manager', [estate]);
  const finance = await t.factory.user('finance', [estate]);
  const desk = await t.factory.user('front_desk', [estate]);
  const technician = await t.factory.user('technician', [estate]);
  const guard = await t.factory.user('security', [estate]);
  const ok = (response: { status: number; body: unknown }, path: string) => {
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; version: number };
  };
  const post = async (user: TestUser, path: string, body: Record<string, unknown>, at?: string) => {
    if (at) t.clock.set(at);
    return ok(await t.http.post(`/api/v1${path}`).set(user.auth).send(body), path);
  };

  // Fees: a management-fee item billed for October (nothing paid: collection 0%, arrears).
  await post(finance, '/fee-items', {
    estateId: estate.id,
    name: '物业管理费',
    category: 'management_fee',
    basis: 'per_area',
    priceCentiFen: 23500,
    unitTypes: ['residential'],
    activeFrom: '2026-01',
  });
  await post(finance, '/billing-runs', { estateId: estate.id, period: '2026-10' }, '2026-10-01T03:00:00Z');

  // Work orders: one urgent order done on time, one never done (due inside October).
  const intake = {
    estateId: estate.id,
    unitId: units[0].id,
    category: 'plumbing',
    priority: 'urgent',
    channel: 'phone',
    description: 'pipe burst',
    reporterName: 'Wang',
    reporterPhone: '13812345678',
  };
  const done = await post(desk, '/work-orders', intake, '2026-10-10T02:00:00Z');
  await post(
    desk,
    `/work-orders/${done.id}/assign`,
    { assigneeId: technician.user.id },
    '2026-10-10T02:05:00Z',
  );
  await post(technician, `/work-orders/${done.id}/start`, {}, '2026-10-10T02:10:00Z');
  await post(
    technician,
    `/work-orders/${done.id}/complete`,
    { resolution: 'replaced', labourMinutes: 30, chargeable: false },
    '2026-10-10T03:00:00Z',
  );
  await post(desk, '/work-orders', { ...intake, unitId: units[1].id }, '2026-10-20T02:00:00Z');

  // Complaint judged valid; safety: a violation and a public-order case.
  const complaint = await post(
    desk,
    '/complaints',
    {
      estateId: estate.id,
      channel: 'phone',
      categories: ['cleanliness'],
      description: 'litter',
      unitId: units[2].id,
    },
    '2026-10-12T02:00:00Z',
  );
  await post(
    manager,
    `/complaints/${complaint.id}/judge`,
    { validity: 'valid', version: 1 },
    '2026-10-12T03:00:00Z',
  );
  await post(
    guard,
    '/safety/incidents',
    {
      estateId: estate.id,
      type: 'violation',
      violationSubtype: 'unauthorised_construction',
      occurredAt: '2026-10-13T02:00:00Z',
      location: '北门',
      description: '私搭乱建',
    },
    '2026-10-13T03:00:00Z',
  );
  await post(guard, '/safety/incidents', {
    estateId: estate.id,
    type: 'public_order',
    occurredAt: '2026-10-13T02:30:00Z',
    location: '北门',
    description: 'quarrel',
  });

  // Survey: two answers, one satisfied, one dissatisfied.
  const survey = await post(
    manager,
    '/surveys',
    {
      estateId: estate.id,
      title: 'Survey 2026',
      opensAt: '2026-10-01T00:00:00Z',
      closesAt: '2026-10-31T00:00:00Z',
    },
    '2026-10-14T02:00:00Z',
  );
  for (const [index, overall] of ['satisfied', 'dissatisfied'].entries())
    await post(desk, `/surveys/${survey.id}/responses`, {
      unitId: units[index].id,
      overall,
      channel: 'door_to_door',
      collectedAt: '2026-10-14T02:00:00Z',
    });

  // Staff: a manager without training, an electrician without a certificate.
  await post(manager, '/staff', {
    estateId: estate.id,
    hiredAt: '2020-01-01',
    name: '经理甲',
    employeeNumber: 'M1',
    isManagement: true,
  });
  await post(manager, '/staff', {
    estateId: estate.id,
    hiredAt: '2020-01-01',
    name: '电工乙',
    employeeNumber: 'S1',
    specialOperationRole: 'electrician',
  });

  // Facilities: a street light in poor condition.
  await post(technician, '/assets', {
    estateId: estate.id,
    code: 'L1',
    name: '路灯1',
    categoryCode: 'street_light',
    measure: 1,
    measureUnit: 'count',
    initialCondition: 'poor',
  });

  // Cleaning: a failed inspection.
  const zone = await post(manager, '/cleaning/zones', {
    estateId: estate.id,
    name: '3号楼大堂',
    type: 'lobby',
    frequencyTimes: 1,
    frequencyUnit: 'day',
  });
  await post(
    manager,
    '/cleaning/inspections',
    {
      zoneId: zone.id,
      inspectedAt: '2026-10-15T02:00:00Z',
      passed: false,
      score: 60,
      issues: ['地面有水渍'],
    },
    '2026-10-15T03:00:00Z',
  );
  return { estate, manager, finance };
}

/** Polls GET /reports/:id until the report is no longer generating. */
export async function waitForReport(t: TestApp, user: TestUser, id: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await t.http.get(`/api/v1/reports/${id}`).set(user.auth).expect(200);
    if (response.body.status !== 'generating') return response.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Report ${id} still generating`);
}

export async function downloadReport(t: TestApp, user: TestUser, id: string, format: 'pdf' | 'xlsx') {
  return t.http
    .get(`/api/v1/reports/${id}/download/${format}`)
    .set(user.auth)
    .buffer(true)
    .parse(binary)
    .expect(200);
}

/** `pdftotext -enc UTF-8` of a PDF (poppler-utils). */
export function pdfText(bytes: Buffer): string {
  const directory = mkdtempSync(join(tmpdir(), 'report-'));
  const file = join(directory, 'report.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
