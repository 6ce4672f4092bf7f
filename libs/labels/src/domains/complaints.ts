import type { LabelTable } from '../label';

/** Complaints (投诉): libs/complaints/src/complaint.entity.ts, complaint-state.ts. */
export const COMPLAINT_LABELS = {
  complaintStatus: {
    received: { zh: '已受理', en: 'Received' },
    valid: { zh: '有效投诉', en: 'Valid' },
    invalid: { zh: '无效投诉', en: 'Invalid' },
    assigned: { zh: '处理中', en: 'Assigned' },
    resolved: { zh: '已办结', en: 'Resolved' },
    followed_up: { zh: '已回访', en: 'Followed up' },
    closed: { zh: '已关闭', en: 'Closed' },
  },
  complaintChannel: {
    phone: { zh: '电话', en: 'Phone' },
    walk_in: { zh: '来访', en: 'Walk-in' },
    online: { zh: '线上', en: 'Online' },
    wechat: { zh: '微信', en: 'WeChat' },
    letter: { zh: '信函', en: 'Letter' },
    other: { zh: '其他', en: 'Other' },
  },
  complaintCategory: {
    service_attitude: { zh: '服务态度', en: 'Service attitude' },
    repair_quality: { zh: '维修质量', en: 'Repair quality' },
    cleanliness: { zh: '环境卫生', en: 'Cleanliness' },
    security: { zh: '安全秩序', en: 'Security' },
    noise_neighbours: { zh: '邻里噪音', en: 'Noise and neighbours' },
    fees: { zh: '收费问题', en: 'Fees' },
    facilities: { zh: '设施设备', en: 'Facilities' },
    other: { zh: '其他', en: 'Other' },
  },
  complaintValidity: {
    valid: { zh: '有效', en: 'Valid' },
    invalid: { zh: '无效', en: 'Invalid' },
  },
  /** Why a complaint is not a valid one (KPI #20 counts only valid complaints). */
  complaintInvalidReason: {
    outside_scope: { zh: '非物业服务范围', en: 'Outside our scope' },
    developer_defect: { zh: '开发商遗留问题', en: 'Developer defect' },
    utility_company: { zh: '公用事业单位责任', en: 'Utility company' },
    unfounded: { zh: '情况不属实', en: 'Unfounded' },
    duplicate: { zh: '重复投诉', en: 'Duplicate' },
  },
  complaintAction: {
    judge: { zh: '判定', en: 'Judge' },
    assign: { zh: '分派', en: 'Assign' },
    resolve: { zh: '办结', en: 'Resolve' },
    follow_up: { zh: '回访', en: 'Follow up' },
    close: { zh: '关闭', en: 'Close' },
    receive: { zh: '受理', en: 'Receive' },
    attach: { zh: '上传附件', en: 'Attach file' },
    link_work_order: { zh: '关联工单', en: 'Link work order' },
  },
  complaintWorkOrderRelation: {
    caused: { zh: '引发投诉的工单', en: 'Caused the complaint' },
    fixes: { zh: '整改工单', en: 'Fixes the complaint' },
  },
} as const satisfies Record<string, LabelTable>;
