import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '@estate/attachments';
import { WORK_ORDER_ENTITIES } from './entities';
import { WorkOrderAcceptanceListeners } from './work-order-acceptance-listeners';
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
    WorkOrderAttachmentsService,
  ],
  exports: [
    WorkOrdersService,
    WorkOrderMetricsService,
    WorkOrderMonthlyFactsService,
    WorkOrderSlaSweepService,
    WorkOrderAcceptanceListeners,
    WorkOrderAttachmentsService,
  ],
})
export class WorkOrdersModule {}
