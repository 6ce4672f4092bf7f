import type { LabelTable } from '../label';

/** Fees (收费): libs/fees/src/entities.ts, payment-state.ts, billing-run-state.ts, calculations/aging.ts. */
export const FEE_LABELS = {
  /** The kind of a fee item (收费项目类别). */
  feeCategory: {
    management_fee: { zh: '物业管理费', en: 'Management fee' },
    parking: { zh: '停车费', en: 'Parking' },
    water: { zh: '水费', en: 'Water' },
    electricity: { zh: '电费', en: 'Electricity' },
    shared_utilities: { zh: '公摊费', en: 'Shared utilities' },
    paid_service: { zh: '有偿服务费', en: 'Paid service' },
    other: { zh: '其他', en: 'Other' },
  },
  billingBasis: {
    per_area: { zh: '按面积', en: 'Per m²' },
    per_unit: { zh: '按户', en: 'Per unit' },
    metered: { zh: '按用量', en: 'Metered' },
    one_off: { zh: '一次性', en: 'One-off' },
    on_demand: { zh: '按次（由业务生成）', en: 'On demand (billed by an event)' },
  },
  /** Fee items the system creates and bills itself. */
  feeItemSystemKey: {
    paid_repair: { zh: '维修费（有偿维修工单）', en: 'Paid repair (chargeable work orders)' },
  },
  meterType: {
    water: { zh: '水表', en: 'Water meter' },
    electricity: { zh: '电表', en: 'Electricity meter' },
    gas: { zh: '燃气表', en: 'Gas meter' },
  },
  billStatus: {
    open: { zh: '未结清', en: 'Outstanding' },
    settled: { zh: '已结清', en: 'Settled' },
  },
  billingRunStatus: {
    running: { zh: '计费中', en: 'Running' },
    succeeded: { zh: '已完成', en: 'Succeeded' },
    failed: { zh: '失败', en: 'Failed' },
  },
  paymentMethod: {
    cash: { zh: '现金', en: 'Cash' },
    bank_transfer: { zh: '银行转账', en: 'Bank transfer' },
    wechat: { zh: '微信支付', en: 'WeChat Pay' },
    alipay: { zh: '支付宝', en: 'Alipay' },
    card: { zh: '刷卡', en: 'Card' },
    other: { zh: '其他', en: 'Other' },
  },
  paymentStatus: {
    recorded: { zh: '已收款', en: 'Recorded' },
    reversed: { zh: '已冲正', en: 'Reversed' },
    reversal: { zh: '冲正记录', en: 'Reversal' },
  },
  /** Reversal (冲正) of a payment and waiver (减免) of a bill. */
  feeAction: {
    reverse: { zh: '冲正', en: 'Reverse' },
    waive: { zh: '减免', en: 'Waive' },
    reprint_receipt: { zh: '补打收据（副本）', en: 'Receipt reprinted (copy)' },
    repair_charge: { zh: '维修收费入账', en: 'Repair charged' },
    repair_charge_raised: { zh: '返工后调增', en: 'Repair charge raised' },
    repair_charge_paid_beyond: { zh: '已缴超出新收费', en: 'Paid beyond the new charge' },
  },
  allocationSource: {
    payment: { zh: '收款', en: 'Payment' },
    credit: { zh: '预存抵扣', en: 'Credit' },
  },
  creditEntryKind: {
    overpayment: { zh: '多缴转预存', en: 'Overpayment' },
    applied: { zh: '预存抵扣', en: 'Credit applied' },
    reversal: { zh: '冲正扣回', en: 'Reversal' },
  },
  dunningMethod: {
    phone: { zh: '电话催缴', en: 'Phone' },
    sms: { zh: '短信催缴', en: 'SMS' },
    letter: { zh: '催缴函', en: 'Letter' },
    visit: { zh: '上门催缴', en: 'Visit' },
    wechat: { zh: '微信催缴', en: 'WeChat' },
    other: { zh: '其他', en: 'Other' },
  },
  arrearsAgingBucket: {
    days0To30: { zh: '0–30 天', en: '0–30 days' },
    days31To90: { zh: '31–90 天', en: '31–90 days' },
    days91To180: { zh: '91–180 天', en: '91–180 days' },
    days181To365: { zh: '181–365 天', en: '181–365 days' },
    over365: { zh: '365 天以上', en: 'Over 365 days' },
  },
} as const satisfies Record<string, LabelTable>;
