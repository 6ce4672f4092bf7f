/**
 * npm run bench:assets — issue 5's benchmark on MySQL/MariaDB: 50,000 assets with 1,000,000
 * condition records in one estate; GET /assets/health?estateId&asOf=<a month end> latency p50/p99
 * over real HTTP (target p99 < 200 ms) and the EXPLAIN of its SQL.
 */
import {
  Asset,
  AssetConditionRecord,
  AssetCondition,
  CONDITION_OPEN_END,
  KPI_GROUP_UNITS,
  KpiGroup,
} from '@estate/assets';
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

    // 20 records per asset spread over the last two years, in time order per asset; record k of an
    // asset is current until record k + 1 (valid_until), the last one until CONDITION_OPEN_END.
    const records = ASSETS * RECORDS_PER_ASSET;
    const slot = (HISTORY_DAYS * DAY) / RECORDS_PER_ASSET;
    const historyStart = now - HISTORY_DAYS * DAY;
    const recordedAtOf = (index: number) =>
      new Date(
        Math.floor(historyStart + ((index % RECORDS_PER_ASSET) + random(index + 7_000_000)() * 0.9) * slot),
      );

    const assetIds: string[] = [];
    // what was seeded, kept to check the endpoint's figures against an independent computation
    const groupOf: (KpiGroup | null)[] = [];
    const measureOf: number[] = [];
    const recordedMs = new Float64Array(ASSETS * RECORDS_PER_ASSET);
    const conditionOf: AssetCondition[] = [];
    const seedAssets = await timed(() =>
      insertGenerated(manager, Asset, ASSETS, (index) => {
        const rnd = random(index + 1);
        const kpiGroup = pick(rnd, GROUPS);
        const base = baseColumns(registeredAt);
        assetIds[index] = base.id;
        const measureUnit = kpiGroup ? KPI_GROUP_UNITS[kpiGroup] : 'count';
        const measureHundredths = measureUnit === 'count' ? 100 : 1_000 + Math.floor(rnd() * 500_000);
        groupOf[index] = kpiGroup;
        measureOf[index] = measureHundredths;
        return {
          ...base,
          estateId: estate.id,
          code: `AS-${String(index + 1).padStart(6, '0')}`,
          name: `${kpiGroup ?? 'equipment'} ${index + 1}`,
          categoryCode: kpiGroup ?? 'water_pump',
          kpiGroup,
          measureHundredths,
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
          firstRecordedAt: RECORDS_PER_ASSET > 0 ? recordedAtOf(index * RECORDS_PER_ASSET) : null,
          version: 1,
        };
      }),
    );
    log(`seeded ${ASSETS} assets in ${(seedAssets.ms / 1000).toFixed(1)} s`);

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
          const condition = pick(rnd, CONDITIONS);
          recordedMs[index] = recordedAt.getTime();
          conditionOf[index] = condition;
          return {
            ...baseColumns(),
            estateId: estate.id,
            assetId: assetIds[asset],
            condition,
            recordedAt,
            validUntil: k + 1 < RECORDS_PER_ASSET ? recordedAtOf(index + 1) : CONDITION_OPEN_END,
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
      const body = (await response.json()) as HealthBody;
      checkAgainstSeed(body, Date.parse(asOf), { assetIds, groupOf, measureOf, recordedMs, conditionOf });
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

interface HealthBody {
  groups: {
    kpiGroup: string;
    assetCount: number;
    totalMeasureHundredths: number;
    intactMeasureHundredths: number;
    unrecordedMeasureHundredths: number;
    rate: number | null;
    nonIntactAssets: { id: string }[];
  }[];
  equipment: {
    assetCount: number;
    intactCount: number;
    unrecordedCount: number;
    nonIntactAssets: { id: string }[];
  };
}

/**
 * The figures worked out from the seeded rows in memory (each asset's latest record at or before
 * the instant; all assets are in service), compared with the endpoint's answer: totals, intact,
 * unrecorded per group, and the first 500 non-intact assets in (KPI group, code) order. Throws on
 * any difference, so a fast wrong answer cannot pass as a figure.
 */
function checkAgainstSeed(
  body: HealthBody,
  asOfMs: number,
  seed: {
    assetIds: string[];
    groupOf: (KpiGroup | null)[];
    measureOf: number[];
    recordedMs: Float64Array;
    conditionOf: AssetCondition[];
  },
): void {
  const totals = new Map<
    string,
    { assets: number; total: number; intact: number; intactCount: number; unrecorded: number }
  >();
  const nonIntact: { group: string; code: number; id: string }[] = [];
  for (let asset = 0; asset < seed.assetIds.length; asset++) {
    const group = seed.groupOf[asset] ?? '';
    let latest = -1;
    for (let k = 0; k < RECORDS_PER_ASSET; k++) {
      const index = asset * RECORDS_PER_ASSET + k;
      if (seed.recordedMs[index] <= asOfMs) latest = index; // in time order per asset
    }
    const condition = latest < 0 ? null : seed.conditionOf[latest];
    const intact = condition === 'good' || condition === 'fair';
    const entry = totals.get(group) ?? { assets: 0, total: 0, intact: 0, intactCount: 0, unrecorded: 0 };
    entry.assets++;
    entry.total += seed.measureOf[asset];
    if (intact) {
      entry.intact += seed.measureOf[asset];
      entry.intactCount++;
    } else nonIntact.push({ group, code: asset, id: seed.assetIds[asset] });
    if (condition === null) entry.unrecorded += seed.measureOf[asset];
    totals.set(group, entry);
  }
  nonIntact.sort((a, b) => (a.group === b.group ? a.code - b.code : a.group < b.group ? -1 : 1));
  const drill = nonIntact.slice(0, 500);
  const problems: string[] = [];
  const expectIds = (group: string, ids: { id: string }[]) => {
    const expected = drill.filter((entry) => entry.group === group).map((entry) => entry.id);
    if (JSON.stringify(expected) !== JSON.stringify(ids.map((entry) => entry.id)))
      problems.push(`${group || 'equipment'}: non-intact list differs (${ids.length} vs ${expected.length})`);
  };
  for (const group of body.groups) {
    const expected = totals.get(group.kpiGroup) ?? {
      assets: 0,
      total: 0,
      intact: 0,
      intactCount: 0,
      unrecorded: 0,
    };
    if (
      group.assetCount !== expected.assets ||
      group.totalMeasureHundredths !== expected.total ||
      group.intactMeasureHundredths !== expected.intact ||
      group.unrecordedMeasureHundredths !== expected.unrecorded
    )
      problems.push(
        `${group.kpiGroup}: got ${JSON.stringify(group).slice(0, 200)}, expected ${JSON.stringify(expected)}`,
      );
    expectIds(group.kpiGroup, group.nonIntactAssets);
  }
  const equipment = totals.get('') ?? { assets: 0, total: 0, intact: 0, intactCount: 0, unrecorded: 0 };
  if (body.equipment.assetCount !== equipment.assets || body.equipment.intactCount !== equipment.intactCount)
    problems.push(
      `equipment: got ${JSON.stringify(body.equipment).slice(0, 200)}, expected ${JSON.stringify(equipment)}`,
    );
  expectIds('', body.equipment.nonIntactAssets);
  if (problems.length) throw new Error(`health differs from the seeded data:\n${problems.join('\n')}`);
  log('health figures match the seeded data (every group, totals, intact, unrecorded, first 500 non-intact)');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
