import { AssetHealthService, IntactMeasureSummary, KpiGroup } from '@estate/assets';
import { pageOf } from '@estate/shared';
import { MetricContext, MetricSource } from './metric-source';

/** The nine "intact rate" metrics and their asset KPI group. */
export const INTACT_METRIC_GROUPS: Record<string, KpiGroup> = {
  house_intact_rate: 'house',
  greenery_intact_rate: 'greenery',
  road_intact_rate: 'road',
  wells_intact_rate: 'wells',
  drainage_intact_rate: 'drainage',
  street_light_intact_rate: 'street_light',
  parking_lot_intact_rate: 'parking_lot',
  amenity_intact_rate: 'amenity',
  fire_equipment_intact_rate: 'fire_safety',
};

/**
 * One SQL aggregate gives every KPI group at once (AssetHealthService.intactMeasureByGroup), so the
 * nine metrics of one scorecard share it: cached per metric context.
 */
export function assetSources(health: AssetHealthService): Record<string, MetricSource> {
  const summaries = new WeakMap<MetricContext, Promise<IntactMeasureSummary>>();
  // "at or before the period end": the last instant strictly before the end.
  const instantOf = (context: MetricContext) => new Date(context.end.getTime() - 1);
  const summary = (context: MetricContext) => {
    let cached = summaries.get(context);
    if (!cached) {
      cached = health.intactMeasureByGroup(context.estate.id, instantOf(context));
      summaries.set(context, cached);
    }
    return cached;
  };
  const sources: Record<string, MetricSource> = {};
  for (const [code, group] of Object.entries(INTACT_METRIC_GROUPS)) {
    sources[code] = {
      figures: async (context) => {
        const measure = (await summary(context)).groups[group];
        return { numerator: measure.intactMeasureHundredths, denominator: measure.totalMeasureHundredths };
      },
      // The records behind a failing rate are the assets that are not intact (or have no record yet).
      records: async (context, request) => {
        if (request.part === 'numerator') return pageOf([], 0, request);
        const assets = await health.nonIntactAssets(context.estate.id, instantOf(context), group);
        const start = (request.page - 1) * request.pageSize;
        return pageOf(
          assets.slice(start, start + request.pageSize).map((asset) => ({
            id: asset.id,
            label: `${asset.code} ${asset.name}`,
            inNumerator: false,
            facts: {
              kpiGroup: asset.kpiGroup,
              measure: asset.measureHundredths / 100,
              condition: asset.condition,
              recordedAt: asset.recordedAt?.toISOString() ?? null,
            },
          })),
          assets.length,
          request,
        );
      },
    };
  }
  return sources;
}
