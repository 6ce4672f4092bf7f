/**
 * The 25 metrics of the 分项指标 list (docs/kpi.md is generated from this file and checked against
 * it by a test). Definitions only: the SQL behind each lives in metric-sources.ts.
 */
export type MetricUnit = 'percent' | 'count';
export type MetricBasis = 'month' | 'ytd' | 'at_period_end' | 'trailing_12_months';
export type Comparator = '>=' | '<=';

export interface MetricDefinition {
  number: number;
  code: string;
  nameZh: string;
  nameEn: string;
  formulaZh: string;
  formulaEn: string;
  /** Where the facts come from (module and records). */
  source: string;
  unit: MetricUnit;
  basis: MetricBasis;
  /** percent metrics: in percent (98 = 98%); count metrics: a count. */
  defaultTarget: number;
  comparator: Comparator;
  /** Counts whose target is 0 (or a ceiling) are valid with no events: zero events is a pass. */
  zeroEventsIsValue: boolean;
}

const intact = (
  number: number,
  code: string,
  nameZh: string,
  nameEn: string,
  group: string,
  measureZh: string,
  measureEn: string,
  target = 100,
): MetricDefinition => ({
  number,
  code,
  nameZh,
  nameEn,
  formulaZh: `期末完好的「${group}」资产${measureZh} ÷ 全部在用「${group}」资产${measureZh}(完好 = 期末前最近一次状况记录为完好或基本完好)`,
  formulaEn: `${measureEn} of in-service \`${group}\` assets intact at period end ÷ ${measureEn} of all in-service \`${group}\` assets (intact = latest condition record at or before period end is good or fair)`,
  source: `assets: condition records (kpi group ${group})`,
  unit: 'percent',
  basis: 'at_period_end',
  defaultTarget: target,
  comparator: '>=',
  zeroEventsIsValue: false,
});

