import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { EnvironmentVariables, isEmbeddedDatabase } from '@estate/shared';
import { AuditEntry } from './audit/audit-entry.entity';
import { AuditService } from './audit/audit.service';
import { CodeCounter } from './codes/code-counter.entity';
import { CodeCounterService } from './codes/code-counter.service';
import { buildDataSourceOptions } from './data-source-options';
import { InstanceIdentity } from './jobs/instance-identity';
import { JobLock } from './jobs/job-lock.entity';
import { JobLockService } from './jobs/job-lock.service';
import { JobRun } from './jobs/job-run.entity';
import { JobRunner } from './jobs/job-runner.service';
import { guardConnectionAcquire } from './pool-guard';
import { TransactionService } from './transactions/transaction.service';

const PROVIDERS = [
  TransactionService,
  CodeCounterService,
  InstanceIdentity,
  JobLockService,
  JobRunner,
  AuditService,
];

/**
 * The TypeORM connection (entities register themselves through `TypeOrmModule.forFeature` in each
 * library: `autoLoadEntities`; MySQL connection acquisition bounded by `guardConnectionAcquire`) plus the transaction helper, code counters, job leases and ledger, audit.
 * Embedded SQLite migrates itself at start-up; MySQL is migrated explicitly (`npm run migrate`).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: { migrationsRun?: boolean } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [EnvironmentVariables],
          useFactory: (config: EnvironmentVariables) => ({
            ...buildDataSourceOptions(config),
            autoLoadEntities: true,
            migrationsRun: options.migrationsRun ?? config.MIGRATE_ON_START ?? isEmbeddedDatabase(config),
            retryAttempts: 3,
            retryDelay: 1000,
            acquireTimeoutMs: config.DATABASE_ACQUIRE_TIMEOUT_MS,
          }),
          // Nest initialises the returned DataSource (and runs migrations when asked).
          dataSourceFactory: async (options) => {
            const { acquireTimeoutMs, ...dataSourceOptions } = options as DataSourceOptions & {
              acquireTimeoutMs: number;
            };
            const dataSource = new DataSource(dataSourceOptions);
            guardConnectionAcquire(dataSource, acquireTimeoutMs);
            return dataSource;
          },
        }),
        TypeOrmModule.forFeature([CodeCounter, JobLock, JobRun, AuditEntry]),
      ],
      providers: PROVIDERS,
      exports: [...PROVIDERS, TypeOrmModule],
    };
  }
}
