/**
 * npm run bench:reports — the monthly report of a generated 5,000-unit estate (MySQL) in both
 * formats through ReportsService.generateNow (the CLI path: the same records, scorecard, data
 * gathering, renderers and file store as the API's background generation, in the foreground),
 * then the phases on their own (data gathering, PDF, XLSX). Prints p50/p99 time, bytes and the
 * process's peak RSS.
 */
import 'reflect-metadata';
import { ScorecardService } from '@estate/kpi';
import {
  renderMonthlyReportPdf,
  renderMonthlyReportXlsx,
  ReportDataService,
  ReportsService,
} from '@estate/reports';
import { milliseconds, peakRssMegabytes, percentile, prepareBench } from './generator/prepare';

const PERIOD = '2026-10';
const RUNS = 5;

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

  const endToEnd: number[] = [];
  let sizes = '';
  for (let run = 0; run < RUNS; run++) {
    const { files } = await timed(endToEnd, () =>
      reports.generateNow(estate, PERIOD, {
        locale: 'zh-CN',
        formats: ['pdf', 'xlsx'],
        requesterName: 'bench',
      }),
    );
    sizes = files.map((file) => `${file.format} ${file.bytes.length.toLocaleString('en')} B`).join(', ');
  }

  // The phases on their own, to see where the time goes.
  const scorecards = app.get(ScorecardService);
  const data = app.get(ReportDataService);
  const gather: number[] = [];
  const pdf: number[] = [];
  const xlsx: number[] = [];
  let pdfBytes = 0;
  let xlsxBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const collected = await timed(gather, async () =>
      data.collect(estate, PERIOD, await scorecards.scorecardFor(estate, PERIOD)),
    );
    const options = { locale: 'zh-CN' as const, kind: 'draft' as const, generatedAt: new Date() };
    pdfBytes = (await timed(pdf, () => renderMonthlyReportPdf(collected, options))).length;
    xlsxBytes = (await timed(xlsx, () => renderMonthlyReportXlsx(collected, options))).length;
  }

  console.log(`\nMonthly report, ${rows.units} units, ${PERIOD}, zh-CN, MySQL`);
  console.log('| step | runs | p50 ms | p99 ms | bytes |');
  console.log('|---|---|---|---|---|');
  console.log(row('generateNow: scorecard + data + PDF + XLSX + store', endToEnd, sizes));
  console.log(row('scorecard + data gathering', gather, '-'));
  console.log(row('PDF render', pdf, pdfBytes.toLocaleString('en')));
  console.log(row('XLSX render', xlsx, xlsxBytes.toLocaleString('en')));
  const peak = peakRssMegabytes();
  console.log(
    `Peak RSS of the process: ${peak} MB (already ${rssAfterStart} MB after app start and data preparation)`,
  );
  const p50 = percentile(endToEnd, 50);
  console.log(
    `Targets: < 5 s (p50 ${(p50 / 1000).toFixed(2)} s) ${p50 < 5000 ? 'met' : 'NOT met'}; < 300 MB peak RSS ${peak < 300 ? 'met' : 'NOT met'}`,
  );
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
