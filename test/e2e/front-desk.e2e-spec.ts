import { MEASURE_COLUMNS, WorkOrderMonthlyFactsService } from '@estate/work-orders';
import { createTestApp, TestApp } from '../support/test-app';
import { TestUser } from '../support/factories';
import { countRows, postAt, workOrderWorld, WorkOrderWorld } from '../support/work-order-fixtures';

/**
 * Issue 15, the front-desk console's API: dispatch list, hand back (退单), urge (催单), the
 * return-visit queue, unit labels everywhere a unitId is, and the caller lookup.
 */
describe('front desk (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const intake = (world: WorkOrderWorld, overrides: Record<string, unknown> = {}) => ({
    estateId: world.estate.id,
    unitId: world.unit.id,
    category: 'plumbing',
    priority: 'routine',
    channel: 'phone',
    description: '卫生间漏水 bathroom leak',
    reporterName: '王先生',
    reporterPhone: '13812345678',
    ...overrides,
  });

  async function report(world: WorkOrderWorld, at: string, overrides: Record<string, unknown> = {}) {
    const created = await postAt(t, at, world.frontDesk, '', intake(world, overrides)).expect(201);
    return created.body as { id: string; version: number; code: string };
  }

  async function assign(world: WorkOrderWorld, id: string, at: string, technician: TestUser) {
    await postAt(t, at, world.frontDesk, `/${id}/assign`, { assigneeId: technician.user.id }).expect(200);
  }

  /** reported → assigned → in_progress → completed, all at `at`. */
  async function completed(
    world: WorkOrderWorld,
    at: string,
    overrides: Record<string, unknown> = {},
    technician: TestUser = world.technician,
  ) {
    const order = await report(world, at, overrides);
    await assign(world, order.id, at, technician);
    await postAt(t, at, technician, `/${order.id}/start`).expect(200);
    await postAt(t, at, technician, `/${order.id}/complete`, {
      resolution: '换密封圈',
      labourMinutes: 30,
      chargeable: false,
    }).expect(200);
    return order;
  }

  /** The estate's facts with a non-zero measure, in key order (as work-order-monthly-facts.e2e compares them). */
  async function factRows(estateId: string) {
    const rows: Record<string, unknown>[] = await t.dataSource.query(
      `SELECT period, kind, subject1, subject2, subject3, ${MEASURE_COLUMNS.join(', ')} FROM work_order_monthly_facts ` +
        'WHERE estate_id = ? ORDER BY period, kind, subject1, subject2, subject3',
      [estateId],
    );
    return rows
      .map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, String(value)])))
      .filter((row) => MEASURE_COLUMNS.some((column) => row[column] !== '0'));
  }

  describe('GET /work-orders/assignees', () => {
    it('lists the estate’s active technicians, least loaded first, with today’s orders and recent categories', async () => {
      const world = await workOrderWorld(t);
      const { estate } = world;
      const busy = world.technician; // two open orders
      const idle = await t.factory.user('technician', [estate], {
        displayName: '张师傅',
        phone: '13900001111',
      });
      const today = await t.factory.user('technician', [estate], { displayName: '李师傅' });
      await t.factory.user('technician', [estate], { active: false, displayName: '离职师傅' });
      await t.factory.user('manager', [estate]);
      const elsewhere = await t.factory.estate();
      await t.factory.user('technician', [elsewhere]);

      // busy: two completed plumbing and one electrical in the last 90 days, one plumbing 100 days ago
      // (not counted), and two open orders.
      await completed(world, '2026-07-07T02:00:00.000Z', { category: 'plumbing' });
      await completed(world, '2026-09-01T02:00:00.000Z', { category: 'electrical' });
      await completed(world, '2026-09-02T02:00:00.000Z', { category: 'plumbing' });
      await completed(world, '2026-09-03T02:00:00.000Z', { category: 'plumbing' });
      const openOne = await report(world, '2026-10-14T01:00:00.000Z');
      await assign(world, openOne.id, '2026-10-14T01:00:00.000Z', busy);
      const openTwo = await report(world, '2026-10-14T01:00:00.000Z');
      await assign(world, openTwo.id, '2026-10-14T01:00:00.000Z', busy);
      // today (Shanghai 2026-10-15 starts at 2026-10-14T16:00Z): assigned today, and one assigned
      // yesterday with an appointment today; both open → openCount 2, todayCount 2.
      const assignedToday = await report(world, '2026-10-14T17:00:00.000Z');
      await assign(world, assignedToday.id, '2026-10-14T17:00:00.000Z', today);
      const appointed = await report(world, '2026-10-14T10:00:00.000Z', {
        appointment: { date: '2026-10-15', startTime: '14:00', endTime: '16:00' },
      });
      await assign(world, appointed.id, '2026-10-14T10:00:00.000Z', today);
      // idle: one order assigned yesterday and cancelled → nothing open, nothing today.
      const cancelled = await report(world, '2026-10-14T03:00:00.000Z');
      await assign(world, cancelled.id, '2026-10-14T03:00:00.000Z', idle);
      await postAt(t, '2026-10-14T03:10:00.000Z', world.frontDesk, `/${cancelled.id}/cancel`, {
        reason: '住户取消',
      }).expect(200);

      t.clock.set('2026-10-15T02:00:00.000Z');
      const response = await t.http
        .get('/api/v1/work-orders/assignees')
        .query({ estateId: estate.id })
        .set(world.frontDesk.auth)
        .expect(200);
      expect(response.body).toEqual([
        {
          id: idle.user.id,
          displayName: '张师傅',
          phone: '13900001111',
          openCount: 0,
          todayCount: 0,
          categories: [],
        },
        {
          id: busy.user.id,
          displayName: busy.user.displayName,
          phone: null,
          openCount: 2,
          todayCount: 0,
          categories: [
            { category: 'plumbing', completed: 2 },
            { category: 'electrical', completed: 1 },
          ],
        },
        {
          id: today.user.id,
          displayName: '李师傅',
          phone: null,
          openCount: 2,
          todayCount: 2,
          categories: [],
        },
      ]);

      await t.http
        .get('/api/v1/work-orders/assignees')
        .query({ estateId: elsewhere.id })
        .set(world.frontDesk.auth)
        .expect(403)
        .expect((answer) => expect(answer.body.code).toBe('ESTATE_FORBIDDEN'));
      await t.http
        .get('/api/v1/work-orders/assignees')
        .query({ estateId: estate.id })
        .set(world.technician.auth)
        .expect(403)
        .expect((answer) => expect(answer.body.code).toBe('ROLE_FORBIDDEN'));
      await t.http
        .get('/api/v1/work-orders/assignees')
        .set(world.frontDesk.auth)
        .expect(400)
        .expect((answer) => expect(answer.body.code).toBe('VALIDATION_FAILED'));
    });
  });

  describe('POST /work-orders/:id/hand-back', () => {
    it('gives an assigned order back to dispatch with the reason in the history; facts stay right', async () => {
      const world = await workOrderWorld(t);
      await t.app.get(WorkOrderMonthlyFactsService).build(world.estate.id);
      const other = await t.factory.user('technician', [world.estate]);
      const order = await report(world, '2026-10-15T01:00:00.000Z');
      await assign(world, order.id, '2026-10-15T01:05:00.000Z', world.technician);

      const detail = await t.http
        .get(`/api/v1/work-orders/${order.id}`)
        .set(world.technician.auth)
        .expect(200);
      expect(detail.body.allowedActions).toContain('hand_back');

      const refused = await postAt(t, '2026-10-15T01:10:00.000Z', other, `/${order.id}/hand-back`, {
        reason: '不是我的',
      }).expect(403);
      expect(refused.body.code).toBe('NOT_ASSIGNEE');
      await postAt(t, '2026-10-15T01:10:00.000Z', world.frontDesk, `/${order.id}/hand-back`, {
        reason: '前台不能退单',
      }).expect(403);
      await postAt(t, '2026-10-15T01:10:00.000Z', world.technician, `/${order.id}/hand-back`, {}).expect(400);
      const stale = await postAt(t, '2026-10-15T01:10:00.000Z', world.technician, `/${order.id}/hand-back`, {
        reason: '需要电工',
        version: 1,
      }).expect(409);
      expect(stale.body.code).toBe('CONCURRENT_MODIFICATION');

      const handedBack = await postAt(
        t,
        '2026-10-15T01:20:00.000Z',
        world.technician,
        `/${order.id}/hand-back`,
        {
          reason: '需要电工 needs an electrician',
          version: detail.body.version,
        },
      ).expect(200);
      expect(handedBack.body).toMatchObject({
        status: 'reported',
        assigneeId: null,
        assigneeName: null,
        assignedAt: null,
        allowedActions: ['assign', 'cancel', 'change_priority'],
      });
      const history = (
        await t.http.get(`/api/v1/work-orders/${order.id}`).set(world.manager.auth).expect(200)
      ).body.history as Record<string, unknown>[];
      expect(history[history.length - 1]).toMatchObject({
        action: 'hand_back',
        fromState: 'assigned',
        toState: 'reported',
        actorId: world.technician.user.id,
        actorName: world.technician.user.displayName,
        at: '2026-10-15T01:20:00.000Z',
        note: '需要电工 needs an electrician',
        details: { fromAssigneeId: world.technician.user.id, reason: '需要电工 needs an electrician' },
      });

      // Not from in_progress (the work has started): 409 with the allowed moves.
      await assign(world, order.id, '2026-10-15T01:30:00.000Z', other);
      await postAt(t, '2026-10-15T01:40:00.000Z', other, `/${order.id}/start`).expect(200);
      const late = await postAt(t, '2026-10-15T01:50:00.000Z', other, `/${order.id}/hand-back`, {
        reason: '太难',
      }).expect(409);
      expect(late.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: { from: 'in_progress' } });

      // The facts kept write by write equal the facts rebuilt from the orders.
      const kept = await factRows(world.estate.id);
      expect(kept.length).toBeGreaterThan(0);
      await t.app.get(WorkOrderMonthlyFactsService).build(world.estate.id);
      expect(await factRows(world.estate.id)).toEqual(kept);
    });
  });

  describe('POST /work-orders/:id/urge', () => {
    it('counts urges without a state change or a version bump, and refuses closed orders', async () => {
      const world = await workOrderWorld(t);
      const order = await report(world, '2026-10-15T01:00:00.000Z');
      const urged = await postAt(t, '2026-10-15T03:00:00.000Z', world.frontDesk, `/${order.id}/urge`, {
        note: '业主第二次来电',
      }).expect(200);
      expect(urged.body).toMatchObject({
        status: 'reported',
        urgeCount: 1,
        lastUrgedAt: '2026-10-15T03:00:00.000Z',
        version: order.version,
      });
      await postAt(t, '2026-10-15T04:00:00.000Z', world.manager, `/${order.id}/urge`).expect(200);
      await postAt(t, '2026-10-15T04:00:00.000Z', world.technician, `/${order.id}/urge`).expect(403);
      await postAt(t, '2026-10-15T04:00:00.000Z', world.frontDesk, `/${order.id}/urge`, { note: 5 }).expect(
        400,
      );

      const detail = await t.http
        .get(`/api/v1/work-orders/${order.id}`)
        .set(world.frontDesk.auth)
        .expect(200);
      expect(detail.body).toMatchObject({
        urgeCount: 2,
        lastUrgedAt: '2026-10-15T04:00:00.000Z',
        version: 1,
      });
      const urges = (detail.body.history as Record<string, unknown>[]).filter(
        (entry) => entry.action === 'urge',
      );
      expect(urges).toEqual([
        expect.objectContaining({
          actorName: world.frontDesk.user.displayName,
          at: '2026-10-15T03:00:00.000Z',
          note: '业主第二次来电',
          fromState: 'reported',
          toState: 'reported',
        }),
        expect.objectContaining({
          actorName: world.manager.user.displayName,
          at: '2026-10-15T04:00:00.000Z',
        }),
      ]);

      const calm = await report(world, '2026-10-15T01:00:00.000Z');
      const list = await t.http
        .get('/api/v1/work-orders')
        .query({ estateId: world.estate.id, urged: 'true' })
        .set(world.frontDesk.auth)
        .expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([order.id]);
      expect(list.body.items[0]).toMatchObject({ urgeCount: 2, lastUrgedAt: '2026-10-15T04:00:00.000Z' });
      const notUrged = await t.http
        .get('/api/v1/work-orders')
        .query({ estateId: world.estate.id, urged: 'false' })
        .set(world.frontDesk.auth)
        .expect(200);
      expect(notUrged.body.items.map((item: { id: string }) => item.id)).toEqual([calm.id]);

      // The version was not bumped, so an action with the version read before the urges still works.
      await postAt(t, '2026-10-15T05:00:00.000Z', world.frontDesk, `/${order.id}/cancel`, {
        reason: '重复报修',
        version: 1,
      }).expect(200);
      const refused = await postAt(
        t,
        '2026-10-15T05:10:00.000Z',
        world.frontDesk,
        `/${order.id}/urge`,
      ).expect(409);
      expect(refused.body).toMatchObject({
        code: 'TRANSITION_NOT_ALLOWED',
        details: { from: 'cancelled', action: 'urge' },
      });
      expect(await countRows(t, 'audit_entries', "entity_id = ? AND action = 'urge'", [order.id])).toBe(2);
    });
  });

  describe('GET /work-orders?returnVisited=false', () => {
    it('is the return-visit queue: completed or closed, not visited, not planned, oldest completion first', async () => {
      const world = await workOrderWorld(t);
      const later = await completed(world, '2026-10-10T02:00:00.000Z');
      const older = await completed(world, '2026-10-05T02:00:00.000Z', { priority: 'urgent' });
      const planned = await completed(world, '2026-10-01T02:00:00.000Z', { priority: 'planned' });
      const visited = await completed(world, '2026-10-02T02:00:00.000Z');
      await postAt(t, '2026-10-03T02:00:00.000Z', world.frontDesk, `/${visited.id}/return-visits`, {
        method: 'phone',
        satisfaction: 'satisfied',
      }).expect(201);
      const closed = await completed(world, '2026-10-08T02:00:00.000Z');
      await postAt(t, '2026-10-08T03:00:00.000Z', world.resident, `/${closed.id}/accept`, {
        result: 'pass',
        by: 'resident',
      }).expect(200);
      await report(world, '2026-10-09T02:00:00.000Z'); // open: not in the queue

      t.clock.set('2026-10-15T02:00:00.000Z');
      const queue = await t.http
        .get('/api/v1/work-orders')
        .query({ estateId: world.estate.id, returnVisited: 'false', sort: 'completedAt' })
        .set(world.frontDesk.auth)
        .expect(200);
      expect(queue.body.total).toBe(3);
      expect(queue.body.items.map((item: { id: string }) => item.id)).toEqual([
        older.id,
        closed.id,
        later.id,
      ]);
      expect(queue.body.items.map((item: { id: string }) => item.id)).not.toContain(planned.id);

      const done = await t.http
        .get('/api/v1/work-orders')
        .query({ estateId: world.estate.id, returnVisited: 'true' })
        .set(world.frontDesk.auth)
        .expect(200);
      expect(done.body.items.map((item: { id: string }) => item.id)).toEqual([visited.id]);
      await t.http
        .get('/api/v1/work-orders')
        .query({ estateId: world.estate.id, returnVisited: 'maybe' })
        .set(world.frontDesk.auth)
        .expect(400);
    });
  });

  describe('unitLabel', () => {
    it('is on work orders (list, detail, mine, actions), complaints, residents and KPI records; null without a unit', async () => {
      const world = await workOrderWorld(t);
      const building = await t.factory.building(world.estate, { number: '3', name: '3栋' });
      const unit = await t.factory.unit(world.estate, { building, number: '1203' });
      const inHome = await report(world, '2026-10-15T01:00:00.000Z', { unitId: unit.id });
      const publicArea = await report(world, '2026-10-15T01:00:00.000Z', {
        unitId: undefined,
        locationText: '3号楼 电梯厅',
      });
      await assign(world, inHome.id, '2026-10-15T01:05:00.000Z', world.technician);
      const assignedBody = (
        await postAt(t, '2026-10-15T01:06:00.000Z', world.frontDesk, `/${inHome.id}/priority`, {
          priority: 'urgent',
          reason: '漏到楼下',
        }).expect(200)
      ).body;
      expect(assignedBody.unitLabel).toBe('3-1203');

      const list = await t.http
        .get('/api/v1/work-orders')
        .query({ estateId: world.estate.id })
        .set(world.frontDesk.auth)
        .expect(200);
      const labelOf = (items: { id: string; unitLabel: string | null }[], id: string) =>
        items.find((item) => item.id === id)?.unitLabel;
      expect(labelOf(list.body.items, inHome.id)).toBe('3-1203');
      expect(labelOf(list.body.items, publicArea.id)).toBeNull();
      expect(list.body.items.find((item: { id: string }) => item.id === inHome.id).reporterPhone).toBe(
        '138****5678',
      );

      const detail = await t.http
        .get(`/api/v1/work-orders/${inHome.id}`)
        .set(world.frontDesk.auth)
        .expect(200);
      expect(detail.body.unitLabel).toBe('3-1203');

      // The assignee's own list: the label and the reporter's phone in full (tap-to-call).
      const mine = await t.http.get('/api/v1/work-orders/mine').set(world.technician.auth).expect(200);
      expect(mine.body.items).toEqual([
        expect.objectContaining({ id: inHome.id, unitLabel: '3-1203', reporterPhone: '13812345678' }),
      ]);

      const complaint = await t.http
        .post('/api/v1/complaints')
        .set(world.frontDesk.auth)
        .send({
          estateId: world.estate.id,
          unitId: unit.id,
          channel: 'phone',
          categories: ['repair_quality'],
          description: '维修太慢',
        })
        .expect(201);
      expect(complaint.body.unitLabel).toBe('3-1203');
      const complaints = await t.http
        .get('/api/v1/complaints')
        .query({ estateId: world.estate.id, unitId: unit.id })
        .set(world.frontDesk.auth)
        .expect(200);
      expect(complaints.body.items.map((item: { unitLabel: string }) => item.unitLabel)).toEqual(['3-1203']);
      const complaintDetail = await t.http
        .get(`/api/v1/complaints/${complaint.body.id}`)
        .set(world.frontDesk.auth)
        .expect(200);
      expect(complaintDetail.body.unitLabel).toBe('3-1203');
      const judged = await t.http
        .post(`/api/v1/complaints/${complaint.body.id}/judge`)
        .set(world.frontDesk.auth)
        .send({ validity: 'valid' })
        .expect(200);
      expect(judged.body.unitLabel).toBe('3-1203');

      const resident = await t.factory.resident(unit, { name: '赵女士' });
      const residents = await t.http
        .get('/api/v1/residents')
        .query({ estateId: world.estate.id, unitId: unit.id })
        .set(world.frontDesk.auth)
        .expect(200);
      expect(residents.body.items).toEqual([
        expect.objectContaining({ id: resident.id, unitLabel: '3-1203' }),
      ]);
      const residentDetail = await t.http
        .get(`/api/v1/residents/${resident.id}`)
        .set(world.frontDesk.auth)
        .expect(200);
      expect(residentDetail.body.unitLabel).toBe('3-1203');

      // KPI drill-down records (KPI #2 counts orders first completed in the month).
      await postAt(t, '2026-10-15T01:10:00.000Z', world.technician, `/${inHome.id}/start`).expect(200);
      await postAt(t, '2026-10-15T01:20:00.000Z', world.technician, `/${inHome.id}/complete`, {
        resolution: '换阀门',
        labourMinutes: 20,
        chargeable: false,
      }).expect(200);
      const records = await t.http
        .get('/api/v1/work-orders/stats/records')
        .query({ estateId: world.estate.id, period: '2026-10', metric: 'timeliness' })
        .set(world.manager.auth)
        .expect(200);
      // KPI #2 also counts the public-area order (open, due this month): no unit, no label.
      expect(records.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: inHome.id, unitId: unit.id, unitLabel: '3-1203' }),
          expect.objectContaining({ id: publicArea.id, unitId: null, unitLabel: null }),
        ]),
      );
    });
  });

  describe('GET /units/lookup', () => {
    it('finds a caller’s unit by phone (full, +86, last 4) or by building/room, with residents and open counts', async () => {
      const world = await workOrderWorld(t);
      const { estate } = world;
      const three = await t.factory.building(estate, { number: '3', name: '3栋' });
      const five = await t.factory.building(estate, { number: '5', name: '5号楼' });
      const home = await t.factory.unit(estate, {
        building: three,
        number: '1203',
        floor: 12,
        areaSquareMetres: 89.5,
      });
      const neighbour = await t.factory.unit(estate, { building: three, number: '1204' });
      const across = await t.factory.unit(estate, { building: five, number: '1203' });
      const owner = await t.factory.resident(home, {
        name: '王先生',
        phone: '13812345678',
        relation: 'owner',
      });
      await t.factory.resident(home, { name: '小王', phone: '13700005678', relation: 'family' });
      await t.factory.resident(home, {
        name: '前租户',
        phone: '13600009999',
        relation: 'tenant',
        moveInDate: '2019-01-01',
        moveOutDate: '2020-01-01',
      });
      await t.factory.resident(across, { name: '李女士', phone: '+86 139-0000-5678', relation: 'tenant' });
      await t.factory.resident(neighbour, { name: '陈先生', phone: '13511112222' });
      const otherEstate = await t.factory.estate();
      const foreignUnit = await t.factory.unit(otherEstate);
      await t.factory.resident(foreignUnit, { phone: '13812345678' });

      await report(world, '2026-10-15T01:00:00.000Z', { unitId: home.id });
      const cancelled = await report(world, '2026-10-15T01:00:00.000Z', { unitId: home.id });
      await postAt(t, '2026-10-15T01:01:00.000Z', world.frontDesk, `/${cancelled.id}/cancel`, {
        reason: '重复',
      }).expect(200);
      await t.http
        .post('/api/v1/complaints')
        .set(world.frontDesk.auth)
        .send({
          estateId: estate.id,
          unitId: home.id,
          channel: 'phone',
          categories: ['noise_neighbours'],
          description: '楼上装修噪音',
        })
        .expect(201);

      const lookup = (query: Record<string, string>, user: TestUser = world.frontDesk) =>
        t.http
          .get('/api/v1/units/lookup')
          .query({ estateId: estate.id, ...query })
          .set(user.auth);

      const full = await lookup({ phone: '138 1234 5678' }).expect(200);
      expect(full.body).toEqual([
        {
          id: home.id,
          unitLabel: '3-1203',
          buildingId: three.id,
          buildingNumber: '3',
          buildingName: '3栋',
          number: '1203',
          floor: 12,
          floorArea: 89.5,
          type: 'residential',
          residents: [
            {
              id: owner.id,
              name: '王先生',
              phone: '13812345678',
              relation: 'owner',
              moveInDate: '2020-01-01',
            },
            expect.objectContaining({ name: '小王', phone: '13700005678', relation: 'family' }),
          ],
          openWorkOrders: 1,
          openComplaints: 1,
        },
      ]);
      const plus86 = await lookup({ phone: '+8613812345678' }).expect(200);
      expect(plus86.body.map((unit: { id: string }) => unit.id)).toEqual([home.id]);
      const typedLocal = await lookup({ phone: '13900005678' }).expect(200);
      expect(typedLocal.body.map((unit: { id: string }) => unit.id)).toEqual([across.id]);

      const lastFour = await lookup({ phone: '5678' }).expect(200);
      expect(lastFour.body.map((unit: { unitLabel: string }) => unit.unitLabel)).toEqual([
        '3-1203',
        '5-1203',
      ]);
      // A moved-out resident's number finds nothing.
      expect((await lookup({ phone: '9999' }).expect(200)).body).toEqual([]);

      const byRoom = async (q: string) =>
        ((await lookup({ q }).expect(200)).body as { unitLabel: string }[]).map((unit) => unit.unitLabel);
      expect(await byRoom('3-12')).toEqual(['3-1203', '3-1204']);
      expect(await byRoom('3栋1203')).toEqual(['3-1203']);
      expect(await byRoom('5号楼1203')).toEqual(['5-1203']);
      expect(await byRoom('3 1204')).toEqual(['3-1204']);
      expect(await byRoom('1203')).toEqual(['3-1203', '5-1203']);
      expect(await byRoom('5栋')).toEqual(['5-1203']);
      expect(await byRoom('9-1')).toEqual([]);
      expect(await byRoom('12%')).toEqual([]);

      // A phone change is indexed again (the stored last four follow the number).
      const neighbourResident = (
        await t.http
          .get('/api/v1/residents')
          .query({ unitId: neighbour.id })
          .set(world.frontDesk.auth)
          .expect(200)
      ).body.items[0] as { id: string };
      await t.http
        .patch(`/api/v1/residents/${neighbourResident.id}`)
        .set(world.frontDesk.auth)
        .send({ phone: '13511113333' })
        .expect(200);
      expect((await lookup({ phone: '2222' }).expect(200)).body).toEqual([]);
      expect(
        (await lookup({ phone: '3333' }).expect(200)).body.map((unit: { id: string }) => unit.id),
      ).toEqual([neighbour.id]);
      const created = await t.http
        .post('/api/v1/residents')
        .set(world.frontDesk.auth)
        .send({
          unitId: neighbour.id,
          name: '陈太太',
          phone: '13544447777',
          relation: 'family',
          moveInDate: '2021-05-01',
        })
        .expect(201);
      expect(created.body.unitLabel).toBe('3-1204');
      expect(
        (await lookup({ phone: '7777' }).expect(200)).body.map((unit: { id: string }) => unit.id),
      ).toEqual([neighbour.id]);

      const expectCode = async (
        query: Record<string, string>,
        status: number,
        code: string,
        user?: TestUser,
      ) => expect((await lookup(query, user).expect(status)).body.code).toBe(code);
      await expectCode({}, 400, 'LOOKUP_QUERY_REQUIRED');
      await expectCode({ phone: '5678', q: '3-12' }, 400, 'LOOKUP_QUERY_REQUIRED');
      await expectCode({ phone: '56789' }, 400, 'PHONE_INVALID');
      await expectCode({ phone: '5678' }, 403, 'ROLE_FORBIDDEN', world.technician);
      expect(
        (
          await t.http
            .get('/api/v1/units/lookup')
            .query({ estateId: otherEstate.id, phone: '5678' })
            .set(world.frontDesk.auth)
            .expect(403)
        ).body.code,
      ).toBe('ESTATE_FORBIDDEN');
    });
  });
});
