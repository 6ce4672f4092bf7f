import { CleaningKpiService } from '@estate/cleaning';
import { ComplaintsService } from '@estate/complaints';
import { IncidentType, SafetyKpiService } from '@estate/safety';
import { Page, pageOf } from '@estate/shared';
import { StaffComplianceService } from '@estate/staff';
import { SurveysService } from '@estate/surveys';
import { WorkOrderMetricsService } from '@estate/work-orders';
import type { DrillDownRecord } from './dto/kpi.dto';
import { DrillDownRequest, MetricContext, MetricSource } from './metric-source';

/** Pages a list a module returned whole (lists of a month's complaints, staff, incidents: small). */
function pageList(records: DrillDownRecord[], request: DrillDownRequest): Page<DrillDownRecord> {
  const selected =
    request.part === 'numerator'
      ? records.filter((record) => record.inNumerator)
      : request.part === 'failing'
        ? records.filter((record) => !record.inNumerator)
        : records;
  const start = (request.page - 1) * request.pageSize;
  return pageOf(selected.slice(start, start + request.pageSize), selected.length, request);
}

function only(part: DrillDownRequest['part']): 'numerator' | 'not_numerator' | undefined {
  return part === 'numerator' ? 'numerator' : part === 'failing' ? 'not_numerator' : undefined;
}

const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : value;

