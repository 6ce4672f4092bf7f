/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * npm run bench:web — the console's speed (issue 15), in Debian's Chromium driven by Playwright,
 * against the real built app (dist/web, served by the API as `npm start` does) on the 200,000-order
 * work-order bench estate (bench/support/work-orders-seed.ts, MariaDB):
 *
 * 1. JavaScript per route: what a cold load of each screen downloads (compressed bytes on the wire,
 *    as served: Brotli), split into the shared shell (index) and the route's own chunks.
 * 2. Sign-in → board interactive: from the click on 登录 (typed URL of the board, so the sign-in
 *    returns there) to the board's first rows rendered with no spinner, in a fresh browser context
 *    each run (empty cache, as a first visit of the day); p50/p99 over RUNS.
 * 3. Filter change → rendered rows: a filter changed on the board (the URL's search params, as
 *    the filter controls write them) until the new rows are rendered; p50/p99 over every change.
 * 4. Lighthouse (npx lighthouse@12, desktop preset for the console, mobile for phone screens) of the
 *    main screens, signed in through a Chromium profile: performance, accessibility, best practices,
 *    and its time-to-interactive. BENCH_LIGHTHOUSE=0 skips it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EstateMembership, PasswordService, Role, User } from '@estate/auth';
import { baseColumns } from '@estate/shared';
import { WorkOrderMonthlyFactsService } from '@estate/work-orders';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startBenchApp, type BenchApp } from './support/app';
import { createBenchDatabase, serverFacts } from './support/database';
import { loadAverage, log, printTable, quantile, timed } from './support/measure';
import { seedWorkOrderEstate } from './support/work-orders-seed';

const ORDERS = Number(process.env.BENCH_WORK_ORDERS ?? 200_000);
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 15);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'Bench-Console-2026';
const ROWS = '.ant-table-tbody > tr.ant-table-row';

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
const kb = (bytes: number) => round(bytes / 1024, 1);

