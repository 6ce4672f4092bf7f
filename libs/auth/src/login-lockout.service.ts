import { Injectable } from '@nestjs/common';
import { TransactionService } from '@estate/database';
import { Clock, EnvironmentVariables, isUniqueViolation, TooManyRequestsError } from '@estate/shared';
import { LoginFailure } from './login-failure.entity';

/**
 * Failed sign-ins counted per login name in the database (table `login_failures`), so every API
 * instance sees the same count — besides the per-address limit of the login route (throttler,
 * LOGIN_RATE_LIMIT_PER_MINUTE), which one attacker with many addresses gets around.
 *
 * After LOGIN_LOCK_AFTER_FAILURES failures in a row the name is locked for LOGIN_LOCK_BASE_SECONDS;
 * each failure after a lock has ended locks it again for twice as long, at most
 * LOGIN_LOCK_MAX_SECONDS. While locked every attempt — right password or not — answers 429
 * `ACCOUNT_LOCKED` without checking the password (and is not counted, so nobody can extend a lock
 * forever). A correct sign-in after the lock resets the count, as does a quiet
 * LOGIN_FAILURE_RESET_SECONDS. Unknown names are counted alike: a lock says nothing about whether
 * the account exists.
 */
@Injectable()
export class LoginLockout {
  constructor(
    private readonly transactions: TransactionService,
    private readonly clock: Clock,
    private readonly config: EnvironmentVariables,
  ) {}

  /** Throws 429 ACCOUNT_LOCKED while the name is locked. */
  async assertNotLocked(username: string): Promise<void> {
    const row = await this.transactions.dataSource.manager.findOneBy(LoginFailure, { username });
    const now = this.clock.now();
    if (!row?.lockedUntil || row.lockedUntil.getTime() <= now.getTime()) return;
    const retryAfterSeconds = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new TooManyRequestsError(
      'ACCOUNT_LOCKED',
      `Too many failed sign-ins for this account: try again in ${retryAfterSeconds} s (or ask an admin to reset the password)`,
      { retryAfterSeconds, lockedUntil: row.lockedUntil.toISOString() },
    );
  }

  /** Counts one failure (atomically: two instances counting at once both count). */
  async recordFailure(username: string): Promise<void> {
    const now = this.clock.now();
    const stale = new Date(now.getTime() - this.config.LOGIN_FAILURE_RESET_SECONDS * 1000);
    await this.transactions.run(async (manager) => {
      const increment = () =>
        manager
          .createQueryBuilder()
          .update(LoginFailure)
          .set({
            failures: () => 'CASE WHEN last_failure_at < :stale THEN 1 ELSE failures + 1 END',
            lastFailureAt: now,
          })
          .where('username = :username', { username, stale })
          .execute();
      if (!(await increment()).affected) {
        try {
          await manager.insert(LoginFailure, {
            username,
            failures: 1,
            lastFailureAt: now,
            lockedUntil: null,
          });
        } catch (error) {
          // another instance counted this name's first failure at the same moment
          if (!isUniqueViolation(error)) throw error;
          await increment();
        }
      }
      const row = await manager.findOneByOrFail(LoginFailure, { username });
      const beyond = row.failures - this.config.LOGIN_LOCK_AFTER_FAILURES;
      if (beyond < 0) return;
      const seconds = Math.min(
        this.config.LOGIN_LOCK_MAX_SECONDS,
        this.config.LOGIN_LOCK_BASE_SECONDS * 2 ** Math.min(beyond, 30),
      );
      await manager.update(
        LoginFailure,
        { username },
        { lockedUntil: new Date(now.getTime() + seconds * 1000) },
      );
    });
  }

  /** A correct sign-in: the count starts again. */
  async reset(username: string): Promise<void> {
    await this.transactions.run((manager) => manager.delete(LoginFailure, { username }));
  }
}
