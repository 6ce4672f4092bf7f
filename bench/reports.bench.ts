/**
 * npm run bench:reports — the monthly report of a generated 5,000-unit estate (MySQL) in both
 * formats through ReportsService.generateNow (the CLI path: the same records, scorecard, data
 * gathering, renderers and file store as the API's background generation, in the foreground),
 * then the phases on their own (data gathering, PDF, XLSX). Prints p50/p99 time, bytes and the
 * process's peak RSS.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticatedUser } from '@estate/auth';
import { KpiSnapshot, ScorecardService } from '@estate/kpi';
import { shiftPeriod } from '@estate/shared';
import {
  renderMonthlyReportPdf,
  renderMonthlyReportXlsx,
  ReportDataService,
  ReportsService,
} from '@estate/reports';
import { BENCH_JWT_SECRET, databaseUrl } from './generator/bench-app';
import { milliseconds, peakRssMegabytes, percentile, prepareBench } from './generator/prepare';

const CLI = join(__dirname, '..', 'dist', 'apps', 'cli', 'main.js');

/**
 * C. The operator's path on its own: the compiled CLI (`report:monthly`, what `npm run build` ships)
 * as a separate process writing both formats — wall time including boot, and that process's peak
 * RSS, free of this bench's own runtime (ts-node, the generator, the other scenarios).
 */
function compiledCliRun(estateCode: string): { milliseconds: number; peakMegabytes: number } | null {
  if (!existsSync(CLI)) return null;
  const out = mkdtempSync(join(tmpdir(), 'estate-report-'));
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    [
      '-r',
      join(__dirname, 'support', 'peak-rss.js'),
      CLI,
      'report:monthly',
      '--estate',
      estateCode,
      '--period',
      PERIOD,
      '--format',
      'pdf,xlsx',
      '--locale',
      'zh-CN',
      '--out',
      out,
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl(), JWT_SECRET: BENCH_JWT_SECRET, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    },
  );
  const elapsed = milliseconds(started);
  rmSync(out, { recursive: true, force: true });
  const peak = /PEAK_RSS_KB (\d+)/.exec(child.stderr);
  if (child.status !== 0 || !peak) throw new Error(`report:monthly failed: ${child.stderr}`);
  return { milliseconds: elapsed, peakMegabytes: Math.round(Number(peak[1]) / 1024) };
}

const PERIOD = '2026-10';
const RUNS = 5;
/** Without closed months every report computes 12 months of scorecards live: slow, so fewer runs. */
const RUNS_NOTHING_CLOSED = 3;
const BENCH_ADMIN: AuthenticatedUser = {
  id: '00000000-0000-7000-8000-000000000001',
  username: 'bench',
  displayName: 'Bench',
  role: 'admin',
  estateIds: [],
  unitId: null,
};

async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await work();
  samples.push(milliseconds(started));
  return result;
}

const row = (label: string, samples: number[], bytes: string): string =>
  `| ${label} | ${samples.length} | ${percentile(samples, 50).toFixed(0)} | ${percentile(samples, 99).toFixed(0)} | ${bytes} |`;

