import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssetHealthService, AssetsModule } from '@estate/assets';
import { CleaningKpiService, CleaningModule } from '@estate/cleaning';
import { ComplaintsModule, ComplaintsService } from '@estate/complaints';
import { CollectionService, FeesModule } from '@estate/fees';
import { SafetyKpiService, SafetyModule } from '@estate/safety';
import { StaffComplianceService, StaffModule } from '@estate/staff';
import { SurveysModule, SurveysService } from '@estate/surveys';
import { WorkOrderMetricsService, WorkOrdersModule } from '@estate/work-orders';
import { assetSources } from './asset-sources';
import { KPI_ENTITIES } from './entities';
import { feeSources } from './fee-sources';
import { KpiTargetsService } from './kpi-targets.service';
import { KpiController } from './kpi.controller';
import { METRICS } from './metric-definitions';
import { METRIC_SOURCES, MetricSource } from './metric-source';
import { operationalSources } from './metric-sources';
import { ScorecardService } from './scorecard.service';

/**
 * The scorecard reads every feature library through its public KPI methods. The sources map is
 * checked at start-up: a metric without a source stops the app instead of failing a request later.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(KPI_ENTITIES),
    WorkOrdersModule,
    FeesModule,
    AssetsModule,
    SafetyModule,
    CleaningModule,
    ComplaintsModule,
    StaffModule,
    SurveysModule,
  ],
  controllers: [KpiController],
  providers: [
    KpiTargetsService,
    ScorecardService,
    {
      provide: METRIC_SOURCES,
      inject: [
        WorkOrderMetricsService,
        CollectionService,
        AssetHealthService,
        SafetyKpiService,
        CleaningKpiService,
        ComplaintsService,
        StaffComplianceService,
        SurveysService,
      ],
      useFactory: (
        workOrders: WorkOrderMetricsService,
        collection: CollectionService,
        health: AssetHealthService,
        safety: SafetyKpiService,
        cleaning: CleaningKpiService,
        complaints: ComplaintsService,
        staff: StaffComplianceService,
        surveys: SurveysService,
      ): ReadonlyMap<string, MetricSource> => {
        const sources = new Map(
          Object.entries({
            ...operationalSources({ workOrders, complaints, staff, surveys, safety, cleaning }),
            ...feeSources(collection),
            ...assetSources(health),
          }),
        );
        const missing = METRICS.filter((metric) => !sources.has(metric.code)).map((metric) => metric.code);
        if (missing.length) throw new Error(`KPI metrics without a data source: ${missing.join(', ')}`);
        return sources;
      },
    },
  ],
  exports: [ScorecardService, KpiTargetsService],
})
export class KpiModule {}
