import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, FixedClock, validateEnvironment } from '@estate/shared';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { Factory } from './factories';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  /** supertest against the real HTTP server */
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  clock: FixedClock;
  factory: Factory;
  database: TestDatabase;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/**
 * A real app (same modules, same configureApp as production) on a fresh database, migrated by the
 * real migrations. Time comes from a FixedClock the test controls (defaults to 2026-10-15 10:00 UTC).
 */
export async function createTestApp(
  options: {
    now?: string;
    environment?: Record<string, string>;
    /** another app's database (a second instance on it); closing this app then leaves it */
    database?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const environment = {
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
    DEMO_SEED: 'off',
    MIGRATE_ON_START: 'true',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...database.environment,
    ...options.environment,
  };
  const clock = new FixedClock(new Date(options.now ?? '2026-10-15T10:00:00.000Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(environment)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureApp(app, validateEnvironment(environment));
  await app.init();
  const dataSource = app.get(DataSource);
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource,
    clock,
    factory: new Factory(app),
    database,
    async close() {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}
