import type { DataSource } from 'typeorm';

/** The code of the error a request gets when no connection comes within the acquire time-out. */
export const DATABASE_ACQUIRE_TIMEOUT = 'DATABASE_ACQUIRE_TIMEOUT';

interface ReleasableConnection {
  release(): void;
}

interface MysqlDriverLike {
  obtainMasterConnection(): Promise<ReleasableConnection>;
  obtainSlaveConnection?(): Promise<ReleasableConnection>;
}

const GUARDED = Symbol('estate.poolGuarded');

/**
 * Bounds how long a request waits for a MySQL connection. mysql2's pool has a connect time-out but
 * no acquire time-out: when the server stops answering (a partition, a hung host) every pooled
 * connect takes the full connect time-out and the requests queued behind them wait for several of
 * those in turn (40 concurrent requests on a pool of 10 waited up to 20 s). With this guard a
 * request gets `DATABASE_ACQUIRE_TIMEOUT` (→ 503 DATABASE_UNAVAILABLE) after `timeoutMs` at most; a
 * connection that arrives after its requester gave up goes straight back to the pool.
 * No effect on SQLite (one in-process connection).
 */
export function guardConnectionAcquire(dataSource: DataSource, timeoutMs: number): void {
  const driver = dataSource.driver as unknown as MysqlDriverLike & { [GUARDED]?: boolean };
  if (typeof driver.obtainMasterConnection !== 'function' || driver[GUARDED]) return;
  driver[GUARDED] = true;
  const wrap = (obtain: () => Promise<ReleasableConnection>) => (): Promise<ReleasableConnection> =>
    new Promise((resolve, reject) => {
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        reject(
          Object.assign(new Error(`No database connection within ${timeoutMs} ms`), {
            code: DATABASE_ACQUIRE_TIMEOUT,
          }),
        );
      }, timeoutMs);
      obtain().then(
        (connection) => {
          clearTimeout(timer);
          if (gaveUp) connection.release();
          else resolve(connection);
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (!gaveUp) reject(error);
        },
      );
    });
  driver.obtainMasterConnection = wrap(driver.obtainMasterConnection.bind(driver));
  if (typeof driver.obtainSlaveConnection === 'function')
    driver.obtainSlaveConnection = wrap(driver.obtainSlaveConnection.bind(driver));
}
