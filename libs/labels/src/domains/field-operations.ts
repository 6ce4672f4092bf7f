import type { LabelTable } from '../label';

/** Patrol (巡逻), cleaning (保洁) and safety (安全事件/违章): libs/patrol, libs/cleaning, libs/safety. */
export const FIELD_OPERATION_LABELS = {
  patrolRoundStatus: {
    in_progress: { zh: '巡逻中', en: 'In progress' },
    finished: { zh: '已完成', en: 'Finished' },
    auto_closed: { zh: '超时自动结束', en: 'Closed automatically' },
  },
  patrolRoundAction: {
    scan: { zh: '打卡', en: 'Scan' },
    finish: { zh: '结束巡逻', en: 'Finish' },
    expire: { zh: '超时结束', en: 'Expire' },
  },
  /**
   * What a checkpoint shows for a round, derived from the scan (`abnormal`, `outOfOrder`) or its
   * absence (`patrol_round_misses`): there is no stored code.
   */
  checkpointScanResult: {
    normal: { zh: '正常', en: 'Normal' },
    abnormal: { zh: '异常', en: 'Abnormal' },
    out_of_order: { zh: '未按顺序', en: 'Out of order' },
    missed: { zh: '漏检', en: 'Missed' },
  },
  cleaningZoneType: {
    lobby: { zh: '大堂', en: 'Lobby' },
    stairwell: { zh: '楼梯间', en: 'Stairwell' },
    corridor: { zh: '走廊', en: 'Corridor' },
    elevator: { zh: '电梯轿厢', en: 'Elevator car' },
    road: { zh: '道路', en: 'Road' },
    green: { zh: '绿地', en: 'Green area' },
    garbage_point: { zh: '垃圾点', en: 'Garbage point' },
    car_park: { zh: '停车场', en: 'Car park' },
    square: { zh: '广场', en: 'Square' },
    other: { zh: '其他', en: 'Other' },
  },
  cleaningFrequencyUnit: {
    day: { zh: '天', en: 'day' },
    week: { zh: '周', en: 'week' },
  },
  /** A spot check's outcome (the stored `passed` boolean). */
  cleaningResult: {
    pass: { zh: '合格', en: 'Passed' },
    fail: { zh: '不合格', en: 'Failed' },
  },
  cleaningFollowUp: {
    none: { zh: '无需跟进', en: 'None' },
    reclean_required: { zh: '待重新清洁', en: 'Re-clean required' },
    reinspection_required: { zh: '待复查', en: 'Re-inspection required' },
    closed: { zh: '已闭环', en: 'Closed' },
  },
  safetyIncidentType: {
    major_criminal: { zh: '重大刑事案件', en: 'Major criminal case' },
    public_order: { zh: '治安案件', en: 'Public-order case' },
    fire_alarm: { zh: '火警', en: 'Fire alarm' },
    fire: { zh: '火灾', en: 'Fire' },
    violation: { zh: '违章', en: 'Violation' },
  },
  violationType: {
    unauthorised_construction: { zh: '违章搭建', en: 'Unauthorised construction' },
    unauthorised_renovation: { zh: '违规装修', en: 'Unauthorised renovation' },
    occupying_public_space: { zh: '占用公共部位', en: 'Occupying public space' },
    illegal_parking: { zh: '违章停车', en: 'Illegal parking' },
    blocking_fire_exit: { zh: '堵塞消防通道', en: 'Blocking a fire exit' },
    littering_or_dumping: { zh: '乱扔乱倒', en: 'Littering or dumping' },
    keeping_dangerous_goods: { zh: '存放危险品', en: 'Keeping dangerous goods' },
    other: { zh: '其他', en: 'Other' },
  },
  safetyIncidentStatus: {
    open: { zh: '待处理', en: 'Open' },
    handled: { zh: '已处理', en: 'Handled' },
    rectified: { zh: '已整改', en: 'Rectified' },
    closed: { zh: '已关闭', en: 'Closed' },
  },
  safetyIncidentAction: {
    handle: { zh: '处理', en: 'Handle' },
    rectify: { zh: '整改', en: 'Rectify' },
    close: { zh: '关闭', en: 'Close' },
    note: { zh: '备注', en: 'Add note' },
    create: { zh: '登记', en: 'Record' },
  },
  safetyHandlingOutcome: {
    stopped: { zh: '已制止', en: 'Stopped' },
    rectified: { zh: '已整改', en: 'Rectified' },
    referred_to_authority: { zh: '移交执法部门', en: 'Referred to the authority' },
  },
  safetyIncidentSource: {
    manual: { zh: '人工登记', en: 'Manual entry' },
    patrol: { zh: '巡逻发现', en: 'Patrol finding' },
  },
} as const satisfies Record<string, LabelTable>;
