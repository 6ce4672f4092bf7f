import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { Clock, localDateOf, periodEnd } from '@estate/shared';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  ASSET_CONDITIONS,
  INTACT_CONDITIONS,
  KPI_GROUP_UNITS,
  KPI_GROUPS,
  AssetCondition,
  KpiGroup,
  MeasureUnit,
} from './asset.constants';
import { wholeNumber } from './condition-sql';
import { AssetHealthResponse, NonIntactAssetResponse } from './dto/health.dto';
import { Asset, AssetConditionRecord } from './entities';

/** Totals of one KPI group as of an instant, in exact hundredths of the group's unit. */
export interface KpiGroupIntactMeasure {
  kpiGroup: KpiGroup;
  unit: MeasureUnit;
  assetCount: number;
  intactCount: number;
  unrecordedCount: number;
  totalMeasureHundredths: number;
  intactMeasureHundredths: number;
  unrecordedMeasureHundredths: number;
}

/** The equipment-in-good-order figure (设备完好率): in-service assets without a KPI group, by count. */
export interface EquipmentInGoodOrder {
  assetCount: number;
  intactCount: number;
  unrecordedCount: number;
}

export interface NonIntactAsset {
  id: string;
  code: string;
  name: string;
  kpiGroup: KpiGroup | null;
  measureHundredths: number;
  /** null: no condition record at or before the instant */
  condition: AssetCondition | null;
  recordedAt: Date | null;
}

export interface IntactMeasureSummary {
  estateId: string;
  asOf: Date;
  /** every KPI group, zeros included */
  groups: Record<KpiGroup, KpiGroupIntactMeasure>;
  equipment: EquipmentInGoodOrder;
}

const NOT_INTACT_LIST = ASSET_CONDITIONS.filter((condition) => !INTACT_CONDITIONS.includes(condition))
  .map((condition) => `'${condition}'`)
  .join(', ');
const DRILL_DOWN_LIMIT = 500;

/**
 * Asset health as of an instant, for `/assets/health` and the KPI library (metrics #1, #5, #7–#12,
 * #15 and the equipment-in-good-order goal). Rules (docs/assets.md):
 * - counted: assets of the estate in service at the instant — not decommissioned at or before it,
 *   installed on or before its local date (when an installation date is known), and in the ledger by
 *   then (registered at or before it, or with a condition record at or before it);
 * - each counted asset's condition is its latest record at or before the instant (ties by id);
 * - intact = good or fair; an asset with no record yet is counted in the total and NOT intact
 *   ("not known" is not a pass), and reported separately as unrecorded.
 * How (docs/performance.md "Assets"): every condition record carries the interval in which it is
 * current (`recorded_at <= T < valid_until`, condition-sql.ts) and every asset its first
 * recordedAt, so nothing searches an asset's history. Totals and "no record yet" come from the asset
 * rows alone (ix_assets_estate_health); the records current at T that are NOT intact are one range of
 * ix_asset_conditions_current per condition, joined to their assets; intact = total − unrecorded −
 * not intact. Everything is aggregated in SQL; nothing loads all assets into memory.
 */
