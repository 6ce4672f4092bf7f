import { PatrolJobsService } from '@estate/patrol';
import { clientId, countRows, downloadXlsx } from '../support/field-operations-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

describe('patrol (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  /** Checkpoints A–D and an around-the-clock route every 2 h (30 min expected), created 10 Oct 08:00 local. */
  async function setup() {
    t.clock.set('2026-10-10T00:00:00.000Z');
    const estate = await t.factory.estate();
    const manager = await t.factory.user('manager', [estate]);
    const guard = await t.factory.user('security', [estate]);
    const checkpoints: Record<string, string> = {};
    for (const [letter, name] of [
      ['A', 'A 北门'],
      ['B', 'B 东门'],
      ['C', 'C 车库'],
      ['D', 'D 南门'],
    ]) {
      const created = await t.http
        .post('/api/v1/patrol/checkpoints')
        .set(manager.auth)
        .send({ estateId: estate.id, name, tagValue: ` cp-${letter.toLowerCase()} ` })
        .expect(201);
      expect(created.body.tagValue).toBe(`CP-${letter}`);
      checkpoints[letter] = created.body.id;
    }
    const route = await t.http
      .post('/api/v1/patrol/routes')
      .set(manager.auth)
      .send({
        estateId: estate.id,
        name: '外围巡逻',
        checkpointIds: ['A', 'B', 'C', 'D'].map((letter) => checkpoints[letter]),
        expectedDurationMinutes: 30,
        intervalMinutes: 120,
        activeFrom: '00:00',
        activeTo: '00:00',
      })
      .expect(201);
    t.clock.set('2026-10-10T12:00:00.000Z');
    return { estate, manager, guard, checkpoints, route: route.body };
  }

  it('a round with a missed and an out-of-order checkpoint; an abnormal scan becomes a safety incident; coverage and missed slots', async () => {
    const { estate, manager, guard, checkpoints, route } = await setup();
    const scan = (roundId: string, body: Record<string, unknown>, who = guard) =>
      t.http.post(`/api/v1/patrol/rounds/${roundId}/scans`).set(who.auth).send(body);

    // 10:05 local (02:05Z) → the 10:00 slot, 5 minutes after it: not late
    const roundClientId = clientId();
    const round = await t.http
      .post('/api/v1/patrol/rounds')
      .set(guard.auth)
      .send({ clientId: roundClientId, routeId: route.id, startedAt: '2026-10-10T02:05:00Z' })
      .expect(201);
    expect(round.body).toMatchObject({
      status: 'in_progress',
      slotStart: '2026-10-10T02:00:00.000Z',
      lateMinutes: 5,
      late: false,
      expectedCount: 4,
    });
    const replayedRound = await t.http
      .post('/api/v1/patrol/rounds')
      .set(guard.auth)
      .send({ clientId: roundClientId, routeId: route.id, startedAt: '2026-10-10T02:05:00Z' })
      .expect(200);
    expect(replayedRound.body.id).toBe(round.body.id);
    const id = round.body.id;

    const scanA = { clientId: clientId(), tagValue: 'CP-A', scannedAt: '2026-10-10T02:06:00Z' };
    const first = await scan(id, scanA).expect(201);
    expect((await scan(id, scanA).expect(200)).body.id).toBe(first.body.id);
    await scan(id, { tagValue: 'cp-c', scannedAt: '2026-10-10T02:10:00Z' }).expect(201);
    const abnormal = await scan(id, {
      tagValue: 'CP-B',
      scannedAt: '2026-10-10T02:12:00Z',
      abnormal: true,
      abnormalDescription: '消防通道被杂物堵塞',
    }).expect(201);

    // refused scans write nothing
    expect(
      (await scan(id, { tagValue: 'CP-D', scannedAt: '2026-10-10T02:04:59Z' }).expect(400)).body.code,
    ).toBe('TIME_BEFORE_ROUND_START');
    expect(
      (await scan(id, { tagValue: 'CP-D', scannedAt: '2026-10-10T12:05:01Z' }).expect(400)).body.code,
    ).toBe('TIME_IN_FUTURE');
    expect(
      (await scan(id, { tagValue: 'NOPE', scannedAt: '2026-10-10T02:20:00Z' }).expect(422)).body.code,
    ).toBe('CHECKPOINT_NOT_FOUND');
    expect(
      (await scan(id, { tagValue: 'CP-D', scannedAt: '2026-10-10T02:20:00Z', abnormal: true }).expect(400))
        .body.code,
    ).toBe('ABNORMAL_DESCRIPTION_REQUIRED');
    expect(await countRows(t.dataSource, 'patrol_scans', estate.id)).toBe(3);

    const finished = await t.http
      .post(`/api/v1/patrol/rounds/${id}/finish`)
      .set(guard.auth)
      .send({ finishedAt: '2026-10-10T02:25:00Z' })
      .expect(201);
    expect(finished.body).toMatchObject({
      status: 'finished',
      scannedCount: 3,
      missedCount: 1,
      outOfOrderCount: 1,
      missedCheckpointIds: [checkpoints.D],
    });
    expect(
      finished.body.scans.map((item: { checkpointId: string; outOfOrder: boolean }) => [
        item.checkpointId,
        item.outOfOrder,
      ]),
    ).toEqual([
      [checkpoints.A, false],
      [checkpoints.C, false],
      [checkpoints.B, true], // B comes before C on the route
    ]);
    expect(
      (await scan(id, { tagValue: 'CP-D', scannedAt: '2026-10-10T02:30:00Z' }).expect(409)).body.code,
    ).toBe('TRANSITION_NOT_ALLOWED');

    // the abnormal finding → a violation incident in one step; a second call returns it (200)
    const incident = await t.http
      .post(`/api/v1/patrol/scans/${abnormal.body.id}/incident`)
      .set(guard.auth)
      .send({ type: 'violation', violationSubtype: 'blocking_fire_exit' })
      .expect(201);
    expect(incident.body).toMatchObject({
      estateId: estate.id,
      type: 'violation',
      source: 'patrol',
      patrolScanId: abnormal.body.id,
      occurredAt: '2026-10-10T02:12:00.000Z',
      location: 'B 东门',
      description: '消防通道被杂物堵塞',
      status: 'open',
    });
    const again = await t.http
      .post(`/api/v1/patrol/scans/${abnormal.body.id}/incident`)
      .set(guard.auth)
      .send({ type: 'violation', violationSubtype: 'blocking_fire_exit' })
      .expect(200);
    expect(again.body.id).toBe(incident.body.id);
    expect(await countRows(t.dataSource, 'safety_incidents', estate.id)).toBe(1);
    const notAbnormal = await t.http
      .post(`/api/v1/patrol/scans/${first.body.id}/incident`)
      .set(guard.auth)
      .send({ type: 'fire_alarm' })
      .expect(409);
    expect(notAbnormal.body.code).toBe('SCAN_NOT_ABNORMAL');
    const findings = await t.http
      .get(`/api/v1/patrol/findings?estateId=${estate.id}`)
      .set(manager.auth)
      .expect(200);
    expect(findings.body.items).toEqual([
      expect.objectContaining({
        scanId: abnormal.body.id,
        routeName: '外围巡逻',
        checkpointName: 'B 东门',
        guardId: guard.user.id,
        scannedAt: '2026-10-10T02:12:00.000Z',
        description: '消防通道被杂物堵塞',
        incidentId: incident.body.id,
        workOrderId: null,
      }),
    ]);

    // the same finding → a work order (channel patrol) in one step; a second call returns it (200)
    const order = await t.http
      .post(`/api/v1/patrol/scans/${abnormal.body.id}/work-order`)
      .set(guard.auth)
      .send({ priority: 'urgent' })
      .expect(201);
    expect(order.body).toMatchObject({
      scanId: abnormal.body.id,
      workOrderCode: expect.stringMatching(/^WO-2026-\d{6}$/),
    });
    const detail = await t.http
      .get(`/api/v1/work-orders/${order.body.workOrderId}`)
      .set(manager.auth)
      .expect(200);
    expect(detail.body).toMatchObject({
      channel: 'patrol',
      priority: 'urgent',
      status: 'reported',
      description: '消防通道被杂物堵塞',
    });
    expect(detail.body.locationText).toContain('B 东门');
    const sameOrder = await t.http
      .post(`/api/v1/patrol/scans/${abnormal.body.id}/work-order`)
      .set(guard.auth)
      .send({})
      .expect(200);
    expect(sameOrder.body.workOrderId).toBe(order.body.workOrderId);
    expect(await countRows(t.dataSource, 'work_orders', estate.id)).toBe(1);
    expect(
      (
        await t.http
          .post(`/api/v1/patrol/scans/${first.body.id}/work-order`)
          .set(guard.auth)
          .send({})
          .expect(409)
      ).body.code,
    ).toBe('SCAN_NOT_ABNORMAL');
    const cleaner = await t.factory.user('cleaner', [estate]);
    await t.http
      .post(`/api/v1/patrol/scans/${abnormal.body.id}/work-order`)
      .set(cleaner.auth)
      .send({})
      .expect(403);
    expect(await countRows(t.dataSource, 'work_orders', estate.id)).toBe(1);

    // guard 2: 13:50 local (05:50Z) → the 14:00 slot, early; scans A, then leaves the round open
    const guard2 = await t.factory.user('security', [estate]);
    const open = await t.http
      .post('/api/v1/patrol/rounds')
      .set(guard2.auth)
      .send({ routeId: route.id, startedAt: '2026-10-10T05:50:00Z' })
      .expect(201);
    expect(open.body).toMatchObject({ slotStart: '2026-10-10T06:00:00.000Z', lateMinutes: 0 });
    await scan(open.body.id, { tagValue: 'CP-A', scannedAt: '2026-10-10T05:55:00Z' }, guard2).expect(201);
    // guard 1: 16:40 local (08:40Z) → the 16:00 slot, 40 minutes late; finishes without scanning
    const late = await t.http
      .post('/api/v1/patrol/rounds')
      .set(guard.auth)
      .send({ routeId: route.id, startedAt: '2026-10-10T08:40:00Z' })
      .expect(201);
    expect(late.body).toMatchObject({ lateMinutes: 40, late: true });
    await t.http
      .post(`/api/v1/patrol/rounds/${late.body.id}/finish`)
      .set(guard.auth)
      .send({ finishedAt: '2026-10-10T08:50:00Z' })
      .expect(201);

    // the sweep closes guard 2's round at start + 2 × 30 min = 06:50Z
    const jobs = t.app.get(PatrolJobsService);
    expect(await jobs.closeOverdueRounds(estate.id)).toBe(1);
    expect(await jobs.closeOverdueRounds(estate.id)).toBe(0);
    const closed = await t.http.get(`/api/v1/patrol/rounds/${open.body.id}`).set(manager.auth).expect(200);
    expect(closed.body).toMatchObject({
      status: 'auto_closed',
      finishedAt: '2026-10-10T06:50:00.000Z',
      scannedCount: 1,
      missedCount: 3,
    });

    // Coverage for October. Slots from the route's creation (10 Oct 08:00 local): 10 Oct has
    // 08,10,…,22 = 8 slots, 11–31 Oct 21 × 12 = 252 → 260; answered: 10:00, 14:00, 16:00 = 3.
    // Checkpoints: 3 closed rounds × 4 = 12 expected, scanned 3 + 1 + 0 = 4 → 33.33 %.
    // Missed: D in all 3 rounds, B and C in rounds 2 and 3, A in round 3.
    const coverage = await t.http
      .get(`/api/v1/patrol/coverage?estateId=${estate.id}&period=2026-10`)
      .set(manager.auth)
      .expect(200);
    expect(coverage.body.rounds).toEqual({ expected: 260, covered: 3, missed: 257, done: 3, late: 1 });
    expect(coverage.body.checkpoints).toEqual({ expected: 12, scanned: 4, coveragePercent: 33.33 });
    expect(coverage.body.missedByCheckpoint).toEqual([
      { id: checkpoints.D, name: 'D 南门', missed: 3 },
      { id: checkpoints.B, name: 'B 东门', missed: 2 },
      { id: checkpoints.C, name: 'C 车库', missed: 2 },
      { id: checkpoints.A, name: 'A 北门', missed: 1 },
    ]);
    expect(coverage.body.missedByGuard).toEqual([
      { id: guard.user.id, name: guard.user.displayName, missed: 5 },
      { id: guard2.user.id, name: guard2.user.displayName, missed: 3 },
    ]);
    expect(coverage.body.guards).toEqual(
      expect.arrayContaining([
        {
          guardId: guard.user.id,
          guardName: guard.user.displayName,
          rounds: 2,
          lateRounds: 1,
          expectedCheckpoints: 8,
          scannedCheckpoints: 3,
          missedCheckpoints: 5,
          outOfOrderScans: 1,
          coveragePercent: 37.5,
        },
        {
          guardId: guard2.user.id,
          guardName: guard2.user.displayName,
          rounds: 1,
          lateRounds: 0,
          expectedCheckpoints: 4,
          scannedCheckpoints: 1,
          missedCheckpoints: 3,
          outOfOrderScans: 0,
          coveragePercent: 25,
        },
      ]),
    );

    // missed slots of 10 Oct: not before all its slots ended; then 08, 12, 18, 20, 22 local = 5, once
    expect(await jobs.flagMissedSlots(estate.id, '2026-10-10')).toEqual({
      outcome: 'skipped',
      reason: 'slots_not_ended',
    });
    t.clock.set('2026-10-11T02:00:00.000Z');
    expect(await jobs.flagMissedSlots(estate.id, '2026-10-10')).toEqual({ outcome: 'flagged', flagged: 5 });
    expect(await jobs.flagMissedSlots(estate.id, '2026-10-10')).toEqual({
      outcome: 'skipped',
      reason: 'already_succeeded',
    });
    const slots: { slot_start: unknown }[] = await t.dataSource.query(
      'SELECT slot_start FROM patrol_missed_slots WHERE estate_id = ? ORDER BY slot_start',
      [estate.id],
    );
    expect(
      slots.map((row) =>
        new Date(
          `${String(row.slot_start instanceof Date ? row.slot_start.toISOString() : `${String(row.slot_start).replace(' ', 'T')}Z`)}`,
        ).toISOString(),
      ),
    ).toEqual([
      '2026-10-10T00:00:00.000Z',
      '2026-10-10T04:00:00.000Z',
      '2026-10-10T10:00:00.000Z',
      '2026-10-10T12:00:00.000Z',
      '2026-10-10T14:00:00.000Z',
    ]);
  }, 60_000); // a long scenario: MySQL needs more than jest's 5 s default

  it('denies roles and other estates and refuses bad routes without writing', async () => {
    const { estate, manager, guard, checkpoints, route } = await setup();
    const other = await t.factory.estate();
    const outsiderGuard = await t.factory.user('security', [other]);
    const outsiderManager = await t.factory.user('manager', [other]);
    const cleaner = await t.factory.user('cleaner', [estate]);
    expect(
      (
        await t.http
          .post('/api/v1/patrol/rounds')
          .set(cleaner.auth)
          .send({ routeId: route.id, startedAt: '2026-10-10T11:00:00Z' })
          .expect(403)
      ).body.code,
    ).toBe('ROLE_FORBIDDEN');
    expect(
      (
        await t.http
          .post('/api/v1/patrol/rounds')
          .set(manager.auth)
          .send({ routeId: route.id, startedAt: '2026-10-10T11:00:00Z' })
          .expect(403)
      ).body.code,
    ).toBe('ROLE_FORBIDDEN');
    expect(
      (
        await t.http
          .post('/api/v1/patrol/rounds')
          .set(outsiderGuard.auth)
          .send({ routeId: route.id, startedAt: '2026-10-10T11:00:00Z' })
          .expect(422)
      ).body.code,
    ).toBe('ROUTE_NOT_FOUND');
    const round = await t.http
      .post('/api/v1/patrol/rounds')
      .set(guard.auth)
      .send({ routeId: route.id, startedAt: '2026-10-10T11:00:00Z' })
      .expect(201);
    await t.http.get(`/api/v1/patrol/rounds/${round.body.id}`).set(outsiderManager.auth).expect(404);
    await t.http
      .post(`/api/v1/patrol/rounds/${round.body.id}/scans`)
      .set(outsiderGuard.auth)
      .send({ tagValue: 'CP-A', scannedAt: '2026-10-10T11:01:00Z' })
      .expect(404);
    expect(
      (
        await t.http
          .get(`/api/v1/patrol/coverage?estateId=${estate.id}&period=2026-10`)
          .set(outsiderManager.auth)
          .expect(403)
      ).body.code,
    ).toBe('ESTATE_FORBIDDEN');
    expect((await t.http.get('/api/v1/patrol/rounds').set(outsiderManager.auth).expect(200)).body.total).toBe(
      0,
    );
    expect(
      (
        await t.http
          .post('/api/v1/patrol/checkpoints')
          .set(guard.auth)
          .send({ estateId: estate.id, name: 'x', tagValue: 'X' })
          .expect(403)
      ).body.code,
    ).toBe('ROLE_FORBIDDEN');
    expect(
      (
        await t.http
          .post('/api/v1/patrol/checkpoints')
          .set(manager.auth)
          .send({ estateId: estate.id, name: 'dup', tagValue: 'cp-a' })
          .expect(409)
      ).body.code,
    ).toBe('TAG_TAKEN');

    const foreign = await t.http
      .post('/api/v1/patrol/checkpoints')
      .set(outsiderManager.auth)
      .send({ estateId: other.id, name: 'F', tagValue: 'F' })
      .expect(201);
    const bad = {
      estateId: estate.id,
      name: '新路线',
      expectedDurationMinutes: 30,
      intervalMinutes: 120,
      activeFrom: '22:00',
      activeTo: '06:00',
    };
    expect(
      (
        await t.http
          .post('/api/v1/patrol/routes')
          .set(manager.auth)
          .send({ ...bad, checkpointIds: [checkpoints.A, foreign.body.id] })
          .expect(422)
      ).body.code,
    ).toBe('CHECKPOINT_NOT_FOUND');
    expect(
      (
        await t.http
          .post('/api/v1/patrol/routes')
          .set(manager.auth)
          .send({ ...bad, checkpointIds: [checkpoints.A, checkpoints.A] })
          .expect(400)
      ).body.code,
    ).toBe('CHECKPOINT_REPEATED');
    expect(
      (
        await t.http
          .post('/api/v1/patrol/routes')
          .set(manager.auth)
          .send({ ...bad, activeTo: '24:00', checkpointIds: [checkpoints.A] })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(await countRows(t.dataSource, 'patrol_routes', estate.id)).toBe(1);
    expect(
      (
        await t.http
          .post('/api/v1/patrol/rounds')
          .set(guard.auth)
          .send({ routeId: route.id, startedAt: '2026-10-10T12:06:00Z' })
          .expect(400)
      ).body.code,
    ).toBe('TIME_IN_FUTURE');
    expect(await countRows(t.dataSource, 'patrol_rounds', estate.id)).toBe(1);
  });

  it('exports the round log as xlsx', async () => {
    const { estate, manager, guard, route } = await setup();
    const round = await t.http
      .post('/api/v1/patrol/rounds')
      .set(guard.auth)
      .send({ routeId: route.id, startedAt: '2026-10-10T02:20:00Z' })
      .expect(201);
    await t.http
      .post(`/api/v1/patrol/rounds/${round.body.id}/finish`)
      .set(guard.auth)
      .send({ finishedAt: '2026-10-10T02:40:00Z' })
      .expect(201);
    const file = await downloadXlsx(t, `/api/v1/patrol/rounds/export?estateId=${estate.id}`, manager.auth);
    expect(file.rows).toHaveLength(2);
    expect(file.rows[1][0]).toBe('外围巡逻');
    // slot 10:00, started 10:20 local, 20 minutes late; 4 expected, 0 scanned, 4 missed
    expect((file.rows[1][2] as Date).toISOString()).toBe('2026-10-10T10:00:00.000Z');
    expect((file.rows[1][3] as Date).toISOString()).toBe('2026-10-10T10:20:00.000Z');
    expect(file.rows[1].slice(5)).toEqual([20, 'finished', 4, 0, 4, 0]);
  });
});
