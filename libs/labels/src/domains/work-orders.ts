import type { LabelTable } from '../label';

/** Work orders (报修工单): libs/work-orders/src/work-order-state.ts, work-order.constants.ts. */
export const WORK_ORDER_LABELS = {
  workOrderStatus: {
    reported: { zh: '已报修', en: 'Reported' },
    assigned: { zh: '已派单', en: 'Assigned' },
    in_progress: { zh: '维修中', en: 'In progress' },
    on_hold: { zh: '已挂起', en: 'On hold' },
    completed: { zh: '已完工', en: 'Completed' },
    reopened: { zh: '返工', en: 'Reopened' },
    closed: { zh: '已关闭', en: 'Closed' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  },
  workOrderPriority: {
    urgent: { zh: '急修', en: 'Urgent' },
    routine: { zh: '零修', en: 'Routine' },
    planned: { zh: '计划维修', en: 'Planned' },
  },
  workOrderChannel: {
    phone: { zh: '电话报修', en: 'Phone' },
    walk_in: { zh: '前台报修', en: 'Walk-in' },
    resident_app: { zh: '线上报修', en: 'Resident app' },
    patrol: { zh: '巡逻发现', en: 'Patrol finding' },
    inspection: { zh: '巡检发现', en: 'Inspection finding' },
    other: { zh: '其他', en: 'Other' },
  },
  /** The default categories of libs/estates/src/estate-settings.ts; an estate's own fall back to the code. */
  workOrderCategory: {
    plumbing: { zh: '给排水维修', en: 'Plumbing' },
    electrical: { zh: '电气维修', en: 'Electrical' },
    civil: { zh: '土建维修', en: 'Civil works' },
    elevator: { zh: '电梯维修', en: 'Elevator' },
    door_access: { zh: '门禁维修', en: 'Door access' },
    hvac: { zh: '空调暖通', en: 'HVAC' },
    other: { zh: '其他', en: 'Other' },
  },
  /** Buttons and history entries: verbs. `hand_back` and `urge` are on their way into the state table. */
  workOrderAction: {
    assign: { zh: '派单', en: 'Assign' },
    start: { zh: '到场', en: 'Arrive' },
    hold: { zh: '挂起', en: 'Put on hold' },
    resume: { zh: '恢复维修', en: 'Resume' },
    complete: { zh: '完工', en: 'Complete' },
    accept_pass: { zh: '验收通过', en: 'Accept' },
    accept_fail: { zh: '验收不通过', en: 'Reject' },
    cancel: { zh: '取消', en: 'Cancel' },
    change_priority: { zh: '调整级别', en: 'Change priority' },
    hand_back: { zh: '退单', en: 'Hand back' },
    urge: { zh: '催单', en: 'Urge' },
    report: { zh: '报修', en: 'Report' },
    attach: { zh: '上传附件', en: 'Attach file' },
    return_visit: { zh: '回访', en: 'Return visit' },
    escalate: { zh: '超时升级', en: 'Escalate' },
  },
  acceptanceResult: {
    pass: { zh: '验收合格', en: 'Passed' },
    fail: { zh: '验收不合格', en: 'Failed' },
  },
  acceptanceBy: {
    resident: { zh: '业主签字', en: 'Resident sign-off' },
    supervisor: { zh: '主管验收', en: 'Supervisor check' },
  },
  /** How the acceptance was entered: by the resident, or by staff on their behalf. */
  acceptanceChannel: {
    resident_app: { zh: '业主自助验收', en: 'Resident (app)' },
    phone: { zh: '电话确认(员工代录)', en: 'Phone (entered by staff)' },
    in_person: { zh: '现场签字(员工代录)', en: 'In person (entered by staff)' },
  },
  returnVisitMethod: {
    phone: { zh: '电话回访', en: 'Phone' },
    visit: { zh: '上门回访', en: 'Visit' },
    message: { zh: '短信/微信回访', en: 'Message' },
  },
  /** 满意 / 基本满意 / 不满意: repairs, complaints and surveys share the scale. */
  satisfaction: {
    satisfied: { zh: '满意', en: 'Satisfied' },
    basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
    dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  },
} as const satisfies Record<string, LabelTable>;
