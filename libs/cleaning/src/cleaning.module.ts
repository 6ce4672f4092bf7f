import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CleaningKpiService } from './cleaning-kpi.service';
import { CLEANING_ENTITIES } from './cleaning.entities';
import { CleaningController } from './cleaning.controller';
import { CleaningService } from './cleaning.service';

/** Cleaning zones, cleaning logs and inspections (保洁). */
@Module({
  imports: [TypeOrmModule.forFeature(CLEANING_ENTITIES)],
  controllers: [CleaningController],
  providers: [CleaningService, CleaningKpiService],
  exports: [CleaningService, CleaningKpiService],
})
export class CleaningModule {}
