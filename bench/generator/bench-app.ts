import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { validateEnvironment } from '@estate/shared';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';

export const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/estate_bench_kpi';
export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';
/** The table that records which parameters the database was generated with. */
export const MARKER_TABLE = 'bench_generation_marker';

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

async function serverConnection(url: URL) {
  return createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
}

function databaseName(url: URL): string {
  const name = url.pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unexpected database name in DATABASE_URL: ${name}`);
  return name;
}

/** The generation parameters recorded in the marker table, or null when there is none. */
export async function readMarker(): Promise<string | null> {
  const url = new URL(databaseUrl());
  const connection = await serverConnection(url);
  try {
    const [rows] = await connection.query(
      `SELECT parameters FROM \`${databaseName(url)}\`.\`${MARKER_TABLE}\` ORDER BY id DESC LIMIT 1`,
    );
    const list = rows as { parameters: string }[];
    return list.length ? list[0].parameters : null;
  } catch {
    return null;
  } finally {
    await connection.end();
  }
}

/** Drops and re-creates the bench database (empty; the app's migrations build the schema). */
export async function recreateDatabase(): Promise<void> {
  const url = new URL(databaseUrl());
  const name = databaseName(url);
  const connection = await serverConnection(url);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

export async function writeMarker(dataSource: DataSource, parameters: string): Promise<void> {
  await dataSource.query(
    `CREATE TABLE IF NOT EXISTS \`${MARKER_TABLE}\` (id INT AUTO_INCREMENT PRIMARY KEY, parameters TEXT NOT NULL, generated_at VARCHAR(30) NOT NULL)`,
  );
  await dataSource.query(`INSERT INTO \`${MARKER_TABLE}\` (parameters, generated_at) VALUES (?, ?)`, [
    parameters,
    new Date().toISOString(),
  ]);
}

/**
 * The real application (AppModule.forRoot + configureApp, as main.ts and test/support/test-app.ts
 * build it) on the bench database: migrations run on start, no scheduler, quiet logs.
 */
export async function startBenchApp(): Promise<INestApplication> {
  const environment: Record<string, string> = {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl(),
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    DEMO_SEED: 'off',
    MIGRATE_ON_START: 'true',
  };
  const app = await NestFactory.create(AppModule.forRoot(environment), { bodyParser: false, logger: false });
  configureApp(app, validateEnvironment(environment));
  await app.init();
  return app;
}