interface Figures {
  name: string;
  runs: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

function figures(name: string, samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name,
    runs: sorted.length,
    p50: round(quantile(sorted, 0.5)),
    p99: round(quantile(sorted, 0.99)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  };
}

/** A person who signs in with a password (the bench's own users have none). */
async function person(bench: BenchApp, role: Role, username: string, estateId: string): Promise<User> {
  const passwordHash = await bench.app.get(PasswordService).hash(PASSWORD);
  return bench.transactions.run(async (manager) => {
    const user = manager.create(User, {
      ...baseColumns(),
      username,
      displayName: username === 'bench-desk' ? '前台小李' : '维修工小王',
      passwordHash,
      role,
      phone: null,
      unitId: null,
      active: true,
      tokenVersion: 0,
      lastLoginAt: null,
    });
    await manager.insert(User, user);
    await manager.insert(EstateMembership, { ...baseColumns(), userId: user.id, estateId });
    return user;
  });
}

/** Waits until the board shows rows that were not there before `mark` ran, and no spinner. */
async function rowsRendered(page: Page): Promise<void> {
  await page
    .waitForFunction(
      (selector) => {
        const rows = [...document.querySelectorAll(selector)];
        const fresh = rows.some((row) => !row.hasAttribute('data-bench-old'));
        // a filter that matches nothing renders the empty state instead
        const empty = rows.length === 0 && document.querySelector('.ant-table-placeholder') !== null;
        const spinning = document.querySelector('.ant-table-wrapper .ant-spin-spinning');
        return (fresh || empty) && !spinning;
      },
      ROWS,
      { polling: 'raf', timeout: 30_000 },
    )
    .catch(async (error: unknown) => {
      await page.screenshot({ path: join(tmpdir(), 'web-bench-failed.png') });
      throw new Error(`no rows rendered at ${page.url()} (screenshot in ${tmpdir()}/web-bench-failed.png)`, {
        cause: error,
      });
    });
}

async function markRows(page: Page): Promise<void> {
  await page.evaluate((selector) => {
    for (const row of document.querySelectorAll(selector)) row.setAttribute('data-bench-old', '');
  }, ROWS);
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
}

/** Compressed JavaScript a cold load of `path` downloads, by file. */
async function javascriptOf(
  browser: Browser,
  origin: string,
  path: string,
  username: string | null,
): Promise<{ file: string; bytes: number }[]> {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  if (username) {
    await page.goto('/login');
    await signIn(page, username);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }
  // a second context with the signed-in storage, so the measured load is cold (no HTTP cache)
  const storage = await context.storageState();
  await context.close();
  const cold = await browser.newContext({ baseURL: origin, storageState: storage });
  const measured = await cold.newPage();
  const files: { file: string; bytes: number }[] = [];
  let lastScript = performance.now();
  measured.on('requestfinished', (request) => {
    if (!request.url().endsWith('.js')) return;
    lastScript = performance.now();
    void request.sizes().then((sizes) => {
      files.push({
        file: new URL(request.url()).pathname.replace('/assets/', ''),
        bytes: sizes.responseBodySize,
      });
    });
  });
  // not "networkidle": the live-events stream stays open. The screen is up when its content is
  // rendered with no spinner, and every chunk it needs has come when no script arrived for 500 ms.
  await measured.goto(path);
  await measured.waitForFunction(
    () => {
      const main = document.querySelector('#main') ?? document.querySelector('form');
      return main !== null && main.textContent !== '' && !document.querySelector('.ant-spin-spinning');
    },
    undefined,
    { timeout: 30_000 },
  );
  while (performance.now() - lastScript < 500) await measured.waitForTimeout(100);
  await cold.close();
  return files;
}

/** Lighthouse in a child process — asynchronous: the API under test runs in this process. */
async function lighthouse(
  url: string,
  profile: string,
  preset: 'desktop' | 'mobile',
): Promise<Record<string, number> | null> {
  const output = join(profile, '..', `lighthouse-${Date.now()}.json`);
  // LIGHTHOUSE_BIN: an installed lighthouse (npm i lighthouse@12 somewhere); else npx fetches it
  const [command, ...prefix] = process.env.LIGHTHOUSE_BIN
    ? [process.env.LIGHTHOUSE_BIN]
    : ['npx', '--yes', 'lighthouse@12'];
  try {
    await promisify(execFile)(
      command,
      [
        ...prefix,
        url,
        '--quiet',
        '--output=json',
        `--output-path=${output}`,
        '--only-categories=performance,accessibility,best-practices',
        '--disable-storage-reset',
        ...(preset === 'desktop' ? ['--preset=desktop'] : []),
        `--chrome-flags=--headless=new --no-sandbox --user-data-dir=${profile}`,
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    log(`lighthouse ${url} failed: ${String(error).slice(-600)}`);
    return null;
  }
  if (!existsSync(output)) return null;
  const report = JSON.parse(readFileSync(output, 'utf8')) as {
    categories: Record<string, { score: number }>;
    audits: Record<string, { numericValue?: number }>;
  };
  return {
    performance: round(report.categories.performance.score * 100),
    accessibility: round(report.categories.accessibility.score * 100),
    'best-practices': round(report.categories['best-practices'].score * 100),
    'FCP ms': round(report.audits['first-contentful-paint'].numericValue ?? NaN),
    'LCP ms': round(report.audits['largest-contentful-paint'].numericValue ?? NaN),
    'TTI ms': round(report.audits.interactive?.numericValue ?? NaN),
    'TBT ms': round(report.audits['total-blocking-time'].numericValue ?? NaN),
  };
}

async function main(): Promise<void> {
  if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: run npm run build:web first');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install chromium`);
  log(`load before start: ${loadAverage()}`);
  const database = await createBenchDatabase();
  const bench = await startBenchApp(database.url);
  const origin = bench.api.replace(/\/api\/v1$/, '');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const seeding = await timed(() => seedWorkOrderEstate(bench.dataSource, ORDERS));
    const { estate } = seeding.result;
    await bench.app.get(WorkOrderMonthlyFactsService).build(estate.id);
    log(`seeded ${ORDERS} work orders in ${(seeding.ms / 1000).toFixed(1)} s`);
    const desk = await person(bench, 'front_desk', 'bench-desk', estate.id);
    await person(bench, 'technician', 'bench-tech', estate.id);
    const board = `/e/${estate.code}/work-orders`;
    const [anOrder] = (await bench.dataSource.manager.query(
      "SELECT id FROM work_orders WHERE estate_id = ? AND status = 'in_progress' LIMIT 1",
      [estate.id],
    )) as { id: string }[];

    // 1. JavaScript per route -------------------------------------------------------------------
    const routes: [string, string, string | null][] = [
      ['sign-in', '/login', null],
      ['board', board, 'bench-desk'],
      ['caller lookup', `/e/${estate.code}/desk`, 'bench-desk'],
      ['new repair ticket', `/e/${estate.code}/work-orders/new`, 'bench-desk'],
      ['order detail', `/e/${estate.code}/work-orders/${anOrder.id}`, 'bench-desk'],
      ['return visits', `/e/${estate.code}/return-visits`, 'bench-desk'],
      ['complaints', `/e/${estate.code}/complaints`, 'bench-desk'],
      ["technician's orders", `/e/${estate.code}/my-orders`, 'bench-tech'],
    ];
    const sizes: Record<string, unknown>[] = [];
    for (const [name, path, username] of routes) {
      const files = await javascriptOf(browser, origin, path, username);
      const shell = files
        .filter((file) => /^index-/.test(file.file))
        .reduce((sum, file) => sum + file.bytes, 0);
      const total = files.reduce((sum, file) => sum + file.bytes, 0);
      // the same files gzip-compressed (the budget is stated in gzip): the .gz copies the build wrote
      const gzip = files.reduce((sum, file) => {
        const path = join('dist/web/assets', file.file);
        return sum + (existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : statSync(path).size);
      }, 0);
      sizes.push({
        route: name,
        files: files.length,
        'shell KB': kb(shell),
        'route KB': kb(total - shell),
        'total KB': kb(total),
        'gzip KB': kb(gzip),
        '≤ 300 KB gzip': gzip <= 300 * 1024 ? 'yes' : 'NO',
      });
    }
    printTable('JavaScript a cold load downloads (Brotli as served; the same files gzip-compressed)', sizes);

    // 2. Sign-in → board interactive --------------------------------------------------------------
    const signIns: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const context = await browser.newContext({ baseURL: origin, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(board); // → /login?next=…, as a typed or bookmarked board URL
      await page.getByLabel(/用户名|Username/).waitFor();
      const started = performance.now();
      await signIn(page, desk.username);
      await page.waitForURL((url) => url.pathname === board);
      await rowsRendered(page);
      if (run > 0) signIns.push(performance.now() - started); // the first run warms the server
      await context.close();
    }

    // 3. Filter change → rendered rows -----------------------------------------------------------
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(board);
    await signIn(page, desk.username);
    await page.waitForURL((url) => url.pathname === board);
    await rowsRendered(page);
    const year = new Date().getUTCFullYear();
    const filters = [
      'status=assigned,in_progress',
      'status=assigned,in_progress&priority=urgent',
      'priority=routine',
      'overdue=true',
      'category=plumbing',
      'category=electrical&status=completed',
      `q=WO-${year}-01`,
      'status=closed&page=3',
      '',
    ];
    const changes: number[] = [];
    const byFilter = new Map<string, number[]>();
    for (let round = 0; round < Math.max(2, Math.ceil(RUNS / 3)); round++)
      for (const filter of filters) {
        await markRows(page);
        const started = performance.now();
        // the board keeps its filters in the URL: a change is a client-side navigation
        await page.evaluate((search) => {
          window.history.pushState(null, '', search ? `${location.pathname}?${search}` : location.pathname);
          window.dispatchEvent(new PopStateEvent('popstate'));
        }, filter);
        await rowsRendered(page);
        const elapsed = performance.now() - started;
        changes.push(elapsed);
        byFilter.set(filter || '(none)', [...(byFilter.get(filter || '(none)') ?? []), elapsed]);
      }
    await context.close();
    printTable(`Board in Chromium (${ORDERS} orders; load ${loadAverage()})`, [
      { ...figures('sign-in → board rows rendered', signIns), target: '< 1500 ms' },
      { ...figures('filter change → rows rendered', changes), target: '< 300 ms' },
    ]);

    printTable(
      'Filter changes, each',
      [...byFilter].map(([filter, samples]) => ({ ...figures(filter, samples), 'target p99': '< 300 ms' })),
    );

    // 4. Lighthouse ------------------------------------------------------------------------------
    if (process.env.BENCH_LIGHTHOUSE !== '0') {
      const scores: Record<string, unknown>[] = [];
      const pages: [string, string, string | null, 'desktop' | 'mobile'][] = [
        ['sign-in', '/login', null, 'desktop'],
        ['board', board, 'bench-desk', 'desktop'],
        ['order detail', `/e/${estate.code}/work-orders/${anOrder.id}`, 'bench-desk', 'desktop'],
        ["technician's orders (phone)", `/e/${estate.code}/my-orders`, 'bench-tech', 'mobile'],
      ];
      for (const [name, path, username, preset] of pages) {
        const profile = mkdtempSync(join(tmpdir(), 'estate-lh-'));
        if (username) {
          const persistent = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM,
            baseURL: origin,
            args: ['--no-sandbox'],
          });
          const signInPage = persistent.pages()[0] ?? (await persistent.newPage());
          await signInPage.goto('/login');
          await signIn(signInPage, username);
          await signInPage.waitForURL((url) => !url.pathname.startsWith('/login'));
          await persistent.close();
        }
        const result = await lighthouse(`${origin}${path}`, profile, preset);
        scores.push({ screen: name, preset, ...(result ?? { error: 'see log' }) });
        rmSync(profile, { recursive: true, force: true });
      }
      printTable(`Lighthouse 12 (simulated throttling; load ${loadAverage()})`, scores);
    }
    log(`server: ${JSON.stringify(await serverFacts(database))}; node ${process.version}`);
  } finally {
    await browser.close();
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
