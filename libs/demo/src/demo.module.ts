import { Module } from '@nestjs/common';
import { WorkOrdersModule } from '@estate/work-orders';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [WorkOrdersModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
