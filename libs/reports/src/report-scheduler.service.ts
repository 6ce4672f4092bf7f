import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobRunner } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { Clock, EnvironmentVariables } from '@estate/shared';
import { duePeriod } from './report-schedule';
import { ReportsService } from './reports.service';

export const MONTHLY_REPORT_JOB = 'monthly-report';

export interface ScheduledRun {
  estateId: string;
  period: string;
  outcome: 'ran' | 'skipped' | 'failed';
}

/**
 * The previous month's draft report for every estate at its configured day and time (default the
 * 2nd at 03:00 estate time). Hourly: whatever is due and not yet done runs, so a run missed while
 * no instance was up happens at the next tick (and at start-up); the job ledger makes each
 * (estate, period) run once across all instances.
 */
@Injectable()
export class ReportSchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportSchedulerService.name);

  constructor(
    private readonly estates: EstatesService,
    private readonly jobs: JobRunner,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
    private readonly config: EnvironmentVariables,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    void this.runDue().catch((error) =>
      this.logger.error(`Start-up report catch-up failed: ${String(error)}`),
    );
  }

  @Cron('0 7 * * * *', { name: MONTHLY_REPORT_JOB })
  async hourly(): Promise<void> {
    await this.runDue();
  }

  /** Runs every due and not yet done monthly report; the same path for the cron, start-up and tests. */
  async runDue(): Promise<ScheduledRun[]> {
    const now = this.clock.now();
    const runs: ScheduledRun[] = [];
    for (const estate of await this.estates.allActive()) {
      const period = duePeriod(now, estate.timeZone, this.estates.settingsOf(estate).reports);
      if (!period) continue;
      try {
        const result = await this.jobs.runOnce(MONTHLY_REPORT_JOB, `${estate.id}:${period}`, async () => {
          const report = await this.reports.generateScheduled(estate, period);
          return { reportId: report.id };
        });
        runs.push({ estateId: estate.id, period, outcome: result.outcome });
      } catch (error) {
        this.logger.error(`Monthly report ${estate.code} ${period} failed: ${String(error)}`);
        runs.push({ estateId: estate.id, period, outcome: 'failed' });
      }
    }
    return runs;
  }
}
