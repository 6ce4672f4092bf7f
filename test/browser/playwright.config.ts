import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium';

/**
 * Browser tests: Debian's Chromium (/usr/bin/chromium, never a downloaded browser) against the real
 * built app (dist/apps/api + dist/web) on a fresh embedded database with the demo estate, started
 * by global-setup. Run by `npm test` through scripts/run-browser-tests.js.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.browser\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.BROWSER_REPORT ?? 'test-results/browser-report.json' }],
  ],
  outputDir: process.env.BROWSER_OUTPUT ?? 'test-results/artifacts',
  globalSetup: './support/global-setup.ts',
  globalTeardown: './support/global-teardown.ts',
  use: {
    baseURL: process.env.BROWSER_BASE_URL ?? `http://127.0.0.1:${process.env.BROWSER_PORT ?? '3950'}`,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});
