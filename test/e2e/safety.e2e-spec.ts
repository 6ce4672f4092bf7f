import { countRows, clientId, downloadXlsx, households } from '../support/field-operations-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { SafetyKpiService } from '@estate/safety';

describe('safety (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(() => t.clock.set('2026-10-15T10:00:00.000Z'));

  const incident = (estateId: string, overrides: Record<string, unknown> = {}) => ({
    estateId,
    type: 'public_order',
    occurredAt: '2026-10-14T12:00:00.000Z',
    location: '北门',
    description: '两名访客发生争执',
    ...overrides,
  });

  it('records an incident with a code, and a resubmitted clientId returns the same record (200) without a duplicate', async () => {
    const estate = await t.factory.estate();
    const guard = await t.factory.user('security', [estate]);
    const id = clientId();
    const body = incident(estate.id, { clientId: id, reportNumber: 'JJ-2026-77', lossesFen: 150000 });
    const first = await t.http.post('/api/v1/safety/incidents').set(guard.auth).send(body).expect(201);
    expect(first.body).toMatchObject({
      code: 'SI-2026-000001',
      clientId: id,
      type: 'public_order',
      status: 'open',
      allowedActions: ['close', 'note'],
      reportedById: guard.user.id,
      reportNumber: 'JJ-2026-77',
      lossesFen: 150000,
      source: 'manual',
    });
    const again = await t.http.post('/api/v1/safety/incidents').set(guard.auth).send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await countRows(t.dataSource, 'safety_incidents', estate.id)).toBe(1);
  });

  it('refuses bad input (400/422) and writes nothing', async () => {
    const estate = await t.factory.estate();
    const other = await t.factory.estate();
    const foreignUnit = await t.factory.unit(other);
    const guard = await t.factory.user('security', [estate]);
    const post = (body: Record<string, unknown>) =>
      t.http.post('/api/v1/safety/incidents').set(guard.auth).send(body);
    expect((await post(incident(estate.id, { type: 'violation' })).expect(400)).body.code).toBe(
      'VIOLATION_SUBTYPE_REQUIRED',
    );
    expect(
      (await post(incident(estate.id, { violationSubtype: 'illegal_parking' })).expect(400)).body.code,
    ).toBe('VIOLATION_SUBTYPE_NOT_ALLOWED');
    // now is 10:00Z; 10:06Z is beyond the 5-minute skew
    expect(
      (await post(incident(estate.id, { occurredAt: '2026-10-15T10:06:00Z' })).expect(400)).body.code,
    ).toBe('TIME_IN_FUTURE');
    expect((await post(incident(estate.id, { type: 'theft', lossesFen: -1 })).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await post(incident(estate.id, { unitId: foreignUnit.id })).expect(422)).body.code).toBe(
      'UNIT_NOT_FOUND',
    );
    expect(await countRows(t.dataSource, 'safety_incidents', estate.id)).toBe(0);
    expect(await countRows(t.dataSource, 'code_counters', estate.id)).toBe(0);
  });

  it('denies roles and other estates', async () => {
    const estate = await t.factory.estate();
    const other = await t.factory.estate();
    const cleaner = await t.factory.user('cleaner', [estate]);
    const guard = await t.factory.user('security', [estate]);
    const outsider = await t.factory.user('manager', [other]);
    expect(
      (await t.http.post('/api/v1/safety/incidents').set(cleaner.auth).send(incident(estate.id)).expect(403))
        .body.code,
    ).toBe('ROLE_FORBIDDEN');
    expect(
      (await t.http.post('/api/v1/safety/incidents').set(outsider.auth).send(incident(estate.id)).expect(403))
        .body.code,
    ).toBe('ESTATE_FORBIDDEN');
    const created = await t.http
      .post('/api/v1/safety/incidents')
      .set(guard.auth)
      .send(incident(estate.id))
      .expect(201);
    await t.http.get(`/api/v1/safety/incidents/${created.body.id}`).set(outsider.auth).expect(404);
    await t.http
      .post(`/api/v1/safety/incidents/${created.body.id}/close`)
      .set(outsider.auth)
      .send({ description: 'x' })
      .expect(404);
    // security records incidents but does not close them
    await t.http
      .post(`/api/v1/safety/incidents/${created.body.id}/close`)
      .set(guard.auth)
      .send({ description: 'x' })
      .expect(403);
    expect(
      (
        await t.http
          .get(`/api/v1/safety/summary?estateId=${estate.id}&period=2026-10`)
          .set(outsider.auth)
          .expect(403)
      ).body.code,
    ).toBe('ESTATE_FORBIDDEN');
    const list = await t.http.get('/api/v1/safety/incidents').set(outsider.auth).expect(200);
    expect(list.body.total).toBe(0);
  });

  it('handles a violation over time: actions, stopped, then rectified; refuses wrong moves with 409', async () => {
    const estate = await t.factory.estate();
    const guard = await t.factory.user('security', [estate]);
    const manager = await t.factory.user('manager', [estate]);
    const created = await t.http
      .post('/api/v1/safety/incidents')
      .set(guard.auth)
      .send(
        incident(estate.id, {
          type: 'violation',
          violationSubtype: 'unauthorised_construction',
          occurredAt: '2026-10-10T02:00:00Z',
        }),
      )
      .expect(201);
    const id = created.body.id;
    const openList = await t.http
      .get(`/api/v1/safety/incidents?estateId=${estate.id}&open=true`)
      .set(manager.auth)
      .expect(200);
    expect(openList.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    await t.http
      .post(`/api/v1/safety/incidents/${id}/actions`)
      .set(guard.auth)
      .send({ at: '2026-10-10T03:00:00Z', description: '现场拍照并告知业主停工' })
      .expect(201);
    expect(
      (
        await t.http
          .post(`/api/v1/safety/incidents/${id}/close`)
          .set(manager.auth)
          .send({ description: 'x' })
          .expect(409)
      ).body,
    ).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: { allowed: ['handle', 'note'] } });
    expect(
      (
        await t.http
          .post(`/api/v1/safety/incidents/${id}/handle`)
          .set(manager.auth)
          .send({ outcome: 'stopped', handledAt: '2026-10-10T01:00:00Z', description: 'before it happened' })
          .expect(400)
      ).body.code,
    ).toBe('TIME_BEFORE_OCCURRED');
    expect(
      (
        await t.http
          .post(`/api/v1/safety/incidents/${id}/handle`)
          .set(manager.auth)
          .send({ outcome: 'ignored', description: 'x' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    const handled = await t.http
      .post(`/api/v1/safety/incidents/${id}/handle`)
      .set(manager.auth)
      .send({ outcome: 'stopped', handledAt: '2026-10-11T01:00:00Z', description: '已制止,限期拆除' })
      .expect(201);
    expect(handled.body).toMatchObject({
      status: 'handled',
      handlingOutcome: 'stopped',
      handledAt: '2026-10-11T01:00:00.000Z',
      version: 3, // 1 on create, 2 after the note, 3 after handling
    });
    const rectified = await t.http
      .post(`/api/v1/safety/incidents/${id}/rectify`)
      .set(manager.auth)
      .send({ rectifiedAt: '2026-10-14T01:00:00Z', description: '已拆除' })
      .expect(201);
    expect(rectified.body).toMatchObject({
      status: 'rectified',
      rectifiedAt: '2026-10-14T01:00:00.000Z',
      allowedActions: [],
    });
    expect(
      rectified.body.actions.map((action: { kind: string; actorId: string }) => [
        action.kind,
        action.actorId,
      ]),
    ).toEqual([
      ['note', guard.user.id],
      ['handle', manager.user.id],
      ['rectify', manager.user.id],
    ]);
    const rows: { version: number }[] = await t.dataSource.query(
      'SELECT version FROM safety_incidents WHERE id = ?',
      [id],
    );
    expect(Number(rows[0].version)).toBe(rectified.body.version);
    const stillOpen = await t.http
      .get(`/api/v1/safety/incidents?estateId=${estate.id}&open=true`)
      .set(manager.auth)
      .expect(200);
    expect(stillOpen.body.total).toBe(0);
  });

  it('counts YTD by the estate zone: 23:30 on 31 December belongs to the old year', async () => {
    const estate = await t.factory.estate();
    const guard = await t.factory.user('security', [estate]);
    const post = (occurredAt: string) =>
      t.http
        .post('/api/v1/safety/incidents')
        .set(guard.auth)
        .send(incident(estate.id, { occurredAt }))
        .expect(201);
    // 2025-12-31 23:30 Asia/Shanghai = 15:30Z → year 2025
    const old = await post('2025-12-31T15:30:00Z');
    // 2026-01-01 00:10 Asia/Shanghai = 2025-12-31 16:10Z → year 2026
    const fresh = await post('2025-12-31T16:10:00Z');
    expect(old.body.code).toBe('SI-2025-000001');
    expect(fresh.body.code).toBe('SI-2026-000001');
    const kpi = t.app.get(SafetyKpiService);
    expect(await kpi.publicOrderCases(estate.id, '2025-12')).toBe(1); // only the 23:30 one
    expect(await kpi.publicOrderCases(estate.id, '2026-01')).toBe(1); // only the 00:10 one
    expect(await kpi.publicOrderCases(estate.id, '2026-10')).toBe(1);
    expect(
      (await kpi.incidentsYearToDate(estate.id, '2026-01', 'public_order')).map((row) => row.id),
    ).toEqual([fresh.body.id]);
    const manager = await t.factory.user('manager', [estate]);
    const summary = await t.http
      .get(`/api/v1/safety/summary?estateId=${estate.id}&period=2026-01`)
      .set(manager.auth)
      .expect(200);
    expect(summary.body.month.public_order).toBe(1);
    expect(summary.body.yearToDate.public_order).toBe(1);
  });

  it('computes #16–#19 per household and the backlog-inclusive violation handling rate', async () => {
    const estate = await t.factory.estate();
    await households(t, estate, 4, 2); // 4 occupied units, 2 vacant → households = 4
    const guard = await t.factory.user('security', [estate]);
    const manager = await t.factory.user('manager', [estate]);
    t.clock.set('2026-11-05T00:00:00Z');
    const violation = async (occurredAt: string, handledAt?: string) => {
      const created = await t.http
        .post('/api/v1/safety/incidents')
        .set(guard.auth)
        .send(incident(estate.id, { type: 'violation', violationSubtype: 'illegal_parking', occurredAt }))
        .expect(201);
      if (handledAt)
        await t.http
          .post(`/api/v1/safety/incidents/${created.body.id}/handle`)
          .set(manager.auth)
          .send({ outcome: 'referred_to_authority', handledAt, description: '移交城管' })
          .expect(201);
      return created.body.id as string;
    };
    // October 2026 in Shanghai = [2026-09-30T16:00Z, 2026-10-31T16:00Z)
    await violation('2026-09-10T02:00:00Z', '2026-09-20T02:00:00Z'); // handled before October: not open in it
    const v2 = await violation('2026-09-15T02:00:00Z', '2026-10-05T02:00:00Z'); // backlog, handled in Oct
    const v3 = await violation('2026-09-20T02:00:00Z'); // backlog, never handled
    const v4 = await violation('2026-10-10T02:00:00Z', '2026-10-31T15:30:00Z'); // handled 31 Oct 23:30 local
    const v5 = await violation('2026-10-12T02:00:00Z', '2026-10-31T16:30:00Z'); // handled 1 Nov 00:30 local: too late
    await violation('2026-11-02T02:00:00Z'); // after the period
    await t.http
      .post('/api/v1/safety/incidents')
      .set(guard.auth)
      .send(incident(estate.id, { type: 'fire_alarm', occurredAt: '2026-03-01T02:00:00Z' }))
      .expect(201);
    const kpi = t.app.get(SafetyKpiService);
    // open during October: v2, v3, v4, v5 = 4; handled before 2026-10-31T16:00Z: v2, v4 = 2
    expect(await kpi.violationHandlingRate(estate.id, '2026-10')).toEqual({ numerator: 2, denominator: 4 });
    expect(
      (await kpi.violationsOpenDuring(estate.id, '2026-10')).map((row) => [row.id, row.handledByPeriodEnd]),
    ).toEqual([
      [v2, true],
      [v3, false],
      [v4, true],
      [v5, false],
    ]);
    // violations Jan–Oct: 5 (the November one excluded) over 4 households; fire alarms 1 / 4
    expect(await kpi.violationRate(estate.id, '2026-10')).toEqual({ numerator: 5, denominator: 4 });
    expect(await kpi.fireAlarmRate(estate.id, '2026-10')).toEqual({ numerator: 1, denominator: 4 });
    expect(await kpi.fireRate(estate.id, '2026-10')).toEqual({ numerator: 0, denominator: 4 });
    expect(await kpi.majorCriminalCases(estate.id, '2026-10')).toBe(0);
    const summary = await t.http
      .get(`/api/v1/safety/summary?estateId=${estate.id}&period=2026-10`)
      .set(manager.auth)
      .expect(200);
    expect(summary.body).toMatchObject({
      month: { violation: 2, fire_alarm: 0 },
      yearToDate: { violation: 5, fire_alarm: 1 },
      yearToDateRates: {
        violation: { events: 5, households: 4, percent: 125 },
        fire_alarm: { events: 1, households: 4, percent: 25 },
      },
      violationBacklog: {
        openDuringMonth: 4,
        handledByPeriodEnd: 2,
        unhandledAtPeriodEnd: 2,
        handlingPercent: 50,
      },
    });
    // September: open during = v1, v2, v3 (v1 handled 20 Sep) → handled by 30 Sep end: v1 only
    expect(await kpi.violationHandlingRate(estate.id, '2026-09')).toEqual({ numerator: 1, denominator: 3 });
    const filtered = await t.http
      .get(
        `/api/v1/safety/incidents?estateId=${estate.id}&type=violation&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z&pageSize=1`,
      )
      .set(manager.auth)
      .expect(200);
    expect(filtered.body).toMatchObject({ total: 2, pageSize: 1 });
    expect(filtered.body.items).toHaveLength(1);
  });

  it('exports the incident log as a streamed xlsx with local times and yuan', async () => {
    const estate = await t.factory.estate();
    const guard = await t.factory.user('security', [estate]);
    const outsider = await t.factory.user('manager', [await t.factory.estate()]);
    // 2026-10-14 12:00Z = 20:00 Shanghai; 150000 fen = 1,500.00 yuan
    await t.http
      .post('/api/v1/safety/incidents')
      .set(guard.auth)
      .send(incident(estate.id, { lossesFen: 150000 }))
      .expect(201);
    const file = await downloadXlsx(t, `/api/v1/safety/incidents/export?estateId=${estate.id}`, guard.auth);
    expect(file.contentType).toContain('spreadsheetml');
    expect(file.disposition).toContain(`filename*=UTF-8''safety-incidents-${estate.code}.xlsx`);
    expect(file.rows[0][0]).toBe('编号 Code');
    expect(file.rows).toHaveLength(2);
    expect(file.rows[1][0]).toBe('SI-2026-000001');
    expect((file.rows[1][3] as Date).toISOString()).toBe('2026-10-14T20:00:00.000Z'); // wall clock 20:00
    expect(file.rows[1][8]).toBe(1500);
    await t.http.get(`/api/v1/safety/incidents/export?estateId=${estate.id}`).set(outsider.auth).expect(403);
  });
});
