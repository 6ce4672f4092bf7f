import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkOrdersModule } from '@estate/work-orders';
import { ArrearsService } from './arrears.service';
import { BillingRunService } from './billing-run.service';
import { BillsService } from './bills.service';
import { CollectionService } from './collection.service';
import { FEE_ENTITIES } from './entities';
import { ExportsService } from './exports.service';
import { FeeItemsService } from './fee-items.service';
import {
  ArrearsController,
  BillingRunsController,
  BillsController,
  FeeItemsController,
  FeesController,
  MeterReadingsController,
  PaymentsController,
} from './fees.controller';
import { LedgerService } from './ledger.service';
import { PaymentsService } from './payments.service';
import { RepairBillingLink } from './repair-billing.link';

/** Fee collection (物业费收缴): fee items, billing runs, bills, payments, arrears, exports. */
@Module({
  imports: [TypeOrmModule.forFeature(FEE_ENTITIES), WorkOrdersModule],
  controllers: [
    FeeItemsController,
    MeterReadingsController,
    BillingRunsController,
    BillsController,
    PaymentsController,
    ArrearsController,
    FeesController,
  ],
  providers: [
    LedgerService,
    FeeItemsService,
    BillingRunService,
    BillsService,
    PaymentsService,
    ArrearsService,
    CollectionService,
    ExportsService,
    RepairBillingLink,
  ],
  exports: [BillingRunService, PaymentsService, CollectionService, ArrearsService, BillsService],
})
export class FeesModule {}
