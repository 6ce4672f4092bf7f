import { EnvironmentVariables, SnakeNamingStrategy } from '@estate/shared';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { DatabaseLogger } from './database-logger';
import { ALL_MIGRATIONS } from './migrations';

export type DatabaseDialect = 'mysql' | 'sqlite';

export function dialectOf(options: { type: string }): DatabaseDialect {
  return options.type === 'mysql' || options.type === 'mariadb' ? 'mysql' : 'sqlite';
}

/**
 * One place builds the TypeORM options for both engines:
 * - `DATABASE_URL=mysql://…` → mysql2, UTC (`timezone: 'Z'`), utf8mb4, bigints as strings (the column
 *   transformers turn them into safe integers), a bounded pool and connect timeout;
 * - unset → better-sqlite3 file under ./data (WAL, foreign keys on, busy timeout).
 * `synchronize` is always false here: the schema comes from migrations only.
 */
export function buildDataSourceOptions(
  config: Pick<EnvironmentVariables, 'DATABASE_URL' | 'SQLITE_PATH' | 'DATABASE_POOL_SIZE'>,
  overrides: { url?: string; sqlitePath?: string } = {},
): DataSourceOptions {
  const url = overrides.url ?? config.DATABASE_URL;
  const common = {
    namingStrategy: new SnakeNamingStrategy(),
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logger: new DatabaseLogger(),
    logging: ['error', 'warn', 'migration'] as ('error' | 'warn' | 'migration')[],
    maxQueryExecutionTime: 1000,
  };
  if (url) {
    return {
      ...common,
      type: 'mysql',
      connectorPackage: 'mysql2',
      url,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      bigNumberStrings: true,
      connectTimeout: 5000,
      poolSize: config.DATABASE_POOL_SIZE,
      extra: {
        connectionLimit: config.DATABASE_POOL_SIZE,
        waitForConnections: true,
        queueLimit: 500,
        enableKeepAlive: true,
      },
    };
  }
  const database = overrides.sqlitePath ?? config.SQLITE_PATH;
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database,
    enableWAL: database !== ':memory:',
    prepareDatabase: (db: { pragma: (text: string) => unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
