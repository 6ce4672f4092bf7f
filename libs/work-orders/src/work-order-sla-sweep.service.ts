import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AuditService, JobLockService, JobRunner, TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { Clock } from '@estate/shared';
import { WorkOrder } from './entities';
import { WorkOrderMonthlyFactsService } from './work-order-monthly-facts.service';
import { WORK_ORDER_ENTITY } from './work-order.constants';

export interface SlaSweepResult {
  arrivalFlagged: number;
  completionFlagged: number;
}

const JOB_NAME = 'work-orders.sla-sweep';
const SWEEP_EVERY_MS = 5 * 60_000;
const BATCH = 200;

type Kind = 'arrival' | 'completion';

const CANDIDATES: Record<Kind, { flag: string; where: string }> = {
  arrival: {
    flag: 'arrivalOverdueAt',
    where:
      'wo.arrival_overdue_at IS NULL AND wo.arrival_due_at IS NOT NULL AND wo.arrival_due_at < :now ' +
      "AND wo.arrived_at IS NULL AND wo.status NOT IN ('cancelled', 'closed')",
  },
  completion: {
    flag: 'completionOverdueAt',
    where:
      'wo.completion_overdue_at IS NULL AND wo.due_at < :now ' +
      "AND wo.first_completed_at IS NULL AND wo.status NOT IN ('cancelled', 'closed')",
  },
};

/**
 * The SLA sweep: flags orders past arrivalDueAt (not yet on site) or dueAt (not yet completed) with
 * the time first seen, and writes one `escalate` audit entry per flag for the estate manager.
 * Idempotent: each flag is set by a conditional UPDATE (`… AND flag IS NULL`) and the audit entry is
 * written only by the transaction whose UPDATE changed the row, so concurrent sweeps and re-runs
 * never flag or escalate twice.
 */
@Injectable()
export class WorkOrderSlaSweepService {
  private readonly logger = new Logger(WorkOrderSlaSweepService.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly estates: EstatesService,
    private readonly jobRunner: JobRunner,
    private readonly jobLocks: JobLockService,
    private readonly monthlyFacts: WorkOrderMonthlyFactsService,
  ) {}

  /** Every 5 minutes: one instance takes the lease; each estate's slot runs once in the job ledger. */
  @Cron('0 */5 * * * *')
  async scheduledSweep(): Promise<void> {
    if (!(await this.jobLocks.tryAcquire(JOB_NAME, SWEEP_EVERY_MS - 30_000))) return;
    try {
      const slot = new Date(Math.floor(this.clock.now().getTime() / SWEEP_EVERY_MS) * SWEEP_EVERY_MS);
      for (const estate of await this.estates.allActive()) {
        await this.jobRunner
          .runOnce(JOB_NAME, `${estate.id}:${slot.toISOString()}`, () => this.sweep(estate.id))
          .catch((error) => this.logger.error(`SLA sweep of estate ${estate.code} failed: ${String(error)}`));
      }
    } finally {
      await this.jobLocks.release(JOB_NAME);
    }
  }

  /** Flags and escalates what is overdue now in one estate (the same code path for cron, CLI, tests). */
  async sweep(estateId: string): Promise<SlaSweepResult> {
    const now = this.clock.now();
    return {
      arrivalFlagged: await this.flag(estateId, 'arrival', now),
      completionFlagged: await this.flag(estateId, 'completion', now),
    };
  }

  private async flag(estateId: string, kind: Kind, now: Date): Promise<number> {
    const { flag, where } = CANDIDATES[kind];
    let flagged = 0;
    let afterId = '';
    for (;;) {
      const candidates = await this.transactions.dataSource.manager
        .createQueryBuilder(WorkOrder, 'wo')
        .where('wo.estate_id = :estateId', { estateId })
        .andWhere(where, { now })
        .andWhere('wo.id > :afterId', { afterId })
        .orderBy('wo.id', 'ASC')
        .limit(BATCH)
        .getMany();
      if (!candidates.length) return flagged;
      afterId = candidates[candidates.length - 1].id;
      for (const order of candidates) {
        const won = await this.transactions.run(async (manager) => {
          const updated = await this.monthlyFacts.track(manager, order.id, () =>
            manager
              .createQueryBuilder()
              .update(WorkOrder)
              // version kept as is: a flag set by the sweep is not an edit that should make clients' copies stale
              .set({ [flag]: now, version: () => 'version' })
              .where(`id = :id AND ${where.replace(/wo\./g, '')}`, { id: order.id, now })
              .execute(),
          );
          if (updated.affected !== 1) return false;
          await this.audit.record(manager, {
            estateId,
            entityType: WORK_ORDER_ENTITY,
            entityId: order.id,
            action: 'escalate',
            actor: { id: null, name: 'SLA sweep' },
            fromState: order.status,
            toState: order.status,
            note: `${order.code} missed its ${kind === 'arrival' ? 'arrival' : 'completion'} deadline`,
            details: {
              kind,
              deadline: (kind === 'arrival' ? order.arrivalDueAt : order.dueAt)?.toISOString() ?? null,
              notify: 'manager',
            },
            at: now,
          });
          return true;
        });
        if (won) flagged++;
      }
    }
  }
}