/** Sources for the metrics read from work orders, complaints, staff, surveys, safety and cleaning. */
export function operationalSources(services: {
  workOrders: WorkOrderMetricsService;
  complaints: ComplaintsService;
  staff: StaffComplianceService;
  surveys: SurveysService;
  safety: SafetyKpiService;
  cleaning: CleaningKpiService;
}): Record<string, MetricSource> {
  const { workOrders, complaints, staff, surveys, safety, cleaning } = services;

  const workOrderRecords =
    (method: 'timelinessRecords' | 'qualityRecords' | 'returnVisitRecords') =>
    async (context: MetricContext, request: DrillDownRequest): Promise<Page<DrillDownRecord>> => {
      const page = await workOrders[method](context.estate.id, context.period, {
        page: request.page,
        pageSize: request.pageSize,
        only: only(request.part),
      });
      return {
        ...page,
        items: page.items.map(({ id, code, inNumerator, ...facts }) => ({
          id,
          label: code,
          inNumerator,
          facts,
        })),
      };
    };

  const incidentCount = (
    type: IncidentType,
    method: 'majorCriminalCases' | 'publicOrderCases',
  ): MetricSource => ({
    figures: async (context) => ({
      numerator: await safety[method](context.estate.id, context.period),
      denominator: null,
    }),
    records: async (context, request) =>
      pageList(
        incidentRecords(await safety.incidentsYearToDate(context.estate.id, context.period, type), true),
        request,
      ),
  });
  const incidentRate = (
    type: IncidentType,
    method: 'fireAlarmRate' | 'fireRate' | 'violationRate',
  ): MetricSource => ({
    figures: (context) => safety[method](context.estate.id, context.period),
    records: async (context, request) =>
      pageList(
        incidentRecords(await safety.incidentsYearToDate(context.estate.id, context.period, type), true),
        request,
      ),
  });
  const incidentRecords = (
    rows: Awaited<ReturnType<SafetyKpiService['incidentsYearToDate']>>,
    allInNumerator: boolean,
  ): DrillDownRecord[] =>
    rows.map((row) => ({
      id: row.id,
      label: row.code,
      inNumerator: allInNumerator || row.handledByPeriodEnd,
      facts: {
        type: row.type,
        occurredAt: iso(row.occurredAt),
        handledAt: iso(row.handledAt),
        description: row.description,
      },
    }));

  const staffRecords = (
    result: Awaited<ReturnType<StaffComplianceService['managementTrainingPassRate']>>,
  ): DrillDownRecord[] => [
    ...result.compliant.map((member) => ({
      id: member.staffId,
      label: member.name,
      inNumerator: true,
      facts: { ...member } as Record<string, unknown>,
    })),
    ...result.nonCompliant.map((member) => ({
      id: member.staffId,
      label: member.name,
      inNumerator: false,
      facts: { ...member } as Record<string, unknown>,
    })),
  ];

  return {
    repair_timeliness_rate: {
      figures: async (context) => {
        const figures = await workOrders.timeliness(context.estate.id, context.period);
        return { numerator: figures.onTime, denominator: figures.counted };
      },
      records: workOrderRecords('timelinessRecords'),
    },
    repair_quality_rate: {
      figures: async (context) => {
        const figures = await workOrders.quality(context.estate.id, context.period);
        return { numerator: figures.passedFirstTime, denominator: figures.closed };
      },
      records: workOrderRecords('qualityRecords'),
    },
    repair_return_visit_rate: {
      figures: async (context) => {
        const figures = await workOrders.returnVisits(context.estate.id, context.period);
        return { numerator: figures.withReturnVisit, denominator: figures.completed };
      },
      records: workOrderRecords('returnVisitRecords'),
    },
    cleaning_pass_rate: {
      figures: (context) => cleaning.cleaningPassRate(context.estate.id, context.period),
      records: async (context, request) =>
        pageList(
          (await cleaning.inspectionsInPeriod(context.estate.id, context.period)).map((inspection) => ({
            id: inspection.id,
            label: null,
            inNumerator: inspection.passed,
            facts: {
              zoneId: inspection.zoneId,
              inspectedAt: iso(inspection.inspectedAt),
              passed: inspection.passed,
              score: inspection.score,
            },
          })),
          request,
        ),
    },
    major_criminal_cases: incidentCount('major_criminal', 'majorCriminalCases'),
    public_order_cases: incidentCount('public_order', 'publicOrderCases'),
    fire_alarm_rate: incidentRate('fire_alarm', 'fireAlarmRate'),
    fire_rate: incidentRate('fire', 'fireRate'),
    violation_rate: incidentRate('violation', 'violationRate'),
    violation_handling_rate: {
      figures: (context) => safety.violationHandlingRate(context.estate.id, context.period),
      records: async (context, request) =>
        pageList(
          incidentRecords(await safety.violationsOpenDuring(context.estate.id, context.period), false),
          request,
        ),
    },
    valid_complaint_rate: {
      figures: async (context) => {
        const rate = await complaints.validComplaintRate(context.estate.id, context.period);
        return { numerator: rate.numerator, denominator: rate.denominator };
      },
      records: async (context, request) =>
        pageList(
          (await complaints.validComplaintsYearToDate(context.estate.id, context.period)).map(
            ({ id, code, ...facts }) => ({
              id,
              label: code,
              inNumerator: true,
              facts: facts as Record<string, unknown>,
            }),
          ),
          request,
        ),
    },
    valid_complaint_handling_rate: {
      figures: async (context) => {
        const rate = await complaints.resolutionRate(context.estate.id, context.period);
        return { numerator: rate.numerator, denominator: rate.denominator };
      },
      records: async (context, request) =>
        pageList(
          (await complaints.validComplaintsOpenDuring(context.estate.id, context.period)).map(
            ({ id, code, ...facts }) => ({
              id,
              label: code,
              inNumerator: Boolean((facts as { resolvedByPeriodEnd?: boolean }).resolvedByPeriodEnd),
              facts: facts as Record<string, unknown>,
            }),
          ),
          request,
        ),
    },
    management_training_pass_rate: {
      figures: async (context) => {
        const result = await staff.managementTrainingPassRate(context.estate.id, context.period);
        return { numerator: result.numerator, denominator: result.denominator };
      },
      records: async (context, request) =>
        pageList(
          staffRecords(await staff.managementTrainingPassRate(context.estate.id, context.period)),
          request,
        ),
    },
    certified_special_ops_rate: {
      figures: async (context) => {
        const result = await staff.certifiedSpecialOpsRate(context.estate.id, context.period);
        return { numerator: result.numerator, denominator: result.denominator };
      },
      records: async (context, request) =>
        pageList(
          staffRecords(await staff.certifiedSpecialOpsRate(context.estate.id, context.period)),
          request,
        ),
    },
    overall_satisfaction_rate: {
      figures: async (context) => {
        const result = await surveys.overallSatisfaction(context.estate.id, context.period);
        return {
          numerator: result.numerator,
          denominator: result.denominator,
          coveragePercent: result.coveragePercent,
          lowConfidence: result.lowConfidence,
        };
      },
      records: async (context, request) =>
        pageList(
          (await surveys.satisfactionResponses(context.estate.id, context.period)).map((response) => ({
            id: response.id,
            label: null,
            inNumerator: response.overall === 'satisfied' || response.overall === 'basically_satisfied',
            facts: {
              unitId: response.unitId,
              overall: response.overall,
              collectedAt: response.collectedAt,
              channel: response.channel,
            },
          })),
          request,
        ),
    },
  };
}
