/**
 * npm run bench:work-orders — issue 3's benchmark on MySQL/MariaDB: 200,000 work orders in one
 * estate; list (filtered + paginated, overdue, q=code) and month stats latency p50/p99 over real
 * HTTP; intake (POST /work-orders) throughput with autocannon; EXPLAIN of the list and stats SQL.
 */
import { DEFAULT_ESTATE_SETTINGS } from '@estate/estates';
import { periodOf, shiftPeriod } from '@estate/shared';
import { WorkOrderMonthlyFactsService } from '@estate/work-orders';
import { startBenchApp, benchUser } from './support/app';
import { createBenchDatabase, serverFacts } from './support/database';
import { captureQueries, compareWithoutIndexes, ExplainedQuery, explainQueries } from './support/explain';
import {
  loadAverage,
  log,
  measureLatency,
  measureThroughput,
  printTable,
  timed,
  waitForQuiet,
} from './support/measure';
import { seedWorkOrderEstate } from './support/work-orders-seed';

const ORDERS = Number(process.env.BENCH_WORK_ORDERS ?? 200_000);
const SHANGHAI_OFFSET = 8 * 60 * 60_000;
const CATEGORIES = DEFAULT_ESTATE_SETTINGS.workOrderCategories;
const LATENCY_OPTIONS = {
  count: Number(process.env.BENCH_REQUESTS ?? 200),
  warmup: 2,
  minCount: 10,
  maxSeconds: 60,
};

