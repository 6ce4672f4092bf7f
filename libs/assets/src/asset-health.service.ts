import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { Clock, localDateOf, periodEnd } from '@estate/shared';
import { SelectQueryBuilder } from 'typeorm';
import {
  INTACT_CONDITIONS,
  KPI_GROUP_UNITS,
  KPI_GROUPS,
  AssetCondition,
  KpiGroup,
  MeasureUnit,
} from './asset.constants';
import { latestConditionOn, wholeNumber } from './condition-sql';
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

const INTACT_LIST = INTACT_CONDITIONS.map((condition) => `'${condition}'`).join(', ');
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
 * Everything is one GROUP BY in SQL over ix_assets_estate_group_status and
 * ix_asset_conditions_asset_recorded; nothing loads all assets into memory.
 */
@Injectable()
export class AssetHealthService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly clock: Clock,
  ) {}

  private async counted(estateId: string, instant: Date): Promise<SelectQueryBuilder<Asset>> {
    const estate = await this.estates.require(estateId);
    return this.transactions.dataSource.manager
      .createQueryBuilder(Asset, 'a')
      .leftJoin(AssetConditionRecord, 'c', latestConditionOn('a', 'c'), { asOf: instant })
      .where('a.estate_id = :estateId', { estateId })
      .andWhere('(a.decommissioned_at IS NULL OR a.decommissioned_at > :asOf)', { asOf: instant })
      .andWhere('(a.installed_date IS NULL OR a.installed_date <= :localDate)', {
        localDate: localDateOf(instant, estate.timeZone),
      })
      .andWhere('(a.registered_at <= :asOf OR c.id IS NOT NULL)', { asOf: instant });
  }

  /**
   * PUBLIC KPI METHOD: per KPI group the total and intact measure (hundredths of m², m or pieces)
   * of assets in service at `instant`, plus the equipment figure. Rate = intact / total; a group with
   * total 0 has no data.
   */
  async intactMeasureByGroup(estateId: string, instant: Date): Promise<IntactMeasureSummary> {
    const rows: Record<string, unknown>[] = await (
      await this.counted(estateId, instant)
    )
      .select('a.kpi_group', 'kpiGroup')
      .addSelect('COUNT(*)', 'assetCount')
      .addSelect('SUM(a.measure_hundredths)', 'total')
      .addSelect(
        `SUM(CASE WHEN c.condition_code IN (${INTACT_LIST}) THEN a.measure_hundredths ELSE 0 END)`,
        'intact',
      )
      .addSelect(`SUM(CASE WHEN c.condition_code IN (${INTACT_LIST}) THEN 1 ELSE 0 END)`, 'intactCount')
      .addSelect('SUM(CASE WHEN c.id IS NULL THEN a.measure_hundredths ELSE 0 END)', 'unrecorded')
      .addSelect('SUM(CASE WHEN c.id IS NULL THEN 1 ELSE 0 END)', 'unrecordedCount')
      .groupBy('a.kpi_group')
      .getRawMany();
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
    for (const row of rows) {
      const kpiGroup = row.kpiGroup as KpiGroup | null;
      if (kpiGroup === null || kpiGroup === undefined) {
        equipment.assetCount = wholeNumber(row.assetCount);
        equipment.intactCount = wholeNumber(row.intactCount);
        equipment.unrecordedCount = wholeNumber(row.unrecordedCount);
      } else if (groups[kpiGroup]) {
        Object.assign(groups[kpiGroup], {
          assetCount: wholeNumber(row.assetCount),
          intactCount: wholeNumber(row.intactCount),
          unrecordedCount: wholeNumber(row.unrecordedCount),
          totalMeasureHundredths: wholeNumber(row.total),
          intactMeasureHundredths: wholeNumber(row.intact),
          unrecordedMeasureHundredths: wholeNumber(row.unrecorded),
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
    const builder = (await this.counted(estateId, instant)).andWhere(
      `(c.id IS NULL OR c.condition_code NOT IN (${INTACT_LIST}))`,
    );
    if (kpiGroup === null) builder.andWhere('a.kpi_group IS NULL');
    else if (kpiGroup !== 'all') builder.andWhere('a.kpi_group = :kpiGroup', { kpiGroup });
    const rows: Record<string, unknown>[] = await builder
      .select('a.id', 'id')
      .addSelect('a.code', 'code')
      .addSelect('a.name', 'name')
      .addSelect('a.kpi_group', 'kpiGroup')
      .addSelect('a.measure_hundredths', 'measure')
      .addSelect('c.condition_code', 'condition')
      .addSelect('c.recorded_at', 'recordedAt')
      .orderBy('a.kpi_group', 'ASC')
      .addOrderBy('a.code', 'ASC')
      .limit(limit)
      .getRawMany();
    return rows.map((row) => ({
      id: String(row.id),
      code: String(row.code),
      name: String(row.name),
      kpiGroup: (row.kpiGroup ?? null) as KpiGroup | null,
      measureHundredths: wholeNumber(row.measure),
      condition: (row.condition ?? null) as AssetCondition | null,
      recordedAt: row.recordedAt ? instantOf(row.recordedAt) : null,
    }));
  }

  /** GET /assets/health. */
  async health(user: AuthenticatedUser, estateId: string, asOf?: Date): Promise<AssetHealthResponse> {
    await this.estates.accessibleEstate(user, estateId);
    const instant = asOf ?? this.clock.now();
    const summary = await this.intactMeasureByGroup(estateId, instant);
    const nonIntact = await this.nonIntactAssets(estateId, instant, 'all');
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
