import {
  WorkOrder,
  WorkOrderAcceptanceListeners,
  WorkOrderMetricsService,
  WorkOrderMonthlyFactsService,
  WorkOrderSlaSweepService,
  WorkOrdersService,
} from '@estate/work-orders';
import { TransactionService } from '@estate/database';
import ExcelJS from 'exceljs';
import { createTestApp, TestApp } from '../support/test-app';
import {
  binaryParser,
  countRows,
  postAt,
  workOrderWorld,
  WorkOrderWorld,
} from '../support/work-order-fixtures';

describe('work orders (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const intake = (world: WorkOrderWorld, overrides: Record<string, unknown> = {}) => ({
    estateId: world.estate.id,
    unitId: world.unit.id,
    category: 'plumbing',
    priority: 'urgent',
    channel: 'phone',
    description: '厨房水管爆裂 kitchen pipe burst',
    reporterName: '王先生',
    reporterPhone: '13812345678',
    ...overrides,
  });

  it('runs the whole flow: intake → assign → start → complete → fail → rework → pass → return visit', async () => {
    const world = await workOrderWorld(t);
    const { frontDesk, manager, technician, resident } = world;

    // 10:00 Shanghai = 02:00Z. Urgent: on site by 02:30Z, done by 02:00Z next day.
    const created = await postAt(t, '2026-10-15T02:00:00.000Z', frontDesk, '', intake(world)).expect(201);
    expect(created.body).toMatchObject({
      code: 'WO-2026-000001',
      status: 'reported',
      reportedAt: '2026-10-15T02:00:00.000Z',
      arrivalDueAt: '2026-10-15T02:30:00.000Z',
      dueAt: '2026-10-16T02:00:00.000Z',
      version: 1,
      allowedActions: ['assign', 'cancel', 'change_priority'],
    });
    const id = created.body.id as string;

    const assigned = await postAt(t, '2026-10-15T02:05:00.000Z', frontDesk, `/${id}/assign`, {
      assigneeId: technician.user.id,
      version: 1,
    }).expect(200);
    expect(assigned.body).toMatchObject({
      status: 'assigned',
      assigneeId: technician.user.id,
      assignedAt: '2026-10-15T02:05:00.000Z',
      version: 2,
    });

    await postAt(t, '2026-10-15T02:25:00.000Z', technician, `/${id}/start`).expect(200);
    const completed = await postAt(t, '2026-10-15T04:00:00.000Z', technician, `/${id}/complete`, {
      resolution: '更换三通 replaced tee',
      materials: [
        { name: '三通', quantity: 2, unit: '个', unitCostFen: 850 },
        { name: 'PPR 管', quantity: 1.5, unit: 'm', unitCostFen: 1233 },
      ],
      labourMinutes: 90,
      chargeable: true,
      amountFen: 5000,
    }).expect(200);
    expect(completed.body).toMatchObject({
      status: 'completed',
      arrivedAt: '2026-10-15T02:25:00.000Z',
      firstCompletedAt: '2026-10-15T04:00:00.000Z',
      completedAt: '2026-10-15T04:00:00.000Z',
      chargeable: true,
      amountFen: 5000,
      labourMinutes: 90,
    });

    const failed = await postAt(t, '2026-10-15T06:00:00.000Z', manager, `/${id}/accept`, {
      result: 'fail',
      by: 'supervisor',
      comment: '仍渗水 still leaking',
    }).expect(200);
    expect(failed.body).toMatchObject({
      status: 'reopened',
      reworkCount: 1,
      lastReopenedAt: '2026-10-15T06:00:00.000Z',
      acceptanceResult: 'fail',
    });

    const restarted = await postAt(t, '2026-10-15T07:00:00.000Z', technician, `/${id}/start`).expect(200);
    expect(restarted.body.arrivedAt).toBe('2026-10-15T02:25:00.000Z'); // first arrival is kept
    const recompleted = await postAt(t, '2026-10-15T08:00:00.000Z', technician, `/${id}/complete`, {
      resolution: '重新密封 resealed',
      labourMinutes: 30,
      chargeable: false,
    }).expect(200);
    expect(recompleted.body).toMatchObject({
      firstCompletedAt: '2026-10-15T04:00:00.000Z',
      completedAt: '2026-10-15T08:00:00.000Z',
      chargeable: false,
      amountFen: null,
    });

    const asSupervisor = await postAt(t, '2026-10-15T09:00:00.000Z', resident, `/${id}/accept`, {
      result: 'pass',
      by: 'supervisor',
    }).expect(403);
    expect(asSupervisor.body.code).toBe('ACCEPTANCE_BY_FORBIDDEN');
    const passed = await postAt(t, '2026-10-15T09:00:00.000Z', resident, `/${id}/accept`, {
      result: 'pass',
      by: 'resident',
      satisfaction: 'basically_satisfied',
    }).expect(200);
    expect(passed.body).toMatchObject({
      status: 'closed',
      closedAt: '2026-10-15T09:00:00.000Z',
      acceptedBy: 'resident',
      satisfaction: 'basically_satisfied',
      reworkCount: 1,
      allowedActions: [],
    });

    const visit = await postAt(t, '2026-10-16T03:00:00.000Z', frontDesk, `/${id}/return-visits`, {
      method: 'phone',
      satisfaction: 'satisfied',
      comment: '已修好',
    }).expect(201);
    expect(visit.body).toMatchObject({ method: 'phone', visitedAt: '2026-10-16T03:00:00.000Z' });

    const detail = await t.http.get(`/api/v1/work-orders/${id}`).set(manager.auth).expect(200);
    expect(detail.body.reporterPhone).toBe('13812345678');
    expect(
      detail.body.history.map((entry: { action: string; fromState: string; toState: string; at: string }) => [
        entry.action,
        entry.fromState,
        entry.toState,
        entry.at,
      ]),
    ).toEqual([
      ['report', null, 'reported', '2026-10-15T02:00:00.000Z'],
      ['assign', 'reported', 'assigned', '2026-10-15T02:05:00.000Z'],
      ['start', 'assigned', 'in_progress', '2026-10-15T02:25:00.000Z'],
      ['complete', 'in_progress', 'completed', '2026-10-15T04:00:00.000Z'],
      ['accept_fail', 'completed', 'reopened', '2026-10-15T06:00:00.000Z'],
      ['start', 'reopened', 'in_progress', '2026-10-15T07:00:00.000Z'],
      ['complete', 'in_progress', 'completed', '2026-10-15T08:00:00.000Z'],
      ['accept_pass', 'completed', 'closed', '2026-10-15T09:00:00.000Z'],
      ['return_visit', 'closed', 'closed', '2026-10-16T03:00:00.000Z'],
    ]);
    expect(detail.body.history[4]).toMatchObject({ actorId: manager.user.id, note: '仍渗水 still leaking' });
    // 2 × 850 = 1700; 1.5 × 1233 = 1849.5 → 1850 (rounded half up)
    expect(
      detail.body.materials.map(
        (m: { name: string; quantity: number; totalFen: number; completionNumber: number }) => [
          m.name,
          m.quantity,
          m.totalFen,
          m.completionNumber,
        ],
      ),
    ).toEqual([
      ['三通', 2, 1700, 1],
      ['PPR 管', 1.5, 1850, 1],
    ]);
    expect(detail.body.returnVisits).toHaveLength(1);

    // The order keeps its earliest visit (KPI #24 and the stats read it from an index): a
    // back-dated visit lowers it, a later one leaves it; neither edits the order (same version).
    const stored = () => t.dataSource.manager.findOneByOrFail(WorkOrder, { id });
    expect((await stored()).firstReturnVisitAt?.toISOString()).toBe('2026-10-16T03:00:00.000Z');
    const versionBefore = (await stored()).version;
    await postAt(t, '2026-10-16T05:00:00.000Z', frontDesk, `/${id}/return-visits`, {
      method: 'visit',
      visitedAt: '2026-10-15T12:00:00.000Z',
    }).expect(201);
    await postAt(t, '2026-10-17T05:00:00.000Z', frontDesk, `/${id}/return-visits`, {
      method: 'message',
    }).expect(201);
    expect((await stored()).firstReturnVisitAt?.toISOString()).toBe('2026-10-15T12:00:00.000Z');
    expect((await stored()).version).toBe(versionBefore);

    const list = await t.http
      .get('/api/v1/work-orders')
      .query({ estateId: world.estate.id, status: 'closed,completed' })
      .set(frontDesk.auth)
      .expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].reporterPhone).toBe('138****5678');

    // the resident sees their own order (phone masked), in list and detail
    const own = await t.http.get('/api/v1/work-orders').set(resident.auth).expect(200);
    expect(own.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
  });

  it('lets exactly one of two simultaneous assigns win; the other gets 409', async () => {
    const world = await workOrderWorld(t);
    const second = await t.factory.user('technician', [world.estate]);
    const created = await postAt(t, '2026-10-15T02:00:00.000Z', world.frontDesk, '', intake(world)).expect(
      201,
    );
    const id = created.body.id as string;
    const [a, b] = await Promise.all([
      t.http
        .post(`/api/v1/work-orders/${id}/assign`)
        .set(world.frontDesk.auth)
        .send({ assigneeId: world.technician.user.id, version: 1 }),
      t.http
        .post(`/api/v1/work-orders/${id}/assign`)
        .set(world.manager.auth)
        .send({ assigneeId: second.user.id, version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((response) => response.status === 409)?.body.code).toBe('CONCURRENT_MODIFICATION');
    expect(await countRows(t, 'audit_entries', "entity_id = ? AND action = 'assign'", [id])).toBe(1);
    const detail = await t.http.get(`/api/v1/work-orders/${id}`).set(world.manager.auth).expect(200);
    expect(detail.body.version).toBe(2);
    const winner = a.status === 200 ? world.technician.user.id : second.user.id;
    expect(detail.body.assigneeId).toBe(winner);
  });

  it('enforces roles, estate scope, residents’ own unit and technicians’ own orders', async () => {
    const world = await workOrderWorld(t);
    const other = await workOrderWorld(t);
    const otherTechnician = await t.factory.user('technician', [world.estate]);

    const forbiddenRole = await postAt(t, '2026-10-15T02:00:00.000Z', world.technician, '', intake(world));
    expect([forbiddenRole.status, forbiddenRole.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    const otherEstate = await postAt(t, '2026-10-15T02:00:00.000Z', other.frontDesk, '', intake(world));
    expect([otherEstate.status, otherEstate.body.code]).toEqual([403, 'ESTATE_FORBIDDEN']);
    const neighbourUnit = await t.factory.unit(world.estate);
    const residentOther = await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.resident,
      '',
      intake(world, { unitId: neighbourUnit.id, channel: 'resident_app' }),
    );
    expect([residentOther.status, residentOther.body.code]).toEqual([403, 'UNIT_FORBIDDEN']);
    const residentOwn = await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.resident,
      '',
      intake(world, { unitId: undefined, channel: 'resident_app', priority: 'routine' }),
    ).expect(201);
    expect(residentOwn.body.unitId).toBe(world.unit.id);

    const created = await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.frontDesk,
      '',
      intake(world, { unitId: neighbourUnit.id }),
    ).expect(201);
    const id = created.body.id as string;
    // another estate's staff: 404 by id, 403 when naming the estate in a list
    await t.http.get(`/api/v1/work-orders/${id}`).set(other.manager.auth).expect(404);
    const listOther = await t.http
      .get('/api/v1/work-orders')
      .query({ estateId: world.estate.id })
      .set(other.manager.auth)
      .expect(403);
    expect(listOther.body.code).toBe('ESTATE_FORBIDDEN');
    // a resident cannot see a neighbour's order
    await t.http.get(`/api/v1/work-orders/${id}`).set(world.resident.auth).expect(404);
    // technicians cannot assign
    await postAt(t, '2026-10-15T02:01:00.000Z', world.technician, `/${id}/assign`, {
      assigneeId: world.technician.user.id,
    }).expect(403);

    await postAt(t, '2026-10-15T02:02:00.000Z', world.frontDesk, `/${id}/assign`, {
      assigneeId: world.technician.user.id,
    }).expect(200);
    const notMine = await postAt(t, '2026-10-15T02:10:00.000Z', otherTechnician, `/${id}/start`);
    expect([notMine.status, notMine.body.code]).toEqual([403, 'NOT_ASSIGNEE']);
    await postAt(t, '2026-10-15T02:10:00.000Z', world.technician, `/${id}/start`).expect(200);

    const mine = await t.http.get('/api/v1/work-orders/mine').set(world.technician.auth).expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    const notTheirs = await t.http.get('/api/v1/work-orders/mine').set(otherTechnician.auth).expect(200);
    expect(notTheirs.body.total).toBe(0);

    // technicians do not read estate statistics
    const stats = await t.http
      .get('/api/v1/work-orders/stats')
      .query({ estateId: world.estate.id, period: '2026-10' })
      .set(world.technician.auth);
    expect(stats.status).toBe(403);
  });

  it('refuses bad input and writes nothing', async () => {
    const world = await workOrderWorld(t);
    const before = {
      orders: await countRows(t, 'work_orders', 'estate_id = ?', [world.estate.id]),
      audit: await countRows(t, 'audit_entries', 'estate_id = ?', [world.estate.id]),
      counters: await countRows(t, 'code_counters', 'estate_id = ?', [world.estate.id]),
    };
    const appointment = await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.frontDesk,
      '',
      intake(world, {
        priority: 'routine',
        appointment: { date: '2026-10-20', startTime: '12:00', endTime: '09:00' },
      }),
    ).expect(400);
    expect(appointment.body.code).toBe('APPOINTMENT_INVALID');
    const unknownUnit = await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.frontDesk,
      '',
      intake(world, { unitId: '0190a0a0-0000-7000-8000-000000000000' }),
    ).expect(422);
    expect(unknownUnit.body.code).toBe('UNIT_NOT_FOUND');
    const unknownEstate = await t.http
      .post('/api/v1/work-orders')
      .set((await t.factory.user('admin')).auth)
      .send(intake(world, { estateId: '0190a0a0-0000-7000-8000-000000000001' }))
      .expect(404);
    expect(unknownEstate.body.code).toBe('ESTATE_NOT_FOUND');
    const future = await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.frontDesk,
      '',
      intake(world, { reportedAt: '2026-10-16T00:00:00Z' }),
    ).expect(400);
    expect(future.body.code).toBe('TIME_IN_FUTURE');
    const category = await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.frontDesk,
      '',
      intake(world, { category: 'magic' }),
    ).expect(400);
    expect(category.body.code).toBe('CATEGORY_INVALID');
    await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.frontDesk,
      '',
      intake(world, { priority: 'asap', extra: 1 }),
    ).expect(400);
    expect({
      orders: await countRows(t, 'work_orders', 'estate_id = ?', [world.estate.id]),
      audit: await countRows(t, 'audit_entries', 'estate_id = ?', [world.estate.id]),
      counters: await countRows(t, 'code_counters', 'estate_id = ?', [world.estate.id]),
    }).toEqual(before);

    // routine with an appointment: due at the window's end (12:00 Shanghai = 04:00Z)
    const created = await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.frontDesk,
      '',
      intake(world, {
        priority: 'routine',
        appointment: { date: '2026-10-20', startTime: '09:00', endTime: '12:00' },
      }),
    ).expect(201);
    expect(created.body).toMatchObject({
      appointmentStartAt: '2026-10-20T01:00:00.000Z',
      appointmentEndAt: '2026-10-20T04:00:00.000Z',
      dueAt: '2026-10-20T04:00:00.000Z',
      arrivalDueAt: null,
    });
    const id = created.body.id as string;

    const unassigned = await postAt(t, '2026-10-15T03:00:00.000Z', world.manager, `/${id}/complete`, {
      resolution: 'x',
      labourMinutes: 1,
      chargeable: false,
    }).expect(409);
    expect(unassigned.body).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      details: { from: 'reported', action: 'complete', allowed: ['assign', 'cancel', 'change_priority'] },
    });
    const notTechnician = await postAt(t, '2026-10-15T03:00:00.000Z', world.frontDesk, `/${id}/assign`, {
      assigneeId: world.manager.user.id,
    }).expect(422);
    expect(notTechnician.body.code).toBe('ASSIGNEE_NOT_TECHNICIAN');
    await t.http
      .post(`/api/v1/work-orders/0190a0a0-0000-7000-8000-000000000002/start`)
      .set(world.manager.auth)
      .send({})
      .expect(404);

    await postAt(t, '2026-10-15T03:00:00.000Z', world.frontDesk, `/${id}/assign`, {
      assigneeId: world.technician.user.id,
    }).expect(200);
    await postAt(t, '2026-10-15T04:00:00.000Z', world.technician, `/${id}/start`).expect(200);
    const negative = await postAt(t, '2026-10-15T05:00:00.000Z', world.technician, `/${id}/complete`, {
      resolution: 'x',
      labourMinutes: 10,
      chargeable: false,
      materials: [{ name: '阀门', quantity: -1, unitCostFen: -5 }],
    }).expect(400);
    expect(negative.body.code).toBe('VALIDATION_FAILED');
    const inFuture = await postAt(t, '2026-10-15T05:00:00.000Z', world.technician, `/${id}/complete`, {
      resolution: 'x',
      labourMinutes: 10,
      chargeable: false,
      completedAt: '2026-10-15T06:00:00Z',
      materials: [{ name: '阀门', quantity: 1, unitCostFen: 500 }],
    }).expect(400);
    expect(inFuture.body.code).toBe('TIME_IN_FUTURE');
    const noAmount = await postAt(t, '2026-10-15T05:00:00.000Z', world.technician, `/${id}/complete`, {
      resolution: 'x',
      labourMinutes: 10,
      chargeable: true,
    }).expect(400);
    expect(noAmount.body.code).toBe('AMOUNT_REQUIRED');
    const stale = await postAt(t, '2026-10-15T05:00:00.000Z', world.technician, `/${id}/hold`, {
      reason: '等配件',
      version: 1,
    }).expect(409);
    expect(stale.body.code).toBe('CONCURRENT_MODIFICATION');
    const early = await postAt(t, '2026-10-15T05:00:00.000Z', world.frontDesk, `/${id}/return-visits`, {
      method: 'phone',
    }).expect(409);
    expect(early.body.code).toBe('RETURN_VISIT_TOO_EARLY');
    const detail = await t.http.get(`/api/v1/work-orders/${id}`).set(world.manager.auth).expect(200);
    expect(detail.body).toMatchObject({
      status: 'in_progress',
      completedAt: null,
      materials: [],
      returnVisits: [],
    });
    expect(detail.body.history.map((entry: { action: string }) => entry.action)).toEqual([
      'report',
      'assign',
      'start',
    ]);

    // hold / resume, then a cancel refused from in_progress
    await postAt(t, '2026-10-15T05:00:00.000Z', world.technician, `/${id}/hold`, {
      reason: '等配件 waiting for parts',
    }).expect(200);
    await postAt(t, '2026-10-15T06:00:00.000Z', world.technician, `/${id}/resume`).expect(200);
    const cancel = await postAt(t, '2026-10-15T06:00:00.000Z', world.frontDesk, `/${id}/cancel`, {
      reason: 'dup',
    }).expect(409);
    expect(cancel.body.details.allowed).toEqual(['assign', 'hold', 'complete', 'change_priority']);
  });

  it('changes priority with recomputed, audited deadlines', async () => {
    const world = await workOrderWorld(t);
    const created = await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.frontDesk,
      '',
      intake(world, { priority: 'routine' }),
    ).expect(201);
    expect(created.body.dueAt).toBe('2026-10-18T02:00:00.000Z');
    const changed = await postAt(
      t,
      '2026-10-15T02:10:00.000Z',
      world.manager,
      `/${created.body.id}/priority`,
      {
        priority: 'urgent',
        reason: '影响楼下 leaking downstairs',
      },
    ).expect(200);
    expect(changed.body).toMatchObject({
      priority: 'urgent',
      arrivalDueAt: '2026-10-15T02:30:00.000Z',
      dueAt: '2026-10-16T02:00:00.000Z',
    });
    const detail = await t.http
      .get(`/api/v1/work-orders/${created.body.id}`)
      .set(world.manager.auth)
      .expect(200);
    expect(detail.body.history[1]).toMatchObject({
      action: 'change_priority',
      details: { fromPriority: 'routine', toPriority: 'urgent', fromDueAt: '2026-10-18T02:00:00.000Z' },
    });
  });

  it('flags overdue orders once and escalates once, however often the sweep runs', async () => {
    const world = await workOrderWorld(t);
    const urgent = await postAt(t, '2026-10-15T02:00:00.000Z', world.frontDesk, '', intake(world)).expect(
      201,
    );
    const routine = await postAt(
      t,
      '2026-10-15T02:00:00.000Z',
      world.frontDesk,
      '',
      intake(world, { priority: 'routine' }),
    ).expect(201);
    const sweeper = t.app.get(WorkOrderSlaSweepService);

    t.clock.set('2026-10-15T02:29:59.000Z');
    expect(await sweeper.sweep(world.estate.id)).toEqual({ arrivalFlagged: 0, completionFlagged: 0 });
    t.clock.set('2026-10-15T02:31:00.000Z');
    expect(await sweeper.sweep(world.estate.id)).toEqual({ arrivalFlagged: 1, completionFlagged: 0 });
    expect(await sweeper.sweep(world.estate.id)).toEqual({ arrivalFlagged: 0, completionFlagged: 0 });
    // 24 h: urgent completion deadline; the routine one (72 h) not yet
    t.clock.set('2026-10-16T02:00:01.000Z');
    expect(await sweeper.sweep(world.estate.id)).toEqual({ arrivalFlagged: 0, completionFlagged: 1 });
    t.clock.set('2026-10-18T03:00:00.000Z');
    expect(await sweeper.sweep(world.estate.id)).toEqual({ arrivalFlagged: 0, completionFlagged: 1 });
    expect(await sweeper.sweep(world.estate.id)).toEqual({ arrivalFlagged: 0, completionFlagged: 0 });

    expect(
      await countRows(t, 'audit_entries', "entity_id = ? AND action = 'escalate'", [urgent.body.id]),
    ).toBe(2);
    expect(
      await countRows(t, 'audit_entries', "entity_id = ? AND action = 'escalate'", [routine.body.id]),
    ).toBe(1);
    const detail = await t.http
      .get(`/api/v1/work-orders/${urgent.body.id}`)
      .set(world.manager.auth)
      .expect(200);
    expect(detail.body).toMatchObject({
      arrivalOverdueAt: '2026-10-15T02:31:00.000Z',
      completionOverdueAt: '2026-10-16T02:00:01.000Z',
      version: 1, // flags are not edits: clients' versions stay valid
    });
    const overdue = await t.http
      .get('/api/v1/work-orders')
      .query({ estateId: world.estate.id, overdue: 'true' })
      .set(world.manager.auth)
      .expect(200);
    expect(overdue.body.total).toBe(2);

    // the scheduled entry point: lease + job ledger per estate and 5-minute slot, same sweep underneath
    const late = await postAt(t, '2026-10-18T03:00:00.000Z', world.frontDesk, '', intake(world)).expect(201);
    t.clock.set('2026-10-18T03:31:00.000Z');
    await sweeper.scheduledSweep();
    await sweeper.scheduledSweep(); // same slot: skipped by the ledger
    expect(await countRows(t, 'audit_entries', "entity_id = ? AND action = 'escalate'", [late.body.id])).toBe(
      1,
    );
    expect(
      await countRows(
        t,
        'job_runs',
        "job_name = 'work-orders.sla-sweep' AND business_key = ? AND status = 'succeeded'",
        [`${world.estate.id}:2026-10-18T03:30:00.000Z`],
      ),
    ).toBe(1);
  });

  it('searches q as a code prefix (any case) or as literal text, and counts overdue orders exactly', async () => {
    const world = await workOrderWorld(t);
    const { frontDesk: desk, manager, technician: tech } = world;
    const at = '2026-10-15T02:00:00.000Z';
    const create = async (overrides: Record<string, unknown>) =>
      (await postAt(t, at, desk, '', intake(world, overrides)).expect(201)).body as {
        id: string;
        code: string;
      };
    const handle = async (id: string, arrive: string, done: string) => {
      await postAt(t, arrive, desk, `/${id}/assign`, { assigneeId: tech.user.id }).expect(200);
      await postAt(t, arrive, tech, `/${id}/start`).expect(200);
      await postAt(t, done, tech, `/${id}/complete`, {
        resolution: 'ok',
        labourMinutes: 10,
        chargeable: false,
      }).expect(200);
    };
    // urgent: arrival due 02:30Z, completion due 10-16 02:00Z; routine: completion due 10-18 02:00Z
    const o1 = await create({ priority: 'urgent', description: 'kitchen pipe burst' });
    const o2 = await create({ priority: 'routine', description: '见 WO-2026-000001 的复修，100% 漏水' });
    const o3 = await create({ priority: 'routine', description: 'door_bell broken' });
    const o4 = await create({ priority: 'urgent', description: 'lift stuck' });
    expect([o1.code, o2.code, o3.code, o4.code]).toEqual([
      'WO-2026-000001',
      'WO-2026-000002',
      'WO-2026-000003',
      'WO-2026-000004',
    ]);
    const list = async (query: Record<string, string>) => {
      const response = await t.http
        .get('/api/v1/work-orders')
        .query({ estateId: world.estate.id, sort: 'reportedAt', ...query })
        .set(manager.auth)
        .expect(200);
      return {
        total: response.body.total as number,
        codes: (response.body.items as { code: string }[]).map((item) => item.code).sort(),
      };
    };
    const codes = (...orders: { code: string }[]) => orders.map((order) => order.code).sort();

    // code-shaped q: prefix of the code only (o2 merely mentions WO-2026-000001 in its text)
    expect(await list({ q: 'WO-2026-000001' })).toEqual({ total: 1, codes: codes(o1) });
    expect(await list({ q: 'wo-2026-00000' })).toEqual({ total: 4, codes: codes(o1, o2, o3, o4) });
    expect(await list({ q: '2026-000002' })).toEqual({ total: 1, codes: codes(o2) });
    expect(await list({ q: 'WO-2026' })).toEqual({ total: 4, codes: codes(o1, o2, o3, o4) });
    expect(await list({ q: 'WO-2025' })).toEqual({ total: 0, codes: [] });
    // free text: contains, in description/location/code; % and _ are literal characters
    expect(await list({ q: '漏水' })).toEqual({ total: 1, codes: codes(o2) });
    expect(await list({ q: '%' })).toEqual({ total: 1, codes: codes(o2) });
    expect(await list({ q: '_' })).toEqual({ total: 1, codes: codes(o3) });
    expect(await list({ q: 'PIPE' })).toEqual({ total: 1, codes: codes(o1) });

    // o1: arrival flag only (late on site, completed in time); o4: both flags; o2: completion flag only;
    // o3: none
    const sweeper = t.app.get(WorkOrderSlaSweepService);
    t.clock.set('2026-10-15T02:31:00.000Z');
    expect(await sweeper.sweep(world.estate.id)).toEqual({ arrivalFlagged: 2, completionFlagged: 0 });
    await handle(o1.id, '2026-10-15T02:40:00.000Z', '2026-10-15T05:00:00.000Z');
    await handle(o3.id, '2026-10-15T06:00:00.000Z', '2026-10-15T07:00:00.000Z');
    t.clock.set('2026-10-18T03:00:00.000Z');
    expect(await sweeper.sweep(world.estate.id)).toEqual({ arrivalFlagged: 0, completionFlagged: 2 });
    expect(await list({ overdue: 'true' })).toEqual({ total: 3, codes: codes(o1, o2, o4) });
    expect(await list({ overdue: 'true', pageSize: '2' })).toMatchObject({ total: 3 });
    expect((await list({ overdue: 'true', pageSize: '2', page: '2' })).codes).toHaveLength(1);
    expect(await list({ overdue: 'false' })).toEqual({ total: 1, codes: codes(o3) });
    expect(await list({ overdue: 'true', priority: 'urgent' })).toEqual({ total: 2, codes: codes(o1, o4) });
    expect(await list({ overdue: 'true', q: 'WO-2026-000004' })).toEqual({ total: 1, codes: codes(o4) });
  });

  it('counts an order flagged overdue once in each month a flag was first set in', async () => {
    const world = await workOrderWorld(t);
    const { frontDesk: desk, manager } = world;
    const sweeper = t.app.get(WorkOrderSlaSweepService);
    const sweepAt = async (at: string) => {
      t.clock.set(at);
      await sweeper.sweep(world.estate.id);
    };
    // Shanghai months: September ends and October starts at 2026-09-30T16:00Z.
    // Y urgent: arrival flagged in September (15:31Z), completion flagged in October (10-01 15:00:01Z)
    await postAt(t, '2026-09-30T15:00:00.000Z', desk, '', intake(world)).expect(201);
    await sweepAt('2026-09-30T15:31:00.000Z');
    await sweepAt('2026-10-01T15:00:01.000Z');
    // X urgent: both flags in October
    await postAt(t, '2026-10-10T02:00:00.000Z', desk, '', intake(world)).expect(201);
    await sweepAt('2026-10-10T02:31:00.000Z');
    await sweepAt('2026-10-11T02:00:01.000Z');
    // Z routine (due 10-23 00:00Z): completion flag only, in October
    await postAt(t, '2026-10-20T00:00:00.000Z', desk, '', intake(world, { priority: 'routine' })).expect(201);
    await sweepAt('2026-10-23T00:00:01.000Z');
    const overdue = async (period: string) =>
      (
        await t.http
          .get('/api/v1/work-orders/stats')
          .query({ estateId: world.estate.id, period })
          .set(manager.auth)
          .expect(200)
      ).body.overdue as number;
    expect(await overdue('2026-09')).toBe(1); // Y
    expect(await overdue('2026-10')).toBe(3); // Y, X (once, though both flags), Z
    expect(await overdue('2026-11')).toBe(0);
  });

  it('computes stats and KPI #2/#3/#24 as of the period end on a hand-built month', async () => {
    const world = await workOrderWorld(t);
    // monthly facts kept from the first write; the same stats are then read without them
    await t.app.get(WorkOrderMonthlyFactsService).build(world.estate.id);
    const { frontDesk: desk, manager, technician: tech } = world;
    const estateId = world.estate.id;
    const create = async (at: string, priority: string) =>
      (await postAt(t, at, desk, '', intake(world, { priority })).expect(201)).body.id as string;
    const assign = (at: string, id: string) =>
      postAt(t, at, desk, `/${id}/assign`, { assigneeId: tech.user.id }).expect(200);
    const start = (at: string, id: string) => postAt(t, at, tech, `/${id}/start`).expect(200);
    const complete = (at: string, id: string) =>
      postAt(t, at, tech, `/${id}/complete`, {
        resolution: 'ok',
        labourMinutes: 10,
        chargeable: false,
      }).expect(200);
    const accept = (at: string, id: string, result: string) =>
      postAt(t, at, manager, `/${id}/accept`, { result, by: 'supervisor' }).expect(200);
    const visit = (at: string, id: string) =>
      postAt(t, at, desk, `/${id}/return-visits`, { method: 'phone' }).expect(201);

    // October 2026 in Shanghai = [2026-09-30T16:00Z, 2026-10-31T16:00Z)
    // A urgent: arrive 20 min, done 3 h → on time; closed first time; visited in October
    const a = await create('2026-10-10T02:00:00.000Z', 'urgent');
    await assign('2026-10-10T02:01:00.000Z', a);
    await start('2026-10-10T02:20:00.000Z', a);
    await complete('2026-10-10T05:00:00.000Z', a);
    await accept('2026-10-10T06:00:00.000Z', a, 'pass');
    await visit('2026-10-11T02:00:00.000Z', a);
    // B urgent: arrives after 45 min (late), done 2 h; fails acceptance, reworked, closed in October
    const b = await create('2026-10-12T02:00:00.000Z', 'urgent');
    await assign('2026-10-12T02:01:00.000Z', b);
    await start('2026-10-12T02:45:00.000Z', b);
    await complete('2026-10-12T04:00:00.000Z', b);
    await accept('2026-10-12T05:00:00.000Z', b, 'fail');
    await start('2026-10-13T01:00:00.000Z', b);
    await complete('2026-10-13T02:00:00.000Z', b);
    await accept('2026-10-13T03:00:00.000Z', b, 'pass');
    // C routine: due 10-23 00:00Z, done 10-24 01:00Z → late; visited in October; fails acceptance in November
    const c = await create('2026-10-20T00:00:00.000Z', 'routine');
    await assign('2026-10-20T01:00:00.000Z', c);
    await start('2026-10-24T00:00:00.000Z', c);
    await complete('2026-10-24T01:00:00.000Z', c);
    await visit('2026-10-25T00:00:00.000Z', c);
    // D routine: due 11-01 00:00Z (after period end) and open → not counted
    await create('2026-10-29T00:00:00.000Z', 'routine');
    // E routine: due 10-30 00:00Z, still open at period end → counted, late; completed in November
    const e = await create('2026-10-27T00:00:00.000Z', 'routine');
    // F planned: excluded from #2 and #24
    const f = await create('2026-10-05T00:00:00.000Z', 'planned');
    await assign('2026-10-05T00:30:00.000Z', f);
    await start('2026-10-05T01:00:00.000Z', f);
    await complete('2026-10-05T02:00:00.000Z', f);
    // G routine: due 11-01 00:00Z, done 10-31 15:30Z (23:30 Shanghai, still October) → on time; visited in November
    const g = await create('2026-10-29T00:00:00.000Z', 'routine');
    await assign('2026-10-29T01:00:00.000Z', g);
    await start('2026-10-31T15:00:00.000Z', g);
    await complete('2026-10-31T15:30:00.000Z', g);
    await visit('2026-11-01T02:00:00.000Z', g);
    // I urgent: cancelled in October → not counted
    const i = await create('2026-10-30T10:00:00.000Z', 'urgent');
    await postAt(t, '2026-10-30T11:00:00.000Z', desk, `/${i}/cancel`, { reason: '重复 duplicate' }).expect(
      200,
    );
    // November facts that must not change October
    await accept('2026-11-02T00:00:00.000Z', c, 'fail');
    await assign('2026-11-02T01:00:00.000Z', e);
    await start('2026-11-02T02:00:00.000Z', e);
    await complete('2026-11-02T03:00:00.000Z', e);

    const metrics = t.app.get(WorkOrderMetricsService);
    // #2 counted: completed in October A, B, C, G (F planned) + open past due E = 5; on time A, G = 2
    expect(await metrics.timeliness(estateId, '2026-10')).toEqual({
      counted: 5,
      onTime: 2,
      completedInPeriod: 4,
      openPastDue: 1,
    });
    // #3: closed in October A, B; first time A
    expect(await metrics.quality(estateId, '2026-10')).toEqual({ closed: 2, passedFirstTime: 1 });
    // #24: completed in October A, B, C, G; visited before period end A, C (G's visit is in November)
    expect(await metrics.returnVisits(estateId, '2026-10')).toEqual({ completed: 4, withReturnVisit: 2 });
    // November: E first completed in November, late (due 10-30) → counted, not on time; D (due 11-01 00:00Z,
    // never done) is open past due → counted late; G's November visit does not make it a November completion
    expect(await metrics.timeliness(estateId, '2026-11')).toEqual({
      counted: 2,
      onTime: 0,
      completedInPeriod: 1,
      openPastDue: 1,
    });

    const missed = await metrics.timelinessRecords(estateId, '2026-10', {
      page: 1,
      pageSize: 10,
      only: 'not_numerator',
    });
    expect(missed.items.map((record) => record.id).sort()).toEqual([b, c, e].sort());
    const all = await metrics.timelinessRecords(estateId, '2026-10', { page: 1, pageSize: 2 });
    expect([all.total, all.items.length]).toEqual([5, 2]);
    const visited = await metrics.returnVisitRecords(estateId, '2026-10', {
      page: 1,
      pageSize: 10,
      only: 'numerator',
    });
    expect(visited.items.map((record) => record.id).sort()).toEqual([a, c].sort());
    expect(visited.items.every((record) => record.inNumerator)).toBe(true);

    const stats = await t.http
      .get('/api/v1/work-orders/stats')
      .query({ estateId, period: '2026-10' })
      .set(manager.auth)
      .expect(200);
    // reported in October: A B C D E F G I = 8; current statuses: closed A B, reopened C, in_progress? no —
    // C reopened, D reported, E completed (in November), F completed, G completed, I cancelled
    expect(stats.body).toMatchObject({
      periodStart: '2026-09-30T16:00:00.000Z',
      periodEnd: '2026-10-31T16:00:00.000Z',
      reported: 8,
      byPriority: [
        { key: 'planned', count: 1 },
        { key: 'routine', count: 4 },
        { key: 'urgent', count: 3 },
      ],
      byStatus: [
        { key: 'cancelled', count: 1 },
        { key: 'closed', count: 2 },
        { key: 'completed', count: 3 },
        { key: 'reopened', count: 1 },
        { key: 'reported', count: 1 },
      ],
      byCategory: [{ key: 'plumbing', count: 8 }],
      // arrivals in October (minutes): A 20, B 45, F 60, G 3780 (2 d 15 h), C 5760 (4 d)
      // average 9665 / 5 = 1933; median 60
      timeToArrive: { count: 5, averageMinutes: 1933, medianMinutes: 60 },
      // first completions in October: B 120, F 120, A 180, G 3810 (63.5 h), C 5820 (4 d 1 h)
      // average 10050 / 5 = 2010; median 180
      timeToComplete: { count: 5, averageMinutes: 2010, medianMinutes: 180 },
      overdue: 0,
      onTimeRate: { numerator: 2, denominator: 5, percent: 40 },
      firstTimePassRate: { numerator: 1, denominator: 2, percent: 50 },
      returnVisitRate: { numerator: 2, denominator: 4, percent: 50 },
      technicians: [
        {
          assigneeId: tech.user.id,
          completed: 5,
          counted: 4,
          onTime: 2,
          // A 10 + B 10 (first completion; the rework's 10 replaced it) + C 10 + F 10 + G 10
          labourMinutes: 50,
          averageCompletionMinutes: 2010,
        },
      ],
    });
    expect(await countRows(t, 'work_order_monthly_facts', 'estate_id = ?', [estateId])).toBeGreaterThan(0);
    await t.dataSource.query('DELETE FROM work_order_fact_builds WHERE estate_id = ?', [estateId]);
    const fromOrders = await t.http
      .get('/api/v1/work-orders/stats')
      .query({ estateId, period: '2026-10' })
      .set(manager.auth)
      .expect(200);
    expect(fromOrders.body).toEqual(stats.body);
    const drill = await t.http
      .get('/api/v1/work-orders/stats/records')
      .query({ estateId, period: '2026-10', metric: 'quality' })
      .set(manager.auth)
      .expect(200);
    expect(
      drill.body.items
        .map((record: { id: string; inNumerator: boolean }) => [record.id, record.inNumerator])
        .sort(),
    ).toEqual(
      [
        [a, true],
        [b, false],
      ].sort(),
    );
  });

  it('exports the orders reported in a local date range as a streamed xlsx', async () => {
    const world = await workOrderWorld(t);
    // 10-31 23:30 Shanghai = 15:30Z: inside "to = 2026-10-31"; 11-01 00:30 Shanghai is outside
    const inside = await postAt(t, '2026-10-31T15:30:00.000Z', world.frontDesk, '', intake(world)).expect(
      201,
    );
    await postAt(t, '2026-10-31T16:30:00.000Z', world.frontDesk, '', intake(world)).expect(201);
    const earlier = await postAt(
      t,
      '2026-10-01T01:00:00.000Z',
      world.frontDesk,
      '',
      intake(world, { reportedAt: '2026-10-01T01:00:00Z' }),
    ).expect(201);
    // The earlier order goes all the way to closed, so the export has acceptance and satisfaction.
    const id = earlier.body.id as string;
    await postAt(t, '2026-11-01T01:00:00.000Z', world.frontDesk, `/${id}/assign`, {
      assigneeId: world.technician.user.id,
    }).expect(200);
    await postAt(t, '2026-11-01T01:10:00.000Z', world.technician, `/${id}/start`).expect(200);
    await postAt(t, '2026-11-01T02:00:00.000Z', world.technician, `/${id}/complete`, {
      resolution: '更换阀门',
      labourMinutes: 30,
      chargeable: false,
    }).expect(200);
    await postAt(t, '2026-11-01T03:00:00.000Z', world.resident, `/${id}/accept`, {
      result: 'pass',
      by: 'resident',
      satisfaction: 'basically_satisfied',
    }).expect(200);

    const download = async (query: Record<string, string>) => {
      const response = await t.http
        .get('/api/v1/work-orders/export.xlsx')
        .query({ estateId: world.estate.id, from: '2026-10-01', to: '2026-10-31', ...query })
        .set(world.manager.auth)
        .buffer(true)
        .parse(binaryParser as never)
        .expect(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
      return workbook.worksheets[0];
    };
    const sheet = await download({});
    expect(sheet.name).toBe('工单');
    expect(sheet.getRow(1).getCell(1).value).toBe('工单编号');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(1).value).toBe(earlier.body.code);
    expect(sheet.getRow(3).getCell(1).value).toBe(inside.body.code);
    expect(sheet.getRow(3).getCell(10).value).toBe('138****5678');
    // wall-clock time in the estate zone
    expect((sheet.getRow(3).getCell(11).value as Date).toISOString()).toBe('2026-10-31T23:30:00.000Z');
    // Codes by their labels (@estate/labels), never the raw `closed` / `plumbing`.
    const codeCells = (row: number) =>
      [2, 3, 4, 5, 19, 20, 22].map((cell) => sheet.getRow(row).getCell(cell).value);
    expect(codeCells(2)).toEqual(['已关闭', '急修', '给排水维修', '电话报修', '验收合格', '基本满意', '否']);
    expect(codeCells(3).slice(0, 4)).toEqual(['已报修', '急修', '给排水维修', '电话报修']);

    const english = await download({ locale: 'en' });
    expect(english.name).toBe('Work orders');
    expect(english.getRow(1).getCell(1).value).toBe('Code');
    expect(
      (english.getRow(1).values as unknown[]).filter((value) => /[\u4e00-\u9fff]/.test(String(value))),
    ).toEqual([]);
    expect([2, 3, 4, 5, 19, 20, 22].map((cell) => english.getRow(2).getCell(cell).value)).toEqual([
      'Closed',
      'Urgent',
      'Plumbing',
      'Phone',
      'Passed',
      'Basically satisfied',
      'No',
    ]);
    await t.http
      .get('/api/v1/work-orders/export.xlsx')
      .query({ estateId: world.estate.id, from: '2026-10-01', to: '2026-10-31', locale: 'fr' })
      .set(world.manager.auth)
      .expect(400);

    await t.http
      .get('/api/v1/work-orders/export.xlsx')
      .query({ estateId: world.estate.id, from: '2026-10-01', to: '2026-10-31' })
      .set(world.technician.auth)
      .expect(403);
  });

  it('exports exactly the orders the list filters select (the same filters, one filter code)', async () => {
    const world = await workOrderWorld(t);
    const { frontDesk: desk, manager, technician: tech } = world;
    const create = async (at: string, overrides: Record<string, unknown>) =>
      (await postAt(t, at, desk, '', intake(world, overrides)).expect(201)).body as {
        id: string;
        code: string;
      };
    // 10-15 10:00 Shanghai; 10-16 10:00; 10-17 10:00
    const o1 = await create('2026-10-15T02:00:00.000Z', { priority: 'urgent', category: 'plumbing' });
    const o2 = await create('2026-10-16T02:00:00.000Z', { priority: 'urgent', category: 'electrical' });
    const o3 = await create('2026-10-16T03:00:00.000Z', {
      priority: 'routine',
      category: 'plumbing',
      description: '阳台地漏堵塞 balcony drain',
    });
    const o4 = await create('2026-10-17T02:00:00.000Z', { priority: 'routine', category: 'plumbing' });
    await postAt(t, '2026-10-16T04:00:00.000Z', desk, `/${o2.id}/assign`, {
      assigneeId: tech.user.id,
    }).expect(200);
    await postAt(t, '2026-10-16T04:00:00.000Z', desk, `/${o3.id}/assign`, {
      assigneeId: tech.user.id,
    }).expect(200);
    await postAt(t, '2026-10-16T05:00:00.000Z', desk, `/${o3.id}/urge`, { note: '业主来电催促' }).expect(200);
    // o1 is late on site (arrival due 02:30Z on 10-15)
    t.clock.set('2026-10-15T02:31:00.000Z');
    await t.app.get(WorkOrderSlaSweepService).sweep(world.estate.id);
    t.clock.set('2026-10-17T03:00:00.000Z');

    const list = async (query: Record<string, string | string[]>) => {
      const response = await t.http
        .get('/api/v1/work-orders')
        .query({ estateId: world.estate.id, pageSize: '100', ...query })
        .set(manager.auth)
        .expect(200);
      return (response.body.items as { code: string }[]).map((item) => item.code).sort();
    };
    const exported = async (query: Record<string, string | string[]>) => {
      const response = await t.http
        .get('/api/v1/work-orders/export.xlsx')
        .query({ estateId: world.estate.id, ...query })
        .set(desk.auth)
        .buffer(true)
        .parse(binaryParser as never)
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.worksheets[0];
      const rows: Record<string, unknown>[] = [];
      const header = sheet.getRow(1);
      sheet.eachRow((row, number) => {
        if (number === 1) return;
        const record: Record<string, unknown> = {};
        for (let cell = 1; cell <= header.cellCount; cell++)
          record[String(header.getCell(cell).value)] = row.getCell(cell).value;
        rows.push(record);
      });
      return rows;
    };
    const codes = (...orders: { code: string }[]) => orders.map((order) => order.code).sort();
    const cases: [Record<string, string | string[]>, { code: string }[]][] = [
      [{}, [o1, o2, o3, o4]],
      [{ status: ['assigned'] }, [o2, o3]],
      [{ status: 'reported,assigned', priority: 'urgent' }, [o1, o2]],
      [{ category: 'plumbing', priority: 'routine' }, [o3, o4]],
      [{ assigneeId: tech.user.id }, [o2, o3]],
      [{ urged: 'true' }, [o3]],
      [{ urged: 'false', status: ['assigned'] }, [o2]],
      [{ overdue: 'true' }, [o1]],
      [{ overdue: 'false', category: 'plumbing' }, [o3, o4]],
      [{ q: '地漏' }, [o3]],
      [{ q: o4.code }, [o4]],
      [{ reportedFrom: '2026-10-15T16:00:00.000Z', reportedTo: '2026-10-16T16:00:00.000Z' }, [o2, o3]],
      [{ from: '2026-10-16', to: '2026-10-17', priority: 'routine' }, [o3, o4]],
    ];
    for (const [query, expected] of cases) {
      const rows = await exported(query);
      expect({ query, codes: rows.map((row) => row['工单编号']).sort() }).toEqual({
        query,
        codes: codes(...expected),
      });
      if (!('from' in query))
        expect({ query, codes: await list(query) }).toEqual({ query, codes: codes(...expected) });
    }
    // In Chinese words, never the raw codes.
    const urged = await exported({ urged: 'true' });
    expect(urged[0]).toMatchObject({
      工单编号: o3.code,
      状态: '已派单',
      优先级: '零修',
      类别: '给排水维修',
      维修人员: tech.user.displayName,
    });

    // The list's validation applies to the export too: 400 with the field named, never a 500.
    const bad = await t.http
      .get('/api/v1/work-orders/export.xlsx')
      .query({ estateId: world.estate.id, status: 'lost', overdue: 'maybe' })
      .set(desk.auth)
      .expect(400);
    expect(String(bad.body.message)).toMatch(/status/);
    expect(String(bad.body.message)).toMatch(/overdue/);
    await t.http
      .get('/api/v1/work-orders/export.xlsx')
      .query({ estateId: world.estate.id, from: '2026-10-17', to: '2026-10-16' })
      .set(desk.auth)
      .expect(400);
    // Another estate's orders never leak in through the filters.
    const other = await workOrderWorld(t);
    await t.http
      .get('/api/v1/work-orders/export.xlsx')
      .query({ estateId: other.estate.id })
      .set(desk.auth)
      .expect(403);
  });

  it('stores type- and size-checked attachments in the database and serves them back', async () => {
    const world = await workOrderWorld(t);
    const other = await workOrderWorld(t);
    const created = await postAt(t, '2026-10-15T02:00:00.000Z', world.resident, '', intake(world)).expect(
      201,
    );
    const id = created.body.id as string;
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('pixels'),
    ]);
    const uploaded = await t.http
      .post(`/api/v1/work-orders/${id}/attachments`)
      .set(world.resident.auth)
      .attach('file', png, { filename: '漏水.png', contentType: 'application/octet-stream' })
      .expect(201);
    expect(uploaded.body).toMatchObject({
      fileName: '漏水.png',
      contentType: 'image/png',
      sizeBytes: png.length,
    });
    const downloaded = await t.http
      .get(`/api/v1/work-orders/${id}/attachments/${uploaded.body.id}`)
      .set(world.technician.auth)
      .buffer(true)
      .parse(binaryParser as never)
      .expect(200);
    expect(downloaded.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(downloaded.body as Buffer, png)).toBe(0);

    const disguised = await t.http
      .post(`/api/v1/work-orders/${id}/attachments`)
      .set(world.frontDesk.auth)
      .attach('file', Buffer.from('MZ\x90\x00 not an image'), {
        filename: 'photo.png',
        contentType: 'image/png',
      })
      .expect(400);
    expect(disguised.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const tooLarge = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    const large = await t.http
      .post(`/api/v1/work-orders/${id}/attachments`)
      .set(world.frontDesk.auth)
      .attach('file', tooLarge, { filename: 'big.png' })
      .expect(413);
    expect(large.body.code).toBe('PAYLOAD_TOO_LARGE');
    await t.http
      .post(`/api/v1/work-orders/${id}/attachments`)
      .set(other.frontDesk.auth)
      .attach('file', png, { filename: 'x.png' })
      .expect(404);
    await t.http
      .get(`/api/v1/work-orders/${id}/attachments/${uploaded.body.id}`)
      .set(other.manager.auth)
      .expect(404);
    expect(await countRows(t, 'attachments', "owner_type = 'work_order' AND owner_id = ?", [id])).toBe(1);
    const detail = await t.http.get(`/api/v1/work-orders/${id}`).set(world.manager.auth).expect(200);
    expect(detail.body.attachments).toEqual([
      expect.objectContaining({ id: uploaded.body.id, fileName: '漏水.png', contentType: 'image/png' }),
    ]);
    expect(detail.body.attachments[0].content).toBeUndefined();
  });

  it('offers createFromFinding and acceptance listeners to other libraries', async () => {
    const world = await workOrderWorld(t);
    const events: unknown[] = [];
    t.app.get(WorkOrderAcceptanceListeners).register(async (_manager, event) => {
      events.push(event);
    });
    t.clock.set('2026-10-15T02:00:00.000Z');
    const assetId = '0190a0a0-0000-7000-8000-0000000000aa';
    const created = await t.app.get(TransactionService).run((manager) =>
      t.app.get(WorkOrdersService).createFromFinding(manager, {
        estateId: world.estate.id,
        channel: 'inspection',
        assetId,
        locationText: '2号楼 水泵房',
        description: '水泵异响',
        priority: 'routine',
        actor: { id: world.manager.user.id, name: 'inspector' },
      }),
    );
    expect(created.code).toBe('WO-2026-000001');
    const id = created.id;
    await postAt(t, '2026-10-15T02:05:00.000Z', world.frontDesk, `/${id}/assign`, {
      assigneeId: world.technician.user.id,
    }).expect(200);
    await postAt(t, '2026-10-15T03:00:00.000Z', world.technician, `/${id}/start`).expect(200);
    await postAt(t, '2026-10-15T04:00:00.000Z', world.technician, `/${id}/complete`, {
      resolution: '更换轴承',
      labourMinutes: 60,
      chargeable: false,
    }).expect(200);
    const accepted = await postAt(t, '2026-10-15T05:00:00.000Z', world.manager, `/${id}/accept`, {
      result: 'pass',
      by: 'supervisor',
    }).expect(200);
    expect(accepted.body).toMatchObject({
      channel: 'inspection',
      assetId,
      category: 'other',
      status: 'closed',
    });
    expect(events).toEqual([
      {
        workOrderId: id,
        estateId: world.estate.id,
        assetId,
        result: 'pass',
        at: new Date('2026-10-15T05:00:00.000Z'),
      },
    ]);
  });
});
