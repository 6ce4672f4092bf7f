import { TransactionService } from '@estate/database';
import { AuditEntry } from '@estate/database';
import { Estate, Unit } from '@estate/estates';
import { Bill, BillingRunService, FeeAllocation, Payment, UnitCreditEntry } from '@estate/fees';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestUser } from '../support/factories';
import { balanceOf, binary, createFeeItem, newIdempotencyKey, pay } from '../support/fees-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

describe('fees (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function estateWithFinance(settings: Estate['settings'] = null) {
    const estate = await t.factory.estate({ settings });
    const finance = await t.factory.user('finance', [estate]);
    const manager = await t.factory.user('manager', [estate]);
    return { estate, finance, manager };
  }

  async function billsOf(unit: Unit, period?: string): Promise<Bill[]> {
    return t.dataSource.manager.find(Bill, {
      where: { unitId: unit.id, ...(period ? { period } : {}) },
      order: { category: 'ASC' },
    });
  }

  function runBilling(user: TestUser, estate: Estate, period: string) {
    return t.http.post('/api/v1/billing-runs').set(user.auth).send({ estateId: estate.id, period });
  }

  it('bills, takes partial, full and overpayment, applies credit at the next run, and reverses', async () => {
    t.clock.set('2026-10-01T02:00:00Z'); // 10:00 on 1 October in Shanghai
    const { estate, finance } = await estateWithFinance();
    const unit = await t.factory.unit(estate, { areaSquareMetres: 89.5 });
    await t.factory.resident(unit, { moveInDate: '2020-01-01' });
    await createFeeItem(t, finance, estate); // ¥2.35 per m²
    await createFeeItem(t, finance, estate, {
      name: '车位管理费',
      category: 'parking',
      basis: 'per_unit',
      priceCentiFen: 1_500_000, // ¥150 a month
    });

    const run = await runBilling(finance, estate, '2026-10').expect(201);
    // 89.50 m² × ¥2.35 = ¥210.325 → 21033 fen (half-up); parking 15000 fen
    expect(run.body).toMatchObject({
      status: 'succeeded',
      unitCount: 1,
      billsCreated: 2,
      amountCreatedFen: 36033,
    });
    const [management, parking] = await billsOf(unit, '2026-10');
    expect(management).toMatchObject({ category: 'management_fee', amountFen: 21033, dueDate: '2026-10-15' });
    expect(parking).toMatchObject({
      category: 'parking',
      amountFen: 15000,
      billedDays: 31,
      daysInPeriod: 31,
    });

    // idempotent re-run: nothing new
    const again = await runBilling(finance, estate, '2026-10').expect(201);
    expect(again.body).toMatchObject({ billsCreated: 0, billsExisting: 2, amountCreatedFen: 0 });
    expect(await t.dataSource.manager.countBy(Bill, { unitId: unit.id })).toBe(2);

    // partial payment to the management bill
    t.clock.set('2026-10-05T02:00:00Z');
    const partial = await pay(t, finance, unit, 10000, { billIds: [management.id] }).expect(201);
    expect(partial.body.receiptCode).toBe('RC-2026-000001');
    expect(partial.body.allocations).toEqual([
      expect.objectContaining({ billId: management.id, amountFen: 10000 }),
    ]);
    // 36033 − 10000 = 26033
    expect(await balanceOf(t, finance, unit)).toEqual({
      unitId: unit.id,
      outstandingFen: 26033,
      creditFen: 0,
    });

    // full payment, FIFO over both bills
    const full = await pay(t, finance, unit, 26033).expect(201);
    expect(full.body.receiptCode).toBe('RC-2026-000002');
    expect(full.body.creditFen).toBe(0);
    expect(full.body.allocations.map((a: { amountFen: number }) => a.amountFen).sort()).toEqual([
      11033, 15000,
    ]);
    expect(await balanceOf(t, finance, unit)).toMatchObject({ outstandingFen: 0, creditFen: 0 });

    // overpayment with nothing open → all of it becomes credit
    const over = await pay(t, finance, unit, 5000).expect(201);
    expect(over.body).toMatchObject({ receiptCode: 'RC-2026-000003', creditFen: 5000, allocations: [] });
    expect(await balanceOf(t, finance, unit)).toMatchObject({ outstandingFen: 0, creditFen: 5000 });

    // November run applies the 5000 credit to the new bills: 21033 + 15000 − 5000 = 31033
    t.clock.set('2026-11-01T02:00:00Z');
    const november = await runBilling(finance, estate, '2026-11').expect(201);
    expect(november.body).toMatchObject({ billsCreated: 2, amountCreatedFen: 36033, creditAppliedFen: 5000 });
    expect(await balanceOf(t, finance, unit)).toMatchObject({ outstandingFen: 31033, creditFen: 0 });
    const novemberBills = await billsOf(unit, '2026-11');
    expect(novemberBills.reduce((sum, bill) => sum + bill.paidFen, 0)).toBe(5000);

    // reversal of the full payment re-opens October: 31033 + 26033 = 57066
    const reversed = await t.http
      .post(`/api/v1/payments/${full.body.id}/reverse`)
      .set(finance.auth)
      .send({ reason: '银行退票' })
      .expect(200);
    expect(reversed.body).toMatchObject({ status: 'reversed', allowedActions: [] });
    expect(reversed.body.allocations.every((a: { reversedAt: string | null }) => a.reversedAt)).toBe(true);
    expect(await balanceOf(t, finance, unit)).toMatchObject({ outstandingFen: 57066, creditFen: 0 });
    const [octoberManagement, octoberParking] = await billsOf(unit, '2026-10');
    expect(octoberManagement.paidFen).toBe(10000);
    expect(octoberParking.paidFen).toBe(0);
    const reversal = await t.dataSource.manager.findOneByOrFail(Payment, { reversesPaymentId: full.body.id });
    expect(reversal).toMatchObject({ status: 'reversal', amountFen: -26033, receiptCode: 'RC-2026-000004' });
    const trail = await t.dataSource.manager.findBy(AuditEntry, {
      entityType: 'payment',
      entityId: full.body.id,
    });
    expect(trail.map((entry) => entry.action).sort()).toEqual(['record', 'reverse']);

    // not twice, and a reversal cannot be reversed
    const twice = await t.http
      .post(`/api/v1/payments/${full.body.id}/reverse`)
      .set(finance.auth)
      .send({ reason: 'again' })
      .expect(409);
    expect(twice.body.code).toBe('TRANSITION_NOT_ALLOWED');
    const ofReversal = await t.http
      .post(`/api/v1/payments/${reversal.id}/reverse`)
      .set(finance.auth)
      .send({ reason: 'undo' })
      .expect(409);
    expect(ofReversal.body.code).toBe('TRANSITION_NOT_ALLOWED');
    // the overpayment's credit was already used by November's bills
    const used = await t.http
      .post(`/api/v1/payments/${over.body.id}/reverse`)
      .set(finance.auth)
      .send({ reason: 'refund' })
      .expect(409);
    expect(used.body.code).toBe('CREDIT_ALREADY_USED');
    expect(await balanceOf(t, finance, unit)).toMatchObject({ outstandingFen: 57066, creditFen: 0 });
  });

  it('pro-rates a mid-month move-in and bills metered consumption; refuses a decreasing reading', async () => {
    t.clock.set('2026-10-31T02:00:00Z');
    const { estate, finance } = await estateWithFinance();
    const unit = await t.factory.unit(estate, { areaSquareMetres: 89.5 });
    await t.factory.resident(unit, { moveInDate: '2026-10-20' });
    await createFeeItem(t, finance, estate);
    await createFeeItem(t, finance, estate, {
      name: '水费',
      category: 'water',
      basis: 'metered',
      meterType: 'water',
      priceCentiFen: 34500, // ¥3.45 per m³
    });
    const reading = (readingHundredths: number, readAt: string, replacement?: boolean) =>
      t.http
        .post('/api/v1/meter-readings')
        .set(finance.auth)
        .send({ unitId: unit.id, meterType: 'water', readingHundredths, readAt, replacement });
    expect((await reading(100000, '2026-09-30T08:00:00Z').expect(201)).body.consumptionHundredths).toBe(0);
    expect((await reading(101234, '2026-10-25T08:00:00Z').expect(201)).body.consumptionHundredths).toBe(1234);
    const lower = await reading(90000, '2026-10-26T08:00:00Z').expect(422);
    expect(lower.body.code).toBe('METER_READING_DECREASED');

    await runBilling(finance, estate, '2026-10').expect(201);
    const [management, water] = await billsOf(unit, '2026-10');
    // 21032.5 fen × 12/31 days (20..31 October) = 8141.6 → 8142
    expect(management).toMatchObject({ amountFen: 8142, billedDays: 12, daysInPeriod: 31 });
    // 12.34 m³ × 345 fen = 4257.3 → 4257
    expect(water).toMatchObject({ amountFen: 4257, quantityHundredths: 1234 });

    // the scheduled path runs once per (estate, period)
    const service = t.app.get(BillingRunService);
    t.clock.set('2026-11-01T02:00:00Z');
    expect((await service.runScheduled(estate.id, '2026-11')).outcome).toBe('ran');
    expect((await service.runScheduled(estate.id, '2026-11')).outcome).toBe('skipped');
    // November: whole month for management (moved in before 1 November); no water consumption → no bill
    expect((await billsOf(unit, '2026-11')).map((bill) => bill.amountFen)).toEqual([21033]);
  });

  it('answers 200, not 201, to the loser of a race that committed while it waited for its transaction', async () => {
    t.clock.set('2026-10-10T02:00:00Z');
    const { estate, finance } = await estateWithFinance();
    const unit = await t.factory.unit(estate, { areaSquareMetres: 100 });
    await createFeeItem(t, finance, estate);
    await runBilling(finance, estate, '2026-10').expect(201);
    // Hold the transactions back (on SQLite they queue behind this one; on MySQL it blocks nothing
    // and the race is simply free-running) so both requests pass the replay check before either writes.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held = t.app.get(TransactionService).run(() => gate);
    const key = newIdempotencyKey();
    const racing = Promise.all([pay(t, finance, unit, 3000, {}, key), pay(t, finance, unit, 3000, {}, key)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    open();
    await held;
    const [a, b] = await racing;
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(await t.dataSource.manager.countBy(Payment, { unitId: unit.id })).toBe(1);
  });

  it('keeps one payment per Idempotency-Key, also when two identical requests race', async () => {
    t.clock.set('2026-10-10T02:00:00Z');
    const { estate, finance } = await estateWithFinance();
    const unit = await t.factory.unit(estate, { areaSquareMetres: 100 });
    await createFeeItem(t, finance, estate);
    await runBilling(finance, estate, '2026-10').expect(201); // 100 m² × ¥2.35 = 23500 fen

    const key = newIdempotencyKey();
    const first = await pay(t, finance, unit, 5000, {}, key).expect(201);
    const replay = await pay(t, finance, unit, 5000, {}, key).expect(200);
    expect(replay.body.id).toBe(first.body.id);
    const reused = await pay(t, finance, unit, 6000, {}, key).expect(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const raceKey = newIdempotencyKey();
    const [a, b] = await Promise.all([
      pay(t, finance, unit, 7000, {}, raceKey),
      pay(t, finance, unit, 7000, {}, raceKey),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(await t.dataSource.manager.countBy(Payment, { unitId: unit.id })).toBe(2);
    // 23500 − 5000 − 7000 = 11500: charged once per key
    expect(await balanceOf(t, finance, unit)).toMatchObject({ outstandingFen: 11500, creditFen: 0 });
    // receipt codes stay gap-free: the race loser's number was rolled back
    const codes = (await t.dataSource.manager.findBy(Payment, { unitId: unit.id }))
      .map((p) => p.receiptCode)
      .sort();
    expect(codes).toEqual(['RC-2026-000001', 'RC-2026-000002']);

    const missing = await t.http
      .post('/api/v1/payments')
      .set(finance.auth)
      .send({ unitId: unit.id, amountFen: 100, method: 'cash' })
      .expect(400);
    expect(missing.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('computes collection figures, KPI #4 and arrears on a known dataset', async () => {
    t.clock.set('2026-10-01T02:00:00Z');
    // The dataset is typed in with payments dated weeks back: this estate allows 60 days of back-dating.
    const { estate, finance, manager } = await estateWithFinance({
      billing: { lateFeeEnabled: true, lateFeeDailyRatePerTenThousand: 5 },
      facts: { maxBackdateDays: 60 },
    });
    const buildingA = await t.factory.building(estate, { number: 'A' });
    const buildingB = await t.factory.building(estate, { number: 'B' });
    const unit1 = await t.factory.unit(estate, { building: buildingA, areaSquareMetres: 100 });
    const unit2 = await t.factory.unit(estate, { building: buildingB, areaSquareMetres: 50 });
    await t.factory.resident(unit1, { relation: 'owner', phone: '13812345678' });
    await t.factory.resident(unit2, { relation: 'owner', phone: '13900001111' });
    await createFeeItem(t, finance, estate, { priceCentiFen: 20000 }); // ¥2.00 per m²
    await createFeeItem(t, finance, estate, {
      name: '车位费',
      category: 'parking',
      basis: 'per_unit',
      priceCentiFen: 1_000_000, // ¥100
    });
    await runBilling(finance, estate, '2026-09').expect(201);
    await runBilling(finance, estate, '2026-10').expect(201);
    // management: unit1 20000/month, unit2 10000/month; parking 10000/month each
    const [u1SepManagement] = await billsOf(unit1, '2026-09');
    const [u1OctManagement] = await billsOf(unit1, '2026-10');
    const [u2SepManagement, u2SepParking] = await billsOf(unit2, '2026-09');
    const [u2OctManagement, u2OctParking] = await billsOf(unit2, '2026-10');
    expect(u2SepParking.amountFen).toBe(10000);

    // waiver of 2000 on unit2's October management bill, approved in October
    t.clock.set('2026-10-25T02:00:00Z');
    const waiver = await t.http
      .post(`/api/v1/bills/${u2OctManagement.id}/adjustments`)
      .set(manager.auth)
      .send({ amountFen: 2000, reason: '困难减免' })
      .expect(201);
    expect(waiver.body).toMatchObject({ amountFen: 2000, approvedByName: manager.user.displayName });
    expect(waiver.body.bill.outstandingFen).toBe(8000);

    t.clock.set('2026-11-02T02:00:00Z');
    await pay(t, finance, unit1, 40000, {
      billIds: [u1SepManagement.id, u1OctManagement.id],
      paidAt: '2026-10-20T02:00:00Z',
    }).expect(201);
    const u2Sep = await pay(t, finance, unit2, 10000, {
      billIds: [u2SepManagement.id],
      paidAt: '2026-09-20T02:00:00Z',
    }).expect(201);
    await pay(t, finance, unit2, 10000, {
      billIds: [u2OctParking.id],
      paidAt: '2026-10-22T02:00:00Z',
    }).expect(201);
    // 00:30 on 1 November in Shanghai: after October's end, must not count for October
    await pay(t, finance, unit2, 8000, {
      billIds: [u2OctManagement.id],
      paidAt: '2026-10-31T16:30:00Z',
    }).expect(201);

    const figures = await t.http
      .get('/api/v1/fees/collection')
      .query({ estateId: estate.id, period: '2026-10' })
      .set(finance.auth)
      .expect(200);
    // current month (October bills): receivable 20000+10000+10000+10000 − 2000 = 48000;
    // collected: unit1 October management 20000 + unit2 October parking 10000 = 30000 → 0.625
    expect(figures.body.currentMonth).toEqual({ receivableFen: 48000, collectedFen: 30000, rate: 0.625 });
    // YTD (September + October): receivable 100000 − 2000 = 98000; collected 40000 + 10000 + 10000 = 60000
    // 60000 / 98000 = 0.61224… → 0.6122
    expect(figures.body.yearToDate).toEqual({ receivableFen: 98000, collectedFen: 60000, rate: 0.6122 });
    // 清欠: paid in October on September bills: unit1's 20000 for September management
    expect(figures.body.arrearsRecoveredFen).toBe(20000);
    const management = figures.body.byCategory.find((row: { key: string }) => row.key === 'management_fee');
    // management YTD: 60000 − 2000 = 58000 receivable, 50000 collected → 0.86206… → 0.8621
    expect(management.yearToDate).toEqual({ receivableFen: 58000, collectedFen: 50000, rate: 0.8621 });
    // management October: 30000 − 2000 = 28000; collected 20000 → 0.71428… → 0.7143
    expect(management.currentMonth).toEqual({ receivableFen: 28000, collectedFen: 20000, rate: 0.7143 });
    const buildingBRow = figures.body.byBuilding.find((row: { key: string }) => row.key === buildingB.id);
    // building B YTD: 10000+10000+10000+10000 − 2000 = 38000; collected 10000 + 10000 = 20000
    expect(buildingBRow).toMatchObject({
      label: 'B',
      yearToDate: { receivableFen: 38000, collectedFen: 20000 },
    });

    const { CollectionService } = await import('@estate/fees');
    const kpi = t.app.get(CollectionService);
    expect(await kpi.managementFeeCollectionRate(estate.id, '2026-10')).toEqual({
      numeratorFen: 50000,
      denominatorFen: 58000,
      rate: 0.8621,
    });
    const unpaid = await kpi.unpaidManagementFeeBills(estate.id, '2026-10', { page: 1, pageSize: 50 });
    // only unit2's October bill: 10000 − 2000 waived, paid only after period end → 8000
    expect(unpaid.total).toBe(1);
    expect(unpaid.items[0]).toMatchObject({ id: u2OctManagement.id, outstandingAtPeriodEndFen: 8000 });

    const arrears = await t.http
      .get('/api/v1/arrears')
      .query({ estateId: estate.id, asOf: '2026-10-31' })
      .set(finance.auth)
      .expect(200);
    // unit1: September parking (due 09-15, 46 days) 10000, October parking (16 days) 10000
    // unit2: September parking 10000, October management 8000 (the 8000 paid on 1 November is later)
    expect(arrears.body.total).toEqual({
      days0To30: 18000,
      days31To90: 20000,
      days91To180: 0,
      days181To365: 0,
      over365: 0,
      totalFen: 38000,
    });
    const row1 = arrears.body.units.find((row: { unitId: string }) => row.unitId === unit1.id);
    expect(row1).toMatchObject({
      buildingNumber: 'A',
      billCount: 2,
      outstanding: { days0To30: 10000, days31To90: 10000, totalFen: 20000 },
      // 10000 × 0.05 % × 46 days = 230; 10000 × 0.05 % × 16 days = 80
      lateFeeFen: 310,
      lastPaymentAt: '2026-10-20T02:00:00.000Z',
      lastPaymentFen: 40000,
      contactPhone: '138****5678',
    });
    const row2 = arrears.body.units.find((row: { unitId: string }) => row.unitId === unit2.id);
    // 8000 × 0.05 % × 16 = 64; 10000 × 0.05 % × 46 = 230
    expect(row2).toMatchObject({ lateFeeFen: 294, lastPaymentFen: 10000, outstanding: { totalFen: 18000 } });
    expect(arrears.body.buildings.map((row: { buildingNumber: string }) => row.buildingNumber)).toEqual([
      'A',
      'B',
    ]);

    // a reversal after period end (effective 5 Nov): October keeps the payment (50000 / 58000 =
    // 0.86206… → 0.8621); November's year-to-date figure (no November bills: the same 58000) adds
    // unit 2's 8000 paid at 00:30 local on 1 November and drops the reversed 10000:
    // 50000 + 8000 − 10000 = 48000 / 58000 = 0.82758… → 0.8276
    t.clock.set('2026-11-05T02:00:00Z');
    await t.http
      .post(`/api/v1/payments/${u2Sep.body.id}/reverse`)
      .set(finance.auth)
      .send({ reason: '错账' })
      .expect(200);
    expect(await kpi.managementFeeCollectionRate(estate.id, '2026-10')).toEqual({
      numeratorFen: 50000,
      denominatorFen: 58000,
      rate: 0.8621,
    });
    expect(await kpi.managementFeeCollectionRate(estate.id, '2026-11')).toEqual({
      numeratorFen: 48000,
      denominatorFen: 58000,
      rate: 0.8276,
    });

    // dunning log
    await t.http
      .post('/api/v1/dunning-records')
      .set(finance.auth)
      .send({ unitId: unit2.id, method: 'phone', outcome: '业主承诺月底前缴清' })
      .expect(201);
    const log = await t.http
      .get('/api/v1/dunning-records')
      .query({ estateId: estate.id, unitId: unit2.id })
      .set(finance.auth)
      .expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ method: 'phone', staffName: finance.user.displayName }),
    ]);
  });

  it('prints a receipt PDF with the receipt code and the amount in yuan', async () => {
    t.clock.set('2026-10-10T02:00:00Z');
    const { estate, finance } = await estateWithFinance();
    const unit = await t.factory.unit(estate, { areaSquareMetres: 89.5 });
    await createFeeItem(t, finance, estate);
    await runBilling(finance, estate, '2026-10').expect(201);
    const payment = await pay(t, finance, unit, 21033, { payerName: '张三' }).expect(201);
    const response = await t.http
      .get(`/api/v1/payments/${payment.body.id}/receipt.pdf`)
      .set(finance.auth)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', /application\/pdf/);
    const file = join(mkdtempSync(join(tmpdir(), 'receipt-')), 'receipt.pdf');
    writeFileSync(file, response.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(payment.body.receiptCode);
    expect(text).toContain('¥210.33');
    expect(text).toContain('收款收据');
    expect(text).toContain('张三');
  });

  it('streams xlsx exports with yuan numbers, a frozen header and totals', async () => {
    t.clock.set('2026-10-10T02:00:00Z');
    const { estate, finance } = await estateWithFinance();
    const unit1 = await t.factory.unit(estate, { areaSquareMetres: 89.5 });
    const unit2 = await t.factory.unit(estate, { areaSquareMetres: 100 });
    await createFeeItem(t, finance, estate);
    await runBilling(finance, estate, '2026-10').expect(201);
    await pay(t, finance, unit1, 10000).expect(201);

    const read = async (path: string, query: Record<string, string>) => {
      const response = await t.http
        .get(path)
        .query(query)
        .set(finance.auth)
        .buffer(true)
        .parse(binary)
        .expect(200)
        .expect('Content-Type', /spreadsheetml/);
      expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
      return workbook.worksheets[0];
    };
    const bills = await read('/api/v1/fees/exports/bills.xlsx', { estateId: estate.id, period: '2026-10' });
    expect(bills.name).toBe('账单');
    expect(bills.getRow(1).getCell(1).value).toBe('楼栋');
    // The category by its label (@estate/labels), never `management_fee`.
    expect(bills.getRow(2).getCell(4).value).toBe('物业管理费');
    expect(bills.getRow(4).getCell(1).value).toBe('合计 (2)');
    expect(bills.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(bills.rowCount).toBe(4); // header, 2 bills, totals
    const totals = bills.getRow(4);
    // amounts: 21033 + 23500 = 44533 fen = ¥445.33; paid 100.00; outstanding 345.33
    expect(totals.getCell(8).value).toBeCloseTo(445.33, 2);
    expect(totals.getCell(10).value).toBeCloseTo(100, 2);
    expect(totals.getCell(11).value).toBeCloseTo(345.33, 2);
    expect(bills.getRow(2).getCell(8).numFmt).toBe('#,##0.00');
    expect(unit2.id).toBeDefined();
    const englishBills = await read('/api/v1/fees/exports/bills.xlsx', {
      estateId: estate.id,
      period: '2026-10',
      locale: 'en',
    });
    expect(englishBills.name).toBe('Bills');
    expect(englishBills.getRow(1).getCell(8).value).toBe('Amount (¥)');
    expect(englishBills.getRow(2).getCell(4).value).toBe('Management fee');
    expect(englishBills.getRow(4).getCell(1).value).toBe('Total (2)');

    const payments = await read('/api/v1/fees/exports/payments.xlsx', {
      estateId: estate.id,
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(payments.rowCount).toBe(3);
    expect(payments.getRow(2).getCell(1).value).toBe('RC-2026-000001');
    expect(payments.getRow(2).getCell(9).value).toBeCloseTo(100, 2);
    expect([6, 8].map((cell) => payments.getRow(2).getCell(cell).value)).toEqual(['微信支付', '已收款']);
    const englishPayments = await read('/api/v1/fees/exports/payments.xlsx', {
      estateId: estate.id,
      from: '2026-10-01',
      to: '2026-10-31',
      locale: 'en',
    });
    expect([6, 8].map((cell) => englishPayments.getRow(2).getCell(cell).value)).toEqual([
      'WeChat Pay',
      'Recorded',
    ]);

    const arrears = await read('/api/v1/fees/exports/arrears.xlsx', {
      estateId: estate.id,
      asOf: '2026-10-20',
    });
    expect(arrears.rowCount).toBe(4); // header, 2 units, totals
    expect(arrears.getRow(4).getCell(11).value).toBeCloseTo(345.33, 2);
    expect(arrears.getRow(1).getCell(6).value).toBe('0–30 天(¥)');
    const englishArrears = await read('/api/v1/fees/exports/arrears.xlsx', {
      estateId: estate.id,
      asOf: '2026-10-20',
      locale: 'en',
    });
    expect(englishArrears.name).toBe('Arrears');
    expect(englishArrears.getRow(1).getCell(6).value).toBe('0–30 days (¥)');
    await t.http
      .get('/api/v1/fees/exports/arrears.xlsx')
      .query({ estateId: estate.id, asOf: '2026-10-20', locale: 'EN' })
      .set(finance.auth)
      .expect(400);
  });

  it('refuses the wrong roles and estates, and bad input, writing nothing', async () => {
    t.clock.set('2026-10-10T02:00:00Z');
    const { estate, finance, manager } = await estateWithFinance();
    const other = await estateWithFinance();
    const unit = await t.factory.unit(estate, { areaSquareMetres: 100 });
    const otherUnit = await t.factory.unit(other.estate, { areaSquareMetres: 100 });
    await createFeeItem(t, finance, estate);
    await createFeeItem(t, other.finance, other.estate);
    await runBilling(finance, estate, '2026-10').expect(201);
    await runBilling(other.finance, other.estate, '2026-10').expect(201);
    const [bill] = await billsOf(unit, '2026-10');
    const [otherBill] = await billsOf(otherUnit, '2026-10');
    const frontDesk = await t.factory.user('front_desk', [estate]);
    const resident = await t.factory.user('resident', [estate], { unitId: unit.id });

    // roles
    expect((await runBilling(frontDesk, estate, '2026-10').expect(403)).body.code).toBeDefined();
    await pay(t, resident, unit, 100).expect(403);
    await t.http
      .post(`/api/v1/bills/${bill.id}/adjustments`)
      .set(finance.auth)
      .send({ amountFen: 100, reason: 'x' })
      .expect(403);
    // estates
    expect((await runBilling(other.finance, estate, '2026-10').expect(403)).body.code).toBe(
      'ESTATE_FORBIDDEN',
    );
    expect((await pay(t, other.finance, unit, 100).expect(422)).body.code).toBe('UNIT_NOT_FOUND');
    await t.http.get(`/api/v1/bills/${bill.id}`).set(other.finance.auth).expect(404);
    await t.http
      .post(`/api/v1/bills/${bill.id}/adjustments`)
      .set(other.manager.auth)
      .send({ amountFen: 100, reason: 'x' })
      .expect(404);
    await t.http
      .get('/api/v1/arrears')
      .query({ estateId: estate.id, asOf: '2026-10-31' })
      .set(other.finance.auth)
      .expect(403);
    // residents see only their own unit's bills
    const own = await t.http.get('/api/v1/bills').set(resident.auth).expect(200);
    expect(own.body.items.map((item: { id: string }) => item.id)).toEqual([bill.id]);

    // bad input
    for (const amountFen of [0, -5, 2 ** 53, 12.5])
      expect((await pay(t, finance, unit, amountFen).expect(400)).body.code).toBeDefined();
    await pay(t, finance, unit, 100, { unitId: '0190e3a8-0000-7000-8000-000000000000' }).expect(422);
    const foreignBill = await pay(t, finance, unit, 100, { billIds: [otherBill.id] }).expect(422);
    expect(foreignBill.body.code).toBe('BILL_NOT_FOUND');
    await runBilling(finance, estate, '2026-13').expect(400);
    const ahead = await runBilling(finance, estate, '2026-12').expect(422);
    expect(ahead.body.code).toBe('BILLING_PERIOD_TOO_FAR_AHEAD');
    const tooMuch = await t.http
      .post(`/api/v1/bills/${bill.id}/adjustments`)
      .set(manager.auth)
      .send({ amountFen: 23501, reason: 'too much' })
      .expect(422);
    expect(tooMuch.body.code).toBe('ADJUSTMENT_EXCEEDS_OUTSTANDING');

    // nothing was written by any failed request
    const db = t.dataSource.manager;
    expect(await db.countBy(Payment, { estateId: estate.id })).toBe(0);
    expect(await db.countBy(FeeAllocation, { estateId: estate.id })).toBe(0);
    expect(await db.countBy(UnitCreditEntry, { estateId: estate.id })).toBe(0);
    expect((await db.findOneByOrFail(Bill, { id: bill.id })).waivedFen).toBe(0);
    expect(await db.countBy(Bill, { estateId: estate.id })).toBe(1);
    // and the first real payment still gets receipt number 1
    expect((await pay(t, finance, unit, 100).expect(201)).body.receiptCode).toBe('RC-2026-000001');
  });
});
