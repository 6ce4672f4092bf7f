/**
 * npm run bench:fees — issue 4's benchmark on MySQL/MariaDB:
 * 1. a billing run for 20,000 units × 3 fee items through the real BillingRunService (time, rows/s);
 * 2. the floor: the same number of bill rows by bare mysql2 multi-row INSERTs (ratio, target ≤ 2×);
 * 3. POST /payments throughput with autocannon (unique Idempotency-Key per request);
 * 4. a 240,000-row bills export over HTTP (time, peak RSS of this process, which serves it).
 */
import { Bill, BillingRunService, FeeItem } from '@estate/fees';
import { baseColumns, periodOf, shiftPeriod } from '@estate/shared';
import { performance } from 'node:perf_hooks';
import { benchUser, startBenchApp } from './support/app';
import {
  analyzeTables,
  createBenchDatabase,
  insertChunked,
  insertGenerated,
  serverFacts,
} from './support/database';
import { captureQueries, explainQueries } from './support/explain';
import {
  loadAverage,
  log,
  measureThroughput,
  printTable,
  timed,
  waitForQuiet,
  withPeakRss,
} from './support/measure';
import { seedEstate, seedUnits } from './support/seed';

const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const EXPORT_ITEMS = 12; // 20,000 units × 12 items = 240,000 bills in the exported period
const FLOOR_CHUNK = 1000;

