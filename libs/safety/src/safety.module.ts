import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SAFETY_ENTITIES } from './safety-incident.entity';
import { SafetyKpiService } from './safety-kpi.service';
import { SafetyController } from './safety.controller';
import { SafetyService } from './safety.service';

/** Security cases, fire alarms, fires, violations (违章) and their handling. */
@Module({
  imports: [TypeOrmModule.forFeature(SAFETY_ENTITIES)],
  controllers: [SafetyController],
  providers: [SafetyService, SafetyKpiService],
  exports: [SafetyService, SafetyKpiService],
})
export class SafetyModule {}
