import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<{ queries: number }>();

/**
 * Counts the SQL statements issued inside a call (TypeORM hands every statement to our
 * DatabaseLogger, which reports here). Used to keep aggregate endpoints at a bounded number of
 * queries, e.g. the scorecard, so they cannot regress into per-record queries.
 */
export const QueryCounter = {
  async count<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
    const counter = { queries: 0 };
    const result = await scope.run(counter, work);
    return { result, queries: counter.queries };
  },
  /** Called by DatabaseLogger for each statement. */
  record(): void {
    const counter = scope.getStore();
    if (counter) counter.queries++;
  },
};
