import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffComplianceService } from './staff-compliance.service';
import { StaffController } from './staff.controller';
import { STAFF_ENTITIES } from './staff.entity';
import { StaffService } from './staff.service';

/** Staff (员工): profiles, training, certificates, role → certificate mapping, compliance (KPI #22/#23). */
@Module({
  imports: [TypeOrmModule.forFeature(STAFF_ENTITIES)],
  controllers: [StaffController],
  providers: [StaffService, StaffComplianceService],
  exports: [StaffService, StaffComplianceService],
})
export class StaffModule {}
