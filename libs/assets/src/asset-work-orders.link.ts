import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EstatesService } from '@estate/estates';
import {
  WorkOrder,
  WorkOrderAcceptanceEvent,
  WorkOrderAcceptanceListeners,
  WorkOrderMaterial,
  WorkOrdersService,
} from '@estate/work-orders';
import { EntityManager, In } from 'typeorm';
import { AssetFinding, AssetTasksService } from './asset-tasks.service';
import { AssetTimelineService } from './asset-timeline.service';
import { AssetsService } from './assets.service';
import { TimelineEntryResponse } from './dto/asset.dto';
import { Asset } from './entities';

/**
 * The closed loop between the ledger and work orders (registered at start-up):
 * - an inspection finding (failed item, or condition worse than fair) opens a work order — channel
 *   `inspection`, linked to the asset, priority by the plan's rule — inside the task completion's
 *   transaction;
 * - acceptance `pass` of a work order linked to an asset writes a `good` condition record (source
 *   `work_order`, at the acceptance time) inside the acceptance transaction;
 * - linked work orders and their costs appear on the asset's timeline.
 */
@Injectable()
export class AssetWorkOrdersLink implements OnModuleInit {
  private readonly logger = new Logger(AssetWorkOrdersLink.name);

  constructor(
    private readonly workOrders: WorkOrdersService,
    private readonly acceptanceListeners: WorkOrderAcceptanceListeners,
    private readonly tasks: AssetTasksService,
    private readonly timelines: AssetTimelineService,
    private readonly assets: AssetsService,
    private readonly estates: EstatesService,
  ) {}

  onModuleInit(): void {
    this.tasks.onFinding((manager, finding) => this.openWorkOrder(manager, finding));
    this.acceptanceListeners.register((manager, event) => this.onAcceptance(manager, event));
    this.timelines.addSource((manager, assetId) => this.timelineEntries(manager, assetId));
  }

  private openWorkOrder(
    manager: EntityManager,
    finding: AssetFinding,
  ): Promise<{ id: string; code: string }> {
    return this.workOrders.createFromFinding(manager, {
      estateId: finding.estateId,
      channel: 'inspection',
      assetId: finding.asset.id,
      locationText: finding.asset.locationText ?? `${finding.asset.code} ${finding.asset.name}`,
      description: finding.description,
      priority: finding.priority,
      actor: finding.actor,
    });
  }

  /**
   * Pass on an order linked to an asset → `good` at the acceptance instant. Skipped (logged, never
   * failing the acceptance) when the asset no longer exists in that estate or was decommissioned by then.
   */
  private async onAcceptance(manager: EntityManager, event: WorkOrderAcceptanceEvent): Promise<void> {
    if (event.result !== 'pass' || !event.assetId) return;
    const asset = await manager.findOneBy(Asset, { id: event.assetId });
    if (!asset || asset.estateId !== event.estateId) return;
    const estate = await this.estates.require(asset.estateId, manager);
    const problem = this.assets.conditionTimeProblem(estate, asset, event.at);
    if (problem) {
      this.logger.warn(`No condition record for work order ${event.workOrderId}: ${problem.message}`);
      return;
    }
    const order = await manager.findOneBy(WorkOrder, { id: event.workOrderId });
    await this.assets.recordCondition(manager, estate, asset, {
      condition: 'good',
      recordedAt: event.at,
      source: 'work_order',
      note: `Work order ${order?.code ?? event.workOrderId} accepted (pass)`,
      author: { id: order?.acceptedById ?? null, name: order?.acceptedByName ?? 'work order acceptance' },
      workOrderId: event.workOrderId,
    });
  }

  private async timelineEntries(manager: EntityManager, assetId: string): Promise<TimelineEntryResponse[]> {
    const orders = await manager.find(WorkOrder, {
      where: { assetId },
      order: { reportedAt: 'DESC' },
      take: 200,
    });
    if (!orders.length) return [];
    const materials = await manager.findBy(WorkOrderMaterial, {
      workOrderId: In(orders.map((order) => order.id)),
    });
    return orders.map((order) => {
      const materialCostFen = materials
        .filter((material) => material.workOrderId === order.id)
        .reduce((sum, material) => sum + material.totalFen, 0);
      return {
        type: 'work_order',
        at: order.reportedAt.toISOString(),
        id: order.id,
        summary: `${order.code} ${order.status}: ${order.description.slice(0, 100)}`,
        details: {
          code: order.code,
          status: order.status,
          priority: order.priority,
          channel: order.channel,
          closedAt: order.closedAt?.toISOString() ?? null,
          acceptanceResult: order.acceptanceResult,
          materialCostFen,
          chargeFen: order.amountFen,
          labourMinutes: order.labourMinutes,
        },
      };
    });
  }
}
