import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '@estate/shared';
import { InstanceIdentity, JobRunner, TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { MonthlyReport, ReportSchedulerService, ReportsService, sha256Of } from '@estate/reports';
import { EnvironmentVariables } from '@estate/shared';
import { COMMANDS } from '../../apps/cli/src/commands';
import { binary } from '../support/fees-fixtures';
import { households } from '../support/field-operations-fixtures';
import {
  DATASET_NAMES,
  downloadReport,
  pdfText,
  reportWorld,
  ReportWorld,
  waitForReport,
} from '../support/report-fixtures';
import { isMysqlRun } from '../support/test-database';
import { createTestApp, TestApp } from '../support/test-app';

interface Metric {
  number: number;
  code: string;
  nameZh: string;
  nameEn: string;
  unit: 'percent' | 'count';
  value: number | null;
  target: number;
  comparator: '>=' | '<=';
  status: string;
}

/** The value as the report prints it, written independently of the renderer: "50%", "66.67%", "1". */
const printed = (metric: Metric, value: number | null) =>
  value === null ? '—' : metric.unit === 'percent' ? `${Number(value.toFixed(2))}%` : String(value);
const printedTarget = (metric: Metric) =>
  metric.unit === 'count' && metric.target === 0
    ? '0'
    : `${metric.comparator === '>=' ? '≥' : '≤'}${metric.target}${metric.unit === 'percent' ? '%' : ''}`;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

describe('monthly compliance reports (e2e)', () => {
  let t: TestApp;
  let world: ReportWorld;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-10T02:00:00.000Z' });
    world = await reportWorld(t);
    t.clock.set('2026-11-10T02:00:00.000Z');
  }, 120_000);
  afterAll(async () => t.close());

  async function scorecard(estateId: string): Promise<Metric[]> {
    const response = await t.http
      .get(`/api/v1/kpi/scorecard?estateId=${estateId}&period=2026-10`)
      .set(world.manager.auth)
      .expect(200);
    return response.body.metrics;
  }

  async function requestReport(locale: 'zh-CN' | 'en') {
    const created = await t.http
      .post('/api/v1/reports/monthly')
      .set(world.finance.auth)
      .send({ estateId: world.estate.id, period: '2026-10', formats: ['pdf', 'xlsx'], locale })
      .expect(202);
    expect(created.body).toMatchObject({ status: 'generating', kind: 'draft', files: [] });
    const ready = await waitForReport(t, world.finance, created.body.id);
    expect(ready).toMatchObject({ status: 'ready', error: null, scorecardSource: 'live' });
    return ready as {
      id: string;
      files: { format: string; sha256: string; sizeBytes: number; fileName: string }[];
    };
  }

  it('makes a zh-CN PDF and workbook whose numbers are the scorecard API’s', async () => {
    const metrics = await scorecard(world.estate.id);
    const byCode = Object.fromEntries(metrics.map((metric) => [metric.code, metric]));
    // Hand-computed from the dataset: 2 counted urgent orders, 1 on time → 50%; 1 valid complaint
    // and 1 violation over 4 households → 25% each; 1 of 2 survey answers satisfied → 50%;
    // 1 public-order case ≤ 1 → pass; the only street light is in poor condition → 0%.
    expect(byCode.repair_timeliness_rate).toMatchObject({ value: 50, status: 'fail' });
    expect(byCode.valid_complaint_rate).toMatchObject({ value: 25, status: 'fail' });
    expect(byCode.violation_rate).toMatchObject({ value: 25, status: 'fail' });
    expect(byCode.overall_satisfaction_rate).toMatchObject({ value: 50, status: 'fail' });
    expect(byCode.public_order_cases).toMatchObject({ value: 1, status: 'pass' });
    expect(byCode.street_light_intact_rate).toMatchObject({ value: 0, status: 'fail' });
    expect(byCode.fee_collection_rate).toMatchObject({ value: 0, status: 'fail' });

    const report = await requestReport('zh-CN');
    expect(report.files.map((file) => file.format)).toEqual(['pdf', 'xlsx']);

    const xlsx = await downloadReport(t, world.finance, report.id, 'xlsx');
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(sha256Of(xlsx.body as Buffer)).toBe(report.files.find((file) => file.format === 'xlsx')!.sha256);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '概要',
      '考核表',
      '维修工单',
      '收缴',
      '欠费账龄',
      '巡逻',
      '保洁抽查',
      '不完好设施',
      '投诉',
      '安全事件',
      '员工合规',
      '满意度问卷',
    ]);
    const sheet = workbook.getWorksheet('考核表')!;
    expect(sheet.rowCount).toBe(26);
    for (const metric of metrics) {
      const row = sheet.getRow(metric.number + 1);
      expect(row.getCell(2).value).toBe(metric.code);
      const cell = row.getCell(7);
      if (metric.value === null) expect(cell.value).toBeNull();
      else if (metric.unit === 'percent') {
        expect(Number(cell.value) * 100).toBeCloseTo(metric.value, 8);
        expect(cell.numFmt).toBe('0.00%');
      } else expect(cell.value).toBe(metric.value);
      expect(row.getCell(12).value).toBe(
        metric.status === 'pass' ? '达标' : metric.status === 'fail' ? '未达标' : '无数据',
      );
    }
    expect(workbook.getWorksheet('维修工单')!.rowCount).toBe(3); // header + 2 counted orders
    // Codes by their labels from @estate/labels (the console's and the exports' table), never raw.
    const texts = (name: string) => {
      const values: string[] = [];
      workbook.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
      return values;
    };
    expect(workbook.getWorksheet('维修工单')!.getRow(2).getCell(2).value).toBe('急修');
    expect(workbook.getWorksheet('维修工单')!.getRow(2).getCell(3).value).toBe('给排水维修');
    expect(texts('收缴')).toContain('物业管理费');
    expect(texts('安全事件')).toEqual(expect.arrayContaining(['违章', '治安案件']));
    expect(texts('员工合规')).toEqual(expect.arrayContaining(['电工作业', '电工作业操作证']));
    expect(texts('满意度问卷')).toEqual(expect.arrayContaining(['满意', '入户走访']));
    expect(texts('不完好设施')).toEqual(expect.arrayContaining(['路灯', '一般损坏']));
    const rawCodes = ['plumbing', 'urgent', 'management_fee', 'violation', 'public_order', 'electrician'];
    const everyCell = workbook.worksheets
      .filter((sheet) => sheet.name !== '考核表')
      .flatMap((sheet) => texts(sheet.name));
    expect(
      everyCell.filter(
        (value) => rawCodes.includes(value) || ['poor', 'satisfied', 'door_to_door'].includes(value),
      ),
    ).toEqual([]);

    const pdf = await downloadReport(t, world.finance, report.id, 'pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('阳光测试苑-2026-10-月度考核报告.pdf')}`,
    );
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('阳光测试苑');
    expect(text).toContain('2026年10月');
    expect(text).toContain('草稿');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toMatch(/第1页\/共\d+页/);
    for (const metric of metrics) {
      expect(flat).toContain(metric.nameZh.replace(/\s+/g, ''));
      expect(text).toContain(printed(metric, metric.value));
      expect(text).toContain(printedTarget(metric));
    }
    // Evidence sections name the non-compliant staff and the failed inspection's issue.
    for (const name of ['经理甲', '电工乙', '路灯1', '地面有水渍']) expect(text).toContain(name);
    // Codes by their labels: the late urgent order, the poor street light, the cases, the electrician.
    for (const label of ['急修', '一般损坏', '治安案件', '电工作业']) expect(flat).toContain(label);
    for (const code of rawCodes) expect(text).not.toContain(code);
  }, 120_000);

  it('writes the English report with no Chinese except the names typed into the data', async () => {
    const report = await requestReport('en');
    const pdf = await downloadReport(t, world.finance, report.id, 'pdf');
    let text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Monthly Compliance Report');
    expect(text).toContain('October 2026');
    expect(text).toContain('Building sound rate');
    for (const label of ['Urgent', 'Poor', 'Public-order case', 'Electrician certificate'])
      expect(text).toContain(label);
    for (const name of DATASET_NAMES) text = text.split(name).join('');
    expect(text.split('\n').filter((line) => CJK.test(line))).toEqual([]);
    expect(pdf.headers['content-disposition']).toContain(
      encodeURIComponent('阳光测试苑-2026-10-monthly-compliance-report.pdf'),
    );
  }, 120_000);

  it('finalises once from the closed snapshot; the final report downloads byte-identical', async () => {
    const estate = await t.factory.estate({ name: '定稿花园' });
    await households(t, estate, 2);
    const manager = await t.factory.user('manager', [estate]);
    const finance = await t.factory.user('finance', [estate]);
    const draft = await t.http
      .post('/api/v1/reports/monthly')
      .set(manager.auth)
      .send({ estateId: estate.id, period: '2026-10', formats: ['pdf'] })
      .expect(202);
    await waitForReport(t, manager, draft.body.id);
    await t.http.post(`/api/v1/reports/${draft.body.id}/finalize`).set(finance.auth).expect(403);
    const final = await t.http
      .post(`/api/v1/reports/${draft.body.id}/finalize`)
      .set(manager.auth)
      .expect(202);
    expect(final.body).toMatchObject({
      kind: 'final',
      status: 'generating',
      origin: 'finalize',
      locale: 'zh-CN',
    });
    const ready = await waitForReport(t, manager, final.body.id);
    expect(ready).toMatchObject({
      status: 'ready',
      scorecardSource: 'snapshot',
      snapshotVersion: 1,
      allowedActions: ['download'],
    });
    const card = await t.http
      .get(`/api/v1/kpi/scorecard?estateId=${estate.id}&period=2026-10`)
      .set(manager.auth)
      .expect(200);
    expect(card.body.source).toBe('snapshot');
    expect(ready.generatedAt).toBe(card.body.snapshot.closedAt);

    const first = await downloadReport(t, manager, final.body.id, 'pdf');
    t.clock.set('2026-11-20T02:00:00.000Z');
    const second = await downloadReport(t, manager, final.body.id, 'pdf');
    expect(Buffer.compare(first.body as Buffer, second.body as Buffer)).toBe(0);
    expect(sha256Of(first.body as Buffer)).toBe(ready.files[0].sha256);
    expect(first.headers['content-disposition']).toContain(
      encodeURIComponent('定稿花园-2026-10-月度考核报告-定稿.pdf'),
    );
    expect(pdfText(first.body as Buffer)).toContain('定稿');

    const again = await t.http
      .post(`/api/v1/reports/${draft.body.id}/finalize`)
      .set(manager.auth)
      .expect(409);
    expect(again.body.code).toBe('REPORT_ALREADY_FINAL');
    const onFinal = await t.http
      .post(`/api/v1/reports/${final.body.id}/finalize`)
      .set(manager.auth)
      .expect(409);
    expect(onFinal.body.code).toBe('TRANSITION_NOT_ALLOWED');
    const list = await t.http
      .get(`/api/v1/reports?estateId=${estate.id}&period=2026-10`)
      .set(manager.auth)
      .expect(200);
    expect(list.body.items.map((item: { kind: string }) => item.kind).sort()).toEqual(['draft', 'final']);
    t.clock.set('2026-11-10T02:00:00.000Z');
  }, 120_000);

  it('refuses other roles, other estates and bad input, writing nothing', async () => {
    const other = await t.factory.estate();
    const outsider = await t.factory.user('manager', [other]);
    const technician = await t.factory.user('technician', [world.estate]);
    const before = await t.dataSource.getRepository(MonthlyReport).count();
    const post = (user: { auth: { Authorization: string } }, body: Record<string, unknown>) =>
      t.http.post('/api/v1/reports/monthly').set(user.auth).send(body);
    await post(technician, { estateId: world.estate.id, period: '2026-10' }).expect(403);
    expect(
      (await post(outsider, { estateId: world.estate.id, period: '2026-10' }).expect(403)).body.code,
    ).toBe('ESTATE_FORBIDDEN');
    expect(
      (
        await post(world.manager, { estateId: world.estate.id, period: '2026-10', formats: ['doc'] }).expect(
          400,
        )
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await post(world.manager, { estateId: world.estate.id, period: '2026-10', locale: 'fr' }).expect(400))
        .body.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await post(world.manager, { estateId: world.estate.id, period: '2026-12' }).expect(400)).body.code,
    ).toBe('PERIOD_IN_FUTURE');
    expect(await t.dataSource.getRepository(MonthlyReport).count()).toBe(before);
    const mine = await t.dataSource
      .getRepository(MonthlyReport)
      .findOneByOrFail({ estateId: world.estate.id });
    await t.http.get(`/api/v1/reports/${mine.id}`).set(outsider.auth).expect(404);
    await t.http.get(`/api/v1/reports/${mine.id}/download/pdf`).set(outsider.auth).expect(404);
    await t.http.get(`/api/v1/reports/${mine.id}/download/doc`).set(world.manager.auth).expect(400);
    expect(
      (await t.http.get(`/api/v1/reports?estateId=${world.estate.id}`).set(outsider.auth).expect(403)).body
        .code,
    ).toBe('ESTATE_FORBIDDEN');
  });

  it('renders the portfolio of the caller’s estates in both formats, failing metrics named', async () => {
    const pdf = await t.http
      .get('/api/v1/reports/portfolio.pdf?period=2026-10')
      .set(world.manager.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('阳光测试苑');
    expect(text).toContain('房屋零修、急修及时率');
    const xlsx = await t.http
      .get('/api/v1/reports/portfolio.xlsx?period=2026-10&locale=en')
      .set(world.manager.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(2); // header + the one estate this manager sees
    expect(rows[1][0]).toBe(world.estate.code);
    expect(String(rows[1][7])).toContain('Minor & emergency repair on-time rate');
    await t.http
      .get('/api/v1/reports/portfolio.pdf?period=2026-10')
      .set((await t.factory.user('technician', [world.estate])).auth)
      .expect(403);
  }, 120_000);

  it('the CLI writes the same report files through the same service', async () => {
    const out = mkdtempSync(join(tmpdir(), 'report-cli-'));
    await COMMANDS['report:monthly'].run(
      { estate: world.estate.code, period: '2026-10', format: 'xlsx', locale: 'en', out },
      t.app,
    );
    expect(readdirSync(out)).toEqual(['阳光测试苑-2026-10-monthly-compliance-report.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(out, readdirSync(out)[0])) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Scorecard')!.rowCount).toBe(26);
    const stored = await t.dataSource.getRepository(MonthlyReport).findOneByOrFail({ origin: 'cli' });
    expect(stored).toMatchObject({ status: 'ready', locale: 'en', formats: ['xlsx'] });
  }, 120_000);

  it('runs the scheduled report once per estate and month across two instances, catching up late', async () => {
    const estate = await t.factory.estate({ name: '排程花园' });
    // Before 2 November 03:00 Shanghai (= 1 Nov 19:00 UTC) nothing is due.
    t.clock.set('2026-11-01T18:00:00.000Z');
    const scheduler = t.app.get(ReportSchedulerService);
    expect((await scheduler.runDue()).filter((run) => run.estateId === estate.id)).toEqual([]);
    // The instances were down at 03:00; the next tick (09:00 the same day) catches up.
    t.clock.set('2026-11-02T01:00:00.000Z');
    let second: { runDue: () => Promise<{ estateId: string; outcome: string }[]> };
    let closeSecond = async () => undefined as void;
    if (isMysqlRun()) {
      const other = await createTestApp({
        now: '2026-11-02T01:00:00.000Z',
        environment: { DATABASE_URL: t.database.url!, MIGRATE_ON_START: 'false' },
      });
      second = other.app.get(ReportSchedulerService);
      closeSecond = async () => {
        await other.app.close();
        await other.database.drop();
      };
    } else {
      // The embedded database belongs to one process: the second "instance" is a second job runner
      // (its own instance identity) on the same database, as in job-runner.e2e-spec.ts.
      const transactions = t.app.get(TransactionService);
      const clock = t.app.get(Clock);
      second = new ReportSchedulerService(
        t.app.get(EstatesService),
        new JobRunner(transactions, clock, new InstanceIdentity()),
        t.app.get(ReportsService),
        clock,
        t.app.get(EnvironmentVariables),
      );
    }
    const [a, b] = await Promise.all([scheduler.runDue(), second.runDue()]);
    const outcomes = [...a, ...b].filter((run) => run.estateId === estate.id).map((run) => run.outcome);
    expect(outcomes.sort()).toEqual(['ran', 'skipped']);
    // A later tick does nothing more.
    t.clock.set('2026-11-02T05:00:00.000Z');
    expect((await scheduler.runDue()).find((run) => run.estateId === estate.id)?.outcome).toBe('skipped');
    await closeSecond();
    const reports = await t.dataSource.getRepository(MonthlyReport).findBy({ estateId: estate.id });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      period: '2026-10',
      origin: 'schedule',
      status: 'ready',
      uniqueKey: `scheduled:${estate.id}:2026-10`,
    });
    t.clock.set('2026-11-10T02:00:00.000Z');
  }, 180_000);
});

describe('a failed report generation (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-10T02:00:00.000Z', environment: { REPORT_MAX_BYTES: '2000' } });
  });
  afterAll(async () => t.close());

  it('leaves a failed record with the reason and no file when the storage limit is exceeded', async () => {
    const estate = await t.factory.estate();
    const manager = await t.factory.user('manager', [estate]);
    const created = await t.http
      .post('/api/v1/reports/monthly')
      .set(manager.auth)
      .send({ estateId: estate.id, period: '2026-10' })
      .expect(202);
    const failed = await waitForReport(t, manager, created.body.id);
    expect(failed).toMatchObject({ status: 'failed', files: [], allowedActions: [] });
    expect(failed.error).toContain('REPORT_MAX_BYTES');
    const files: { count: string | number }[] = await t.dataSource.query(
      'SELECT COUNT(*) AS count FROM report_files WHERE report_id = ?',
      [created.body.id],
    );
    expect(Number(files[0].count)).toBe(0);
    const download = await t.http
      .get(`/api/v1/reports/${created.body.id}/download/pdf`)
      .set(manager.auth)
      .expect(409);
    expect(download.body.code).toBe('TRANSITION_NOT_ALLOWED');
  }, 120_000);
});
