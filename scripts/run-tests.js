#!/usr/bin/env node
/**
 * `npm test`: unit + e2e on the embedded SQLite database.
 * `npm run test:mysql` (or DATABASE_URL=mysql://… npm test): the same suite on MySQL/MariaDB; each
 * e2e file creates and drops its own database on that server.
 * Ends with one line `N passed, N failed` (and skipped) read from jest's JSON report.
 * On the embedded database the browser suite follows (scripts/run-browser-tests.js: Playwright on
 * Debian's Chromium against the built app; `--no-browser` leaves it out), with its own summary line.
 */
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const args = process.argv.slice(2);
const env = { ...process.env };
if (args.includes('--mysql')) env.DATABASE_URL = env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/estate_ops_test';
else if (!args.includes('--keep-database-url')) delete env.DATABASE_URL;
const browser = !env.DATABASE_URL && !args.includes('--no-browser') && !args.some((arg) => !arg.startsWith('--'));
const passThrough = args.filter(
  (arg) => !arg.startsWith('--mysql') && arg !== '--keep-database-url' && arg !== '--no-browser',
);
const engine = env.DATABASE_URL ? `MySQL (${env.DATABASE_URL.replace(/\/\/[^@]*@/, '//')})` : 'embedded SQLite';
const report = join(mkdtempSync(join(tmpdir(), 'estate-jest-')), 'report.json');

console.log(`Running the test suite on ${engine}`);
const result = spawnSync(
  process.execPath,
  [require.resolve('jest/bin/jest'), '--maxWorkers=2', '--json', `--outputFile=${report}`, ...passThrough],
  { stdio: 'inherit', env },
);
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(`\n${engine}: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (summary.numTotalTests === 0) {
    console.error('No test ran.');
    process.exit(1);
  }
}
let status = result.status ?? 1;
if (browser) {
  const browserRun = spawnSync(process.execPath, [join(__dirname, 'run-browser-tests.js')], { stdio: 'inherit', env });
  if (browserRun.status !== 0) status = status || 1;
}
process.exit(status);
