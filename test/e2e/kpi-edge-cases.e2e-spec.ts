import { Estate } from '@estate/estates';
import { L } from '../fixtures/kpi-golden/build-golden-estate';
import { TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

interface Metric {
  code: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: string;
}

/**
 * The KPI edge cases of issue 8, each on its own estate (Asia/Shanghai, UTC+8) made for the test.
 * Estates, units and residents come from the factory; the facts a metric reads go through the HTTP
 * API with the clock moved to when they happen. Expected numbers are worked out in the comments.
 */
describe('KPI edge cases (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-10T02:00:00.000Z' });
    admin = await t.factory.user('admin');
  });
  afterAll(async () => t.close());

  /** Sends as the admin with the clock at `at` (local time), expecting 200 or 201. */
  const send = async (at: string, path: string, body: Record<string, unknown>, key?: string) => {
    t.clock.set(L(at));
    const request = t.http.post(`/api/v1${path}`).set(admin.auth);
    if (key) request.set('Idempotency-Key', key);
    const response = await request.send(body);
    if (response.status !== 200 && response.status !== 201)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; code?: string; version?: number };
  };
  /** One metric of a live scorecard, read at 10 November 2026. */
  const metric = async (estate: Estate, period: string, code: string): Promise<Metric> => {
    t.clock.set('2026-11-10T02:00:00.000Z');
    const response = await t.http
      .get(`/api/v1/kpi/scorecard?estateId=${estate.id}&period=${period}`)
      .set(admin.auth)
      .expect(200);
    return response.body.metrics.find((candidate: Metric) => candidate.code === code);
  };
  const estateWithHouseholds = async (count: number): Promise<Estate> => {
    const estate = await t.factory.estate();
    for (let index = 0; index < count; index++)
      await t.factory.resident(await t.factory.unit(estate), { moveInDate: '2020-01-01' });
    return estate;
  };

  it('zero denominators are no_data, never a pass — even with events but no households', async () => {
    const estate = await t.factory.estate(); // no units, no residents: 0 households
    await send('2026-10-05 10:00', '/safety/incidents', {
      estateId: estate.id,
      type: 'fire_alarm',
      occurredAt: L('2026-10-05 10:00'),
      description: '烟感误报',
    });
    // 1 fire alarm / 0 households: no_data, not an infinite or 0 % rate.
    expect(await metric(estate, '2026-10', 'fire_alarm_rate')).toMatchObject({
      numerator: 1,
      denominator: 0,
      value: null,
      status: 'no_data',
    });
    // The other rates over households (#17 fire, #18 violations, #20 valid complaints): no_data too.
    for (const code of ['fire_rate', 'violation_rate', 'valid_complaint_rate'])
      expect(await metric(estate, '2026-10', code)).toMatchObject({
        numerator: 0,
        denominator: 0,
        value: null,
        status: 'no_data',
      });
    // No inspections, no work orders, no assets: no_data.
    for (const code of ['cleaning_pass_rate', 'repair_timeliness_rate', 'house_intact_rate'])
      expect(await metric(estate, '2026-10', code)).toMatchObject({
        denominator: 0,
        value: null,
        status: 'no_data',
      });
    // The pure counts (#13, #14) are the exception: zero events is a pass, whatever the households.
    for (const code of ['major_criminal_cases', 'public_order_cases'])
      expect(await metric(estate, '2026-10', code)).toMatchObject({ value: 0, status: 'pass' });
  });

  it('a work order late and still open at month end counts against #2 (and is listed as failing)', async () => {
    const estate = await t.factory.estate();
    const unit = await t.factory.unit(estate);
    const technician = await t.factory.user('technician', [estate]);
    // Routine, reported 20 Oct 09:00 → due 23 Oct 09:00; assigned and started, never completed.
    const order = await send('2026-10-20 09:00', '/work-orders', {
      estateId: estate.id,
      unitId: unit.id,
      category: 'plumbing',
      priority: 'routine',
      channel: 'phone',
      description: '水管漏水',
      reportedAt: L('2026-10-20 09:00'),
    });
    await send('2026-10-20 09:05', `/work-orders/${order.id}/assign`, { assigneeId: technician.user.id });
    await send('2026-10-21 09:00', `/work-orders/${order.id}/start`, {});
    // October: counted 1 (open at period end, deadline inside October), on time 0 → 0 %.
    expect(await metric(estate, '2026-10', 'repair_timeliness_rate')).toMatchObject({
      numerator: 0,
      denominator: 1,
      value: 0,
      status: 'fail',
    });
    const failing = await t.http
      .get(
        `/api/v1/kpi/scorecard/metrics/repair_timeliness_rate/records?estateId=${estate.id}&period=2026-10&part=failing`,
      )
      .set(admin.auth)
      .expect(200);
    expect(failing.body.total).toBe(1);
    expect(failing.body.items).toEqual([expect.objectContaining({ label: order.code, inNumerator: false })]);
  });

  it('a payment dated 00:30 on the 1st of the next month does not count in #4', async () => {
    const estate = await t.factory.estate();
    const unit = await t.factory.unit(estate);
    await t.factory.resident(unit, { moveInDate: '2020-01-01' });
    await send('2026-10-01 09:00', '/fee-items', {
      estateId: estate.id,
      name: '物业管理费',
      category: 'management_fee',
      basis: 'per_unit',
      priceCentiFen: 1_000_000, // 10000 fen a month
      unitTypes: ['residential'],
      activeFrom: '2026-10',
    });
    await send('2026-10-01 09:10', '/billing-runs', { estateId: estate.id, period: '2026-10' });
    const pay = (at: string, amountFen: number, key: string) =>
      send(at, '/payments', { unitId: unit.id, amountFen, method: 'wechat', paidAt: L(at) }, key);
    await pay('2026-10-31 23:30', 4000, 'edge-pay-before-end'); // 23:30 local on 31 Oct: October
    await pay('2026-11-01 00:30', 6000, 'edge-pay-after-end'); // 2026-10-31T16:30Z, but 1 Nov local
    // October: 4000 of 10000 = 40 %.
    expect(await metric(estate, '2026-10', 'fee_collection_rate')).toMatchObject({
      numerator: 4000,
      denominator: 10000,
      value: 40,
      status: 'fail',
    });
    // November (YTD bills Jan–Nov: the October bill only): both payments → 100 %.
    expect(await metric(estate, '2026-11', 'fee_collection_rate')).toMatchObject({
      numerator: 10000,
      denominator: 10000,
      value: 100,
      status: 'pass',
    });
  });

  it('an asset decommissioned mid-month leaves the denominator from that month on', async () => {
    const estate = await t.factory.estate();
    const light = async (code: string, initialCondition: string) =>
      send('2026-08-01 09:00', '/assets', {
        estateId: estate.id,
        code,
        name: code,
        categoryCode: 'street_light',
        measure: 1,
        measureUnit: 'count',
        initialCondition,
      });
    await light('SL-A', 'good');
    const broken = await light('SL-B', 'bad');
    await send('2026-10-15 10:00', `/assets/${broken.id}/decommission`, {
      version: broken.version,
      decommissionedAt: L('2026-10-15 10:00'),
      reason: '拆除',
    });
    // September: SL-A intact, SL-B bad → 100 / 200 (hundredths of a piece) = 50 %.
    expect(await metric(estate, '2026-09', 'street_light_intact_rate')).toMatchObject({
      numerator: 100,
      denominator: 200,
      value: 50,
      status: 'fail',
    });
    // October: SL-B decommissioned on 15 Oct, before the period end → excluded: 100 / 100.
    expect(await metric(estate, '2026-10', 'street_light_intact_rate')).toMatchObject({
      numerator: 100,
      denominator: 100,
      value: 100,
      status: 'pass',
    });
  });

  it('a certificate expiring on the period-end date still counts for that period', async () => {
    const estate = await t.factory.estate();
    const member = await send('2026-10-01 09:00', '/staff', {
      estateId: estate.id,
      name: '王电工',
      employeeNumber: 'E-EDGE',
      specialOperationRole: 'electrician',
      hiredAt: '2020-01-01',
    });
    await send('2026-10-01 09:00', `/staff/${member.id}/certificates`, {
      type: 'electrician',
      number: 'T-EDGE',
      issuedAt: '2023-11-01',
      expiresAt: '2026-10-31',
    });
    // 31 Oct: issuedAt ≤ 31 Oct ≤ expiresAt → valid: 1 / 1.
    expect(await metric(estate, '2026-10', 'certified_special_ops_rate')).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 100,
      status: 'pass',
    });
    // 30 Nov: expired → 0 / 1.
    expect(await metric(estate, '2026-11', 'certified_special_ops_rate')).toMatchObject({
      numerator: 0,
      denominator: 1,
      value: 0,
      status: 'fail',
    });
  });

  it('a survey response just outside the trailing 12 months does not count', async () => {
    const estate = await estateWithHouseholds(0);
    const first = await t.factory.unit(estate);
    const second = await t.factory.unit(estate);
    const survey = await send('2026-10-01 09:00', '/surveys', {
      estateId: estate.id,
      title: '满意度调查',
      opensAt: L('2025-10-01 00:00'),
      closesAt: L('2025-12-01 00:00'),
    });
    const respond = (unitId: string, at: string, overall: string) =>
      send('2026-10-01 09:00', `/surveys/${survey.id}/responses`, {
        unitId,
        overall,
        channel: 'paper',
        collectedAt: L(at),
      });
    await respond(first.id, '2025-10-31 23:59', 'dissatisfied'); // 1 minute before October's window
    await respond(second.id, '2025-11-01 00:00', 'satisfied'); // the window's first instant
    // October 2026's window is [2025-11-01 00:00 local, 2026-11-01 00:00 local): 1 / 1.
    expect(await metric(estate, '2026-10', 'overall_satisfaction_rate')).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 100,
      status: 'pass',
    });
    // September 2026's window starts 2025-10-01: both count, 1 / 2.
    expect(await metric(estate, '2026-09', 'overall_satisfaction_rate')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 50,
    });
  });

  it('an event at 23:30 Asia/Shanghai on the last day belongs to that month', async () => {
    const estate = await estateWithHouseholds(4);
    // 23:30 local on 30 Sep = 15:30Z on 30 Sep: September (a UTC reading would also say September,
    // so the inspection below uses 31 Oct → 1 Nov 00:30 local = 16:30Z on 31 Oct to show the other side).
    await send('2026-09-30 23:30', '/safety/incidents', {
      estateId: estate.id,
      type: 'fire',
      occurredAt: L('2026-09-30 23:30'),
      description: '垃圾桶起火',
    });
    const zone = await send('2026-09-01 09:00', '/cleaning/zones', {
      estateId: estate.id,
      name: '大堂',
      type: 'lobby',
      frequencyTimes: 1,
      frequencyUnit: 'day',
    });
    const inspect = (at: string, passed: boolean) =>
      send(at, '/cleaning/inspections', {
        zoneId: zone.id,
        inspectedAt: L(at),
        passed,
        ...(!passed && { issues: ['地面脏'] }),
      });
    await inspect('2026-09-30 23:30', false); // September
    await inspect('2026-11-01 00:30', true); // November (31 Oct in UTC)
    // #17 fire rate: September 1 fire / 4 households = 25 %; August had none.
    expect(await metric(estate, '2026-09', 'fire_rate')).toMatchObject({
      numerator: 1,
      denominator: 4,
      value: 25,
    });
    expect(await metric(estate, '2026-08', 'fire_rate')).toMatchObject({ numerator: 0, denominator: 4 });
    // #6: September 0 / 1; October has no inspection (the 00:30 one is November's) → no_data.
    expect(await metric(estate, '2026-09', 'cleaning_pass_rate')).toMatchObject({
      numerator: 0,
      denominator: 1,
      status: 'fail',
    });
    expect(await metric(estate, '2026-10', 'cleaning_pass_rate')).toMatchObject({
      denominator: 0,
      status: 'no_data',
    });
    expect(await metric(estate, '2026-11', 'cleaning_pass_rate')).toMatchObject({
      numerator: 1,
      denominator: 1,
      status: 'pass',
    });
  });
});
