import { buildDataSourceOptions } from '@estate/database';
import { createConnection, Connection } from 'mysql2/promise';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export const DEFAULT_BENCH_URL = 'mysql://root@127.0.0.1:3306/estate_bench';

export interface BenchDatabase {
  /** mysql://…/estate_bench */
  url: string;
  name: string;
  /** A bare mysql2 connection to the bench database (floors, server variables). */
  raw(): Promise<Connection>;
}

function serverOf(url: URL) {
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/**
 * The bench database: DATABASE_URL (default mysql://root@127.0.0.1:3306/estate_bench) dropped and
 * created fresh, then migrated by the real migrations (the same ALL_MIGRATIONS the API runs).
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const url = new URL(process.env.DATABASE_URL ?? DEFAULT_BENCH_URL);
  if (url.protocol !== 'mysql:') throw new Error(`Benchmarks run on MySQL/MariaDB only, got ${url.protocol}`);
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'estate_bench';
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  const server = serverOf(url);
  const admin = await createConnection(server);
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  url.pathname = `/${name}`;
  const migrator = new DataSource({
    ...buildDataSourceOptions({
      DATABASE_URL: url.toString(),
      SQLITE_PATH: ':memory:',
      DATABASE_POOL_SIZE: 2,
    }),
    logging: ['error'],
  });
  await migrator.initialize();
  await migrator.runMigrations({ transaction: 'each' });
  await migrator.destroy();
  return {
    url: url.toString(),
    name,
    raw: () => createConnection({ ...server, database: name, timezone: 'Z', dateStrings: false }),
  };
}

/** Server facts for the report (version, buffer pool, durability setting). */
export async function serverFacts(database: BenchDatabase): Promise<Record<string, string>> {
  const connection = await database.raw();
  try {
    const [rows] = await connection.query(
      'SELECT VERSION() AS version, @@innodb_buffer_pool_size AS bufferPool, @@innodb_flush_log_at_trx_commit AS flushAtCommit',
    );
    const row = (rows as Record<string, unknown>[])[0];
    return {
      version: String(row.version),
      bufferPoolMiB: String(Number(row.bufferPool) / 1024 / 1024),
      flushAtCommit: String(row.flushAtCommit),
    };
  } finally {
    await connection.end();
  }
}

/**
 * Bulk insert through the entity metadata (so the naming strategy and column transformers apply):
 * multi-row INSERTs of `chunk` rows, `concurrency` statements in flight on separate pool connections.
 * Never one statement per row.
 */
export async function insertChunked<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
  options: { chunk?: number; concurrency?: number } = {},
): Promise<void> {
  const chunk = options.chunk ?? 1000;
  const concurrency = options.concurrency ?? 2;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const start = next;
      next += chunk;
      if (start >= rows.length) return;
      await manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.slice(start, start + chunk))
        .updateEntity(false)
        .execute();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Inserts rows produced lazily by `make(index)` for index in [0, count), `chunk` rows per INSERT, so a
 * million rows never sit in memory at once.
 */
export async function insertGenerated<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  count: number,
  make: (index: number) => QueryDeepPartialEntity<T>,
  options: { chunk?: number; concurrency?: number; onProgress?: (done: number) => void } = {},
): Promise<void> {
  const chunk = options.chunk ?? 1000;
  const concurrency = options.concurrency ?? 2;
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const start = next;
      next += chunk;
      if (start >= count) return;
      const rows: QueryDeepPartialEntity<T>[] = [];
      for (let index = start; index < Math.min(count, start + chunk); index++) rows.push(make(index));
      await manager.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false).execute();
      done += rows.length;
      options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** ANALYZE TABLE so the optimizer's statistics reflect the seeded data (as they would in production). */
export async function analyzeTables(dataSource: DataSource, tables: string[]): Promise<void> {
  for (const table of tables) await dataSource.query(`ANALYZE TABLE \`${table}\``);
}
