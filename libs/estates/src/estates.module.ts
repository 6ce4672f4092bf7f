import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ESTATE_ENTITIES } from './entities';
import { EstatesController } from './estates.controller';
import { EstatesService } from './estates.service';
import { FactTimeService } from './fact-time.service';
import { RegistryImportService } from './import/registry-import.service';
import { OccupancyService } from './occupancy.service';
import { BuildingsController, ResidentsController, UnitsController } from './registry.controller';
import { RegistryService } from './registry.service';
import { ResidentPhoneSubscriber } from './resident-phone';
import { UnitLookupService } from './unit-lookup.service';
import { UnitRecordCounters } from './unit-record-counters';

/** Estates, buildings, units, residents and occupancy; other modules use its services. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(ESTATE_ENTITIES)],
  controllers: [EstatesController, BuildingsController, UnitsController, ResidentsController],
  providers: [
    EstatesService,
    RegistryService,
    OccupancyService,
    RegistryImportService,
    ResidentPhoneSubscriber,
    UnitLookupService,
    UnitRecordCounters,
    FactTimeService,
  ],
  exports: [EstatesService, RegistryService, OccupancyService, UnitRecordCounters, FactTimeService],
})
export class EstatesModule {}