@Injectable()
export class AssetHealthService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly clock: Clock,
  ) {}

  /** The counted assets (`a`) of the estate at `instant`: in service, installed, in the ledger. */
  private counted<T extends ObjectLiteral>(
    builder: SelectQueryBuilder<T>,
    estateId: string,
    timeZone: string,
    instant: Date,
  ): SelectQueryBuilder<T> {
    return builder
      .andWhere('a.estate_id = :estateId', { estateId })
      .andWhere('(a.decommissioned_at IS NULL OR a.decommissioned_at > :asOf)', { asOf: instant })
      .andWhere('(a.installed_date IS NULL OR a.installed_date <= :localDate)', {
        localDate: localDateOf(instant, timeZone),
      })
      .andWhere('(a.registered_at <= :asOf OR a.first_recorded_at <= :asOf)', { asOf: instant });
  }

  /** Counted assets with no condition record at or before the instant. */
  private static readonly UNRECORDED = '(a.first_recorded_at IS NULL OR a.first_recorded_at > :asOf)';

  /** The counted assets joined to their current record `c`, when that record is not intact. */
  private notIntactRecords(estateId: string, timeZone: string, instant: Date) {
    const builder = this.transactions.dataSource.manager
      .createQueryBuilder(AssetConditionRecord, 'c')
      .innerJoin(Asset, 'a', 'a.id = c.asset_id')
      .where('c.estate_id = :estateId', { estateId })
      .andWhere(`c.condition_code IN (${NOT_INTACT_LIST})`)
      .andWhere('c.valid_until > :asOf AND c.recorded_at <= :asOf', { asOf: instant });
    return this.counted(builder, estateId, timeZone, instant);
  }

  /**
   * PUBLIC KPI METHOD: per KPI group the total and intact measure (hundredths of m², m or pieces)
   * of assets in service at `instant`, plus the equipment figure. Rate = intact / total; a group with
   * total 0 has no data.
   */
  async intactMeasureByGroup(estateId: string, instant: Date): Promise<IntactMeasureSummary> {
    const estate = await this.estates.require(estateId);
    const manager = this.transactions.dataSource.manager;
    // two independent reads: on MySQL they run side by side on two pool connections
    const [totals, notIntact]: Record<string, unknown>[][] = await Promise.all([
      this.counted(manager.createQueryBuilder(Asset, 'a'), estateId, estate.timeZone, instant)
        .select('a.kpi_group', 'kpiGroup')
        .addSelect('COUNT(*)', 'assetCount')
        .addSelect('SUM(a.measure_hundredths)', 'total')
        .addSelect(
          `SUM(CASE WHEN ${AssetHealthService.UNRECORDED} THEN a.measure_hundredths ELSE 0 END)`,
          'unrecorded',
        )
        .addSelect(`SUM(CASE WHEN ${AssetHealthService.UNRECORDED} THEN 1 ELSE 0 END)`, 'unrecordedCount')
        .groupBy('a.kpi_group')
        .getRawMany(),
      this.notIntactRecords(estateId, estate.timeZone, instant)
        .select('a.kpi_group', 'kpiGroup')
        .addSelect('COUNT(*)', 'count')
        .addSelect('SUM(a.measure_hundredths)', 'measure')
        .groupBy('a.kpi_group')
        .getRawMany(),
    ]);
    const notIntactOf = (kpiGroup: KpiGroup | null) => {
      const row = notIntact.find((candidate) => (candidate.kpiGroup ?? null) === kpiGroup);
      return { count: wholeNumber(row?.count), measure: wholeNumber(row?.measure) };
    };
    const groups = Object.fromEntries(
      KPI_GROUPS.map((kpiGroup) => [
        kpiGroup,
        {
          kpiGroup,
          unit: KPI_GROUP_UNITS[kpiGroup],
          assetCount: 0,
          intactCount: 0,
          unrecordedCount: 0,
          totalMeasureHundredths: 0,
          intactMeasureHundredths: 0,
          unrecordedMeasureHundredths: 0,
        },
      ]),
    ) as Record<KpiGroup, KpiGroupIntactMeasure>;
    const equipment: EquipmentInGoodOrder = { assetCount: 0, intactCount: 0, unrecordedCount: 0 };
    for (const row of totals) {
      const kpiGroup = (row.kpiGroup ?? null) as KpiGroup | null;
      const assetCount = wholeNumber(row.assetCount);
      const unrecordedCount = wholeNumber(row.unrecordedCount);
      const bad = notIntactOf(kpiGroup);
      // every counted asset with a record at or before T has exactly one current record
      const intactCount = assetCount - unrecordedCount - bad.count;
      if (kpiGroup === null) {
        Object.assign(equipment, { assetCount, intactCount, unrecordedCount });
      } else if (groups[kpiGroup]) {
        const total = wholeNumber(row.total);
        const unrecorded = wholeNumber(row.unrecorded);
        Object.assign(groups[kpiGroup], {
          assetCount,
          intactCount,
          unrecordedCount,
          totalMeasureHundredths: total,
          intactMeasureHundredths: total - unrecorded - bad.measure,
          unrecordedMeasureHundredths: unrecorded,
        });
      }
    }
    return { estateId, asOf: instant, groups, equipment };
  }

  /** The same figures for a month: as of the last millisecond of the period in the estate's zone. */
  async intactMeasureForPeriod(estateId: string, period: string): Promise<IntactMeasureSummary> {
    const estate = await this.estates.require(estateId);
    return this.intactMeasureByGroup(estateId, new Date(periodEnd(period, estate.timeZone).getTime() - 1));
  }

  /**
   * PUBLIC KPI METHOD (drill-down): the counted assets that are not intact at `instant` — condition
   * poor or worse, or no record yet — for one KPI group, or for equipment (`kpiGroup` null).
   */
  async nonIntactAssets(
    estateId: string,
    instant: Date,
    kpiGroup: KpiGroup | null | 'all',
    limit = DRILL_DOWN_LIMIT,
  ): Promise<NonIntactAsset[]> {
    const estate = await this.estates.require(estateId);
    const manager = this.transactions.dataSource.manager;
    const inGroup = <T extends ObjectLiteral>(builder: SelectQueryBuilder<T>) => {
      if (kpiGroup === null) builder.andWhere('a.kpi_group IS NULL');
      else if (kpiGroup !== 'all') builder.andWhere('a.kpi_group = :kpiGroup', { kpiGroup });
      return builder;
    };
    const columns =
      'a.id AS id, a.code AS code, a.name AS name, a.kpi_group AS kpiGroup, a.measure_hundredths AS measure';
    // current records that are not intact, and counted assets with no record yet: one UNION ALL
    // ordered and limited by the database (the same order as ever: KPI group, then code)
    const [recorded, recordedParameters] = inGroup(this.notIntactRecords(estateId, estate.timeZone, instant))
      .select(`${columns}, c.condition_code AS conditionCode, c.recorded_at AS recordedAt`)
      .getQueryAndParameters();
    const [unrecorded, unrecordedParameters] = inGroup(
      this.counted(manager.createQueryBuilder(Asset, 'a'), estateId, estate.timeZone, instant).andWhere(
        AssetHealthService.UNRECORDED,
        { asOf: instant },
      ),
    )
      .select(`${columns}, NULL AS conditionCode, NULL AS recordedAt`)
      .getQueryAndParameters();
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT * FROM (${recorded} UNION ALL ${unrecorded}) health ORDER BY health.kpiGroup ASC, health.code ASC LIMIT ${Math.max(0, Math.floor(limit))}`,
      [...recordedParameters, ...unrecordedParameters],
    );
    return rows.map((row) => ({
      id: String(row.id),
      code: String(row.code),
      name: String(row.name),
      kpiGroup: (row.kpiGroup ?? null) as KpiGroup | null,
      measureHundredths: wholeNumber(row.measure),
      condition: (row.conditionCode ?? null) as AssetCondition | null,
      recordedAt: row.recordedAt ? instantOf(row.recordedAt) : null,
    }));
  }

  /** GET /assets/health. */
  async health(user: AuthenticatedUser, estateId: string, asOf?: Date): Promise<AssetHealthResponse> {
    await this.estates.accessibleEstate(user, estateId);
    const instant = asOf ?? this.clock.now();
    const [summary, nonIntact] = await Promise.all([
      this.intactMeasureByGroup(estateId, instant),
      this.nonIntactAssets(estateId, instant, 'all'),
    ]);
    const drill = (group: KpiGroup | null): NonIntactAssetResponse[] =>
      nonIntact
        .filter((asset) => asset.kpiGroup === group)
        .map((asset) => ({
          id: asset.id,
          code: asset.code,
          name: asset.name,
          measure: asset.measureHundredths / 100,
          measureHundredths: asset.measureHundredths,
          condition: asset.condition,
          recordedAt: asset.recordedAt?.toISOString() ?? null,
        }));
    const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);
    return {
      estateId,
      asOf: instant.toISOString(),
      groups: KPI_GROUPS.map((kpiGroup) => {
        const group = summary.groups[kpiGroup];
        return {
          kpiGroup,
          unit: group.unit,
          assetCount: group.assetCount,
          totalMeasure: group.totalMeasureHundredths / 100,
          intactMeasure: group.intactMeasureHundredths / 100,
          totalMeasureHundredths: group.totalMeasureHundredths,
          intactMeasureHundredths: group.intactMeasureHundredths,
          unrecordedMeasureHundredths: group.unrecordedMeasureHundredths,
          rate: rate(group.intactMeasureHundredths, group.totalMeasureHundredths),
          nonIntactAssets: drill(kpiGroup),
        };
      }),
      equipment: {
        assetCount: summary.equipment.assetCount,
        intactCount: summary.equipment.intactCount,
        unrecordedCount: summary.equipment.unrecordedCount,
        rate: rate(summary.equipment.intactCount, summary.equipment.assetCount),
        nonIntactAssets: drill(null),
      },
    };
  }
}

/** Raw datetime from SQLite (text, UTC) or MySQL (Date, with timezone 'Z'). */
function instantOf(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/Z$|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
