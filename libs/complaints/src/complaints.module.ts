import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '@estate/attachments';
import { countsByUnit, UnitRecordCounters } from '@estate/estates';
import { ComplaintExportService } from './complaint-export.service';
import { COMPLAINT_ENTITIES, Complaint } from './complaint.entity';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';

/** Complaints (投诉): intake, validity judgement, handling, follow-up, deadlines, KPI #20/#21. */
@Module({
  imports: [TypeOrmModule.forFeature(COMPLAINT_ENTITIES), AttachmentsModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsService, ComplaintExportService],
  exports: [ComplaintsService],
})
export class ComplaintsModule implements OnModuleInit {
  constructor(private readonly unitCounters: UnitRecordCounters) {}

  /** The caller lookup shows each unit's complaints not closed yet, on (unit_id, received_at). */
  onModuleInit(): void {
    this.unitCounters.register('openComplaints', async (manager, estateId, unitIds) =>
      countsByUnit(
        await manager
          .createQueryBuilder(Complaint, 'complaint')
          .select('complaint.unit_id', 'unitId')
          .addSelect('COUNT(*)', 'count')
          .where('complaint.unit_id IN (:...unitIds) AND complaint.estate_id = :estateId', {
            unitIds,
            estateId,
          })
          .andWhere("complaint.status <> 'closed'")
          .groupBy('complaint.unit_id')
          .getRawMany(),
      ),
    );
  }
}
