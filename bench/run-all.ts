/**
 * npm run bench [-- --estates 20 --units-per-estate 5000 --months 12 --seed 42]
 *
 * Issue #10's one benchmark command: generates the portfolio (or reuses it when the marker table
 * says the database already holds exactly these arguments), starts the real API on it and measures
 * every module's operation on the generated data, then prints ONE table: operation | dataset | p50 |
 * p99 | throughput | peak RSS | floor ratio. Floors are the same work done the bare way:
 * - billing run vs bare mysql2 multi-row INSERTs of the same number of bill rows;
 * - scorecard / portfolio vs the exact SQL statements it issued (captured), run through mysql2;
 * - bills xlsx export vs the same SELECT statements through mysql2 written as CSV.
 * DATABASE_URL (default mysql://root@127.0.0.1:3306/estate_bench_portfolio), BENCH_REQUESTS (20),
 * BENCH_SECONDS (10), BENCH_REPORT_RUNS (1).
 */
import { Estate } from '@estate/estates';
import { BillingRun, BillingRunService } from '@estate/fees';
import { ReportsService } from '@estate/reports';
import { baseColumns, shiftPeriod } from '@estate/shared';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createConnection, Connection } from 'mysql2/promise';
import { parseArguments } from './generator/cli';
import { DEFAULT_PARAMETERS } from '@estate/demo';
import { generatePortfolio } from './generator/portfolio';
import { benchUser, startBenchApp } from './support/app';
import { CapturedQuery, captureQueries } from './support/explain';
import {
  loadAverage,
  log,
  measureLatency,
  measureThroughput,
  printTable,
  quantile,
  waitForQuiet,
  withPeakRss,
} from './support/measure';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REPORT_RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 1);
const PERIOD = DEFAULT_PARAMETERS.lastPeriod;

interface Row {
  operation: string;
  dataset: string;
  'p50 ms': string;
  'p99 ms': string;
  throughput: string;
  'peak RSS MiB': string;
  'floor ratio': string;
}

const rows: Row[] = [];
const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function add(row: Partial<Row> & { operation: string; dataset: string }): void {
  rows.push({
    operation: row.operation,
    dataset: row.dataset,
    'p50 ms': row['p50 ms'] ?? '',
    'p99 ms': row['p99 ms'] ?? '',
    throughput: row.throughput ?? '',
    'peak RSS MiB': row['peak RSS MiB'] ?? '',
    'floor ratio': row['floor ratio'] ?? '',
  });
  log(`${row.operation}: ${JSON.stringify(row)}`);
}

function rawConnection(url: string): Promise<Connection> {
  const parsed = new URL(url);
  return createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.replace(/^\//, ''),
    timezone: 'Z',
  });
}

