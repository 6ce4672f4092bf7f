import type { LabelTable } from '../label';

/** The scorecard (分项指标考核) and the monthly report: libs/kpi, libs/reports. */
export const KPI_REPORT_LABELS = {
  kpiMetricStatus: {
    pass: { zh: '达标', en: 'Pass' },
    fail: { zh: '未达标', en: 'Fail' },
    no_data: { zh: '无数据', en: 'No data' },
  },
  kpiBasis: {
    month: { zh: '当月', en: 'Month' },
    ytd: { zh: '年度累计', en: 'Year to date' },
    at_period_end: { zh: '期末', en: 'At period end' },
    trailing_12_months: { zh: '近 12 个月', en: 'Trailing 12 months' },
  },
  reportStatus: {
    generating: { zh: '生成中', en: 'Generating' },
    ready: { zh: '已生成', en: 'Ready' },
    failed: { zh: '生成失败', en: 'Failed' },
  },
  reportKind: {
    draft: { zh: '草稿', en: 'Draft' },
    final: { zh: '定稿', en: 'Final' },
  },
  reportOrigin: {
    request: { zh: '手动生成', en: 'On request' },
    schedule: { zh: '定时生成', en: 'Scheduled' },
    finalize: { zh: '定稿生成', en: 'Finalised' },
    cli: { zh: '命令行生成', en: 'Command line' },
  },
} as const satisfies Record<string, LabelTable>;
