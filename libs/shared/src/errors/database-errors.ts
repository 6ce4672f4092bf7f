/** Recognises driver errors by code across mysql2 and better-sqlite3. */
interface DriverErrorShape {
  code?: string;
  errno?: number;
  driverError?: DriverErrorShape;
  message?: string;
}

function driverError(error: unknown): DriverErrorShape | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const shape = error as DriverErrorShape;
  return shape.driverError ?? shape;
}

export function isUniqueViolation(error: unknown): boolean {
  const driver = driverError(error);
  return (
    driver?.code === 'ER_DUP_ENTRY' ||
    driver?.errno === 1062 ||
    driver?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    driver?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export function isForeignKeyViolation(error: unknown): boolean {
  const driver = driverError(error);
  return (
    driver?.code === 'ER_NO_REFERENCED_ROW_2' ||
    driver?.code === 'ER_ROW_IS_REFERENCED_2' ||
    driver?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
  );
}

/** Deadlocks and lock-wait time-outs (MySQL) and a busy database (SQLite): safe to retry the transaction. */
export function isRetryableTransactionError(error: unknown): boolean {
  const driver = driverError(error);
  return (
    driver?.code === 'ER_LOCK_DEADLOCK' ||
    driver?.errno === 1213 ||
    driver?.code === 'ER_LOCK_WAIT_TIMEOUT' ||
    driver?.errno === 1205 ||
    driver?.code === 'SQLITE_BUSY'
  );
}

/** The database cannot be reached: answer 503, not 500. */
export function isConnectionError(error: unknown): boolean {
  const driver = driverError(error);
  const code = driver?.code ?? '';
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'PROTOCOL_CONNECTION_LOST',
      'ER_CON_COUNT_ERROR',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'ENOTFOUND',
      'EAI_AGAIN',
      'PROTOCOL_SEQUENCE_TIMEOUT',
      'DATABASE_ACQUIRE_TIMEOUT',
      'ER_SERVER_SHUTDOWN',
      'ER_NORMAL_SHUTDOWN',
    ].includes(code) ||
    code === 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR' ||
    /connect ECONNREFUSED|connect ETIMEDOUT|Connection lost|Pool is closed|connection is in closed state|Queue limit reached/i.test(
      driver?.message ?? '',
    )
  );
}