export const METRICS: readonly MetricDefinition[] = [
  intact(
    1,
    'house_intact_rate',
    '房屋完好率',
    'Building sound rate',
    'house',
    '建筑面积(m²)',
    'floor area (m²)',
  ),
  {
    number: 2,
    code: 'repair_timeliness_rate',
    nameZh: '房屋零修、急修及时率',
    nameEn: 'Minor & emergency repair on-time rate',
    formulaZh:
      '计入的急修、零修工单中按时完成的数量 ÷ 计入的工单数;计入 = 当月完成的工单 + 期末仍未完成且期限在当月内已过的工单(计划性维修不计)',
    formulaEn:
      'counted urgent and routine work orders that met their SLA ÷ all counted; counted = completed in the month + still open at period end with a deadline that passed inside the month (planned orders excluded)',
    source: 'work orders: reportedAt, arrivedAt, completedAt, arrivalDueAt, dueAt',
    unit: 'percent',
    basis: 'month',
    defaultTarget: 99,
    comparator: '>=',
    zeroEventsIsValue: false,
  },
  {
    number: 3,
    code: 'repair_quality_rate',
    nameZh: '维修工程质量合格率',
    nameEn: 'Repair quality pass rate',
    formulaZh: '当月关闭的工单中一次验收合格(从未返工)的数量 ÷ 当月关闭的工单数',
    formulaEn:
      'work orders closed in the month that passed acceptance first time (never reopened) ÷ work orders closed in the month',
    source: 'work orders: closedAt, acceptance, reopen history',
    unit: 'percent',
    basis: 'month',
    defaultTarget: 100,
    comparator: '>=',
    zeroEventsIsValue: false,
  },
  {
    number: 4,
    code: 'fee_collection_rate',
    nameZh: '管理费收缴率',
    nameEn: 'Management fee collection rate',
    formulaZh:
      '1 月至当月账期的物业管理费账单中,期末前实收金额 ÷(应收金额 − 期末前生效的减免)(期末前生效的冲正不计实收,期末后的收款不计)',
    formulaEn:
      'management-fee amount paid by period end on bills of periods January..month ÷ (amount billed − amount waived by period end) on those bills (payments reversed with effect by period end and payments after period end excluded)',
    source: 'fees: bills (category management_fee), payment allocations, reversals',
    unit: 'percent',
    basis: 'ytd',
    defaultTarget: 98,
    comparator: '>=',
    zeroEventsIsValue: false,
  },
  intact(
    5,
    'greenery_intact_rate',
    '绿化完好率',
    'Landscaping sound rate',
    'greenery',
    '面积(m²)',
    'area (m²)',
    99,
  ),
  {
    number: 6,
    code: 'cleaning_pass_rate',
    nameZh: '清洁、保洁率',
    nameEn: 'Cleaning compliance rate',
    formulaZh: '当月保洁抽查合格次数 ÷ 当月抽查总次数(复查也计入)',
    formulaEn:
      'cleaning inspections in the month that passed ÷ all cleaning inspections in the month (re-inspections included)',
    source: 'cleaning: inspections (inspectedAt, passed)',
    unit: 'percent',
    basis: 'month',
    defaultTarget: 99,
    comparator: '>=',
    zeroEventsIsValue: false,
  },
  intact(
    7,
    'road_intact_rate',
    '道路完好率及使用率',
    'Road sound & usable rate',
    'road',
    '面积(m²)',
    'area (m²)',
  ),
  intact(
    8,
    'wells_intact_rate',
    '化粪池、雨水井、污水井、沙井完好率',
    'Septic tank & manhole sound rate',
    'wells',
    '数量',
    'count',
  ),
  intact(
    9,
    'drainage_intact_rate',
    '排水管、明暗沟完好率',
    'Drain & ditch sound rate',
    'drainage',
    '长度(m)',
    'length (m)',
  ),
  intact(
    10,
    'street_light_intact_rate',
    '路灯完好率',
    'Street-light working rate',
    'street_light',
    '数量',
    'count',
  ),
  intact(
    11,
    'parking_lot_intact_rate',
    '汽车场完好率',
    'Car-park sound rate',
    'parking_lot',
    '面积(m²)',
    'area (m²)',
  ),
  intact(
    12,
    'amenity_intact_rate',
    '公共文体设施、建筑小品完好率',
    'Amenity & landscape-feature sound rate',
    'amenity',
    '数量',
    'count',
  ),
  {
    number: 13,
    code: 'major_criminal_cases',
    nameZh: '小区内重大刑事案件发生率',
    nameEn: 'Major criminal cases',
    formulaZh: '年初至期末发生的重大刑事案件数',
    formulaEn: 'major criminal cases that occurred from 1 January to period end',
    source: 'safety: incidents of type major_criminal (occurredAt)',
    unit: 'count',
    basis: 'ytd',
    defaultTarget: 0,
    comparator: '<=',
    zeroEventsIsValue: true,
  },
  {
    number: 14,
    code: 'public_order_cases',
    nameZh: '小区内治安案件发生率',
    nameEn: 'Public-order cases',
    formulaZh: '年初至期末发生的治安案件数(目标每年不超过 1 起)',
    formulaEn: 'public-order cases from 1 January to period end (target at most 1 a year)',
    source: 'safety: incidents of type public_order (occurredAt)',
    unit: 'count',
    basis: 'ytd',
    defaultTarget: 1,
    comparator: '<=',
    zeroEventsIsValue: true,
  },
  intact(
    15,
    'fire_equipment_intact_rate',
    '消防设施、设备完好率',
    'Fire-equipment serviceable rate',
    'fire_safety',
    '数量',
    'count',
  ),
  {
    number: 16,
    code: 'fire_alarm_rate',
    nameZh: '火警发生率',
    nameEn: 'Fire-alarm rate',
    formulaZh: '年初至期末火警次数 ÷ 期末户数',
    formulaEn: 'fire alarms from 1 January to period end ÷ households at period end',
    source: 'safety: incidents of type fire_alarm; estates: occupancy',
    unit: 'percent',
    basis: 'ytd',
    defaultTarget: 1,
    comparator: '<=',
    zeroEventsIsValue: false,
  },
  {
    number: 17,
    code: 'fire_rate',
    nameZh: '火灾发生率',
    nameEn: 'Fire rate',
    formulaZh: '年初至期末火灾次数 ÷ 期末户数',
    formulaEn: 'fires from 1 January to period end ÷ households at period end',
    source: 'safety: incidents of type fire; estates: occupancy',
    unit: 'percent',
    basis: 'ytd',
    defaultTarget: 0,
    comparator: '<=',
    zeroEventsIsValue: false,
  },
  {
    number: 18,
    code: 'violation_rate',
    nameZh: '违章发生率',
    nameEn: 'Violation rate',
    formulaZh: '年初至期末违章次数 ÷ 期末户数',
    formulaEn: 'violations from 1 January to period end ÷ households at period end',
    source: 'safety: incidents of type violation; estates: occupancy',
    unit: 'percent',
    basis: 'ytd',
    defaultTarget: 2,
    comparator: '<=',
    zeroEventsIsValue: false,
  },
  {
    number: 19,
    code: 'violation_handling_rate',
    nameZh: '违章处理率',
    nameEn: 'Violation handling rate',
    formulaZh: '当月待处理违章(当月发生,或之前发生且月初未处理)中期末前已处理的数量 ÷ 当月待处理违章数',
    formulaEn:
      'violations open during the month (recorded in it, or earlier and unhandled at its start) handled by period end ÷ those violations',
    source: 'safety: violations (occurredAt, handledAt)',
    unit: 'percent',
    basis: 'month',
    defaultTarget: 100,
    comparator: '>=',
    zeroEventsIsValue: false,
  },
  {
    number: 20,
    code: 'valid_complaint_rate',
    nameZh: '用户有效投诉率',
    nameEn: 'Valid complaint rate',
    formulaZh: '年初至期末判定为有效的投诉数 ÷ 期末户数',
    formulaEn: 'complaints judged valid from 1 January to period end ÷ households at period end',
    source: 'complaints: validity judgement (judgedAt); estates: occupancy',
    unit: 'percent',
    basis: 'ytd',
    defaultTarget: 2,
    comparator: '<=',
    zeroEventsIsValue: false,
  },
  {
    number: 21,
    code: 'valid_complaint_handling_rate',
    nameZh: '有效投诉处理率',
    nameEn: 'Valid complaint resolution rate',
    formulaZh:
      '当月待处理有效投诉(当月受理,或之前受理且月初未解决)中期末前已解决的数量 ÷ 当月待处理有效投诉数',
    formulaEn:
      'valid complaints open during the month (received in it, or earlier and unresolved at its start) resolved by period end ÷ those complaints',
    source: 'complaints: receivedAt, validity, resolvedAt',
    unit: 'percent',
    basis: 'month',
    defaultTarget: 100,
    comparator: '>=',
    zeroEventsIsValue: false,
  },
  {
    number: 22,
    code: 'management_training_pass_rate',
    nameZh: '管理层员工专业培训合格率',
    nameEn: 'Management training pass rate',
    formulaZh: '期末在职管理层员工中,期末前 12 个月内有专业培训合格记录的人数 ÷ 期末在职管理层员工数',
    formulaEn:
      'management-level staff active at period end with a passed professional training in the 12 months before period end ÷ all management-level staff active at period end',
    source:
      'staff: profiles (hiredAt, leftAt), management role on the period-end date (role periods), training records',
    unit: 'percent',
    basis: 'at_period_end',
    defaultTarget: 100,
    comparator: '>=',
    zeroEventsIsValue: false,
  },
  {
    number: 23,
    code: 'certified_special_ops_rate',
    nameZh: '特种作业员工持证上岗率',
    nameEn: 'Licensed special-operations staff rate',
    formulaZh: '期末在职特种作业岗位员工中,持有岗位所需且期末当日有效证书的人数 ÷ 期末在职特种作业岗位员工数',
    formulaEn:
      'staff in special-operation roles active at period end holding a certificate of the type their role requires, valid on the period-end date ÷ all such staff',
    source:
      'staff: special-operation role on the period-end date (role periods), certificates, role → certificate mapping',
    unit: 'percent',
    basis: 'at_period_end',
    defaultTarget: 100,
    comparator: '>=',
    zeroEventsIsValue: false,
  },
  {
    number: 24,
    code: 'repair_return_visit_rate',
    nameZh: '维修服务回访率',
    nameEn: 'Repair follow-up rate',
    formulaZh:
      '当月完成的急修、零修工单中期末前已回访的数量 ÷ 当月完成的急修、零修工单数(计划性/预防性工单没有可回访的住户,不计)',
    formulaEn:
      'urgent and routine work orders completed in the month with a return visit by period end ÷ urgent and routine work orders completed in the month (planned/preventive orders have no resident to visit and are not counted)',
    source: 'work orders: completedAt, return visits (visitedAt)',
    unit: 'percent',
    basis: 'month',
    defaultTarget: 30,
    comparator: '>=',
    zeroEventsIsValue: false,
  },
  {
    number: 25,
    code: 'overall_satisfaction_rate',
    nameZh: '业主(住户)对物业管理综合满意率',
    nameEn: 'Overall resident satisfaction rate',
    formulaZh:
      '期末前 12 个月内收集的有效问卷中评价「满意」或「基本满意」的份数 ÷ 有效问卷份数(另示覆盖率 = 参与户数 ÷ 期末户数)',
    formulaEn:
      'valid survey responses collected in the 12 months to period end rating satisfied or basically satisfied ÷ valid responses (coverage = responding households ÷ households is shown beside it)',
    source: 'surveys: responses (collectedAt, overall rating); estates: occupancy',
    unit: 'percent',
    basis: 'trailing_12_months',
    defaultTarget: 98,
    comparator: '>=',
    zeroEventsIsValue: false,
  },
];

export const METRIC_BY_CODE: ReadonlyMap<string, MetricDefinition> = new Map(
  METRICS.map((metric) => [metric.code, metric]),
);
