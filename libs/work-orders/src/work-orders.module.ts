import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '@estate/attachments';
import { countsByUnit, UnitRecordCounters } from '@estate/estates';
import { WORK_ORDER_ENTITIES, WorkOrder } from './entities';
import { OPEN_STATUSES } from './work-order-state';
import { WorkOrderAcceptanceListeners } from './work-order-acceptance-listeners';
import { WorkOrderBilling } from './work-order-billing';
import { WorkOrderAttachmentsService } from './work-order-attachments.service';
import { WorkOrderExportService } from './work-order-export.service';
import { WorkOrderMetricsService } from './work-order-metrics.service';
import { WorkOrderMonthlyFactsService } from './work-order-monthly-facts.service';
import { WorkOrderSlaSweepService } from './work-order-sla-sweep.service';
import { WorkOrdersController } from './work-orders.controller';
import { WorkOrdersService } from './work-orders.service';

/** Work orders (报修工单): intake, dispatch, SLA, completion, acceptance, return visits, KPI figures. */
@Module({
  imports: [TypeOrmModule.forFeature(WORK_ORDER_ENTITIES), AttachmentsModule],
  controllers: [WorkOrdersController],
  providers: [
    WorkOrdersService,
    WorkOrderMetricsService,
    WorkOrderMonthlyFactsService,
    WorkOrderSlaSweepService,
    WorkOrderExportService,
    WorkOrderAcceptanceListeners,
    WorkOrderBilling,
    WorkOrderAttachmentsService,
  ],
  exports: [
    WorkOrdersService,
    WorkOrderMetricsService,
    WorkOrderMonthlyFactsService,
    WorkOrderSlaSweepService,
    WorkOrderAcceptanceListeners,
    WorkOrderBilling,
    WorkOrderAttachmentsService,
  ],
})
export class WorkOrdersModule implements OnModuleInit {
  constructor(private readonly unitCounters: UnitRecordCounters) {}

  /** The caller lookup shows each unit's open orders (not closed or cancelled), on (unit_id, reported_at). */
  onModuleInit(): void {
    this.unitCounters.register('openWorkOrders', async (manager, estateId, unitIds) =>
      countsByUnit(
        await manager
          .createQueryBuilder(WorkOrder, 'wo')
          .select('wo.unit_id', 'unitId')
          .addSelect('COUNT(*)', 'count')
          .where('wo.unit_id IN (:...unitIds) AND wo.estate_id = :estateId', { unitIds, estateId })
          .andWhere('wo.status IN (:...statuses)', { statuses: OPEN_STATUSES })
          .groupBy('wo.unit_id')
          .getRawMany(),
      ),
    );
  }
}
