import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AssetTasksService } from '@estate/assets';
import { BillingRunService } from '@estate/fees';
import { WorkOrderMonthlyFactsService, WorkOrderSlaSweepService } from '@estate/work-orders';

/**
 * With the scheduler on, an instance runs the daily and periodic jobs once at start-up, in the
 * background, instead of waiting for their next tick: the billing run of the current period, today's
 * asset tasks, the SLA sweep and the work-order facts of estates without them (the monthly report does its own catch-up, see ReportSchedulerService).
 * Nothing runs twice: each job goes through the job ledger (one run per business key across every
 * instance), so N instances starting together do each run once, and a run left `running` by a
 * crashed instance is taken over when its lease expires. Registered only when SCHEDULER_ENABLED.
 */
@Injectable()
export class SchedulerCatchUp implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerCatchUp.name);
  private stopped = false;

  constructor(
    private readonly billing: BillingRunService,
    private readonly assetTasks: AssetTasksService,
    private readonly slaSweep: WorkOrderSlaSweepService,
    private readonly workOrderFacts: WorkOrderMonthlyFactsService,
  ) {}

  onApplicationBootstrap(): void {
    void this.catchUp();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  private async catchUp(): Promise<void> {
    const jobs: [string, () => Promise<void>][] = [
      ['billing run', () => this.billing.scheduledRun()],
      ['asset task generation', () => this.assetTasks.scheduledGeneration()],
      ['SLA sweep', () => this.slaSweep.scheduledSweep()],
      ['work-order facts build', () => this.workOrderFacts.scheduledBuild()],
    ];
    for (const [name, job] of jobs) {
      if (this.stopped) return;
      try {
        await job();
      } catch (error) {
        this.logger.error(`Start-up ${name} failed: ${String(error)}`);
      }
    }
  }
}
