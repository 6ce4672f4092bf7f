import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkOrdersModule } from '@estate/work-orders';
import { AssetCategoriesService } from './asset-categories.service';
import { AssetExportService } from './asset-export.service';
import { AssetHealthService } from './asset-health.service';
import { AssetImportService } from './asset-import.service';
import { AssetPlansService } from './asset-plans.service';
import { InspectionPlansController, MaintenancePlansController } from './asset-plans.controller';
import { AssetTasksController } from './asset-tasks.controller';
import { AssetTasksService } from './asset-tasks.service';
import { AssetTimelineService } from './asset-timeline.service';
import { AssetWorkOrdersLink } from './asset-work-orders.link';
import { AssetCategoriesController, AssetsController } from './assets.controller';
import { AssetsService } from './assets.service';
import { ASSET_ENTITIES } from './entities';

/** Facility and equipment ledger, condition history, inspection/maintenance plans and tasks. */
@Module({
  imports: [TypeOrmModule.forFeature(ASSET_ENTITIES), WorkOrdersModule],
  controllers: [
    AssetsController,
    AssetCategoriesController,
    InspectionPlansController,
    MaintenancePlansController,
    AssetTasksController,
  ],
  providers: [
    AssetsService,
    AssetCategoriesService,
    AssetHealthService,
    AssetImportService,
    AssetExportService,
    AssetTimelineService,
    AssetPlansService,
    AssetTasksService,
    AssetWorkOrdersLink,
  ],
  exports: [AssetsService, AssetHealthService, AssetTasksService],
})
export class AssetsModule {}
