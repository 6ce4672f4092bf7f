import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { Clock } from '@estate/shared';
import { EntityManager, LessThanOrEqual } from 'typeorm';
import { SetTargetsRequest, TargetResponse } from './dto/kpi.dto';
import { KpiTarget } from './entities';
import { Comparator, METRIC_BY_CODE, METRICS } from './metric-definitions';

const SCALE = 10_000;

export interface EffectiveTarget {
  target: number;
  comparator: Comparator;
  overridden: boolean;
  effectiveFrom: Date | null;
  setByName: string | null;
}

/** Per-estate target overrides with history: defaults from the list, overrides audited. */
@Injectable()
export class KpiTargetsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Targets in force at an instant (the period end for a scorecard): one query for all 25. */
  async targetsAt(
    estateId: string,
    instant: Date,
    manager: EntityManager = this.transactions.dataSource.manager,
  ): Promise<Map<string, EffectiveTarget>> {
    const rows = await manager.find(KpiTarget, {
      where: { estateId, effectiveFrom: LessThanOrEqual(instant) },
      order: { effectiveFrom: 'ASC', id: 'ASC' },
    });
    const latest = new Map<string, KpiTarget>();
    for (const row of rows) latest.set(row.metricCode, row);
    return new Map(
      METRICS.map((metric) => {
        const override = latest.get(metric.code);
        return [
          metric.code,
          override
            ? {
                target: override.targetScaled / SCALE,
                comparator: override.comparator,
                overridden: true,
                effectiveFrom: override.effectiveFrom,
                setByName: override.setByName,
              }
            : {
                target: metric.defaultTarget,
                comparator: metric.comparator,
                overridden: false,
                effectiveFrom: null,
                setByName: null,
              },
        ];
      }),
    );
  }

  async current(user: AuthenticatedUser, estateId: string): Promise<TargetResponse[]> {
    await this.estates.accessibleEstate(user, estateId);
    return this.toResponses(await this.targetsAt(estateId, this.clock.now()));
  }

  /** New targets take effect now; each change is audited with old and new values. */
  async set(
    user: AuthenticatedUser,
    estateId: string,
    request: SetTargetsRequest,
  ): Promise<TargetResponse[]> {
    await this.estates.accessibleEstate(user, estateId);
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      const before = await this.targetsAt(estateId, now, manager);
      for (const change of request.targets) {
        const metric = METRIC_BY_CODE.get(change.code)!;
        const old = before.get(change.code)!;
        await manager.save(
          manager.create(KpiTarget, {
            estateId,
            metricCode: change.code,
            targetScaled: Math.round(change.target * SCALE),
            comparator: metric.comparator,
            effectiveFrom: now,
            setById: user.id,
            setByName: user.displayName,
          }),
        );
        await this.audit.record(manager, {
          estateId,
          entityType: 'kpi_target',
          entityId: estateId,
          action: 'set_target',
          actor: { id: user.id, name: user.displayName },
          fromState: String(old.target),
          toState: String(change.target),
          note: request.reason ?? null,
          details: { code: change.code, comparator: metric.comparator },
          at: now,
        });
      }
      return this.toResponses(await this.targetsAt(estateId, now, manager));
    });
  }

  private toResponses(targets: Map<string, EffectiveTarget>): TargetResponse[] {
    return METRICS.map((metric) => {
      const effective = targets.get(metric.code)!;
      return {
        code: metric.code,
        number: metric.number,
        nameZh: metric.nameZh,
        nameEn: metric.nameEn,
        target: effective.target,
        comparator: effective.comparator,
        defaultTarget: metric.defaultTarget,
        overridden: effective.overridden,
        effectiveFrom: effective.effectiveFrom?.toISOString() ?? null,
        setByName: effective.setByName,
      };
    });
  }
}
