#!/usr/bin/env node
/**
 * The browser suite (part of `npm test`): Playwright drives Debian's Chromium at /usr/bin/chromium
 * against the real built app on a fresh embedded database.
 * - Chromium missing: installed with apt-get when we may (root, as on CI), otherwise stop with the
 *   one command to run — the browser tests are never skipped silently.
 * - Builds the web app and the API first (`--no-build` to reuse dist/).
 * - `--screenshots`: also writes every screen to docs/screenshots/ (npm run screenshots).
 * Ends with one line `browser (Chromium): N passed, N failed`.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, mkdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const args = process.argv.slice(2);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', cwd: root, ...options });
  return result.status ?? 1;
}

if (!existsSync(chromium)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    console.log('== Chromium is missing: installing Debian\'s chromium package for the browser tests');
    const status = run('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
    if (status !== 0 || !existsSync(chromium)) {
      console.error('Chromium could not be installed. Install it with: sudo apt-get install -y chromium');
      process.exit(1);
    }
  } else {
    console.error(`The browser tests need Chromium at ${chromium}. Install it with: sudo apt-get install -y chromium`);
    console.error('(or set CHROMIUM_PATH to a Chromium binary), then run the tests again.');
    process.exit(1);
  }
}

if (!args.includes('--no-build')) {
  console.log('== building the web app and the API for the browser tests');
  if (run('npm', ['run', 'build:web']) !== 0) process.exit(1);
  if (run('npx', ['nest', 'build', 'api']) !== 0) process.exit(1);
}

/** A free port for this run's app, so two runs on one machine never meet (BROWSER_PORT to choose one). */
function freePort() {
  const probe = spawnSync(
    process.execPath,
    ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"],
    { encoding: 'utf8' },
  );
  return probe.stdout.trim();
}

const workDir = mkdtempSync(join(tmpdir(), 'estate-browser-run-'));
const report = join(workDir, 'report.json');
const env = {
  ...process.env,
  BROWSER_PORT: process.env.BROWSER_PORT || freePort(),
  BROWSER_REPORT: report,
  BROWSER_OUTPUT: join(workDir, 'artifacts'),
};
delete env.DATABASE_URL;
if (args.includes('--screenshots')) {
  env.SCREENSHOTS_DIR = join(root, 'docs', 'screenshots');
  mkdirSync(env.SCREENSHOTS_DIR, { recursive: true });
}
const passThrough = args.filter((arg) => !['--no-build', '--screenshots'].includes(arg));
const status = run(
  process.execPath,
  [require.resolve('@playwright/test/cli'), 'test', '-c', 'test/browser/playwright.config.ts', ...passThrough],
  { env },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed = summary.stats.expected + summary.stats.flaky;
  failed = summary.stats.unexpected;
  skipped = summary.stats.skipped;
}
console.log(`\nbrowser (Chromium): ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (passed + failed === 0) {
  console.error('No browser test ran.');
  process.exit(1);
}
if (status !== 0) console.error(`(artifacts of failed tests: ${join(workDir, 'artifacts')})`);
process.exit(status);
