/** Vocabulary of the facility and equipment ledger (设施设备台账). Enums are varchar columns checked in code. */

/** The KPI groups of KPI-METRICS.md "Asset KPI groups"; an asset with none is plain equipment. */
export const KPI_GROUPS = [
  'house',
  'greenery',
  'road',
  'wells',
  'drainage',
  'street_light',
  'parking_lot',
  'amenity',
  'fire_safety',
] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];

/** m² (square metres), m (metres), count (pieces). Measures are stored in hundredths of the unit. */
export const MEASURE_UNITS = ['m2', 'm', 'count'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

/** The unit each KPI group is measured in (KPI-METRICS.md): the ledger refuses any other. */
export const KPI_GROUP_UNITS: Record<KpiGroup, MeasureUnit> = {
  house: 'm2',
  greenery: 'm2',
  road: 'm2',
  wells: 'count',
  drainage: 'm',
  street_light: 'count',
  parking_lot: 'm2',
  amenity: 'count',
  fire_safety: 'count',
};

/** 完好, 基本完好, 一般损坏, 严重损坏, 危险, 停用 — best to worst. */
export const ASSET_CONDITIONS = ['good', 'fair', 'poor', 'bad', 'dangerous', 'out_of_service'] as const;
export type AssetCondition = (typeof ASSET_CONDITIONS)[number];

/** Intact (完好) = good or fair (KPI-METRICS.md "Intact"). */
export const INTACT_CONDITIONS: readonly AssetCondition[] = ['good', 'fair'];

export function isIntact(condition: AssetCondition | null | undefined): boolean {
  return condition !== null && condition !== undefined && INTACT_CONDITIONS.includes(condition);
}

export const CONDITION_SOURCES = ['inspection', 'work_order', 'manual'] as const;
export type ConditionSource = (typeof CONDITION_SOURCES)[number];

export const ASSET_STATUSES = ['in_service', 'decommissioned'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export const IMPORTANCE_LEVELS = ['A', 'B', 'C'] as const;
export type Importance = (typeof IMPORTANCE_LEVELS)[number];

export const PLAN_KINDS = ['inspection', 'maintenance'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const FINDING_PRIORITIES = ['urgent', 'routine', 'planned'] as const;
export type FindingPriority = (typeof FINDING_PRIORITIES)[number];

export const ASSET_ENTITY = 'asset';
export const ASSET_TASK_ENTITY = 'asset_task';
export const ASSET_PLAN_ENTITY = 'asset_plan';

/**
 * Default categories every estate starts with (seeded into `asset_categories` the first time the
 * estate's categories are read or an asset is written); an estate may add its own.
 */
export const DEFAULT_ASSET_CATEGORIES: { code: string; name: string; kpiGroup: KpiGroup | null }[] = [
  { code: 'building', name: '房屋', kpiGroup: 'house' },
  { code: 'green_area', name: '绿地', kpiGroup: 'greenery' },
  { code: 'road_section', name: '道路', kpiGroup: 'road' },
  { code: 'septic_tank', name: '化粪池', kpiGroup: 'wells' },
  { code: 'rainwater_well', name: '雨水井', kpiGroup: 'wells' },
  { code: 'sewage_well', name: '污水井', kpiGroup: 'wells' },
  { code: 'sand_trap_well', name: '沙井', kpiGroup: 'wells' },
  { code: 'drain_pipe', name: '排水管', kpiGroup: 'drainage' },
  { code: 'open_ditch', name: '明沟', kpiGroup: 'drainage' },
  { code: 'covered_ditch', name: '暗沟', kpiGroup: 'drainage' },
  { code: 'street_light', name: '路灯', kpiGroup: 'street_light' },
  { code: 'car_park', name: '汽车场', kpiGroup: 'parking_lot' },
  { code: 'fitness_equipment', name: '健身器材', kpiGroup: 'amenity' },
  { code: 'pavilion', name: '亭廊/建筑小品', kpiGroup: 'amenity' },
  { code: 'fire_hydrant', name: '消火栓', kpiGroup: 'fire_safety' },
  { code: 'extinguisher', name: '灭火器', kpiGroup: 'fire_safety' },
  { code: 'fire_alarm_panel', name: '火灾报警控制器', kpiGroup: 'fire_safety' },
  { code: 'sprinkler_system', name: '喷淋系统', kpiGroup: 'fire_safety' },
  { code: 'elevator', name: '电梯', kpiGroup: null },
  { code: 'water_pump', name: '水泵', kpiGroup: null },
  { code: 'generator', name: '发电机', kpiGroup: null },
  { code: 'cctv', name: '监控', kpiGroup: null },
  { code: 'access_control', name: '门禁', kpiGroup: null },
];
