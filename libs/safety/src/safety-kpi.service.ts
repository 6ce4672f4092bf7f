import { Injectable } from '@nestjs/common';
import { ReadMemo, TransactionService } from '@estate/database';
import { EstatesService, OccupancyService } from '@estate/estates';
import { InstantRange, lastDateOfPeriod, periodRange, yearToDateRange } from '@estate/shared';
import { INCIDENT_TYPES, IncidentType, SafetyIncident } from './safety-incident.entity';

/** A KPI fraction: value = numerator / denominator (denominator 0 → the KPI is `no_data`). */
export interface KpiRatio {
  numerator: number;
  denominator: number;
}

export type IncidentCountsByType = Record<IncidentType, number>;

/** One incident behind a KPI figure (drill-down). */
export interface IncidentDrillDownRow {
  id: string;
  code: string;
  type: IncidentType;
  occurredAt: Date;
  handledAt: Date | null;
  /** For #19: handled before the period end. */
  handledByPeriodEnd: boolean;
  description: string;
}

/**
 * The safety figures the KPI scorecard reads (#13, #14, #16, #17, #18, #19), each `(estateId, period)`,
 * computed with aggregate SQL from timestamped facts only (occurredAt, handledAt), so a past month
 * recomputes to the same value. See docs/safety.md.
 */
@Injectable()
export class SafetyKpiService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly occupancy: OccupancyService,
  ) {}

  /**
   * Incidents by type with occurredAt in [range.start, range.end): one GROUP BY. Inside a ReadMemo
   * scope (a scorecard: #13, #14, #16, #17 and #18 all read the YTD counts) it runs once per range.
   */
  async countsByType(estateId: string, range: InstantRange): Promise<IncidentCountsByType> {
    return ReadMemo.remember(
      `incident-counts:${estateId}:${range.start.toISOString()}:${range.end.toISOString()}`,
      () => this.countIncidents(estateId, range),
    );
  }

  private async countIncidents(estateId: string, range: InstantRange): Promise<IncidentCountsByType> {
    const rows: { type: IncidentType; count: string | number }[] = await this.transactions.dataSource.manager
      .createQueryBuilder(SafetyIncident, 'incident')
      .select('incident.type', 'type')
      .addSelect('COUNT(*)', 'count')
      .where('incident.estate_id = :estateId', { estateId })
      .andWhere('incident.occurred_at >= :start AND incident.occurred_at < :end', range)
      .groupBy('incident.type')
      .getRawMany();
    const counts = Object.fromEntries(INCIDENT_TYPES.map((type) => [type, 0])) as IncidentCountsByType;
    for (const row of rows) counts[row.type] = Number(row.count);
    return counts;
  }

  /** Counts by type from 1 January (estate zone) to the end of the period. */
  async yearToDateCounts(estateId: string, period: string): Promise<IncidentCountsByType> {
    const estate = await this.estates.require(estateId);
    return this.countsByType(estateId, yearToDateRange(period, estate.timeZone));
  }

  /** #13 major criminal cases, YTD count. */
  async majorCriminalCases(estateId: string, period: string): Promise<number> {
    return (await this.yearToDateCounts(estateId, period)).major_criminal;
  }

  /** #14 public-order cases, YTD count. */
  async publicOrderCases(estateId: string, period: string): Promise<number> {
    return (await this.yearToDateCounts(estateId, period)).public_order;
  }

  /** #16 fire alarms YTD / households (occupied units on the period's last day). */
  async fireAlarmRate(estateId: string, period: string): Promise<KpiRatio> {
    return this.householdRate(estateId, period, 'fire_alarm');
  }

  /** #17 fires YTD / households. */
  async fireRate(estateId: string, period: string): Promise<KpiRatio> {
    return this.householdRate(estateId, period, 'fire');
  }

  /** #18 violations YTD / households. */
  async violationRate(estateId: string, period: string): Promise<KpiRatio> {
    return this.householdRate(estateId, period, 'violation');
  }

  /** Households (户数): occupied units of the estate on the last local date of the period. */
  async households(estateId: string, period: string): Promise<number> {
    return this.occupancy.occupiedUnitCount(estateId, lastDateOfPeriod(period));
  }

  /**
   * #19 backlog-inclusive handling rate. Denominator: violations open during the month — occurred
   * before the period end and not handled at the month's start (handledAt null or ≥ month start);
   * this covers those that occurred in the month and older unhandled ones. Numerator: those with
   * handledAt before the period end.
   */
  async violationHandlingRate(estateId: string, period: string): Promise<KpiRatio> {
    const estate = await this.estates.require(estateId);
    const range = periodRange(period, estate.timeZone);
    const row: { total: string | number; handled: string | number | null } | undefined =
      await this.openViolations(estateId, range)
        .select('COUNT(*)', 'total')
        .addSelect(
          'SUM(CASE WHEN incident.handled_at IS NOT NULL AND incident.handled_at < :end THEN 1 ELSE 0 END)',
          'handled',
        )
        .getRawOne();
    return { numerator: Number(row?.handled ?? 0), denominator: Number(row?.total ?? 0) };
  }

  /** Drill-down for #13/#14/#16/#17/#18: the incidents of a type counted YTD, oldest first. */
  async incidentsYearToDate(
    estateId: string,
    period: string,
    type: IncidentType,
  ): Promise<IncidentDrillDownRow[]> {
    const estate = await this.estates.require(estateId);
    const range = yearToDateRange(period, estate.timeZone);
    const incidents = await this.transactions.dataSource.manager
      .createQueryBuilder(SafetyIncident, 'incident')
      .where('incident.estate_id = :estateId AND incident.type = :type', { estateId, type })
      .andWhere('incident.occurred_at >= :start AND incident.occurred_at < :end', range)
      .orderBy('incident.occurred_at', 'ASC')
      .addOrderBy('incident.id', 'ASC')
      .getMany();
    return incidents.map((incident) => drillDownRow(incident, range.end));
  }

  /** Drill-down for #19: the violations open during the month, with whether each was handled in time. */
  async violationsOpenDuring(estateId: string, period: string): Promise<IncidentDrillDownRow[]> {
    const estate = await this.estates.require(estateId);
    const range = periodRange(period, estate.timeZone);
    const incidents = await this.openViolations(estateId, range)
      .orderBy('incident.occurred_at', 'ASC')
      .addOrderBy('incident.id', 'ASC')
      .getMany();
    return incidents.map((incident) => drillDownRow(incident, range.end));
  }

  private openViolations(estateId: string, range: InstantRange) {
    return this.transactions.dataSource.manager
      .createQueryBuilder(SafetyIncident, 'incident')
      .where("incident.estate_id = :estateId AND incident.type = 'violation'", { estateId })
      .andWhere('incident.occurred_at < :end', { end: range.end })
      .andWhere('(incident.handled_at IS NULL OR incident.handled_at >= :start)', { start: range.start });
  }

  private async householdRate(estateId: string, period: string, type: IncidentType): Promise<KpiRatio> {
    const [counts, households] = await Promise.all([
      this.yearToDateCounts(estateId, period),
      this.households(estateId, period),
    ]);
    return { numerator: counts[type], denominator: households };
  }
}

function drillDownRow(incident: SafetyIncident, periodEnd: Date): IncidentDrillDownRow {
  return {
    id: incident.id,
    code: incident.code,
    type: incident.type,
    occurredAt: incident.occurredAt,
    handledAt: incident.handledAt,
    handledByPeriodEnd: incident.handledAt !== null && incident.handledAt.getTime() < periodEnd.getTime(),
    description: incident.description,
  };
}
