import { AuditEntry } from '@estate/database';
import { Estate, Unit } from '@estate/estates';
import { Bill } from '@estate/fees';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestUser } from '../support/factories';
import { binary, createFeeItem, pay } from '../support/fees-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Receipts (issue 18 item 5, docs/fees.md "Receipts"), read back as a reader would: pdftotext for the
 * text, pdftoppm for the first page as a PNG. RECEIPT_SCREENSHOTS=<dir> keeps the PNGs (the ones in
 * docs/screenshots/ were made so).
 */
describe('receipts (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const work = mkdtempSync(join(tmpdir(), 'receipts-'));

  async function download(user: TestUser, paymentId: string, query = '') {
    const response = await t.http
      .get(`/api/v1/payments/${paymentId}/receipt.pdf${query}`)
      .set(user.auth)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', /application\/pdf/);
    return { body: response.body as Buffer, disposition: String(response.headers['content-disposition']) };
  }

  function textOf(pdf: Buffer, name: string): string {
    const file = join(work, `${name}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
  }

  /** Page 1 as a PNG (80 dpi); its size in pixels. */
  function render(pdf: Buffer, name: string): { file: string; width: number; height: number } {
    const file = join(work, `${name}.pdf`);
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(work, name),
    ]);
    const png = join(work, `${name}.png`);
    const header = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(header)!;
    if (process.env.RECEIPT_SCREENSHOTS) {
      mkdirSync(process.env.RECEIPT_SCREENSHOTS, { recursive: true });
      copyFileSync(png, join(process.env.RECEIPT_SCREENSHOTS, `receipt-${name}.png`));
    }
    return { file: png, width: Number(width), height: Number(height) };
  }

  async function counterScene(): Promise<{
    estate: Estate;
    unit: Unit;
    finance: TestUser;
    bills: Bill[];
  }> {
    t.clock.set('2026-10-01T02:00:00Z');
    const estate = await t.factory.estate({ name: '翠苑小区' });
    const finance = await t.factory.user('finance', [estate], { displayName: '李会计' });
    const unit = await t.factory.unit(estate, { areaSquareMetres: 89.5 });
    await t.factory.resident(unit, { moveInDate: '2020-01-01' });
    await createFeeItem(t, finance, estate); // ¥210.33 a month for 89.5 m²
    await createFeeItem(t, finance, estate, {
      name: '车位管理费',
      category: 'parking',
      basis: 'per_unit',
      priceCentiFen: 1_500_000, // ¥150
    });
    for (const period of ['2026-09', '2026-10'])
      await t.http
        .post('/api/v1/billing-runs')
        .set(finance.auth)
        .send({ estateId: estate.id, period })
        .expect(201);
    const bills = await t.dataSource.manager.find(Bill, {
      where: { unitId: unit.id },
      order: { period: 'ASC', category: 'ASC' },
    });
    return { estate, unit, finance, bills };
  }

  it('carries number, unit, payer, each bill, 大写 total and the balance still owed; reprints are copies', async () => {
    const { estate, unit, finance, bills } = await counterScene();
    // Owed: 2 × (21033 + 15000) = 72066. Paid now: September's two bills and ¥100 of October's fee.
    t.clock.set('2026-10-08T06:30:00Z'); // 14:30 in Shanghai
    const payment = await pay(t, finance, unit, 21033 + 15000 + 10000, {
      method: 'cash',
      payerName: '张三',
    }).expect(201);
    expect(payment.body.receiptCode).toMatch(/^RC-2026-\d{6}$/);

    const original = await download(finance, payment.body.id);
    expect(original.disposition).toContain(`${payment.body.receiptCode}.pdf`);
    const text = textOf(original.body, 'a5');
    expect(text).toContain(payment.body.receiptCode);
    expect(text).toContain('翠苑小区');
    expect(text).toMatch(/\d+-\d+/); // the unit label
    expect(text).toContain('张三');
    for (const [item, period] of [
      ['物业管理费', '2026-09'],
      ['车位管理费', '2026-09'],
      ['物业管理费', '2026-10'],
    ])
      expect(text).toMatch(new RegExp(`${item}\\s+${period}`));
    expect(text).toContain('¥210.33');
    expect(text).toContain('¥150.00');
    expect(text).toContain('¥100.00');
    expect(text).toContain('¥460.33'); // the total
    expect(text).toContain('人民币 肆佰陆拾元叁角叁分');
    // 72066 − 46033 = 26033 still owed.
    expect(text).toMatch(/本次缴费后尚欠[^\n]*¥260\.33/);
    expect(text).toMatch(/现金\s+Cash/);
    expect(text).toContain('李会计');
    expect(text).toContain('2026-10-08 14:30'); // the estate's zone, not UTC
    expect(text).toContain('收款单位（盖章）');
    expect(text).not.toContain('副本');
    const a5 = render(original.body, 'a5');
    expect([a5.width, a5.height]).toEqual([595.28, 419.53]); // A5 landscape, in points

    // A later payment does not change what this receipt says is owed after it.
    t.clock.set('2026-10-09T02:00:00Z');
    await pay(t, finance, unit, 5000).expect(201);
    const copy = await download(finance, payment.body.id);
    expect(copy.disposition).toContain(`${payment.body.receiptCode}-copy.pdf`);
    const copyText = textOf(copy.body, 'a5-copy');
    expect(copyText).toContain('副本 COPY');
    expect(copyText).toContain('第 2 次打印');
    expect(copyText).toMatch(/本次缴费后尚欠[^\n]*¥260\.33/);
    const reprints = await t.dataSource.manager.findBy(AuditEntry, {
      entityId: payment.body.id,
      action: 'reprint_receipt',
    });
    expect(reprints).toHaveLength(1);
    expect(reprints[0].details).toMatchObject({ printNumber: 2, layout: 'a5' });
    void bills;
    void estate;
  });

  it('prints an 80 mm thermal roll with the same facts', async () => {
    const { unit, finance } = await counterScene();
    t.clock.set('2026-10-08T06:30:00Z');
    const payment = await pay(t, finance, unit, 12345, { method: 'wechat', payerName: '王五' }).expect(201);
    const thermal = await download(finance, payment.body.id, '?layout=thermal');
    const text = textOf(thermal.body, 'thermal');
    expect(text).toContain(payment.body.receiptCode);
    expect(text).toContain('人民币壹佰贰拾叁元肆角伍分');
    expect(text).toContain('¥123.45');
    // 72066 − 12345 = 59721
    expect(text).toMatch(/缴后尚欠[^\n]*¥597\.21/);
    expect(text).toMatch(/微信支付\s+WeChat Pay/);
    expect(text).toContain('王五');
    expect(text).toContain('收款单位（盖章）');
    const page = render(thermal.body, 'thermal');
    expect(page.width).toBeCloseTo(226.77, 1); // 80 mm
    expect(page.height).toBeGreaterThan(page.width);

    const again = await download(finance, payment.body.id, '?layout=thermal');
    expect(textOf(again.body, 'thermal-copy')).toContain('副本 COPY');
    await t.http
      .get(`/api/v1/payments/${payment.body.id}/receipt.pdf?layout=a4`)
      .set(finance.auth)
      .expect(400);
  });

  it('a reversal prints a red receipt naming the payment it reverses, with negative lines', async () => {
    const { unit, finance } = await counterScene();
    t.clock.set('2026-10-08T06:30:00Z');
    const payment = await pay(t, finance, unit, 21033).expect(201);
    const reversed = await t.http
      .post(`/api/v1/payments/${payment.body.id}/reverse`)
      .set(finance.auth)
      .send({ reason: '收错户 wrong unit' })
      .expect(200);
    // The payment names its reversal row (it was null before issue 18).
    const reversalId = reversed.body.reversedByPaymentId as string;
    expect(reversalId).toEqual(expect.any(String));
    const text = textOf((await download(finance, reversalId)).body, 'reversal');
    expect(text).toContain(`Reversal of ${payment.body.receiptCode}`);
    expect(text).toContain('-¥210.33');
    expect(text).toContain('负贰佰壹拾元叁角叁分');
    expect(text).toMatch(/本次缴费后尚欠[^\n]*¥720\.66/);
  });
});
