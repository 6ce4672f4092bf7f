import { CleaningKpiService } from '@estate/cleaning';
import { clientId, countRows, downloadXlsx } from '../support/field-operations-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

describe('cleaning (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(() => t.clock.set('2026-09-25T02:00:00.000Z'));

  async function setup() {
    const estate = await t.factory.estate();
    const manager = await t.factory.user('manager', [estate]);
    const cleaner = await t.factory.user('cleaner', [estate]);
    const zoneA = await t.http
      .post('/api/v1/cleaning/zones')
      .set(manager.auth)
      .send({
        estateId: estate.id,
        name: '3号楼大堂',
        type: 'lobby',
        area: 120.5,
        frequencyTimes: 2,
        frequencyUnit: 'day',
        cleanerId: cleaner.user.id,
        standard: '地面无污渍',
      })
      .expect(201);
    const zoneB = await t.http
      .post('/api/v1/cleaning/zones')
      .set(manager.auth)
      .send({ estateId: estate.id, name: '北区道路', type: 'road', frequencyTimes: 3, frequencyUnit: 'week' })
      .expect(201);
    return { estate, manager, cleaner, zoneA: zoneA.body, zoneB: zoneB.body };
  }

  it('fail → re-clean → re-inspection pass, counted as 1 passed of 2 (KPI #6) with logged vs scheduled', async () => {
    const { estate, manager, cleaner, zoneA, zoneB } = await setup();
    expect(zoneA).toMatchObject({ area: 120.5, cleanerId: cleaner.user.id });
    t.clock.set('2026-11-05T00:00:00Z');
    const inspect = (body: Record<string, unknown>) =>
      t.http.post('/api/v1/cleaning/inspections').set(manager.auth).send(body);
    const log = (body: Record<string, unknown>) =>
      t.http.post('/api/v1/cleaning/logs').set(cleaner.auth).send(body);

    await log({
      zoneId: zoneA.id,
      startedAt: '2026-10-09T23:00:00Z',
      finishedAt: '2026-10-09T23:40:00Z',
      tasks: ['扫地', '拖地'],
    }).expect(201);
    await log({
      zoneId: zoneA.id,
      startedAt: '2026-10-10T01:00:00Z',
      finishedAt: '2026-10-10T01:30:00Z',
      tasks: ['擦扶手'],
    }).expect(201);
    const failed = await inspect({
      zoneId: zoneA.id,
      inspectedAt: '2026-10-10T02:00:00Z',
      passed: false,
      score: 60,
      issues: ['地面有水渍'],
    }).expect(201);
    expect(failed.body).toMatchObject({
      followUp: 'reclean_required',
      cleanerId: cleaner.user.id,
      passed: false,
    });
    // a re-inspection before the re-clean is refused
    expect(
      (
        await inspect({
          zoneId: zoneA.id,
          inspectedAt: '2026-10-10T02:30:00Z',
          passed: true,
          reInspectionOfId: failed.body.id,
        }).expect(409)
      ).body,
    ).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      details: { allowed: ['record_reclean'] },
    });
    const reClean = await log({
      zoneId: zoneA.id,
      startedAt: '2026-10-10T03:00:00Z',
      finishedAt: '2026-10-10T03:30:00Z',
      tasks: ['重新拖地'],
      reCleanForInspectionId: failed.body.id,
    }).expect(201);
    expect(
      (
        await inspect({
          zoneId: zoneA.id,
          inspectedAt: '2026-10-10T03:20:00Z',
          passed: true,
          reInspectionOfId: failed.body.id,
        }).expect(400)
      ).body.code,
    ).toBe('TIME_BEFORE_RECLEAN');
    const reInspection = await inspect({
      zoneId: zoneA.id,
      inspectedAt: '2026-10-10T04:00:00Z',
      passed: true,
      score: 95,
      reInspectionOfId: failed.body.id,
    }).expect(201);
    expect(reInspection.body).toMatchObject({ followUp: 'none', reInspectionOfId: failed.body.id });
    const original = await t.http
      .get(`/api/v1/cleaning/inspections?estateId=${estate.id}&followUp=closed`)
      .set(manager.auth)
      .expect(200);
    expect(original.body.items).toEqual([
      expect.objectContaining({ id: failed.body.id, reCleanLogId: reClean.body.id }),
    ]);
    await inspect({ zoneId: zoneB.id, inspectedAt: '2026-10-11T02:00:00Z', passed: true }).expect(201);
    // 31 Oct 23:30 Shanghai (15:30Z) is October; 1 Nov 00:30 Shanghai (16:30Z) is November
    await inspect({
      zoneId: zoneA.id,
      inspectedAt: '2026-10-31T15:30:00Z',
      passed: false,
      issues: ['垃圾未清'],
    }).expect(201);
    await inspect({ zoneId: zoneA.id, inspectedAt: '2026-10-31T16:30:00Z', passed: true }).expect(201);

    // October: zone A fail, pass (re-inspection), fail; zone B pass → 2 passed of 4
    const kpi = t.app.get(CleaningKpiService);
    expect(await kpi.cleaningPassRate(estate.id, '2026-10')).toEqual({ numerator: 2, denominator: 4 });
    expect((await kpi.inspectionsInPeriod(estate.id, '2026-10')).length).toBe(4);
    expect(await kpi.cleaningPassRate(estate.id, '2026-11')).toEqual({ numerator: 1, denominator: 1 });

    const summary = await t.http
      .get(`/api/v1/cleaning/summary?estateId=${estate.id}&period=2026-10`)
      .set(manager.auth)
      .expect(200);
    expect(summary.body.inspections).toMatchObject({ inspections: 4, passed: 2, passPercent: 50 });
    expect(summary.body.byZone).toEqual(
      expect.arrayContaining([
        { id: zoneA.id, name: '3号楼大堂', inspections: 3, passed: 1, passPercent: 33.33 },
        { id: zoneB.id, name: '北区道路', inspections: 1, passed: 1, passPercent: 100 },
      ]),
    );
    expect(summary.body.byCleaner).toEqual(
      expect.arrayContaining([
        {
          id: cleaner.user.id,
          name: cleaner.user.displayName,
          inspections: 3,
          passed: 1,
          passPercent: 33.33,
        },
        { id: null, name: null, inspections: 1, passed: 1, passPercent: 100 },
      ]),
    );
    // zone A: 2/day × 31 days = 62 scheduled, 2 regular logs (the re-clean is separate) → 60 missed;
    // zone B: 3/week × 31 / 7 = 13.28 → 13 scheduled, none logged
    expect(summary.body.cleanings).toEqual([
      { zoneId: zoneA.id, zoneName: '3号楼大堂', scheduled: 62, logged: 2, reCleans: 1, missed: 60 },
      { zoneId: zoneB.id, zoneName: '北区道路', scheduled: 13, logged: 0, reCleans: 0, missed: 13 },
    ]);
  });

  it('accepts a resubmitted log once (same clientId → 200, one row)', async () => {
    const { estate, cleaner, zoneA } = await setup();
    const body = {
      clientId: clientId(),
      zoneId: zoneA.id,
      startedAt: '2026-09-25T01:00:00Z',
      finishedAt: '2026-09-25T01:30:00Z',
      tasks: ['扫地'],
    };
    const first = await t.http.post('/api/v1/cleaning/logs').set(cleaner.auth).send(body).expect(201);
    const again = await t.http.post('/api/v1/cleaning/logs').set(cleaner.auth).send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await countRows(t.dataSource, 'cleaning_logs', estate.id)).toBe(1);
  });

  it('refuses bad input, wrong roles and other estates, writing nothing', async () => {
    const { estate, manager, cleaner, zoneA } = await setup();
    const outsider = await t.factory.user('manager', [await t.factory.estate()]);
    const good = {
      zoneId: zoneA.id,
      startedAt: '2026-09-25T01:00:00Z',
      finishedAt: '2026-09-25T01:30:00Z',
      tasks: ['扫地'],
    };
    expect(
      (
        await t.http
          .post('/api/v1/cleaning/logs')
          .set(cleaner.auth)
          .send({ ...good, finishedAt: '2026-09-25T00:30:00Z' })
          .expect(400)
      ).body.code,
    ).toBe('FINISHED_BEFORE_STARTED');
    // now is 02:00Z: 02:10Z is beyond 5 minutes of skew
    expect(
      (
        await t.http
          .post('/api/v1/cleaning/logs')
          .set(cleaner.auth)
          .send({ ...good, finishedAt: '2026-09-25T02:10:00Z' })
          .expect(400)
      ).body.code,
    ).toBe('TIME_IN_FUTURE');
    expect(
      (await t.http.post('/api/v1/cleaning/logs').set(manager.auth).send(good).expect(403)).body.code,
    ).toBe('ROLE_FORBIDDEN');
    expect(
      (
        await t.http
          .post('/api/v1/cleaning/inspections')
          .set(cleaner.auth)
          .send({ zoneId: zoneA.id, inspectedAt: '2026-09-25T01:00:00Z', passed: true })
          .expect(403)
      ).body.code,
    ).toBe('ROLE_FORBIDDEN');
    expect(
      (
        await t.http
          .post('/api/v1/cleaning/inspections')
          .set(manager.auth)
          .send({ zoneId: zoneA.id, inspectedAt: '2026-09-25T01:00:00Z', passed: false })
          .expect(400)
      ).body.code,
    ).toBe('ISSUES_REQUIRED');
    expect(
      (
        await t.http
          .post('/api/v1/cleaning/inspections')
          .set(manager.auth)
          .send({ zoneId: zoneA.id, inspectedAt: '2026-09-25T01:00:00Z', passed: true, score: 101 })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (
        await t.http
          .post('/api/v1/cleaning/inspections')
          .set(outsider.auth)
          .send({ zoneId: zoneA.id, inspectedAt: '2026-09-25T01:00:00Z', passed: true })
          .expect(422)
      ).body.code,
    ).toBe('ZONE_NOT_FOUND');
    expect(
      (
        await t.http
          .get(`/api/v1/cleaning/summary?estateId=${estate.id}&period=2026-09`)
          .set(outsider.auth)
          .expect(403)
      ).body.code,
    ).toBe('ESTATE_FORBIDDEN');
    expect((await t.http.get('/api/v1/cleaning/inspections').set(outsider.auth).expect(200)).body.total).toBe(
      0,
    );
    expect(
      (
        await t.http
          .post('/api/v1/cleaning/zones')
          .set(manager.auth)
          .send({
            estateId: estate.id,
            name: 'X',
            type: 'lobby',
            frequencyTimes: 1,
            frequencyUnit: 'day',
            cleanerId: manager.user.id,
          })
          .expect(422)
      ).body.code,
    ).toBe('CLEANER_NOT_FOUND');
    expect(await countRows(t.dataSource, 'cleaning_logs', estate.id)).toBe(0);
    expect(await countRows(t.dataSource, 'cleaning_inspections', estate.id)).toBe(0);
    expect(await countRows(t.dataSource, 'cleaning_zones', estate.id)).toBe(2);
  });

  it('exports the inspection log as xlsx', async () => {
    const { estate, manager, zoneA } = await setup();
    await t.http
      .post('/api/v1/cleaning/inspections')
      .set(manager.auth)
      .send({
        zoneId: zoneA.id,
        inspectedAt: '2026-09-24T15:30:00Z',
        passed: false,
        issues: ['地面有水渍', '垃圾未清'],
      })
      .expect(201);
    const file = await downloadXlsx(
      t,
      `/api/v1/cleaning/inspections/export?estateId=${estate.id}`,
      manager.auth,
    );
    expect(file.rows).toHaveLength(2);
    // 15:30Z = 23:30 Shanghai
    expect((file.rows[1][0] as Date).toISOString()).toBe('2026-09-24T23:30:00.000Z');
    expect(file.rows[1].slice(1, 4)).toEqual(['3号楼大堂', manager.user.displayName, '不合格 fail']);
    expect(file.rows[1][5]).toBe('地面有水渍; 垃圾未清');
  });
});