async function main(): Promise<void> {
  log(`load before start: ${loadAverage()}`);
  const database = await createBenchDatabase();
  const bench = await startBenchApp(database.url);
  const manager = bench.dataSource.manager;
  try {
    // Seed ----------------------------------------------------------------------------------------
    const seeding = await timed(() => seedWorkOrderEstate(bench.dataSource, ORDERS));
    const { estate, units, returnVisits } = seeding.result;
    log(
      `seeded ${ORDERS} work orders + ${returnVisits} return visits in ${(seeding.ms / 1000).toFixed(1)} s`,
    );
    // The rows were inserted in bulk, not through the service: build the estate's monthly facts from
    // them (what the scheduler does at start-up for an estate without facts), then check them by
    // comparing the stats of every month from the facts with the stats from the orders.
    const monthlyFacts = bench.app.get(WorkOrderMonthlyFactsService);
    const build = await monthlyFacts.build(estate.id);
    log(
      `built the monthly facts: ${build.orders} orders → ${build.facts} fact rows in ${(build.milliseconds / 1000).toFixed(1)} s`,
    );
    const counts = (await manager.query(
      'SELECT status, COUNT(*) AS n FROM work_orders GROUP BY status ORDER BY status',
    )) as { status: string; n: string }[];
    printTable('Seeded statuses', counts);

    const { headers } = await benchUser(bench, 'manager', [estate.id], '经理');
    const period = shiftPeriod(periodOf(new Date(), 'Asia/Shanghai'), -1);
    const year = new Date(Date.now() + SHANGHAI_OFFSET).getUTCFullYear();
    const api = bench.api;
    const queries = {
      'list status+priority p3': `${api}/work-orders?estateId=${estate.id}&status=assigned,in_progress&priority=routine&page=3&pageSize=20`,
      'list overdue=true': `${api}/work-orders?estateId=${estate.id}&overdue=true&pageSize=20`,
      'list q=code': `${api}/work-orders?estateId=${estate.id}&q=WO-${year}-0123&pageSize=20`,
      // free text: a contains search no index serves (docs/work-orders.md "Search"); measured, no target
      'list q=text': `${api}/work-orders?estateId=${estate.id}&q=elevator&pageSize=20`,
      [`stats ${period}`]: `${api}/work-orders/stats?estateId=${estate.id}&period=${period}`,
    };

    // Without an estate's facts (none built, or built in another time zone) the stats read the orders.
    const STATS_FROM_ORDERS = `stats ${period} from the orders (no facts)`;
    const withoutFacts = async <T>(work: () => Promise<T>): Promise<T> => {
      await manager.query('DELETE FROM work_order_fact_builds WHERE estate_id = ?', [estate.id]);
      try {
        return await work();
      } finally {
        await monthlyFacts.build(estate.id);
      }
    };
    const statsOf = async (month: string) => {
      const response = await fetch(`${api}/work-orders/stats?estateId=${estate.id}&period=${month}`, {
        headers,
      });
      if (response.status !== 200)
        throw new Error(`stats ${month}: ${response.status} ${await response.text()}`);
      return JSON.stringify(await response.json());
    };
    const months = Array.from({ length: 13 }, (_, index) => shiftPeriod(period, 1 - index));
    const fromFacts = await Promise.all(months.map(statsOf));
    const fromOrders = await withoutFacts(() => Promise.all(months.map(statsOf)));
    const differing = months.filter((month, index) => fromFacts[index] !== fromOrders[index]);
    if (differing.length)
      throw new Error(`stats from the facts differ from the orders in ${differing.join(', ')}`);
    log(`checked: the stats of ${months.length} months from the facts equal those from the orders`);

    // Plans ---------------------------------------------------------------------------------------
    const plans: Record<string, ExplainedQuery[]> = {};
    const capturePlan = async (name: string, url: string) => {
      const captured = await captureQueries(bench.dataSource, async () => {
        const response = await fetch(url, { headers });
        if (response.status !== 200) throw new Error(`${name}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      });
      plans[name] = await explainQueries(bench.dataSource, name, captured);
    };
    for (const [name, url] of Object.entries(queries)) await capturePlan(name, url);
    await withoutFacts(() => capturePlan(STATS_FROM_ORDERS, queries[`stats ${period}`]));

    // The covering indexes of migration WorkOrderStatsIndexes1767225611000: the same statements
    // without them (the plans the optimizer would choose with the earlier indexes only).
    await compareWithoutIndexes(
      bench.dataSource,
      Object.values(plans).flat(),
      { name: 'work_orders', alias: 'wo' },
      [
        'ix_work_orders_estate_reported_breakdown',
        'ix_work_orders_estate_completed_facts',
        'ix_work_orders_estate_due_open',
        'ix_work_orders_estate_closed_rework',
        'ix_work_orders_estate_overdue_flags',
      ],
    );

    // Latency -------------------------------------------------------------------------------------
    const quiet = await waitForQuiet();
    log(`load at measurement: ${quiet}`);
    const latency = [];
    for (const [name, url] of Object.entries(queries))
      latency.push(await measureLatency(name, url, headers, LATENCY_OPTIONS));
    latency.push(
      await withoutFacts(() =>
        measureLatency(STATS_FROM_ORDERS, queries[`stats ${period}`], headers, LATENCY_OPTIONS),
      ),
    );
    printTable(
      `Work orders: latency over HTTP (${ORDERS} orders, sequential requests; target p99 < 100 ms)`,
      latency.map((figure) => ({
        query: figure.name,
        n: figure.requests,
        'p50 ms': figure.p50,
        'p99 ms': figure.p99,
        'mean ms': figure.mean,
        'max ms': figure.max,
        'SQL statements': plans[figure.name].length,
        'slowest SQL ms': Math.max(...plans[figure.name].map((plan) => plan.ms)),
        'p99 < 100': figure.name === STATS_FROM_ORDERS ? '(reference)' : figure.p99 < 100 ? 'yes' : 'NO',
      })),
    );

    // Intake throughput ---------------------------------------------------------------------------
    log(`load before intake: ${loadAverage()}`);
    let sequence = 0;
    const intake = await measureThroughput('POST /work-orders', {
      url: `${api}/work-orders`,
      method: 'POST',
      headers,
      connections: 10,
      seconds: Number(process.env.BENCH_SECONDS ?? 10),
      body: () => {
        sequence++;
        const inHome = sequence % 2 === 0;
        return JSON.stringify({
          estateId: estate.id,
          ...(inHome ? { unitId: units[sequence % units.length].id } : { locationText: '3号楼 电梯厅' }),
          category: CATEGORIES[sequence % CATEGORIES.length],
          priority: sequence % 7 === 0 ? 'urgent' : 'routine',
          channel: 'phone',
          description: `基准测试报修 ${sequence}：卫生间漏水`,
          reporterName: '张先生',
          reporterPhone: '13812345678',
        });
      },
    });
    const created = (await manager.query('SELECT COUNT(*) AS n FROM work_orders')) as { n: string }[];
    printTable('Work orders: intake throughput (autocannon, 10 connections)', [
      {
        endpoint: intake.name,
        seconds: intake.seconds,
        requests: intake.requests,
        'req/s': intake.perSecond,
        'p50 ms': intake.p50,
        'p99 ms': intake.p99,
        non2xx: intake.non2xx,
        errors: intake.errors,
        'rows after': created[0].n,
      },
    ]);
    // The intake kept the facts under 10 concurrent writers: this month's stats still equal the orders'.
    const thisMonth = periodOf(new Date(), 'Asia/Shanghai');
    const afterIntake = await statsOf(thisMonth);
    if (afterIntake !== (await withoutFacts(() => statsOf(thisMonth))))
      throw new Error(`after the intake, the stats of ${thisMonth} from the facts differ from the orders`);
    log(`checked: after the intake the stats of ${thisMonth} from the facts equal those from the orders`);
    log(`load after: ${loadAverage()}`);
    const facts = await serverFacts(database);
    log(`server: ${JSON.stringify(facts)}; node ${process.version}`);
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
