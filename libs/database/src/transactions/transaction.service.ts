import { Injectable, Logger } from '@nestjs/common';
import { isRetryableTransactionError } from '@estate/shared';
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from '../data-source-options';

export interface TransactionOptions {
  /** Attempts on deadlock / lock-wait time-out / busy database, including the first. Default 4. */
  attempts?: number;
}

/**
 * Runs a use case in one transaction and hands its `EntityManager` to the work explicitly
 * (pass it to every repository call). Deadlocks and lock-wait time-outs are retried with jittered
 * back-off, so the work must be safe to run again (do side effects after commit).
 *
 * SQLite has one connection per process: TypeORM would interleave two transactions on it, so here
 * top-level transactions queue FIFO. A call made inside a running transaction joins it.
 * All writes go through this service (see docs/architecture.md "Transactions").
 */
@Injectable()
export class TransactionService {
  private readonly logger = new Logger(TransactionService.name);
  private readonly current = new AsyncLocalStorage<EntityManager>();
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;

  constructor(readonly dataSource: DataSource) {
    this.serialise = dialectOf(dataSource.options) === 'sqlite';
  }

  get dialect() {
    return dialectOf(this.dataSource.options);
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const joined = this.current.getStore();
    if (joined) return work(joined);
    const attempts = options.attempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
        const delay = 20 * 2 ** attempt + Math.floor(Math.random() * 30);
        this.logger.warn(`Transaction attempt ${attempt} hit a lock conflict; retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  private once<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const start = () =>
      this.dataSource.transaction((manager) => this.current.run(manager, () => work(manager)));
    if (!this.serialise) return start();
    const result = this.sqliteQueue.then(start, start);
    this.sqliteQueue = result.catch(() => undefined);
    return result;
  }
}
