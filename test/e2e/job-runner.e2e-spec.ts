import {
  buildDataSourceOptions,
  CodeCounter,
  CodeCounterService,
  InstanceIdentity,
  JobLock,
  JobLockService,
  JobRun,
  JobRunner,
  TransactionService,
} from '@estate/database';
import { Clock, validateEnvironment } from '@estate/shared';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { createTestDatabase, isMysqlRun, TestDatabase } from '../support/test-database';

/** One "API process": its own DataSource (own connection pool), transaction helper and identity. */
interface Process {
  dataSource: DataSource;
  runner: JobRunner;
  locks: JobLockService;
  transactions: TransactionService;
}

/**
 * On MySQL each "process" gets its own DataSource (own pool), as N API instances would. The embedded
 * SQLite mode is a single-process deployment (one connection, transactions queued), so there the two
 * "processes" share that connection and differ only in identity, which is what embedded mode can see.
 */
async function startProcess(environment: Record<string, string>, shareWith?: Process): Promise<Process> {
  const clock = new Clock();
  const identity = new InstanceIdentity();
  if (shareWith && !isMysqlRun()) {
    const { dataSource, transactions } = shareWith;
    return {
      dataSource,
      transactions,
      runner: new JobRunner(transactions, clock, identity),
      locks: new JobLockService(transactions, clock, identity),
    };
  }
  const config = validateEnvironment({ JWT_SECRET: 'x'.repeat(40), ...environment });
  const dataSource = new DataSource({
    ...buildDataSourceOptions(config),
    entities: [JobRun, JobLock, CodeCounter],
  });
  await dataSource.initialize();
  const transactions = new TransactionService(dataSource);
  return {
    dataSource,
    transactions,
    runner: new JobRunner(transactions, clock, identity),
    locks: new JobLockService(transactions, clock, identity),
  };
}

describe('job ledger and code counters across two processes on one database (e2e)', () => {
  let database: TestDatabase;
  let environment: Record<string, string>;
  let first: Process;
  let second: Process;

  beforeAll(async () => {
    database = await createTestDatabase({
      sqliteFile: join(mkdtempSync(join(tmpdir(), 'estate-jobs-')), 'shared.sqlite'),
    });
    environment = database.environment;
    first = await startProcess(environment);
    await first.dataSource.runMigrations();
    second = await startProcess(environment, first);
  });
  afterAll(async () => {
    await first?.dataSource.destroy();
    if (second?.dataSource.isInitialized) await second.dataSource.destroy();
    await database.drop();
  });

  it(`runs each business key exactly once when two processes race (${isMysqlRun() ? 'MySQL, two connection pools' : 'SQLite, one shared connection'})`, async () => {
    const executions = new Map<string, number>();
    const work = (key: string) => async () => {
      executions.set(key, (executions.get(key) ?? 0) + 1);
      await sleep(30); // hold the run open while the other process tries
      return { key };
    };
    const keys = Array.from({ length: 12 }, (_, index) => `estate-${index}:2026-10`);
    const outcomes = await Promise.all(
      keys.flatMap((key) => [
        first.runner.runOnce('race-job', key, work(key)),
        second.runner.runOnce('race-job', key, work(key)),
      ]),
    );
    expect([...executions.values()]).toEqual(keys.map(() => 1));
    expect(outcomes.filter((outcome) => outcome.outcome === 'ran')).toHaveLength(keys.length);
    expect(
      await first.dataSource.getRepository(JobRun).countBy({ jobName: 'race-job', status: 'succeeded' }),
    ).toBe(keys.length);
    // Fired again later (a restart, a second scheduler tick): nothing runs.
    const again = await second.runner.runOnce('race-job', keys[0], work(keys[0]));
    expect(again).toMatchObject({ outcome: 'skipped', reason: 'already_succeeded' });
    expect(executions.get(keys[0])).toBe(1);
  });

  it('retries a failed run, and takes over a run whose process died once its lease expires', async () => {
    await expect(
      first.runner.runOnce('flaky-job', 'k', async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    const failed = await first.dataSource
      .getRepository(JobRun)
      .findOneByOrFail({ jobName: 'flaky-job', businessKey: 'k' });
    expect(failed).toMatchObject({ status: 'failed', error: 'Error: boom' });
    const retried = await second.runner.runOnce('flaky-job', 'k', async () => 'ok');
    expect(retried).toMatchObject({ outcome: 'ran', result: 'ok' });
    expect(retried.run.attempts).toBe(2);

    // The first process starts a run and "dies" (never finishes, never heartbeats again).
    let release!: () => void;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    const started = first.runner.runOnce('crash-job', 'k', () => hanging, { leaseMs: 60_000 });
    await sleep(100);
    await first.dataSource
      .getRepository(JobRun)
      .update(
        { jobName: 'crash-job', businessKey: 'k' },
        { leaseExpiresAt: new Date(Date.now() - 1000), owner: 'dead-process' },
      );
    const takeover = await second.runner.runOnce('crash-job', 'k', async () => 'finished by the survivor');
    expect(takeover).toMatchObject({ outcome: 'ran', result: 'finished by the survivor' });
    release();
    await started; // the dead owner's late finish does not overwrite the survivor's record
    expect(
      await first.dataSource
        .getRepository(JobRun)
        .findOneByOrFail({ jobName: 'crash-job', businessKey: 'k' }),
    ).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('skips a key that is running elsewhere with a live lease', async () => {
    let release!: () => void;
    const running = first.runner.runOnce(
      'long-job',
      'k',
      () => new Promise<void>((resolve) => (release = resolve)),
      { leaseMs: 60_000 },
    );
    await sleep(100);
    expect(await second.runner.runOnce('long-job', 'k', async () => 'should not run')).toMatchObject({
      outcome: 'skipped',
      reason: 'running_elsewhere',
    });
    release();
    expect(await running).toMatchObject({ outcome: 'ran' });
  });

  it('gives exactly one process a lease at a time', async () => {
    const results = await Promise.all([
      first.locks.tryAcquire('sweep', 60_000),
      second.locks.tryAcquire('sweep', 60_000),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const holder = results[0] ? first : second;
    const other = results[0] ? second : first;
    expect(await other.locks.tryAcquire('sweep', 60_000)).toBe(false);
    await holder.locks.release('sweep');
    expect(await other.locks.tryAcquire('sweep', 60_000)).toBe(true);
  });

  it('hands out gap-free, unique codes to two processes at once', async () => {
    const codes = new CodeCounterService();
    const estateId = '00000000-0000-7000-8000-000000000001';
    const allocate = (process: Process) =>
      process.transactions.run((manager) => codes.nextCode(manager, estateId, 'WO', 2026));
    const allocated = await Promise.all(
      Array.from({ length: 40 }, (_, index) => allocate(index % 2 ? first : second)),
    );
    const expected = Array.from(
      { length: 40 },
      (_, index) => `WO-2026-${String(index + 1).padStart(6, '0')}`,
    );
    expect([...allocated].sort()).toEqual(expected);
    // A rolled-back transaction leaves no gap.
    await expect(
      first.transactions.run(async (manager) => {
        await codes.nextCode(manager, estateId, 'WO', 2026);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await allocate(second)).toBe('WO-2026-000041');
  });
});
