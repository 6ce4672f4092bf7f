import type { LabelTable } from '../label';

/** The facility and equipment ledger (设施设备台账): libs/assets/src/asset.constants.ts, asset-task-state.ts, recurrence.ts. */
export const ASSET_LABELS = {
  /** The default categories every estate starts with; an estate's own show their stored name. */
  assetCategory: {
    building: { zh: '房屋', en: 'Building' },
    green_area: { zh: '绿地', en: 'Green area' },
    road_section: { zh: '道路', en: 'Road section' },
    septic_tank: { zh: '化粪池', en: 'Septic tank' },
    rainwater_well: { zh: '雨水井', en: 'Rainwater well' },
    sewage_well: { zh: '污水井', en: 'Sewage well' },
    sand_trap_well: { zh: '沙井', en: 'Sand-trap well' },
    drain_pipe: { zh: '排水管', en: 'Drain pipe' },
    open_ditch: { zh: '明沟', en: 'Open ditch' },
    covered_ditch: { zh: '暗沟', en: 'Covered ditch' },
    street_light: { zh: '路灯', en: 'Street light' },
    car_park: { zh: '汽车场', en: 'Car park' },
    fitness_equipment: { zh: '健身器材', en: 'Fitness equipment' },
    pavilion: { zh: '亭廊/建筑小品', en: 'Pavilion' },
    fire_hydrant: { zh: '消火栓', en: 'Fire hydrant' },
    extinguisher: { zh: '灭火器', en: 'Extinguisher' },
    fire_alarm_panel: { zh: '火灾报警控制器', en: 'Fire alarm panel' },
    sprinkler_system: { zh: '喷淋系统', en: 'Sprinkler system' },
    elevator: { zh: '电梯', en: 'Elevator' },
    water_pump: { zh: '水泵', en: 'Water pump' },
    generator: { zh: '发电机', en: 'Generator' },
    cctv: { zh: '监控', en: 'CCTV' },
    access_control: { zh: '门禁', en: 'Access control' },
  },
  /** The KPI groups of the intact-rate metrics (KPI-METRICS.md "Asset KPI groups"). */
  assetKpiGroup: {
    house: { zh: '房屋', en: 'Buildings' },
    greenery: { zh: '绿化', en: 'Landscaping' },
    road: { zh: '道路', en: 'Roads' },
    wells: { zh: '化粪池/井', en: 'Septic tanks & manholes' },
    drainage: { zh: '排水管沟', en: 'Drains & ditches' },
    street_light: { zh: '路灯', en: 'Street lights' },
    parking_lot: { zh: '汽车场', en: 'Car parks' },
    amenity: { zh: '文体设施/小品', en: 'Amenities' },
    fire_safety: { zh: '消防设施', en: 'Fire equipment' },
  },
  /** 完好状况, best to worst; intact (完好率) = good or fair. */
  assetCondition: {
    good: { zh: '完好', en: 'Good' },
    fair: { zh: '基本完好', en: 'Fair' },
    poor: { zh: '一般损坏', en: 'Poor' },
    bad: { zh: '严重损坏', en: 'Bad' },
    dangerous: { zh: '危险', en: 'Dangerous' },
    out_of_service: { zh: '停用', en: 'Out of service' },
  },
  assetConditionSource: {
    inspection: { zh: '巡检', en: 'Inspection' },
    work_order: { zh: '维修工单', en: 'Work order' },
    manual: { zh: '人工登记', en: 'Manual entry' },
  },
  assetStatus: {
    in_service: { zh: '在用', en: 'In service' },
    decommissioned: { zh: '已报废', en: 'Decommissioned' },
  },
  assetImportance: {
    A: { zh: 'A 类(关键)', en: 'A (critical)' },
    B: { zh: 'B 类(重要)', en: 'B (important)' },
    C: { zh: 'C 类(一般)', en: 'C (ordinary)' },
  },
  assetMeasureUnit: {
    m2: { zh: '平方米', en: 'm²' },
    m: { zh: '米', en: 'm' },
    count: { zh: '个', en: 'pcs' },
  },
  assetPlanKind: {
    inspection: { zh: '巡检计划', en: 'Inspection' },
    maintenance: { zh: '保养计划', en: 'Maintenance' },
  },
  assetPlanFrequency: {
    daily: { zh: '每天', en: 'Daily' },
    weekly: { zh: '每周', en: 'Weekly' },
    monthly: { zh: '每月', en: 'Monthly' },
    quarterly: { zh: '每季度', en: 'Quarterly' },
    half_yearly: { zh: '每半年', en: 'Half-yearly' },
    yearly: { zh: '每年', en: 'Yearly' },
  },
  assetTaskStatus: {
    open: { zh: '待执行', en: 'Open' },
    overdue: { zh: '已逾期', en: 'Overdue' },
    done: { zh: '已完成', en: 'Done' },
  },
  assetTaskAction: {
    complete: { zh: '完成', en: 'Complete' },
    mark_overdue: { zh: '标记逾期', en: 'Mark overdue' },
  },
} as const satisfies Record<string, LabelTable>;
