import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { EstateMembership, Role, User } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { baseColumns, validateEnvironment } from '@estate/shared';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { applyServerTimeouts, configureApp } from '../../apps/api/src/configure-app';

export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

export interface BenchApp {
  app: INestApplication;
  dataSource: DataSource;
  transactions: TransactionService;
  /** http://127.0.0.1:<port>/api/v1 */
  api: string;
  close(): Promise<void>;
}

/**
 * The real API (AppModule.forRoot + configureApp, exactly as main.ts and test/support/test-app.ts
 * build it) listening on a free port of this process, against the bench database. The scheduler is
 * off, logs are at warn, migrations already ran (createBenchDatabase), login rate limit is high.
 * Time is the real system clock.
 */
export async function startBenchApp(databaseUrl: string): Promise<BenchApp> {
  const environment: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    MIGRATE_ON_START: 'false',
    DEMO_SEED: 'off',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    PORT: '0',
  };
  const config = validateEnvironment(environment);
  const app = await NestFactory.create(AppModule.forRoot(environment), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  configureApp(app, config);
  applyServerTimeouts(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    dataSource: app.get(DataSource),
    transactions: app.get(TransactionService),
    api: `http://127.0.0.1:${address.port}/api/v1`,
    close: () => app.close(),
  };
}

/**
 * A user with a role and estate memberships, and its bearer header signed by the app's own
 * JwtService (the login flow is not what is measured). The password hash is a placeholder: this
 * user never logs in with a password.
 */
export async function benchUser(
  bench: BenchApp,
  role: Role,
  estateIds: string[],
  name = `${role}-bench`,
): Promise<{ user: User; headers: Record<string, string> }> {
  const user = await bench.transactions.run(async (manager) => {
    const created = manager.create(User, {
      ...baseColumns(),
      username: `${name}-${Math.random().toString(36).slice(2, 8)}`.toLowerCase(),
      displayName: name,
      passwordHash: 'not-a-password-hash',
      role,
      phone: null,
      unitId: null,
      active: true,
      tokenVersion: 0,
      lastLoginAt: null,
    });
    await manager.insert(User, created);
    if (estateIds.length)
      await manager.insert(
        EstateMembership,
        estateIds.map((estateId) => ({ ...baseColumns(), userId: created.id, estateId })),
      );
    return created;
  });
  const token = bench.app
    .get(JwtService)
    .sign({ sub: user.id, role: user.role, tv: user.tokenVersion }, { expiresIn: 6 * 3600 });
  return { user, headers: { Authorization: `Bearer ${token}` } };
}
