/**
 * npm run bench:assets — issue 5's benchmark on MySQL/MariaDB: 50,000 assets with 1,000,000
 * condition records in one estate; GET /assets/health?estateId&asOf=<a month end> latency p50/p99
 * over real HTTP (target p99 < 200 ms) and the EXPLAIN of its SQL.
 */
import { Asset, AssetConditionRecord, AssetCondition, KPI_GROUP_UNITS, KpiGroup } from '@estate/assets';
import { baseColumns, periodEnd, periodOf, shiftPeriod } from '@estate/shared';
import { benchUser, startBenchApp } from './support/app';
import { analyzeTables, createBenchDatabase, insertGenerated, serverFacts } from './support/database';
import { captureQueries, explainQueries } from './support/explain';
import { loadAverage, log, measureLatency, printTable, timed, waitForQuiet } from './support/measure';
import { pick, random, seedEstate } from './support/seed';

const ASSETS = Number(process.env.BENCH_ASSETS ?? 50_000);
const RECORDS_PER_ASSET = Number(process.env.BENCH_RECORDS_PER_ASSET ?? 20);
const DAY = 24 * 3600_000;
const HISTORY_DAYS = 730;

const GROUPS: [KpiGroup | null, number][] = [
  ['house', 2],
  ['greenery', 8],
  ['road', 6],
  ['wells', 20],
  ['drainage', 10],
  ['street_light', 15],
  ['parking_lot', 3],
  ['amenity', 6],
  ['fire_safety', 20],
  [null, 10],
];
const CONDITIONS: [AssetCondition, number][] = [
  ['good', 70],
  ['fair', 15],
  ['poor', 8],
  ['bad', 4],
  ['dangerous', 1],
  ['out_of_service', 2],
];

async function main(): Promise<void> {
  log(`load before start: ${loadAverage()}`);
  const database = await createBenchDatabase();
  const bench = await startBenchApp(database.url);
  const manager = bench.dataSource.manager;
  try {
    const now = Date.now();
    const registeredAt = new Date(now - (HISTORY_DAYS + 30) * DAY);
    const estate = await seedEstate(manager, 'ASSETBENCH', '设备基准小区');

    const assetIds: string[] = [];
    const seedAssets = await timed(() =>
      insertGenerated(manager, Asset, ASSETS, (index) => {
        const rnd = random(index + 1);
        const kpiGroup = pick(rnd, GROUPS);
        const base = baseColumns(registeredAt);
        assetIds[index] = base.id;
        const measureUnit = kpiGroup ? KPI_GROUP_UNITS[kpiGroup] : 'count';
        return {
          ...base,
          estateId: estate.id,
          code: `AS-${String(index + 1).padStart(6, '0')}`,
          name: `${kpiGroup ?? 'equipment'} ${index + 1}`,
          categoryCode: kpiGroup ?? 'water_pump',
          kpiGroup,
          measureHundredths: measureUnit === 'count' ? 100 : 1_000 + Math.floor(rnd() * 500_000),
          measureUnit,
          locationText: `${1 + (index % 40)}号楼附近`,
          latitudeMicro: null,
          longitudeMicro: null,
          brand: null,
          model: null,
          serialNumber: null,
          installedDate: '2018-06-01',
          warrantyEndDate: null,
          importance: pick(rnd, [
            ['A', 1],
            ['B', 3],
            ['C', 6],
          ]),
          responsiblePerson: '工程部',
          status: 'in_service' as const,
          registeredAt,
          decommissionedAt: null,
          decommissionReason: null,
          version: 1,
        };
      }),
    );
    log(`seeded ${ASSETS} assets in ${(seedAssets.ms / 1000).toFixed(1)} s`);

    // 20 records per asset spread over the last two years, in time order per asset.
    const records = ASSETS * RECORDS_PER_ASSET;
    const slot = (HISTORY_DAYS * DAY) / RECORDS_PER_ASSET;
    const historyStart = now - HISTORY_DAYS * DAY;
    const seedRecords = await timed(() =>
      insertGenerated(
        manager,
        AssetConditionRecord,
        records,
        (index) => {
          const rnd = random(index + 7_000_000);
          const asset = Math.floor(index / RECORDS_PER_ASSET);
          const k = index % RECORDS_PER_ASSET;
          const recordedAt = new Date(Math.floor(historyStart + (k + rnd() * 0.9) * slot));
          return {
            ...baseColumns(),
            estateId: estate.id,
            assetId: assetIds[asset],
            condition: pick(rnd, CONDITIONS),
            recordedAt,
            source: 'inspection' as const,
            note: null,
            authorId: null,
            authorName: '巡检员',
            taskId: null,
            workOrderId: null,
          };
        },
        { chunk: 1000, onProgress: (done) => done % 200_000 === 0 && log(`condition records: ${done}`) },
      ),
    );
    log(`seeded ${records} condition records in ${(seedRecords.ms / 1000).toFixed(1)} s`);
    await analyzeTables(bench.dataSource, ['assets', 'asset_condition_records']);

    const { headers } = await benchUser(bench, 'manager', [estate.id], '工程经理');
    const period = shiftPeriod(periodOf(new Date(now), 'Asia/Shanghai'), -1);
    const asOf = new Date(periodEnd(period, 'Asia/Shanghai').getTime() - 1).toISOString();
    const url = `${bench.api}/assets/health?estateId=${estate.id}&asOf=${encodeURIComponent(asOf)}`;

    const captured = await captureQueries(bench.dataSource, async () => {
      const response = await fetch(url, { headers });
      if (response.status !== 200) throw new Error(`health: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as {
        groups: { kpiGroup: string; assetCount: number; rate: number | null }[];
      };
      printTable(
        `Health as of ${asOf}`,
        body.groups.map((group) => ({
          group: group.kpiGroup,
          assets: group.assetCount,
          rate: group.rate?.toFixed(4),
        })),
      );
    });
    const plans = await explainQueries(bench.dataSource, 'assets health', captured, { runs: 3 });

    log(`load at measurement: ${await waitForQuiet()}`);
    const figure = await measureLatency(`GET /assets/health asOf ${asOf}`, url, headers, {
      count: Number(process.env.BENCH_REQUESTS ?? 50),
      warmup: 1,
      minCount: 10,
      maxSeconds: 60,
    });
    printTable(
      `Assets: /assets/health latency (${ASSETS} assets, ${records} condition records; target p99 < 200 ms)`,
      [
        {
          query: figure.name,
          n: figure.requests,
          'p50 ms': figure.p50,
          'p99 ms': figure.p99,
          'mean ms': figure.mean,
          'max ms': figure.max,
          'SQL statements': plans.length,
          'slowest SQL ms': Math.max(...plans.map((plan) => plan.ms)),
          'p99 < 200': figure.p99 < 200 ? 'yes' : 'NO',
        },
      ],
    );
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
