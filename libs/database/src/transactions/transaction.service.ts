import { Injectable, Logger } from '@nestjs/common';
import { isRetryableTransactionError } from '@estate/shared';
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from '../data-source-options';

interface TransactionContext {
  manager: EntityManager;
  /** Run once the outermost transaction has committed (dropped if it rolls back). */
  afterCommit: (() => void)[];
}

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
 * All writes go through this service (see docs/architecture.md "Transactions"). Side effects that
 * others must only see once the data is there (live events) go through `afterCommit`.
 */
@Injectable()
export class TransactionService {
  private readonly logger = new Logger(TransactionService.name);
  private readonly current = new AsyncLocalStorage<TransactionContext>();
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
    if (joined) return work(joined.manager);
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

  /**
   * Runs `callback` after the current transaction commits — the outermost one, when transactions are
   * nested — or at once outside a transaction. A rolled-back attempt (including one that is retried)
   * drops its callbacks. A throwing callback is logged; the committed work stands.
   */
  afterCommit(callback: () => void): void {
    const context = this.current.getStore();
    if (context) context.afterCommit.push(callback);
    else this.runAfterCommit(callback);
  }

  private async once<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const afterCommit: (() => void)[] = [];
    const start = () =>
      this.dataSource.transaction((manager) =>
        this.current.run({ manager, afterCommit }, () => work(manager)),
      );
    let result: T;
    if (!this.serialise) result = await start();
    else {
      const queued = this.sqliteQueue.then(start, start);
      this.sqliteQueue = queued.catch(() => undefined);
      result = await queued;
    }
    for (const callback of afterCommit) this.runAfterCommit(callback);
    return result;
  }

  private runAfterCommit(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.logger.error(`An after-commit callback failed: ${String(error)}`);
    }
  }
}
