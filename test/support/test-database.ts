import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/**
 * A fresh database for one test file: an in-memory SQLite database by default, or — when
 * DATABASE_URL=mysql://… is set — a new schema `estate_t_<random>` on that server, dropped afterwards.
 */
export interface TestDatabase {
  environment: Record<string, string>;
  dialect: 'mysql' | 'sqlite';
  url?: string;
  drop(): Promise<void>;
}

export function isMysqlRun(): boolean {
  return (process.env.DATABASE_URL ?? '').startsWith('mysql://');
}

export async function createTestDatabase(options: { sqliteFile?: string } = {}): Promise<TestDatabase> {
  if (!isMysqlRun()) {
    return {
      environment: { SQLITE_PATH: options.sqliteFile ?? ':memory:' },
      dialect: 'sqlite',
      drop: async () => undefined,
    };
  }
  const server = new URL(process.env.DATABASE_URL!);
  const name = `estate_t_${randomBytes(6).toString('hex')}`;
  const connection = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  });
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  server.pathname = `/${name}`;
  const url = server.toString();
  return {
    environment: { DATABASE_URL: url },
    dialect: 'mysql',
    url,
    drop: async () => {
      const dropper = await createConnection({
        host: server.hostname,
        port: Number(server.port || 3306),
        user: decodeURIComponent(server.username),
        password: decodeURIComponent(server.password),
      });
      await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await dropper.end();
    },
  };
}
