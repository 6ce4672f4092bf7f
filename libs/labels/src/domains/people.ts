import type { LabelTable } from '../label';

/** Users, staff, the registry and surveys: libs/auth/src/roles.ts, libs/staff, libs/estates, libs/surveys. */
export const PEOPLE_LABELS = {
  /** The 8 login roles. */
  userRole: {
    admin: { zh: '系统管理员', en: 'Administrator' },
    manager: { zh: '项目经理', en: 'Manager' },
    front_desk: { zh: '前台客服', en: 'Front desk' },
    technician: { zh: '维修工', en: 'Technician' },
    finance: { zh: '财务', en: 'Finance' },
    security: { zh: '秩序维护员', en: 'Security guard' },
    cleaner: { zh: '保洁员', en: 'Cleaner' },
    resident: { zh: '业主/住户', en: 'Resident' },
  },
  /** 特种作业 (KPI #23): each needs its certificate. */
  specialOperationRole: {
    electrician: { zh: '电工作业', en: 'Electrician' },
    welding: { zh: '焊接与热切割作业', en: 'Welding' },
    work_at_height: { zh: '高处作业', en: 'Work at height' },
    refrigeration: { zh: '制冷与空调作业', en: 'Refrigeration' },
    elevator: { zh: '电梯作业', en: 'Elevator operation' },
    boiler: { zh: '锅炉作业', en: 'Boiler operation' },
    pressure_vessel: { zh: '压力容器作业', en: 'Pressure vessel operation' },
    lifting: { zh: '起重机械作业', en: 'Lifting operation' },
    fire_control_operator: { zh: '消防设施操作员', en: 'Fire-control operator' },
  },
  certificateType: {
    electrician: { zh: '电工作业操作证', en: 'Electrician certificate' },
    welding: { zh: '焊接与热切割作业操作证', en: 'Welding certificate' },
    work_at_height: { zh: '高处作业操作证', en: 'Work-at-height certificate' },
    refrigeration: { zh: '制冷与空调作业操作证', en: 'Refrigeration certificate' },
    elevator: { zh: '电梯作业人员证', en: 'Elevator operation certificate' },
    boiler: { zh: '锅炉作业人员证', en: 'Boiler operation certificate' },
    pressure_vessel: { zh: '压力容器作业人员证', en: 'Pressure vessel certificate' },
    lifting: { zh: '起重机械作业人员证', en: 'Lifting operation certificate' },
    fire_control_operator: { zh: '消防设施操作员证', en: 'Fire-control operator certificate' },
    other: { zh: '其他证书', en: 'Other certificate' },
  },
  /** Derived from issuedAt/expiresAt and the 60-day warning horizon (libs/staff/src/staff-compliance.service.ts). */
  certificateStatus: {
    valid: { zh: '有效', en: 'Valid' },
    expiring: { zh: '即将到期', en: 'Expiring' },
    expired: { zh: '已过期', en: 'Expired' },
  },
  trainingCategory: {
    professional: { zh: '专业培训', en: 'Professional' },
    safety: { zh: '安全培训', en: 'Safety' },
    service: { zh: '服务礼仪培训', en: 'Customer service' },
    other: { zh: '其他', en: 'Other' },
  },
  trainingResult: {
    pass: { zh: '合格', en: 'Passed' },
    fail: { zh: '不合格', en: 'Failed' },
  },
  staffWarningKind: {
    certificate_expiring: { zh: '证书即将到期', en: 'Certificate expiring' },
    missing_required_certificate: { zh: '缺少上岗证书', en: 'Required certificate missing' },
  },
  unitType: {
    residential: { zh: '住宅', en: 'Residential' },
    commercial: { zh: '商铺', en: 'Commercial' },
    parking: { zh: '车位', en: 'Parking space' },
  },
  residentRelation: {
    owner: { zh: '业主', en: 'Owner' },
    tenant: { zh: '租户', en: 'Tenant' },
    family: { zh: '家属', en: 'Family member' },
  },
  /** Derived from opensAt/closesAt: responses are collected in [opensAt, closesAt). */
  surveyStatus: {
    scheduled: { zh: '未开始', en: 'Not yet open' },
    open: { zh: '进行中', en: 'Open' },
    closed: { zh: '已结束', en: 'Closed' },
  },
  /** The optional per-service questions of a survey (the overall question is always asked). */
  surveyService: {
    repairs: { zh: '维修服务', en: 'Repairs' },
    cleaning: { zh: '保洁服务', en: 'Cleaning' },
    security: { zh: '秩序维护', en: 'Security' },
    greenery: { zh: '绿化养护', en: 'Landscaping' },
    front_desk: { zh: '客服前台', en: 'Front desk' },
    fees: { zh: '收费服务', en: 'Fees' },
  },
  surveyResponseChannel: {
    paper: { zh: '纸质问卷', en: 'Paper' },
    phone: { zh: '电话访问', en: 'Phone' },
    online: { zh: '线上问卷', en: 'Online' },
    door_to_door: { zh: '入户走访', en: 'Door to door' },
  },
} as const satisfies Record<string, LabelTable>;
