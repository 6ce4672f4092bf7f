import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/**
 * A unit-of-work read cache for one read-only computation (a scorecard, a report's data): inside
 * `ReadMemo.run`, the lookups that opt in (`remember`) run once per key and every caller shares
 * the answer, e.g. the estate row and the households count that a dozen KPI methods each need.
 * Outside a scope `remember` simply computes, so the methods behave exactly as before for every
 * other caller. Keys must name everything the answer depends on (estate id, date, range).
 * Only for facts that cannot change within the computation; never used with a caller's
 * transaction manager.
 */
export const ReadMemo = {
  /** Runs `work` with a read cache (joins the enclosing one when already inside a scope). */
  run<T>(work: () => Promise<T>, seed: Record<string, unknown> = {}): Promise<T> {
    const outer = scope.getStore();
    const cache = outer ?? new Map<string, Promise<unknown>>();
    for (const [key, value] of Object.entries(seed))
      if (!cache.has(key)) cache.set(key, Promise.resolve(value));
    return outer ? work() : scope.run(cache, work);
  },

  /** The cached answer for `key` in the current scope, computing it once; no scope → computes. */
  remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const cache = scope.getStore();
    if (!cache) return compute();
    const cached = cache.get(key) as Promise<T> | undefined;
    if (cached) return cached;
    const pending = compute();
    cache.set(key, pending);
    // A failed lookup is not remembered: the next caller tries again.
    pending.catch(() => cache.delete(key));
    return pending;
  },
};
