/**
 * npm run bench:kpi — KPI scorecard latency on a generated 5,000-unit estate with a year of data
 * (MySQL): the live ScorecardService.compute path and GET /api/v1/kpi/scorecard over real HTTP,
 * the number of SQL statements one scorecard issues, and the process's peak RSS.
 */
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { PasswordService, User } from '@estate/auth';
import { QueryCounter } from '@estate/database';
import { ScorecardService } from '@estate/kpi';
import { baseColumns } from '@estate/shared';
import { milliseconds, peakRssMegabytes, percentile, prepareBench } from './generator/prepare';

const PERIOD = '2026-10';
const WARM_UP = 3;
const RUNS = 20;

function summary(label: string, samples: number[]): string {
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return `| ${label} | ${samples.length} | ${percentile(samples, 50).toFixed(1)} | ${percentile(samples, 99).toFixed(1)} | ${mean.toFixed(1)} |`;
}

async function main(): Promise<void> {
  const prepared = await prepareBench();
  const { app, dataSource, estate, rows } = prepared;
  console.log(
    prepared.generationSeconds === null
      ? 'Reusing the generated bench database (same parameters).'
      : `Generated the estate in ${prepared.generationSeconds.toFixed(1)} s.`,
  );
  console.log(
    `Rows: ${Object.entries(rows)
      .map(([table, count]) => `${table}=${count}`)
      .join(', ')}`,
  );

  const scorecards = app.get(ScorecardService);
  const { result: scorecard, queries } = await QueryCounter.count(() => scorecards.compute(estate, PERIOD));
  console.log(`\nScorecard ${estate.code} ${PERIOD} (live):`);
  for (const metric of scorecard.metrics)
    console.log(
      `  #${String(metric.number).padStart(2)} ${metric.code.padEnd(32)} ${String(metric.value ?? '—').padStart(10)}  ${metric.status.padEnd(8)} (${metric.numerator}/${metric.denominator ?? '-'})`,
    );
  const noData = scorecard.metrics.filter((metric) => metric.status === 'no_data').length;
  console.log(`  summary: ${JSON.stringify(scorecard.summary)}; no_data: ${noData}/25`);

  for (let run = 0; run < WARM_UP; run++) await scorecards.compute(estate, PERIOD);
  const live: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    await scorecards.compute(estate, PERIOD);
    live.push(milliseconds(started));
  }

  // Over HTTP: an admin user inserted directly, its token signed by the app's own JwtService.
  const hash = await app.get(PasswordService).hash('bench-password-1');
  const user = await dataSource.manager.save(
    dataSource.manager.create(User, {
      ...baseColumns(),
      username: `bench-admin-${Date.now()}`,
      displayName: 'Bench admin',
      passwordHash: hash,
      role: 'admin',
      phone: null,
      unitId: null,
      active: true,
      tokenVersion: 0,
      lastLoginAt: null,
    }),
  );
  const token = app
    .get(JwtService)
    .sign({ sub: user.id, role: user.role, tv: user.tokenVersion }, { expiresIn: 3600 });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/api/v1/kpi/scorecard?estateId=${estate.id}&period=${PERIOD}`;
  const get = async (): Promise<void> => {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    if (response.status !== 200)
      throw new Error(`GET scorecard: ${response.status} ${await response.text()}`);
    await response.json();
  };
  for (let run = 0; run < WARM_UP; run++) await get();
  const http: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    await get();
    http.push(milliseconds(started));
  }

  console.log(`\nKPI scorecard, ${rows.units} units, ${PERIOD}, MySQL (${WARM_UP} warm-up runs each)`);
  console.log('| path | runs | p50 ms | p99 ms | mean ms |');
  console.log('|---|---|---|---|---|');
  console.log(summary('ScorecardService.compute (live)', live));
  console.log(summary('GET /api/v1/kpi/scorecard (HTTP)', http));
  console.log(`SQL statements per live scorecard: ${queries}`);
  console.log(`Peak RSS of the process: ${peakRssMegabytes()} MB`);
  const p50 = percentile(http, 50);
  console.log(`Target < 500 ms (HTTP p50 ${p50.toFixed(1)} ms): ${p50 < 500 ? 'met' : 'NOT met'}`);
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
