import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : value === true || value === 'true' || value === '1'
      ? true
      : value === false || value === 'false' || value === '0'
        ? false
        : value;
const toInteger = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

/**
 * Every setting the API and CLI read, validated once at start-up. The table in docs/operations.md
 * lists them; keep the two in step.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^mysql:\/\/[^\s]+$/, {
    message:
      'DATABASE_URL must look like mysql://user:password@host:3306/database (unset it for the embedded SQLite database)',
  })
  DATABASE_URL?: string;

  @IsString()
  SQLITE_PATH = './data/estate-ops.sqlite';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_EXPIRES_IN_SECONDS = 8 * 3600;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** The built web app (`npm run build:web`), served at `/` when its index.html exists. */
  @IsString()
  WEB_DIST = 'dist/web';

  @Matches(/^\d+(kb|mb)$/i, { message: 'BODY_LIMIT must look like 1mb or 512kb' })
  BODY_LIMIT = '1mb';

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

  /** Largest report file (PDF or XLSX) the report archive stores; a bigger one fails the generation. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1024 * 1024 * 1024)
  REPORT_MAX_BYTES = 50 * 1024 * 1024;

  @Transform(toBoolean)
  @IsBoolean()
  SCHEDULER_ENABLED = true;

  /** Run pending migrations at start-up. Default: on for the embedded database, off for MySQL (run `npm run migrate`). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATE_ON_START?: boolean;

  /**
   * The demo estate with its known logins (password demo1234) on an empty database: `auto` only for
   * the demo — the embedded database and NODE_ENV not production; `on` (or 1/true) whenever the
   * database is empty, production included, because someone asked; `off` (or 0/false) never.
   */
  @Transform(({ value }: { value: unknown }) =>
    value === '1' || value === 'true' || value === true
      ? 'on'
      : value === '0' || value === 'false' || value === false
        ? 'off'
        : value,
  )
  @IsIn(['auto', 'on', 'off'], { message: 'DEMO_SEED must be auto, on (1, true) or off (0, false)' })
  DEMO_SEED: 'auto' | 'on' | 'off' = 'auto';

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Longest a request waits for a MySQL connection (connect included) before it answers 503 DATABASE_UNAVAILABLE. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(120000)
  DATABASE_ACQUIRE_TIMEOUT_MS = 5000;

  /**
   * How long a scheduled job's lease lasts without a heartbeat: a run whose process died is taken
   * over by another instance after this. The heartbeat renews it every third of it.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(3600)
  JOB_LEASE_SECONDS = 60;

  /** Whole request must arrive, and an idle socket (stalled upload, handler not answering) is cut off, after this. */
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  @Max(600000)
  REQUEST_TIMEOUT_MS = 30000;

  /** Request headers must arrive within this (default: REQUEST_TIMEOUT_MS); not more than REQUEST_TIMEOUT_MS. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  @Max(600000)
  HEADERS_TIMEOUT_MS?: number;

  /** Idle keep-alive connections close after this; keep it above a load balancer's idle time-out. */
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  @Max(600000)
  KEEP_ALIVE_TIMEOUT_MS = 65000;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  /**
   * Per account, in the database (shared by every instance), besides the per-address limit above:
   * after this many failed sign-ins in a row the login name is locked for LOGIN_LOCK_BASE_SECONDS,
   * doubled with each further failure after a lock ends, at most LOGIN_LOCK_MAX_SECONDS. A correct
   * sign-in once the lock is over resets the count; so does a quiet LOGIN_FAILURE_RESET_SECONDS.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_LOCK_AFTER_FAILURES = 5;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCK_BASE_SECONDS = 30;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(7 * 86400)
  LOGIN_LOCK_MAX_SECONDS = 900;

  @Transform(toInteger)
  @IsInt()
  @Min(60)
  @Max(365 * 86400)
  LOGIN_FAILURE_RESET_SECONDS = 86400;

  /**
   * A live-event stream (`GET /api/v1/events`) sends a comment this often, so proxies and the client
   * see the connection is alive. Streams are exempt from REQUEST_TIMEOUT_MS.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(300000)
  EVENTS_HEARTBEAT_MS = 15000;
}

export class ConfigurationError extends Error {}

/** Validates `process.env`-like input; throws one readable message listing every bad value. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const config = plainToInstance(EnvironmentVariables, cleaned, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((error) =>
      Object.values(error.constraints ?? {}).map((text) => `  - ${text}`),
    );
    throw new ConfigurationError(`Invalid configuration, refusing to start:\n${lines.join('\n')}`);
  }
  if (config.HEADERS_TIMEOUT_MS !== undefined && config.HEADERS_TIMEOUT_MS > config.REQUEST_TIMEOUT_MS) {
    throw new ConfigurationError(
      'Invalid configuration, refusing to start:\n  - HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS',
    );
  }
  if (config.DATABASE_URL && !config.JWT_SECRET) {
    throw new ConfigurationError(
      'Invalid configuration, refusing to start:\n  - JWT_SECRET is required when DATABASE_URL (MySQL) is set',
    );
  }
  return config;
}

export function isEmbeddedDatabase(config: EnvironmentVariables): boolean {
  return !config.DATABASE_URL;
}

/**
 * Whether start-up seeds the demo estate into an empty database: `DEMO_SEED=on`, or `auto` on the
 * embedded database outside production (what `npm start` on a fresh clone shows). A production start
 * never gets the demo's known passwords unless it is asked for by name.
 */
export function demoSeedWanted(config: EnvironmentVariables): boolean {
  if (config.DEMO_SEED === 'on') return true;
  return config.DEMO_SEED === 'auto' && isEmbeddedDatabase(config) && config.NODE_ENV !== 'production';
}

/**
 * In embedded mode the JWT secret is generated once and kept beside the SQLite file, so tokens
 * survive restarts without the operator having to invent a secret. MySQL mode requires JWT_SECRET.
 */
export function resolveJwtSecret(config: EnvironmentVariables): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.SQLITE_PATH === ':memory:') return randomBytes(48).toString('base64url');
  const secretFile = resolve(dirname(config.SQLITE_PATH), 'jwt-secret');
  if (existsSync(secretFile)) return readFileSync(secretFile, 'utf8').trim();
  mkdirSync(dirname(secretFile), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(secretFile, secret, { mode: 0o600 });
  return secret;
}
