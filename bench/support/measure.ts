import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface LatencyFigures {
  name: string;
  requests: number;
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  /** bytes of the last response body (to show what was returned) */
  bytes: number;
}

/** The value at quantile q (0..1) of sorted values, nearest-rank. */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Latency of one GET over real HTTP (fetch, keep-alive): `warmup` requests discarded, then `count`
 * sequential requests, each timed from send to the last byte of the body. Fails on any non-200.
 * With a time budget (`maxSeconds`, default 120) a slow endpoint stops early after `minCount`
 * samples; the figures say how many requests they are based on.
 */
export async function measureLatency(
  name: string,
  url: string,
  headers: Record<string, string>,
  options: { count?: number; warmup?: number; maxSeconds?: number; minCount?: number } = {},
): Promise<LatencyFigures> {
  const count = options.count ?? 200;
  const warmup = options.warmup ?? 10;
  const minCount = options.minCount ?? 20;
  const deadline = performance.now() + (options.maxSeconds ?? 120) * 1000;
  const samples: number[] = [];
  let bytes = 0;
  for (let index = 0; index < warmup + count; index++) {
    // a time budget, so a slow query still finishes: at least minCount samples, then stop at the deadline
    if (samples.length >= minCount && performance.now() > deadline) break;
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (response.status !== 200)
      throw new Error(`${name}: ${response.status} ${Buffer.from(body).toString('utf8').slice(0, 500)}`);
    bytes = body.byteLength;
    if (index >= warmup) samples.push(elapsed);
  }
  samples.sort((a, b) => a - b);
  return {
    name,
    requests: samples.length,
    p50: round(quantile(samples, 0.5)),
    p99: round(quantile(samples, 0.99)),
    mean: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
    min: round(samples[0]),
    max: round(samples[samples.length - 1]),
    bytes,
  };
}

export interface ThroughputFigures {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/**
 * Throughput with autocannon's programmatic API: `connections` concurrent keep-alive connections
 * for `seconds`; `setupRequest` may vary each request (unique Idempotency-Key, body).
 */
export async function measureThroughput(
  name: string,
  options: {
    url: string;
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    body?: () => string;
    extraHeaders?: () => Record<string, string>;
    connections?: number;
    seconds?: number;
    settleMs?: number;
  },
): Promise<ThroughputFigures> {
  const connections = options.connections ?? 10;
  const seconds = options.seconds ?? 10;
  const result = await autocannon({
    url: options.url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: options.method,
        setupRequest: (request) => ({
          ...request,
          method: options.method,
          headers: {
            ...options.headers,
            'content-type': 'application/json',
            ...(options.extraHeaders?.() ?? {}),
          },
          body: options.body?.(),
        }),
      },
    ],
  });
  // autocannon resolves when the duration ends; let the requests still in flight finish before
  // anyone counts rows or closes the app.
  await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 3000));
  return {
    name,
    connections,
    seconds,
    requests: result.requests.total,
    perSecond: round(result.requests.average),
    p50: round(result.latency.p50),
    p99: round(result.latency.p99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Peak resident set size of this process while `work` runs, sampled every `intervalMs` (the
 * lifetime maximum process.resourceUsage().maxRSS is reported too, but it includes earlier phases
 * such as seeding, so the sampled peak is the figure for the work itself).
 */
export async function withPeakRss<T>(
  work: () => Promise<T>,
  intervalMs = 25,
): Promise<{ result: T; baselineMiB: number; peakMiB: number; lifetimeMaxMiB: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return {
      result,
      baselineMiB: round(baseline / 1024 / 1024),
      peakMiB: round(peak / 1024 / 1024),
      lifetimeMaxMiB: round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    clearInterval(timer);
  }
}

/** Times an async step in milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: round(performance.now() - started) };
}

/** Prints rows as an aligned text table (and returns it, for the log). */
export function printTable(title: string, rows: Record<string, unknown>[]): string {
  if (!rows.length) return '';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => text(row[column]).length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, index) => cell.padEnd(widths[index])).join(' | ')} |`;
  const output = [
    `\n${title}`,
    line(columns),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map((row) => line(columns.map((column) => text(row[column])))),
  ].join('\n');
  console.log(output);
  return output;
}

/** 1/5/15-minute load averages, to state beside every figure (this machine is shared). */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

/** Waits (up to maxSeconds) for the 1-minute load average to drop below `threshold`. */
export async function waitForQuiet(threshold = 1.5, maxSeconds = 120): Promise<string> {
  const deadline = Date.now() + maxSeconds * 1000;
  while (loadavg()[0] > threshold && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  return loadAverage();
}

export function log(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}
