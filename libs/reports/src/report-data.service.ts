import { Injectable } from '@nestjs/common';
import { AssetHealthService, IntactMeasureSummary, NonIntactAsset } from '@estate/assets';
import { AuthenticatedUser } from '@estate/auth';
import { CleaningInspection, CleaningKpiService, KpiRatio } from '@estate/cleaning';
import { ComplaintKpiRecord, ComplaintSummaryResponse, ComplaintsService } from '@estate/complaints';
import { ReadMemo, TransactionService } from '@estate/database';
import { Estate, estateMemoKey } from '@estate/estates';
import {
  AgingAmounts,
  ArrearsBuildingTotal,
  ArrearsService,
  ArrearsUnitRow,
  CollectionResponse,
  CollectionService,
} from '@estate/fees';
import { ScorecardResponse, ScorecardService } from '@estate/kpi';
import { CoverageResponse, PatrolCoverageService } from '@estate/patrol';
import { IncidentCountsByType, IncidentDrillDownRow, INCIDENT_TYPES, SafetyKpiService } from '@estate/safety';
import { StaffComplianceService, StaffRateResult } from '@estate/staff';
import { OverallSatisfactionResult, ResponseDto, SurveysService } from '@estate/surveys';
import { WorkOrderKpiRecord, WorkOrderMetricsService, WorkOrderStatsResponse } from '@estate/work-orders';
import { lastDateOfPeriod, periodRange, shiftPeriod } from '@estate/shared';

/** Rows read per page from the module services when collecting a month's records. */
const PAGE_SIZE = 500;
/** The most records of one kind a report lists (the workbook); beyond it the sheet says so. */
export const DETAIL_ROW_LIMIT = 20_000;

export interface TrendPoint {
  period: string;
  compliancePercent: number | null;
}

/** Everything one report shows, gathered once and given to both renderers. */
export interface ReportData {
  estate: Pick<Estate, 'id' | 'code' | 'name' | 'timeZone'>;
  period: string;
  scorecard: ScorecardResponse;
  /** 12 months ending with the period, oldest first */
  trend: TrendPoint[];
  workOrders: {
    stats: WorkOrderStatsResponse;
    /** #2's counted orders, with inNumerator = on time */
    counted: WorkOrderKpiRecord[];
    countedTotal: number;
  };
  fees: {
    collection: CollectionResponse;
    agingTotal: AgingAmounts;
    buildings: ArrearsBuildingTotal[];
    units: ArrearsUnitRow[];
    unitCount: number;
  };
  patrol: CoverageResponse;
  cleaning: { rate: KpiRatio; inspections: CleaningInspection[] };
  assets: { summary: IntactMeasureSummary; nonIntact: NonIntactAsset[] };
  complaints: { summary: ComplaintSummaryResponse; openDuring: ComplaintKpiRecord[] };
  safety: {
    yearToDate: IncidentCountsByType;
    month: IncidentCountsByType;
    incidents: IncidentDrillDownRow[];
    violationsOpen: IncidentDrillDownRow[];
  };
  staff: { management: StaffRateResult; special: StaffRateResult };
  surveys: { overall: OverallSatisfactionResult; responses: ResponseDto[] };
}

/**
 * The report's reader identity for the module summaries that take a caller: reports run without a
 * person (schedule, CLI), and the estate was already checked for the person who asked.
 */
const REPORT_READER: AuthenticatedUser = {
  id: '00000000-0000-7000-8000-000000000000',
  username: 'reports',
  displayName: 'reports',
  role: 'admin',
  estateIds: [],
  unitId: null,
};

/**
 * Gathers a report's content from the KPI scorecard and the modules' public summary methods. Only
 * reads; every figure is as of the period end (the modules' as-of rules).
 */
