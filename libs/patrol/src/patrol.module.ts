import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SafetyModule } from '@estate/safety';
import { WorkOrdersModule } from '@estate/work-orders';
import { PatrolCoverageService } from './patrol-coverage.service';
import { PatrolJobsService } from './patrol-jobs.service';
import { PatrolController } from './patrol.controller';
import { PATROL_ENTITIES } from './patrol.entities';
import { PatrolService } from './patrol.service';

/** Patrol checkpoints, routes, rounds and scans (巡逻). */
@Module({
  imports: [TypeOrmModule.forFeature(PATROL_ENTITIES), SafetyModule, WorkOrdersModule],
  controllers: [PatrolController],
  providers: [PatrolService, PatrolCoverageService, PatrolJobsService],
  exports: [PatrolService, PatrolCoverageService, PatrolJobsService],
})
export class PatrolModule {}