/** Runs captured statements through bare mysql2, `runs` times; median total ms. */
async function floorOf(raw: Connection, statements: CapturedQuery[], runs = 5): Promise<number> {
  const totals: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    for (const statement of statements) {
      if (/^\s*(START TRANSACTION|COMMIT|ROLLBACK|SET )/i.test(statement.sql)) continue;
      await raw.query(statement.sql, statement.parameters);
    }
    totals.push(performance.now() - started);
  }
  totals.sort((a, b) => a - b);
  return quantile(totals, 0.5);
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const url = process.env.DATABASE_URL ?? args.url;
  if (!url.startsWith('mysql:'))
    throw new Error('npm run bench measures on MySQL/MariaDB (DATABASE_URL=mysql://…)');
  log(`load before start: ${loadAverage()}`);
  const generated = await generatePortfolio(url, args, { reuse: true, log });
  await generated.dataSource.destroy();
  const generation = generated.result;
  const total = (table: string) => generation.rows[table] ?? 0;
  const portfolio = `${args.estates} estates × ${fmt(args.unitsPerEstate)} units, ${args.months} months`;
  if (!generation.reused)
    add({
      operation: 'generate portfolio (bench:generate)',
      dataset: `${portfolio}; ${fmt(Object.values(generation.rows).reduce((a, b) => a + b, 0))} rows`,
      throughput: `${fmt(Object.values(generation.rows).reduce((a, b) => a + b, 0) / generation.seconds)} rows/s in ${fmt(generation.seconds, 1)} s`,
      'peak RSS MiB': fmt(process.resourceUsage().maxRSS / 1024),
    });

  const bench = await startBenchApp(url);
  const raw = await rawConnection(url);
  try {
    const manager = bench.dataSource.manager;
    const estates = await manager.find(Estate, { order: { code: 'ASC' } });
    const estate = estates.find((candidate) => candidate.code === generation.estateCodes[0])!;
    const count = async (sql: string, parameters: unknown[] = []) =>
      Number(((await manager.query(sql, parameters)) as { n: string }[])[0].n);
    const estateOrders = await count('SELECT COUNT(*) AS n FROM work_orders WHERE estate_id = ?', [
      estate.id,
    ]);
    const estateUnits = await count('SELECT COUNT(*) AS n FROM units WHERE estate_id = ?', [estate.id]);
    const estateLabel = `${estate.code}: ${fmt(estateUnits)} units`;
    const admin = await benchUser(bench, 'admin', [], 'bench-admin');
    const finance = await benchUser(bench, 'finance', [estate.id], 'bench-finance');
    const manage = await benchUser(bench, 'manager', [estate.id], 'bench-manager');
    const api = bench.api;

    // Latency over HTTP: p50/p99 of sequential requests, RSS sampled while they run ---------------------
    const latency = async (
      operation: string,
      dataset: string,
      path: string,
      headers: Record<string, string>,
      options: { count?: number; maxSeconds?: number; minCount?: number; warmup?: number } = {},
    ) => {
      log(`load before ${operation}: ${await waitForQuiet(2.5, 5)}`);
      const measured = await withPeakRss(() =>
        measureLatency(operation, `${api}${path}`, headers, {
          count: REQUESTS,
          warmup: 3,
          maxSeconds: 60,
          minCount: 5,
          ...options,
        }),
      );
      const figures = measured.result;
      add({
        operation: `${operation} (n=${figures.requests})`,
        dataset,
        'p50 ms': fmt(figures.p50, 1),
        'p99 ms': fmt(figures.p99, 1),
        throughput: `${fmt(1000 / figures.mean, 1)} req/s (1 conn)`,
        'peak RSS MiB': fmt(measured.peakMiB),
      });
      return figures;
    };

    await latency(
      'GET /work-orders (page 1)',
      `${estate.code}: ${fmt(estateOrders)} of ${fmt(total('work_orders'))} work orders`,
      `/work-orders?estateId=${estate.id}&pageSize=20`,
      manage.headers,
    );
    await latency(
      'GET /work-orders?status=in_progress&priority=routine p3',
      `${estate.code}: ${fmt(estateOrders)} work orders`,
      `/work-orders?estateId=${estate.id}&status=assigned,in_progress&priority=routine&page=3&pageSize=20`,
      manage.headers,
    );
    await latency(
      `GET /work-orders/stats ${PERIOD}`,
      `${estate.code}: ${fmt(estateOrders)} work orders`,
      `/work-orders/stats?estateId=${estate.id}&period=${PERIOD}`,
      manage.headers,
    );
    const assetCount = await count('SELECT COUNT(*) AS n FROM assets WHERE estate_id = ?', [estate.id]);
    const recordCount = await count('SELECT COUNT(*) AS n FROM asset_condition_records WHERE estate_id = ?', [
      estate.id,
    ]);
    await latency(
      'GET /assets/health',
      `${estate.code}: ${fmt(assetCount)} assets, ${fmt(recordCount)} condition records`,
      `/assets/health?estateId=${estate.id}&asOf=${encodeURIComponent('2026-11-01T00:00:00.000Z')}`,
      manage.headers,
    );

    // Scorecard vs the SQL it issues -----------------------------------------------------------------
    const scorecardPath = `/kpi/scorecard?estateId=${estate.id}&period=${PERIOD}`;
    const scorecard = await latency(
      `GET /kpi/scorecard ${PERIOD}`,
      `${estateLabel}, 12 months of every module`,
      scorecardPath,
      manage.headers,
    );
    const scorecardSql = await captureQueries(bench.dataSource, async () => {
      const response = await fetch(`${api}${scorecardPath}`, { headers: manage.headers });
      await response.arrayBuffer();
    });
    const scorecardFloor = await floorOf(raw, scorecardSql);
    rows[rows.length - 1]['floor ratio'] =
      `${(scorecard.p50 / scorecardFloor).toFixed(2)}× (${scorecardSql.length} statements in ${fmt(scorecardFloor, 1)} ms via mysql2)`;

    const portfolioPath = `/kpi/portfolio?period=${PERIOD}`;
    const portfolioFigures = await latency(
      `GET /kpi/portfolio ${PERIOD} (admin)`,
      `${estates.length} estates, ${fmt(total('units'))} units`,
      portfolioPath,
      admin.headers,
      { count: Math.min(REQUESTS, 5), warmup: 1, minCount: 2, maxSeconds: 120 },
    );
    const portfolioSql = await captureQueries(bench.dataSource, async () => {
      const response = await fetch(`${api}${portfolioPath}`, { headers: admin.headers });
      await response.arrayBuffer();
    });
    const portfolioFloor = await floorOf(raw, portfolioSql, 2);
    rows[rows.length - 1]['floor ratio'] =
      `${(portfolioFigures.p50 / portfolioFloor).toFixed(2)}× (${portfolioSql.length} statements in ${fmt(portfolioFloor, 0)} ms via mysql2)`;

    // Bills export (xlsx over HTTP) vs the same SELECTs through mysql2 written as CSV --------------------
    const exportPath = `/fees/exports/bills.xlsx?estateId=${estate.id}&period=${PERIOD}`;
    const exportRows = await count('SELECT COUNT(*) AS n FROM bills WHERE estate_id = ? AND period = ?', [
      estate.id,
      PERIOD,
    ]);
    log(`load before export: ${await waitForQuiet(2.5, 5)}`);
    const exportTimes: number[] = [];
    let exportSql: CapturedQuery[] = [];
    const exported = await withPeakRss(async () => {
      for (let run = 0; run < 5; run++) {
        const work = async () => {
          const started = performance.now();
          const response = await fetch(`${api}${exportPath}`, { headers: finance.headers });
          if (response.status !== 200) throw new Error(`export: ${response.status} ${await response.text()}`);
          await response.arrayBuffer();
          exportTimes.push(performance.now() - started);
        };
        if (run === 0) exportSql = await captureQueries(bench.dataSource, work);
        else await work();
      }
    });
    exportTimes.sort((a, b) => a - b);
    const csvPath = `/tmp/bench-floor-${process.pid}.csv`;
    const csvTimes: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const out = createWriteStream(csvPath);
      for (const statement of exportSql) {
        if (!/^\s*SELECT/i.test(statement.sql)) continue;
        const [result] = await raw.query(statement.sql, statement.parameters);
        for (const record of result as Record<string, unknown>[])
          out.write(
            Object.values(record)
              .map((value) => (value instanceof Date ? value.toISOString() : JSON.stringify(value ?? '')))
              .join(',') + '\n',
          );
      }
      await new Promise((resolve) => out.end(resolve));
      csvTimes.push(performance.now() - started);
    }
    await rm(csvPath, { force: true });
    csvTimes.sort((a, b) => a - b);
    add({
      operation: `GET /fees/exports/bills.xlsx ${PERIOD} (n=5)`,
      dataset: `${estate.code}: ${fmt(exportRows)} bills of ${fmt(total('bills'))}`,
      'p50 ms': fmt(quantile(exportTimes, 0.5), 1),
      'p99 ms': fmt(quantile(exportTimes, 0.99), 1),
      throughput: `${fmt(exportRows / (quantile(exportTimes, 0.5) / 1000))} rows/s`,
      'peak RSS MiB': fmt(exported.peakMiB),
      'floor ratio': `${(quantile(exportTimes, 0.5) / quantile(csvTimes, 0.5)).toFixed(2)}× (same SELECTs → CSV file ${fmt(quantile(csvTimes, 0.5), 1)} ms)`,
    });

    // Billing run of the next month vs bare mysql2 INSERTs of as many bill rows -------------------------
    const runPeriod = shiftPeriod(PERIOD, 1);
    const floorPeriod = '2099-01';
    const cleanUp = async () => {
      await manager.query('DELETE FROM bills WHERE estate_id = ? AND period IN (?, ?)', [
        estate.id,
        runPeriod,
        floorPeriod,
      ]);
      await manager.query('DELETE FROM billing_runs WHERE estate_id = ? AND period = ?', [
        estate.id,
        runPeriod,
      ]);
    };
    await cleanUp();
    log(`load before billing: ${await waitForQuiet(2.5, 5)}`);
    const billing = await withPeakRss(async () => {
      const started = performance.now();
      const run: BillingRun = await bench.app
        .get(BillingRunService)
        .run(estate.id, runPeriod, { id: null, name: 'bench' });
      return { run, ms: performance.now() - started };
    });
    const created = billing.result.run.billsCreated;
    const template = (await manager.query(
      'SELECT building_id, unit_id, fee_item_id, category, item_name FROM bills WHERE estate_id = ? AND period = ?',
      [estate.id, runPeriod],
    )) as Record<string, string>[];
    const floorStarted = performance.now();
    for (let start = 0; start < template.length; start += 1000) {
      const values = template.slice(start, start + 1000).map((bill) => {
        const base = baseColumns();
        return [
          base.id,
          base.createdAt,
          base.updatedAt,
          estate.id,
          bill.building_id,
          bill.unit_id,
          bill.fee_item_id,
          null,
          floorPeriod,
          bill.category,
          bill.item_name,
          20_000,
          0,
          0,
          `${floorPeriod}-31`,
          31,
          31,
          null,
        ];
      });
      await raw.query(
        `INSERT INTO bills (id, created_at, updated_at, estate_id, building_id, unit_id, fee_item_id, billing_run_id, period, category, item_name, amount_fen, paid_fen, waived_fen, due_date, billed_days, days_in_period, quantity_hundredths) VALUES ?`,
        [values],
      );
    }
    const floorMs = performance.now() - floorStarted;
    add({
      operation: `billing run ${runPeriod} (BillingRunService.run)`,
      dataset: `${estate.code}: ${fmt(created)} bills created; bills table ${fmt(total('bills'))} rows`,
      'p50 ms': `${fmt(billing.result.ms, 0)} (1 run)`,
      throughput: `${fmt(created / (billing.result.ms / 1000))} bills/s`,
      'peak RSS MiB': fmt(billing.peakMiB),
      'floor ratio': `${(billing.result.ms / floorMs).toFixed(2)}× (mysql2 INSERT … VALUES ? ${fmt(floorMs, 0)} ms)`,
    });
    await cleanUp();

    // Payments throughput (autocannon, unique Idempotency-Key) -------------------------------------------
    const unitIds = (
      (await manager.query('SELECT id FROM units WHERE estate_id = ? ORDER BY id', [estate.id])) as {
        id: string;
      }[]
    ).map((unit) => unit.id);
    log(`load before payments: ${await waitForQuiet(2.5, 5)}`);
    let sequence = 0;
    const runId = Date.now().toString(36);
    const payments = await withPeakRss(() =>
      measureThroughput('POST /payments', {
        url: `${api}/payments`,
        method: 'POST',
        headers: finance.headers,
        connections: 10,
        seconds: SECONDS,
        extraHeaders: () => ({ 'idempotency-key': `bench-all-${runId}-${++sequence}` }),
        body: () =>
          JSON.stringify({
            unitId: unitIds[(sequence * 7919) % unitIds.length],
            amountFen: 30_000,
            method: 'wechat',
          }),
      }),
    );
    add({
      operation: `POST /payments (autocannon 10 conn, ${SECONDS} s)`,
      dataset: `${estate.code}: ${fmt(unitIds.length)} units; payments ${fmt(total('payments'))} rows`,
      'p50 ms': fmt(payments.result.p50, 1),
      'p99 ms': fmt(payments.result.p99, 1),
      throughput: `${fmt(payments.result.perSecond, 1)} req/s (non-2xx ${payments.result.non2xx})`,
      'peak RSS MiB': fmt(payments.peakMiB),
    });

    // Monthly report (PDF + XLSX) through the CLI path ------------------------------------------------------
    log(`load before report: ${await waitForQuiet(2.5, 5)}`);
    const reportTimes: number[] = [];
    const reports = bench.app.get(ReportsService);
    const report = await withPeakRss(async () => {
      for (let run = 0; run < REPORT_RUNS; run++) {
        const started = performance.now();
        await reports.generateNow(estate, PERIOD, {
          locale: 'zh-CN',
          formats: ['pdf', 'xlsx'],
          requesterName: 'bench',
        });
        reportTimes.push(performance.now() - started);
      }
    });
    reportTimes.sort((a, b) => a - b);
    add({
      operation: `monthly report ${PERIOD} PDF+XLSX (generateNow, n=${REPORT_RUNS})`,
      dataset: `${estateLabel}; 12-month trend, no month closed`,
      'p50 ms': fmt(quantile(reportTimes, 0.5), 0),
      'p99 ms': fmt(quantile(reportTimes, 0.99), 0),
      'peak RSS MiB': fmt(report.peakMiB),
    });

    printTable(
      `npm run bench — ${portfolio}, seed ${args.seed} (${generation.reused ? 'reused generated database' : `generated in ${fmt(generation.seconds, 1)} s`})`,
      rows as unknown as Record<string, unknown>[],
    );
    const [facts] = (await manager.query(
      'SELECT VERSION() AS version, @@innodb_buffer_pool_size / 1048576 AS bufferPoolMiB, @@innodb_flush_log_at_trx_commit AS flushAtCommit',
    )) as Record<string, unknown>[];
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM; node ${process.version}; server ${JSON.stringify(facts)}; load average now ${loadAverage()}`,
    );
  } finally {
    await raw.end();
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
