import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '@estate/attachments';
import { ComplaintExportService } from './complaint-export.service';
import { COMPLAINT_ENTITIES } from './complaint.entity';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';

/** Complaints (投诉): intake, validity judgement, handling, follow-up, deadlines, KPI #20/#21. */
@Module({
  imports: [TypeOrmModule.forFeature(COMPLAINT_ENTITIES), AttachmentsModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsService, ComplaintExportService],
  exports: [ComplaintsService],
})
export class ComplaintsModule {}
