import { Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { Clock, EnvironmentVariables, isUniqueViolation, uuidV7 } from '@estate/shared';
import { EntityManager } from 'typeorm';
import { TransactionService } from '../transactions/transaction.service';
import { InstanceIdentity } from './instance-identity';
import { JobRun } from './job-run.entity';

export interface RunOnceOptions {
  /** How long a run may go without a heartbeat before another process may take it over. */
  leaseMs?: number;
  /** Run again even if the key already succeeded (an admin's audited recompute). */
  force?: boolean;
  /**
   * When another process holds the run, check again when its lease runs out (and again after each
   * renewal): if that process died meanwhile, this one takes the run over then, instead of waiting
   * for the next scheduler tick (a day, for the billing run). Scheduled jobs pass this.
   */
  takeOverIfAbandoned?: boolean;
}

export type RunOnceOutcome<T> =
  | { outcome: 'ran'; result: T; run: JobRun }
  | { outcome: 'skipped'; reason: 'already_succeeded' | 'running_elsewhere'; run: JobRun };

const DEFAULT_LEASE_MS = 60_000;
/** Slack after a lease's expiry before a watcher checks it, so clock skew does not make it early. */
const WATCH_SLACK_MS = 500;

/**
 * `runOnce(job, key, fn)`: runs `fn` at most once per (job, business key) across every process on
 * the database, and never loses a run:
 * - the first caller inserts the ledger row (`running`, with a lease): the unique key decides the race;
 * - others see `succeeded` (skip) or an unexpired `running` lease (skip);
 * - a `failed` run, or a `running` one whose lease expired (its process died), is taken over by one
 *   conditional UPDATE, so exactly one successor runs it again;
 * - while `fn` runs, a heartbeat extends the lease.
 * `fn` must also be idempotent at the data level (unique constraints), since a process can die
 * after its work committed but before the ledger says so.
 */
@Injectable()
export class JobRunner implements OnModuleDestroy {
  private readonly logger = new Logger(JobRunner.name);
  private readonly defaultLeaseMs: number;
  private readonly watches = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly transactions: TransactionService,
    private readonly clock: Clock,
    private readonly instance: InstanceIdentity,
    @Optional() config?: EnvironmentVariables,
  ) {
    this.defaultLeaseMs = config?.JOB_LEASE_SECONDS ? config.JOB_LEASE_SECONDS * 1000 : DEFAULT_LEASE_MS;
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const timer of this.watches.values()) clearTimeout(timer);
    this.watches.clear();
  }

  /** `fn` gets the ledger row it runs under (`attempts > 1`: it takes over an earlier, failed or abandoned run). */
  async runOnce<T>(
    jobName: string,
    businessKey: string,
    fn: (run: JobRun) => Promise<T>,
    options: RunOnceOptions = {},
  ): Promise<RunOnceOutcome<T>> {
    const leaseMs = options.leaseMs ?? this.defaultLeaseMs;
    const claimed = await this.claim(jobName, businessKey, leaseMs, options.force ?? false);
    if ('skipped' in claimed) {
      if (claimed.skipped === 'running_elsewhere' && options.takeOverIfAbandoned)
        this.watch(jobName, businessKey, fn, options, claimed.run, leaseMs);
      return { outcome: 'skipped', reason: claimed.skipped, run: claimed.run };
    }

    const runId = claimed.run.id;
    const heartbeat = setInterval(
      () =>
        void this.extendLease(runId, leaseMs).catch((error) =>
          this.logger.warn(`Heartbeat for ${jobName}/${businessKey} failed: ${String(error)}`),
        ),
      Math.max(Math.floor(leaseMs / 3), 50),
    );
    heartbeat.unref();
    try {
      const result = await fn(claimed.run);
      clearInterval(heartbeat);
      await this.finish(runId, 'succeeded', null, result);
      return {
        outcome: 'ran',
        result,
        run: await this.read((manager) => manager.findOneByOrFail(JobRun, { id: runId })),
      };
    } catch (error) {
      clearInterval(heartbeat);
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await this.finish(runId, 'failed', message.slice(0, 4000), null).catch(() => undefined);
      throw error;
    }
  }

  /** One timer per (job, key) in this process: at the holder's lease expiry, try to take the run over. */
  private watch<T>(
    jobName: string,
    businessKey: string,
    fn: (run: JobRun) => Promise<T>,
    options: RunOnceOptions,
    run: JobRun,
    leaseMs: number,
  ): void {
    const key = `${jobName}\u0000${businessKey}`;
    if (this.closed || this.watches.has(key)) return;
    const untilExpiry = new Date(run.leaseExpiresAt).getTime() - this.clock.now().getTime();
    const delay =
      Math.min(Math.max(untilExpiry, 0), leaseMs) + WATCH_SLACK_MS + Math.floor(Math.random() * 250);
    const timer = setTimeout(() => {
      this.watches.delete(key);
      if (this.closed) return;
      void this.runOnce(jobName, businessKey, fn, options).then(
        (outcome) => {
          if (outcome.outcome === 'ran')
            this.logger.warn(
              `Took over ${jobName}/${businessKey} (attempt ${outcome.run.attempts}): its previous holder failed or stopped renewing the lease`,
            );
        },
        (error) => this.logger.error(`Take-over of ${jobName}/${businessKey} failed: ${String(error)}`),
      );
    }, delay);
    timer.unref();
    this.watches.set(key, timer);
  }

  async find(jobName: string, businessKey: string): Promise<JobRun | null> {
    return this.read((manager) => manager.findOneBy(JobRun, { jobName, businessKey }));
  }

  private read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }

  private async claim(
    jobName: string,
    businessKey: string,
    leaseMs: number,
    force: boolean,
  ): Promise<{ run: JobRun } | { skipped: 'already_succeeded' | 'running_elsewhere'; run: JobRun }> {
    const now = this.clock.now();
    const owner = this.instance.id;
    const id = uuidV7();
    try {
      await this.transactions.run((manager) =>
        manager.insert(JobRun, {
          id,
          createdAt: now,
          updatedAt: now,
          jobName,
          businessKey,
          status: 'running',
          owner,
          attempts: 1,
          startedAt: now,
          leaseExpiresAt: new Date(now.getTime() + leaseMs),
          finishedAt: null,
          error: null,
          result: null as never,
        }),
      );
      return { run: await this.read((manager) => manager.findOneByOrFail(JobRun, { id })) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return this.transactions.run(async (manager) => {
      const existing = await manager.findOneByOrFail(JobRun, { jobName, businessKey });
      const takeOver = manager
        .createQueryBuilder()
        .update(JobRun)
        .set({
          status: 'running',
          owner,
          attempts: () => 'attempts + 1',
          startedAt: now,
          leaseExpiresAt: new Date(now.getTime() + leaseMs),
          finishedAt: null,
          error: null,
          updatedAt: now,
        })
        .where('id = :id', { id: existing.id });
      if (force) takeOver.andWhere("(status <> 'running' OR lease_expires_at < :now)", { now });
      else
        takeOver.andWhere("(status = 'failed' OR (status = 'running' AND lease_expires_at < :now))", { now });
      const taken = await takeOver.execute();
      const current = await manager.findOneByOrFail(JobRun, { id: existing.id });
      if (taken.affected === 1) return { run: current };
      return {
        skipped:
          current.status === 'succeeded' ? ('already_succeeded' as const) : ('running_elsewhere' as const),
        run: current,
      };
    });
  }

  private async extendLease(runId: string, leaseMs: number): Promise<void> {
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(JobRun)
        .set({ leaseExpiresAt: new Date(this.clock.now().getTime() + leaseMs) })
        .where("id = :id AND owner = :owner AND status = 'running'", { id: runId, owner: this.instance.id })
        .execute(),
    );
  }

  private async finish(
    runId: string,
    status: 'succeeded' | 'failed',
    error: string | null,
    result: unknown,
  ): Promise<void> {
    const now = this.clock.now();
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(JobRun)
        .set({ status, finishedAt: now, error, result: (result ?? null) as never, updatedAt: now })
        .where('id = :id AND owner = :owner', { id: runId, owner: this.instance.id })
        .execute(),
    );
  }
}
