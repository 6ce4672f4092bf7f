import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { EntityManager } from 'typeorm';
import { AssetsService } from './assets.service';
import { AssetTimelineResponse, TimelineEntryResponse } from './dto/asset.dto';
import { AssetConditionRecord, AssetInspectionResult, AssetPlan } from './entities';

/** Extra timeline entries from other libraries (linked work orders and their costs). */
export type TimelineSource = (manager: EntityManager, assetId: string) => Promise<TimelineEntryResponse[]>;

const TIMELINE_LIMIT = 500;

/** One history of an asset: condition records, inspections and maintenance done, linked work orders. */
@Injectable()
export class AssetTimelineService {
  private readonly sources: TimelineSource[] = [];

  constructor(
    private readonly transactions: TransactionService,
    private readonly assets: AssetsService,
  ) {}

  addSource(source: TimelineSource): void {
    this.sources.push(source);
  }

  async timeline(user: AuthenticatedUser, id: string): Promise<AssetTimelineResponse> {
    const manager = this.transactions.dataSource.manager;
    const asset = await this.assets.visibleAsset(manager, user, id);
    const conditions = await manager.find(AssetConditionRecord, {
      where: { assetId: id },
      order: { recordedAt: 'DESC', id: 'DESC' },
      take: TIMELINE_LIMIT,
    });
    const results = await manager.find(AssetInspectionResult, {
      where: { assetId: id },
      order: { inspectedAt: 'DESC', id: 'DESC' },
      take: TIMELINE_LIMIT,
    });
    const plans = new Map(
      (results.length ? await manager.findBy(AssetPlan, { estateId: asset.estateId }) : []).map((plan) => [
        plan.id,
        plan,
      ]),
    );
    const entries: TimelineEntryResponse[] = [
      ...conditions.map((record) => ({
        type: 'condition',
        at: record.recordedAt.toISOString(),
        id: record.id,
        summary: `${record.condition} (${record.source})`,
        details: {
          condition: record.condition,
          source: record.source,
          note: record.note,
          authorName: record.authorName,
          taskId: record.taskId,
          workOrderId: record.workOrderId,
        },
      })),
      ...results.map((result) => {
        const plan = plans.get(result.planId);
        const failed = result.itemResults.filter((item) => !item.passed).length;
        return {
          type: plan?.kind ?? 'inspection',
          at: result.inspectedAt.toISOString(),
          id: result.id,
          summary: `${plan?.name ?? 'plan'}: ${result.itemResults.length - failed}/${result.itemResults.length} items passed`,
          details: {
            taskId: result.taskId,
            planId: result.planId,
            overallCondition: result.overallCondition,
            failedItems: failed,
            inspectorName: result.inspectorName,
            workOrderId: result.workOrderId,
            workOrderCode: result.workOrderCode,
          },
        };
      }),
      ...(asset.decommissionedAt
        ? [
            {
              type: 'decommissioned',
              at: asset.decommissionedAt.toISOString(),
              id: asset.id,
              summary: asset.decommissionReason ?? 'decommissioned',
              details: {},
            },
          ]
        : []),
    ];
    for (const source of this.sources) entries.push(...(await source(manager, id)));
    entries.sort((left, right) =>
      left.at === right.at ? right.id.localeCompare(left.id) : right.at.localeCompare(left.at),
    );
    return { assetId: id, entries };
  }
}