async function main(): Promise<void> {
  log(`load before start: ${loadAverage()}`);
  const database = await createBenchDatabase();
  const bench = await startBenchApp(database.url);
  const manager = bench.dataSource.manager;
  try {
    const now = new Date();
    const runPeriod = periodOf(now, 'Asia/Shanghai');
    const exportPeriod = shiftPeriod(runPeriod, -1);
    const floorPeriod = shiftPeriod(runPeriod, -2);

    // Seed ----------------------------------------------------------------------------------------
    const seeding = await timed(async () => {
      const estate = await seedEstate(manager, 'FEEBENCH', '收费基准小区');
      const units = await seedUnits(manager, estate, {
        buildings: 100,
        unitsPerBuilding: UNITS / 100,
        residents: true,
      });
      // 3 items billed every month (the run), 9 more that ended last month (in the export period only).
      const items: FeeItem[] = Array.from({ length: EXPORT_ITEMS }, (_, index) =>
        manager.create(FeeItem, {
          ...baseColumns(),
          estateId: estate.id,
          name: ['物业管理费', '公摊水电费', '垃圾清运费'][index] ?? `专项服务费 ${index}`,
          category: index === 0 ? 'management_fee' : index === 1 ? 'shared_utilities' : 'other',
          basis: index === 2 ? 'per_unit' : 'per_area',
          priceCentiFen: index === 0 ? 23_550 : index === 1 ? 1_280 : 1_500_000,
          unitTypes: ['residential'],
          meterType: null,
          activeFrom: '2020-01',
          activeTo: index < 3 ? null : exportPeriod,
          active: true,
        }),
      );
      await insertChunked(manager, FeeItem, items);
      // The exported period: 240k bills, as a run would have left them (seeded in bulk here).
      await insertGenerated(
        manager,
        Bill,
        units.length * EXPORT_ITEMS,
        (index) => {
          const unit = units[Math.floor(index / EXPORT_ITEMS)];
          const item = items[index % EXPORT_ITEMS];
          const amountFen = 5_000 + ((index * 7919) % 40_000);
          const paidFen = index % 10 < 8 ? amountFen : 0;
          return {
            ...baseColumns(now),
            estateId: estate.id,
            buildingId: unit.buildingId,
            unitId: unit.id,
            feeItemId: item.id,
            billingRunId: null,
            period: exportPeriod,
            category: item.category,
            itemName: item.name,
            amountFen,
            paidFen,
            waivedFen: 0,
            dueDate: `${exportPeriod}-15`,
            billedDays: 31,
            daysInPeriod: 31,
            quantityHundredths: null,
          };
        },
        { chunk: 1000 },
      );
      await analyzeTables(bench.dataSource, ['bills', 'units', 'residents']);
      return { estate, units, items };
    });
    const { estate, units } = seeding.result;
    log(
      `seeded ${units.length} units, ${units.length * EXPORT_ITEMS} bills in ${(seeding.ms / 1000).toFixed(1)} s`,
    );

    log(`load before billing: ${await waitForQuiet()}`);

    // Floor: the same number of rows (20,000 × 3) with bare mysql2 multi-row INSERTs -------------------
    const floorRows = units.length * 3;
    const raw = await database.raw();
    const columns = [
      'id',
      'created_at',
      'updated_at',
      'estate_id',
      'building_id',
      'unit_id',
      'fee_item_id',
      'billing_run_id',
      'period',
      'category',
      'item_name',
      'amount_fen',
      'paid_fen',
      'waived_fen',
      'due_date',
      'billed_days',
      'days_in_period',
      'quantity_hundredths',
    ];
    const floorItems = seeding.result.items.slice(0, 3);
    const floorStarted = performance.now();
    for (let start = 0; start < floorRows; start += FLOOR_CHUNK) {
      const values: unknown[][] = [];
      for (let index = start; index < Math.min(floorRows, start + FLOOR_CHUNK); index++) {
        const unit = units[Math.floor(index / 3)];
        const item = floorItems[index % 3];
        const base = baseColumns(now);
        values.push([
          base.id,
          base.createdAt,
          base.updatedAt,
          estate.id,
          unit.buildingId,
          unit.id,
          item.id,
          null,
          floorPeriod,
          item.category,
          item.name,
          20_000,
          0,
          0,
          `${floorPeriod}-15`,
          30,
          30,
          null,
        ]);
      }
      await raw.query(`INSERT INTO bills (${columns.join(', ')}) VALUES ?`, [values]);
    }
    const floorMs = performance.now() - floorStarted;
    await raw.end();

    // The billing run through the real service ---------------------------------------------------------
    const service = bench.app.get(BillingRunService);
    const runStarted = performance.now();
    const run = await service.run(estate.id, runPeriod, { id: null, name: 'bench' });
    const runMs = performance.now() - runStarted;
    const rerunStarted = performance.now();
    const rerun = await service.run(estate.id, runPeriod, { id: null, name: 'bench (re-run)' });
    const rerunMs = performance.now() - rerunStarted;
    const ratio = runMs / floorMs;
    printTable(`Billing run: ${units.length} units × 3 fee items (${runPeriod})`, [
      {
        what: 'BillingRunService.run',
        rows: run.billsCreated,
        'time s': (runMs / 1000).toFixed(2),
        'rows/s': Math.round(run.billsCreated / (runMs / 1000)),
        'ratio to floor': ratio.toFixed(2),
        'target ≤ 2×': ratio <= 2 ? 'yes' : 'NO',
      },
      {
        what: `floor: mysql2 INSERT … VALUES ? (${FLOOR_CHUNK} rows/statement, autocommit)`,
        rows: floorRows,
        'time s': (floorMs / 1000).toFixed(2),
        'rows/s': Math.round(floorRows / (floorMs / 1000)),
        'ratio to floor': '1.00',
        'target ≤ 2×': '',
      },
      {
        what: 're-run of the same period (idempotent)',
        rows: rerun.billsCreated,
        'time s': (rerunMs / 1000).toFixed(2),
        'rows/s': '',
        'ratio to floor': '',
        'target ≤ 2×': `${rerun.billsExisting} existing`,
      },
    ]);
    log(`load after billing: ${loadAverage()}`);

    // Payments throughput ------------------------------------------------------------------------------
    const { headers } = await benchUser(bench, 'finance', [estate.id], '财务');
    log(`load before payments: ${await waitForQuiet()}`);
    let sequence = 0;
    const runId = Date.now().toString(36);
    const payments = await measureThroughput('POST /payments', {
      url: `${bench.api}/payments`,
      method: 'POST',
      headers,
      connections: 10,
      seconds: Number(process.env.BENCH_SECONDS ?? 10),
      extraHeaders: () => ({ 'idempotency-key': `bench-${runId}-${++sequence}` }),
      body: () =>
        JSON.stringify({
          unitId: units[(sequence * 7919) % units.length].id,
          amountFen: 30_000,
          method: 'wechat',
          reference: `WX${runId}${sequence}`,
        }),
    });
    const [paymentCount] = (await manager.query('SELECT COUNT(*) AS n FROM payments')) as { n: string }[];
    const [allocationCount] = (await manager.query('SELECT COUNT(*) AS n FROM fee_allocations')) as {
      n: string;
    }[];
    printTable('Payments: throughput (autocannon, 10 connections, unique Idempotency-Key each)', [
      {
        endpoint: payments.name,
        seconds: payments.seconds,
        requests: payments.requests,
        'req/s': payments.perSecond,
        'p50 ms': payments.p50,
        'p99 ms': payments.p99,
        non2xx: payments.non2xx,
        errors: payments.errors,
        'payments rows': paymentCount.n,
        'allocation rows': allocationCount.n,
      },
    ]);

    // 240k-row bills export ----------------------------------------------------------------------------
    const exportUrl = `${bench.api}/fees/exports/bills.xlsx?estateId=${estate.id}&period=${exportPeriod}`;
    const firstPage = await captureQueries(bench.dataSource, async () => {
      // one page's worth of statements: abort after the first chunk arrives
      const controller = new AbortController();
      const response = await fetch(exportUrl, { headers, signal: controller.signal });
      const reader = response.body!.getReader();
      await reader.read();
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    await explainQueries(bench.dataSource, 'bills export page', firstPage.slice(0, 4));
    log(`load before export: ${await waitForQuiet()}`);
    global.gc?.();
    const exported = await withPeakRss(async () => {
      const started = performance.now();
      const response = await fetch(exportUrl, { headers });
      if (response.status !== 200) throw new Error(`export: ${response.status} ${await response.text()}`);
      let bytes = 0;
      const firstByte = performance.now() - started;
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
      }
      return { ms: performance.now() - started, firstByte, bytes };
    });
    const exportRows = units.length * EXPORT_ITEMS;
    printTable(`Bills export: ${exportRows} rows (${exportPeriod}) over HTTP`, [
      {
        rows: exportRows,
        'time s': (exported.result.ms / 1000).toFixed(1),
        'rows/s': Math.round(exportRows / (exported.result.ms / 1000)),
        'first byte ms': Math.round(exported.result.firstByte),
        'xlsx MiB': (exported.result.bytes / 1024 / 1024).toFixed(1),
        'RSS before MiB': exported.baselineMiB,
        'peak RSS MiB': exported.peakMiB,
        'process max RSS MiB (lifetime)': exported.lifetimeMaxMiB,
      },
    ]);
    log(`load after: ${loadAverage()}`);
    log(`server: ${JSON.stringify(await serverFacts(database))}; node ${process.version}`);
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
