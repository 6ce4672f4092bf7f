import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssetsModule } from '@estate/assets';
import { CleaningModule } from '@estate/cleaning';
import { ComplaintsModule } from '@estate/complaints';
import { FeesModule } from '@estate/fees';
import { KpiModule } from '@estate/kpi';
import { PatrolModule } from '@estate/patrol';
import { SafetyModule } from '@estate/safety';
import { StaffModule } from '@estate/staff';
import { SurveysModule } from '@estate/surveys';
import { WorkOrdersModule } from '@estate/work-orders';
import { PortfolioReportService } from './portfolio-report.service';
import { ReportDataService } from './report-data.service';
import { DatabaseReportFileStore, REPORT_FILE_STORE } from './report-file-store';
import { ReportSchedulerService } from './report-scheduler.service';
import { REPORT_ENTITIES } from './report.entities';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Monthly compliance reports (月度考核报告): PDF and XLSX from the KPI scorecard and the modules' summaries. */
@Module({
  imports: [
    TypeOrmModule.forFeature(REPORT_ENTITIES),
    KpiModule,
    WorkOrdersModule,
    FeesModule,
    PatrolModule,
    CleaningModule,
    AssetsModule,
    ComplaintsModule,
    SafetyModule,
    StaffModule,
    SurveysModule,
  ],
  controllers: [ReportsController],
  providers: [
    ReportDataService,
    ReportsService,
    PortfolioReportService,
    ReportSchedulerService,
    { provide: REPORT_FILE_STORE, useClass: DatabaseReportFileStore },
  ],
  exports: [ReportsService, ReportSchedulerService, ReportDataService],
})
export class ReportsModule {}
