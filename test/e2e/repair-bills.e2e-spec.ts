import { AuditEntry, TransactionService } from '@estate/database';
import { Bill, BillAdjustment, CollectionService, FeeItem, RepairBillingLink } from '@estate/fees';
import { WorkOrder, WorkOrderMaterial } from '@estate/work-orders';
import { TestUser } from '../support/factories';
import { createFeeItem, pay } from '../support/fees-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { countRows, postAt, workOrderWorld, WorkOrderWorld } from '../support/work-order-fixtures';

/** Chargeable repairs become the unit's 维修费 bill (issue 18 item 10, docs/fees.md "Paid repairs"). */
describe('paid repairs → bills (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  interface World extends WorkOrderWorld {
    finance: TestUser;
  }

  async function world(): Promise<World> {
    const base = await workOrderWorld(t);
    return { ...base, finance: await t.factory.user('finance', [base.estate]) };
  }

  /** Reports, assigns and starts an order at `at` (UTC); returns its id. */
  async function startedOrder(
    w: World,
    at: string,
    overrides: Record<string, unknown> = {},
  ): Promise<string> {
    const created = await postAt(t, at, w.frontDesk, '', {
      estateId: w.estate.id,
      unitId: w.unit.id,
      category: 'plumbing',
      priority: 'routine',
      channel: 'phone',
      description: '卫生间龙头漏水 tap leaking',
      ...overrides,
    }).expect(201);
    const id = created.body.id as string;
    await postAt(t, at, w.frontDesk, `/${id}/assign`, { assigneeId: w.technician.user.id }).expect(200);
    await postAt(t, at, w.technician, `/${id}/start`).expect(200);
    return id;
  }

  function complete(
    w: World,
    at: string,
    id: string,
    charge: number | null,
    resolution = '更换龙头 new tap',
  ) {
    return postAt(t, at, w.technician, `/${id}/complete`, {
      resolution,
      labourMinutes: 30,
      chargeable: charge !== null,
      ...(charge === null ? {} : { amountFen: charge }),
    });
  }

  function failAcceptance(w: World, at: string, id: string) {
    return postAt(t, at, w.frontDesk, `/${id}/accept`, {
      result: 'fail',
      by: 'supervisor',
      comment: '仍漏水',
    });
  }

  async function unitBills(w: World) {
    const response = await t.http.get(`/api/v1/bills?unitId=${w.unit.id}`).set(w.finance.auth).expect(200);
    return response.body.items as Record<string, unknown>[];
  }

  async function orderOf(w: World, id: string) {
    return (await t.http.get(`/api/v1/work-orders/${id}`).set(w.manager.auth).expect(200)).body;
  }

  it('bills a chargeable completion once, in the estate-local month, linked both ways, outside KPI #4', async () => {
    const w = await world();
    // 01:00 on 1 November in Shanghai is still 31 October in UTC: the bill is November's.
    const id = await startedOrder(w, '2026-10-31T16:00:00.000Z');
    const completed = await complete(w, '2026-10-31T17:00:00.000Z', id, 8000).expect(200);

    const bills = await unitBills(w);
    expect(bills).toHaveLength(1);
    expect(bills[0]).toMatchObject({
      itemName: '维修费',
      category: 'paid_service',
      period: '2026-11',
      amountFen: 8000,
      outstandingFen: 8000,
      workOrderId: id,
      status: 'open',
      // The estate's due day (15th) of November, after the completion day.
      dueDate: '2026-11-15',
    });
    expect(completed.body.bill).toEqual({
      billId: bills[0].id,
      period: '2026-11',
      amountFen: 8000,
      paidFen: 0,
      outstandingFen: 8000,
      paid: false,
    });
    expect((await orderOf(w, id)).bill).toMatchObject({ billId: bills[0].id, paid: false });
    const list = await t.http
      .get(`/api/v1/work-orders?estateId=${w.estate.id}`)
      .set(w.manager.auth)
      .expect(200);
    expect(list.body.items[0].bill).toMatchObject({ billId: bills[0].id, amountFen: 8000 });

    // The 维修费 item was made on first use, as an on-demand paid service.
    const item = await t.dataSource.manager.findOneByOrFail(FeeItem, { estateId: w.estate.id });
    expect(item).toMatchObject({ systemKey: 'paid_repair', basis: 'on_demand', category: 'paid_service' });
    const items = await t.http
      .get(`/api/v1/fee-items?estateId=${w.estate.id}`)
      .set(w.finance.auth)
      .expect(200);
    expect(items.body.items).toEqual([expect.objectContaining({ id: item.id, systemKey: 'paid_repair' })]);

    // The unit's balance and arrears show it like any other bill.
    const balance = await t.http
      .get(`/api/v1/fees/units/${w.unit.id}/balance`)
      .set(w.finance.auth)
      .expect(200);
    expect(balance.body.outstandingFen).toBe(8000);
    const arrears = await t.http
      .get(`/api/v1/arrears?estateId=${w.estate.id}&asOf=2026-11-20`)
      .set(w.finance.auth)
      .expect(200);
    expect(arrears.body.total.totalFen).toBe(8000);
    expect(arrears.body.units[0]).toMatchObject({ unitId: w.unit.id, billCount: 1 });

    // KPI #4 counts management fees only: the repair is neither billed nor collected there.
    const kpi = await t.app.get(CollectionService).managementFeeCollectionRate(w.estate.id, '2026-11');
    expect(kpi).toMatchObject({ numeratorFen: 0, denominatorFen: 0, rate: null });

    // A payment at the counter settles it; the order shows it paid.
    await pay(t, w.finance, w.unit, 8000, { billIds: [bills[0].id] }).expect(201);
    expect((await orderOf(w, id)).bill).toMatchObject({ paidFen: 8000, outstandingFen: 0, paid: true });

    // The audit trail of the bill names the order.
    const trail = await t.dataSource.manager.findBy(AuditEntry, {
      entityType: 'bill',
      entityId: String(bills[0].id),
    });
    expect(trail.map((entry) => entry.action)).toEqual(['repair_charge']);
  });

  it('a billing run never bills the on-demand 维修费 item', async () => {
    const w = await world();
    const id = await startedOrder(w, '2026-10-10T02:00:00.000Z');
    await complete(w, '2026-10-10T03:00:00.000Z', id, 3000).expect(200);
    await createFeeItem(t, w.finance, w.estate, { basis: 'per_unit', priceCentiFen: 1_000_000 });
    t.clock.set('2026-11-02T02:00:00.000Z');
    const run = await t.http
      .post('/api/v1/billing-runs')
      .set(w.finance.auth)
      .send({ estateId: w.estate.id, period: '2026-11' })
      .expect(201);
    expect(run.body.billsCreated).toBe(1);
    const bills = await unitBills(w);
    expect(bills.map((bill) => [bill.itemName, bill.period])).toEqual([
      ['维修费', '2026-10'],
      ['物业管理费', '2026-11'],
    ]);
    // Finance cannot make on-demand items themselves.
    await t.http
      .post('/api/v1/fee-items')
      .set(w.finance.auth)
      .send({
        estateId: w.estate.id,
        name: '上门服务',
        category: 'paid_service',
        basis: 'on_demand',
        priceCentiFen: 100,
        unitTypes: ['residential'],
        activeFrom: '2026-11',
      })
      .expect(400);
  });

  it('a rework adjusts the same bill: lower is a waiver, higher raises it; not chargeable any more waives it', async () => {
    const w = await world();
    const id = await startedOrder(w, '2026-10-10T02:00:00.000Z');
    await complete(w, '2026-10-10T03:00:00.000Z', id, 8000).expect(200);
    const [bill] = await unitBills(w);

    // Failed acceptance: the bill stays as it is until the rework is completed.
    await failAcceptance(w, '2026-10-11T02:00:00.000Z', id).expect(200);
    expect((await orderOf(w, id)).bill).toMatchObject({ billId: bill.id, amountFen: 8000 });

    await postAt(t, '2026-10-12T02:00:00.000Z', w.technician, `/${id}/start`).expect(200);
    const cheaper = await complete(w, '2026-10-12T03:00:00.000Z', id, 5000, '只换阀芯 cartridge only').expect(
      200,
    );
    expect(cheaper.body.bill).toMatchObject({ billId: bill.id, amountFen: 5000, outstandingFen: 5000 });
    const adjustments = await t.dataSource.manager.findBy(BillAdjustment, { billId: String(bill.id) });
    expect(adjustments).toEqual([
      expect.objectContaining({
        amountFen: 3000,
        reason: expect.stringContaining('只换阀芯 cartridge only'),
        approvedById: w.technician.user.id,
        approvedAt: new Date('2026-10-12T03:00:00.000Z'),
      }),
    ]);

    await failAcceptance(w, '2026-10-13T02:00:00.000Z', id).expect(200);
    await postAt(t, '2026-10-14T02:00:00.000Z', w.technician, `/${id}/start`).expect(200);
    const dearer = await complete(w, '2026-10-14T03:00:00.000Z', id, 9000).expect(200);
    expect(dearer.body.bill).toMatchObject({ billId: bill.id, amountFen: 9000, outstandingFen: 9000 });
    expect(await countRows(t, 'bills', 'unit_id = ?', [w.unit.id])).toBe(1);
    const row = await t.dataSource.manager.findOneByOrFail(Bill, { id: String(bill.id) });
    expect(row).toMatchObject({ amountFen: 12000, waivedFen: 3000, period: '2026-10' });

    // Failed again, and the charge is waived: the rework is completed as not chargeable.
    await failAcceptance(w, '2026-10-15T02:00:00.000Z', id).expect(200);
    await postAt(t, '2026-10-16T02:00:00.000Z', w.technician, `/${id}/start`).expect(200);
    const free = await complete(
      w,
      '2026-10-16T03:00:00.000Z',
      id,
      null,
      '返工免费 rework free of charge',
    ).expect(200);
    expect(free.body.bill).toMatchObject({ billId: bill.id, amountFen: 0, outstandingFen: 0, paid: false });
    expect((await unitBills(w))[0]).toMatchObject({ status: 'settled', waivedFen: 12000 });
    const reasons = (await t.dataSource.manager.findBy(BillAdjustment, { billId: String(bill.id) })).map(
      (adjustment) => adjustment.reason,
    );
    expect(reasons).toEqual(
      expect.arrayContaining([expect.stringContaining('返工免费 rework free of charge')]),
    );
    const balance = await t.http
      .get(`/api/v1/fees/units/${w.unit.id}/balance`)
      .set(w.finance.auth)
      .expect(200);
    expect(balance.body.outstandingFen).toBe(0);
  });

  it('a partly paid bill: a lower charge waives only what is outstanding, the paid part stays (audited)', async () => {
    const w = await world();
    const id = await startedOrder(w, '2026-10-10T02:00:00.000Z');
    await complete(w, '2026-10-10T03:00:00.000Z', id, 8000).expect(200);
    const [bill] = await unitBills(w);
    t.clock.set('2026-10-10T04:00:00.000Z');
    await pay(t, w.finance, w.unit, 6000, { billIds: [bill.id] }).expect(201);

    await failAcceptance(w, '2026-10-11T02:00:00.000Z', id).expect(200);
    await postAt(t, '2026-10-12T02:00:00.000Z', w.technician, `/${id}/start`).expect(200);
    const lower = await complete(w, '2026-10-12T03:00:00.000Z', id, 5000).expect(200);
    // 8000 − 5000 = 3000 less, but only 2000 is outstanding: 2000 waived, 1000 paid beyond the charge.
    expect(lower.body.bill).toMatchObject({ amountFen: 6000, paidFen: 6000, outstandingFen: 0, paid: true });
    const waive = await t.dataSource.manager.findOneByOrFail(AuditEntry, {
      entityType: 'bill',
      entityId: String(bill.id),
      action: 'waive',
    });
    expect(waive.details).toMatchObject({
      amountFen: 2000,
      fromFen: 8000,
      toFen: 5000,
      paidBeyondChargeFen: 1000,
    });
  });

  it('cancelling an order reverses its bill with the cancel reason (the fees side of the port)', async () => {
    // The lifecycle allows `cancel` only before work starts (reported/assigned), so no billed order
    // reaches it over HTTP today; the link still reverses a bill when a cancellation names one.
    const w = await world();
    const id = await startedOrder(w, '2026-10-10T02:00:00.000Z');
    await complete(w, '2026-10-10T03:00:00.000Z', id, 4500).expect(200);
    const [bill] = await unitBills(w);
    await t.app.get(TransactionService).run((manager) =>
      t.app.get(RepairBillingLink).charge(manager, {
        kind: 'cancelled',
        workOrderId: id,
        code: 'WO-TEST',
        estateId: w.estate.id,
        unitId: w.unit.id,
        chargeable: false,
        amountFen: null,
        at: new Date('2026-10-10T05:00:00.000Z'),
        reason: '业主不修了 resident withdrew',
        actor: { id: w.manager.user.id, name: w.manager.user.displayName },
      }),
    );
    expect((await unitBills(w))[0]).toMatchObject({ id: bill.id, waivedFen: 4500, outstandingFen: 0 });
    const [adjustment] = await t.dataSource.manager.findBy(BillAdjustment, { billId: String(bill.id) });
    expect(adjustment.reason).toContain('业主不修了 resident withdrew');

    // Over HTTP: a cancellable (unstarted) order has never been billed, and cancelling bills nothing.
    const created = await postAt(t, '2026-10-11T02:00:00.000Z', w.frontDesk, '', {
      estateId: w.estate.id,
      unitId: w.unit.id,
      category: 'plumbing',
      priority: 'routine',
      channel: 'phone',
      description: '门铃坏了',
    }).expect(201);
    const cancelled = await postAt(t, '2026-10-11T03:00:00.000Z', w.frontDesk, `/${created.body.id}/cancel`, {
      reason: '重复报修 duplicate',
    }).expect(200);
    expect(cancelled.body.bill).toBeNull();
    expect(await countRows(t, 'bills', 'unit_id = ?', [w.unit.id])).toBe(1);
  });

  it('never bills a public-area repair, and two repairs of one unit in a month are two bills', async () => {
    const w = await world();
    const publicArea = await startedOrder(w, '2026-10-10T02:00:00.000Z', {
      unitId: undefined,
      locationText: '3 号楼大堂 lobby of building 3',
    });
    const done = await complete(w, '2026-10-10T03:00:00.000Z', publicArea, 20000).expect(200);
    expect(done.body.bill).toBeNull();
    expect(await countRows(t, 'bills', 'estate_id = ?', [w.estate.id])).toBe(0);

    const first = await startedOrder(w, '2026-10-11T02:00:00.000Z');
    await complete(w, '2026-10-11T03:00:00.000Z', first, 1000).expect(200);
    const second = await startedOrder(w, '2026-10-12T02:00:00.000Z');
    await complete(w, '2026-10-12T03:00:00.000Z', second, 2000).expect(200);
    const bills = await unitBills(w);
    expect(bills.map((bill) => [bill.workOrderId, bill.amountFen, bill.period])).toEqual(
      expect.arrayContaining([
        [first, 1000, '2026-10'],
        [second, 2000, '2026-10'],
      ]),
    );
    expect(bills).toHaveLength(2);
  });

  it('is exactly once under a retried or doubled completion', async () => {
    const w = await world();
    const id = await startedOrder(w, '2026-10-10T02:00:00.000Z');
    t.clock.set('2026-10-10T03:00:00.000Z');
    const body = { resolution: '更换龙头', labourMinutes: 30, chargeable: true, amountFen: 8000 };
    const send = () => t.http.post(`/api/v1/work-orders/${id}/complete`).set(w.technician.auth).send(body);
    const statuses = (await Promise.all([send(), send()])).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409]);
    const retry = await send().expect(409);
    expect(retry.body.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(await countRows(t, 'bills', 'work_order_id = ?', [id])).toBe(1);
    expect(await countRows(t, 'bill_adjustments', 'estate_id = ?', [w.estate.id])).toBe(0);
  });

  it('a billing failure rolls the completion back: nothing is written', async () => {
    const w = await world();
    const id = await startedOrder(w, '2026-10-10T02:00:00.000Z');
    const link = t.app.get(RepairBillingLink);
    const spy = jest.spyOn(link, 'charge').mockRejectedValueOnce(new Error('fees unavailable'));
    try {
      const failed = await postAt(t, '2026-10-10T03:00:00.000Z', w.technician, `/${id}/complete`, {
        resolution: '更换龙头',
        labourMinutes: 30,
        chargeable: true,
        amountFen: 8000,
        materials: [{ name: '龙头', quantity: 1, unitCostFen: 5000 }],
      });
      expect(failed.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    const order = await t.dataSource.manager.findOneByOrFail(WorkOrder, { id });
    expect(order).toMatchObject({ status: 'in_progress', completedAt: null, chargeable: false });
    expect(await t.dataSource.manager.countBy(WorkOrderMaterial, { workOrderId: id })).toBe(0);
    expect(await countRows(t, 'bills', 'work_order_id = ?', [id])).toBe(0);
    // And the retry succeeds with one bill.
    await complete(w, '2026-10-10T03:05:00.000Z', id, 8000).expect(200);
    expect(await countRows(t, 'bills', 'work_order_id = ?', [id])).toBe(1);
  });
});