async function main(): Promise<void> {
  const prepared = await prepareBench();
  const { app, estate, rows } = prepared;
  if (prepared.generationSeconds !== null)
    console.log(
      `Generated the estate in ${prepared.generationSeconds.toFixed(1)} s in this process: the peak RSS below includes the generation; run again to measure the reports alone.`,
    );
  const rssAfterStart = peakRssMegabytes();
  const reports = app.get(ReportsService);

  let sizes = '';
  const generate = async (samples: number[], runs: number): Promise<void> => {
    for (let run = 0; run < runs; run++) {
      const { files } = await timed(samples, () =>
        reports.generateNow(estate, PERIOD, {
          locale: 'zh-CN',
          formats: ['pdf', 'xlsx'],
          requesterName: 'bench',
        }),
      );
      sizes = files.map((file) => `${file.format} ${file.bytes.length.toLocaleString('en')} B`).join(', ');
    }
  };
  const scorecards = app.get(ScorecardService);
  const manager = prepared.dataSource.manager;
  await manager.delete(KpiSnapshot, { estateId: estate.id });

  // A: no month closed yet, so the 12-month trend computes every month's scorecard live.
  const nothingClosed: number[] = [];
  await generate(nothingClosed, RUNS_NOTHING_CLOSED);

  // B: the usual state: the 11 months before are closed (snapshots), only the report month is live.
  const closing: number[] = [];
  for (let back = 11; back >= 1; back--)
    await timed(closing, () => scorecards.close(BENCH_ADMIN, estate.id, shiftPeriod(PERIOD, -back)));
  const endToEnd: number[] = [];
  const liveScorecard: number[] = [];
  const gather: number[] = [];
  const pdf: number[] = [];
  const xlsx: number[] = [];
  const cliTimes: number[] = [];
  const cliPeaks: number[] = [];
  let pdfBytes = 0;
  let xlsxBytes = 0;
  try {
    await generate(endToEnd, RUNS);
    for (let run = 0; run < RUNS; run++) {
      const result = compiledCliRun(estate.code);
      if (!result) break;
      cliTimes.push(result.milliseconds);
      cliPeaks.push(result.peakMegabytes);
    }
    for (let run = 0; run < RUNS; run++) await timed(liveScorecard, () => scorecards.compute(estate, PERIOD));

    // The phases on their own, to see where the time goes.
    const data = app.get(ReportDataService);
    for (let run = 0; run < RUNS; run++) {
      const collected = await timed(gather, async () =>
        data.collect(estate, PERIOD, await scorecards.scorecardFor(estate, PERIOD)),
      );
      const options = { locale: 'zh-CN' as const, kind: 'draft' as const, generatedAt: new Date() };
      pdfBytes = (await timed(pdf, () => renderMonthlyReportPdf(collected, options))).length;
      xlsxBytes = (await timed(xlsx, () => renderMonthlyReportXlsx(collected, options))).length;
    }
  } finally {
    // Leave the bench database as generated (bench:kpi measures with no month closed).
    await manager.delete(KpiSnapshot, { estateId: estate.id });
  }

  console.log(`\nMonthly report, ${rows.units} units, ${PERIOD}, zh-CN, MySQL`);
  console.log('| step | runs | p50 ms | p99 ms | bytes |');
  console.log('|---|---|---|---|---|');
  console.log(row('A. generateNow, no month closed (12 live scorecards)', nothingClosed, sizes));
  console.log(row('B. generateNow, previous 11 months closed', endToEnd, sizes));
  if (cliTimes.length)
    console.log(
      row(
        'C. compiled CLI process report:monthly (boot included)',
        cliTimes,
        `peak RSS ${Math.min(...cliPeaks)}–${Math.max(...cliPeaks)} MB`,
      ),
    );
  else console.log('| C. compiled CLI process | skipped: run `npm run build` first | | | |');
  console.log(row('B. of which: live scorecard of the month', liveScorecard, '-'));
  console.log(row('B. of which: scorecard + data gathering', gather, '-'));
  console.log(row('PDF render', pdf, pdfBytes.toLocaleString('en')));
  console.log(row('XLSX render', xlsx, xlsxBytes.toLocaleString('en')));
  console.log(row('closing one month (setup for B)', closing, '-'));
  const peak = peakRssMegabytes();
  console.log(
    `Peak RSS of the process: ${peak} MB (already ${rssAfterStart} MB after app start and data preparation)`,
  );
  const p50 = percentile(endToEnd, 50);
  const cliPeak = cliPeaks.length ? Math.max(...cliPeaks) : null;
  console.log(
    `Targets: < 5 s (B p50 ${(p50 / 1000).toFixed(2)} s) ${p50 < 5000 ? 'met' : 'NOT met'}; < 300 MB peak RSS: ` +
      `this bench process ${peak} MB ${peak < 300 ? 'met' : 'NOT met'}, the compiled report process ` +
      (cliPeak === null ? 'not measured' : `${cliPeak} MB ${cliPeak < 300 ? 'met' : 'NOT met'}`),
  );
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
