import { Injectable } from '@nestjs/common';
import { TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { InstantRange, periodRange } from '@estate/shared';
import { CleaningInspection } from './cleaning.entities';

export interface KpiRatio {
  numerator: number;
  denominator: number;
}

export interface PassRateGroup {
  key: string | null;
  inspections: number;
  passed: number;
}

/**
 * KPI #6 (清洁、保洁率) and its breakdowns, from inspections dated in the month (inspectedAt in
 * [period start, period end) in the estate's zone). Every inspection counts, re-inspections
 * included: a failed check followed by a passing re-inspection is 1 passed of 2.
 */
@Injectable()
export class CleaningKpiService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
  ) {}

  /** #6: inspections in the month that passed / all inspections in the month. */
  async cleaningPassRate(estateId: string, period: string): Promise<KpiRatio> {
    const range = await this.range(estateId, period);
    const [total] = await this.groupedPassRates(estateId, range, null);
    return { numerator: total?.passed ?? 0, denominator: total?.inspections ?? 0 };
  }

  /** Drill-down for #6: the month's inspections, oldest first. */
  async inspectionsInPeriod(estateId: string, period: string): Promise<CleaningInspection[]> {
    const range = await this.range(estateId, period);
    return this.transactions.dataSource.manager
      .createQueryBuilder(CleaningInspection, 'inspection')
      .where('inspection.estate_id = :estateId', { estateId })
      .andWhere('inspection.inspected_at >= :start AND inspection.inspected_at < :end', range)
      .orderBy('inspection.inspected_at', 'ASC')
      .addOrderBy('inspection.id', 'ASC')
      .getMany();
  }

  /** Counts grouped by `zone_id`, `cleaner_id` or nothing (one total row). */
  async groupedPassRates(
    estateId: string,
    range: InstantRange,
    groupBy: 'zone_id' | 'cleaner_id' | null,
  ): Promise<PassRateGroup[]> {
    const builder = this.transactions.dataSource.manager
      .createQueryBuilder(CleaningInspection, 'inspection')
      .select('COUNT(*)', 'inspections')
      .addSelect('SUM(CASE WHEN inspection.passed = 1 THEN 1 ELSE 0 END)', 'passed')
      .where('inspection.estate_id = :estateId', { estateId })
      .andWhere('inspection.inspected_at >= :start AND inspection.inspected_at < :end', range);
    if (groupBy) builder.addSelect(`inspection.${groupBy}`, 'key').groupBy(`inspection.${groupBy}`);
    const rows: { key?: string | null; inspections: string | number; passed: string | number | null }[] =
      await builder.getRawMany();
    return rows.map((row) => ({
      key: row.key ?? null,
      inspections: Number(row.inspections),
      passed: Number(row.passed ?? 0),
    }));
  }

  private async range(estateId: string, period: string): Promise<InstantRange> {
    const estate = await this.estates.require(estateId);
    return periodRange(period, estate.timeZone);
  }
}
