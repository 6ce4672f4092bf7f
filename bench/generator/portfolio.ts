import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createConnection } from 'mysql2/promise';
import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { BENCH_JWT_SECRET, MARKER_TABLE } from './bench-app';
import { DEFAULT_PARAMETERS, generateEstate } from '@estate/demo';

export const DEFAULT_PORTFOLIO_URL = 'mysql://root@127.0.0.1:3306/estate_bench_portfolio';

export interface PortfolioParameters {
  estates: number;
  unitsPerEstate: number;
  months: number;
  seed: number;
  /** Estates generated at the same time (each has its own PRNG, so the rows do not depend on it). */
  parallel?: number;
}

export interface PortfolioResult {
  estateCodes: string[];
  rows: Record<string, number>;
  seconds: number;
  migrationSeconds: number;
  reused: boolean;
}

/** Estate codes of a generated portfolio: GEN01, GEN02, … */
export function estateCode(index: number): string {
  return `GEN${String(index + 1).padStart(2, '0')}`;
}

/** The estate's own seed: distinct per estate, fixed by the portfolio seed. */
export function estateSeed(seed: number, index: number): number {
  return (Math.imul(seed >>> 0, 2654435761) + (index + 1) * 40503) >>> 0;
}

function isSqlite(url: string): boolean {
  return url.startsWith('sqlite:');
}

/**
 * Opens (and with `recreate` first empties) the database at `url` through the application's own
 * module (every entity registered, migrations run on start), without an HTTP server.
 */
export async function openDatabase(url: string, recreate: boolean): Promise<DataSource> {
  const environment: Record<string, string> = {
    NODE_ENV: 'development',
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    DEMO_SEED: 'off',
    MIGRATE_ON_START: 'true',
  };
  if (isSqlite(url)) {
    const path = url.slice('sqlite:'.length);
    if (recreate && path !== ':memory:')
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    environment.SQLITE_PATH = path;
  } else {
    const parsed = new URL(url);
    const name = parsed.pathname.replace(/^\//, '');
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unexpected database name in the URL: ${name}`);
    const connection = await createConnection({
      host: parsed.hostname,
      port: Number(parsed.port || 3306),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    });
    try {
      if (recreate) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.query(
        `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    } finally {
      await connection.end();
    }
    environment.DATABASE_URL = url;
  }
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(environment), {
    logger: false,
  });
  const dataSource = context.get(DataSource);
  // destroy() closes the whole application context (whose shutdown destroys the connection pool).
  const destroyConnection = dataSource.destroy.bind(dataSource);
  let closing = false;
  dataSource.destroy = async () => {
    if (closing) return destroyConnection();
    closing = true;
    await context.close();
  };
  return dataSource;
}

async function readMarker(dataSource: DataSource): Promise<string | null> {
  try {
    const rows = (await dataSource.query(
      `SELECT parameters FROM ${MARKER_TABLE} ORDER BY id DESC LIMIT 1`,
    )) as { parameters: string }[];
    return rows.length ? rows[0].parameters : null;
  } catch {
    return null;
  }
}

async function writeMarker(dataSource: DataSource, parameters: string): Promise<void> {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  await dataSource.query(
    `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (id INTEGER ${sqlite ? 'PRIMARY KEY AUTOINCREMENT' : 'AUTO_INCREMENT PRIMARY KEY'}, parameters TEXT NOT NULL, generated_at VARCHAR(30) NOT NULL)`,
  );
  await dataSource.query(`INSERT INTO ${MARKER_TABLE} (parameters, generated_at) VALUES (?, ?)`, [
    parameters,
    new Date().toISOString(),
  ]);
}

/** The key recorded in the marker table (bump `generator` when the generated rows change). */
export function portfolioKey(parameters: PortfolioParameters): string {
  const { estates, unitsPerEstate, months, seed } = parameters;
  return JSON.stringify({ generator: 'portfolio-2', estates, unitsPerEstate, months, seed });
}

/**
 * Fills the database with `estates` estates (generateEstate each, code GENnn, own seed), unless
 * `reuse` and the marker says it already holds exactly this portfolio. Rows per table and seconds.
 */
export async function generatePortfolio(
  url: string,
  parameters: PortfolioParameters,
  options: { reuse?: boolean; log?: (message: string) => void } = {},
): Promise<{ dataSource: DataSource; result: PortfolioResult }> {
  const log = options.log ?? (() => undefined);
  const key = portfolioKey(parameters);
  const estateCodes = Array.from({ length: parameters.estates }, (_, index) => estateCode(index));
  if (options.reuse) {
    const existing = await openDatabase(url, false);
    if ((await readMarker(existing)) === key) {
      log(`reusing the generated database (marker ${key})`);
      return {
        dataSource: existing,
        result: {
          estateCodes,
          rows: await countRows(existing),
          seconds: 0,
          migrationSeconds: 0,
          reused: true,
        },
      };
    }
    await existing.destroy();
  }
  const migrationStarted = Date.now();
  const dataSource = await openDatabase(url, true);
  const migrationSeconds = (Date.now() - migrationStarted) / 1000;
  log(`schema migrated in ${migrationSeconds.toFixed(1)} s`);
  const started = Date.now();
  const rows: Record<string, number> = {};
  const parallel = Math.max(1, parameters.parallel ?? 1);
  let next = 0;
  const worker = async () => {
    while (next < parameters.estates) {
      const index = next++;
      const result = await generateEstate(dataSource, {
        ...DEFAULT_PARAMETERS,
        units: parameters.unitsPerEstate,
        months: parameters.months,
        seed: estateSeed(parameters.seed, index),
        code: estateCode(index),
        name: `基准花园 ${index + 1} 期`,
      });
      for (const [table, count] of Object.entries(result.rows)) rows[table] = (rows[table] ?? 0) + count;
      log(`estate ${estateCode(index)}: ${result.seconds.toFixed(1)} s`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, parameters.estates) }, worker));
  const seconds = (Date.now() - started) / 1000;
  await writeMarker(dataSource, key);
  return { dataSource, result: { estateCodes, rows, seconds, migrationSeconds, reused: false } };
}

/** Rows per table of every table the generator fills. */
export async function countRows(dataSource: DataSource): Promise<Record<string, number>> {
  const tables = (await dataSource.query(
    dataSource.options.type === 'better-sqlite3'
      ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
      : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name`,
  )) as { name: string }[];
  const rows: Record<string, number> = {};
  for (const { name } of tables) {
    if (name === MARKER_TABLE || name === 'schema_migrations') continue;
    const [{ count }] = (await dataSource.query(`SELECT COUNT(*) AS count FROM ${name}`)) as {
      count: string | number;
    }[];
    if (Number(count) > 0) rows[name] = Number(count);
  }
  return rows;
}
