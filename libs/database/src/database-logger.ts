import { Logger as NestLogger } from '@nestjs/common';
import { isUniqueViolation } from '@estate/shared';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { QueryCounter } from './query-counter';

/**
 * TypeORM's logging through Nest's logger, with two rules:
 * - query parameters are never logged (a failed INSERT into users would otherwise print a password hash);
 * - unique-key violations are expected control flow here (job ledger races, idempotency keys, code
 *   counters) and are not logged; callers turn them into 409s or take the other branch.
 * Slow queries (over 1 s) are warnings.
 */
export class DatabaseLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    QueryCounter.record();
  }

  logQueryError(error: string | Error, query: string): void {
    if (isUniqueViolation(error)) return;
    const message = error instanceof Error ? error.message : error;
    this.logger.warn(`Query failed: ${message} — ${query.slice(0, 300)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query.slice(0, 500)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  /** Only what changed the schema ("… has been executed successfully", "… has been reverted"). */
  logMigration(message: string): void {
    if (/executed successfully|reverted successfully/i.test(message)) this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