@Injectable()
export class ReportDataService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly scorecards: ScorecardService,
    private readonly workOrders: WorkOrderMetricsService,
    private readonly collection: CollectionService,
    private readonly arrears: ArrearsService,
    private readonly patrol: PatrolCoverageService,
    private readonly cleaning: CleaningKpiService,
    private readonly assets: AssetHealthService,
    private readonly complaints: ComplaintsService,
    private readonly safety: SafetyKpiService,
    private readonly staff: StaffComplianceService,
    private readonly surveys: SurveysService,
  ) {}

  /**
   * The month's report content; `scorecard` is given when the caller already has it (a snapshot).
   * One ReadMemo scope seeded with the estate: the module methods share the estate row and the
   * households count instead of each reading them again.
   */
  collect(estate: Estate, period: string, scorecard?: ScorecardResponse): Promise<ReportData> {
    return ReadMemo.run(() => this.gather(estate, period, scorecard), { [estateMemoKey(estate.id)]: estate });
  }

  private async gather(estate: Estate, period: string, scorecard?: ScorecardResponse): Promise<ReportData> {
    const card = scorecard ?? (await this.scorecards.scorecardFor(estate, period));
    const estateId = estate.id;
    const lastDate = lastDateOfPeriod(period);
    const range = periodRange(period, estate.timeZone);
    const counted = await this.pages((page) =>
      this.workOrders.timelinessRecords(estateId, period, { page, pageSize: PAGE_SIZE }),
    );
    const scope = this.arrears.scopeOf(estate, lastDate);
    const manager = this.transactions.dataSource.manager;
    const { buildings, units } = await this.arrears.overview(manager, scope, DETAIL_ROW_LIMIT);
    const agingTotal: AgingAmounts = {
      days0To30: 0,
      days31To90: 0,
      days91To180: 0,
      days181To365: 0,
      over365: 0,
      totalFen: 0,
    };
    let unitCount = 0;
    for (const building of buildings) {
      for (const key of Object.keys(agingTotal) as (keyof AgingAmounts)[])
        agingTotal[key] += building.outstanding[key];
      unitCount += building.unitCount;
    }
    const incidents: IncidentDrillDownRow[] = [];
    for (const type of INCIDENT_TYPES)
      incidents.push(...(await this.safety.incidentsYearToDate(estateId, period, type)));
    incidents.sort((left, right) => left.occurredAt.getTime() - right.occurredAt.getTime());
    return {
      estate: { id: estate.id, code: estate.code, name: estate.name, timeZone: estate.timeZone },
      period,
      scorecard: card,
      trend: await this.trend(estate, period, card),
      workOrders: {
        stats: await this.workOrders.stats(REPORT_READER, estateId, period),
        counted: counted.items,
        countedTotal: counted.total,
      },
      fees: {
        collection: await this.collection.collection(REPORT_READER, estateId, period),
        agingTotal,
        buildings,
        units,
        unitCount,
      },
      patrol: await this.patrol.coverage(estateId, period),
      cleaning: {
        rate: await this.cleaning.cleaningPassRate(estateId, period),
        inspections: (await this.cleaning.inspectionsInPeriod(estateId, period)).slice(0, DETAIL_ROW_LIMIT),
      },
      assets: {
        summary: await this.assets.intactMeasureForPeriod(estateId, period),
        nonIntact: await this.assets.nonIntactAssets(estateId, new Date(range.end.getTime() - 1), 'all'),
      },
      complaints: {
        summary: await this.complaints.summary(REPORT_READER, estateId, period),
        openDuring: await this.complaints.validComplaintsOpenDuring(estateId, period),
      },
      safety: {
        yearToDate: await this.safety.yearToDateCounts(estateId, period),
        month: await this.safety.countsByType(estateId, range),
        incidents,
        violationsOpen: await this.safety.violationsOpenDuring(estateId, period),
      },
      staff: {
        management: await this.staff.managementTrainingOn(estateId, lastDate),
        special: await this.staff.specialOperationsOn(estateId, lastDate),
      },
      surveys: {
        overall: await this.surveys.overallSatisfaction(estateId, period),
        responses: (await this.surveys.satisfactionResponses(estateId, period)).slice(0, DETAIL_ROW_LIMIT),
      },
    };
  }

  /**
   * Compliance % of the 12 months ending with the period: the closed months' snapshots in one query,
   * only the open months computed (ScorecardService.summaries).
   */
  async trend(estate: Estate, period: string, current: ScorecardResponse): Promise<TrendPoint[]> {
    const months: string[] = [];
    for (let back = 11; back >= 1; back--) months.push(shiftPeriod(period, -back));
    const summaries = await this.scorecards.summaries(estate, months);
    return [
      ...months.map((month) => ({
        period: month,
        compliancePercent: summaries.get(month)!.compliancePercent,
      })),
      { period, compliancePercent: current.summary.compliancePercent },
    ];
  }

  private async pages<T>(
    read: (page: number) => Promise<{ items: T[]; total: number }>,
  ): Promise<{ items: T[]; total: number }> {
    const items: T[] = [];
    let total = 0;
    for (let page = 1; items.length < DETAIL_ROW_LIMIT; page++) {
      const result = await read(page);
      total = result.total;
      items.push(...result.items);
      if (result.items.length < PAGE_SIZE) break;
    }
    return { items, total };
  }
}
