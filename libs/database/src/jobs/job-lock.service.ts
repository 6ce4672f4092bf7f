import { Injectable } from '@nestjs/common';
import { Clock, isUniqueViolation } from '@estate/shared';
import { TransactionService } from '../transactions/transaction.service';
import { InstanceIdentity } from './instance-identity';
import { JobLock } from './job-lock.entity';

/**
 * Leases in `job_locks`, taken with one portable conditional UPDATE
 * (`… WHERE name = ? AND (expires_at < now OR owner = me)`): with N processes on one database
 * exactly one holds a lease at a time, and a crashed holder's lease simply expires.
 */
@Injectable()
export class JobLockService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly clock: Clock,
    private readonly instance: InstanceIdentity,
  ) {}

  async tryAcquire(name: string, leaseMs: number, owner = this.instance.id): Promise<boolean> {
    const now = this.clock.now();
    try {
      await this.transactions.run((manager) =>
        manager.insert(JobLock, { name, owner: null, expiresAt: new Date(0), acquiredAt: null }),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const result = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(JobLock)
        .set({ owner, expiresAt: new Date(now.getTime() + leaseMs), acquiredAt: now })
        .where('name = :name AND (expires_at < :now OR owner = :owner)', { name, now, owner })
        .execute(),
    );
    return result.affected === 1;
  }

  /** Extends a lease this process holds; false if it was lost meanwhile. */
  async renew(name: string, leaseMs: number, owner = this.instance.id): Promise<boolean> {
    const result = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(JobLock)
        .set({ expiresAt: new Date(this.clock.now().getTime() + leaseMs) })
        .where('name = :name AND owner = :owner', { name, owner })
        .execute(),
    );
    return result.affected === 1;
  }

  async release(name: string, owner = this.instance.id): Promise<void> {
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(JobLock)
        .set({ owner: null, expiresAt: new Date(0) })
        .where('name = :name AND owner = :owner', { name, owner })
        .execute(),
    );
  }
}
