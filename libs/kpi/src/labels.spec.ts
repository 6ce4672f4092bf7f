import { labelProblems } from '@estate/labels';
import { METRICS } from './metric-definitions';
import { METRIC_STATUSES } from './metric-evaluation';

const BASES = ['month', 'ytd', 'at_period_end', 'trailing_12_months'] as const;

describe('KPI labels (@estate/labels)', () => {
  it('labels every metric status, and no other', () => {
    expect(labelProblems('kpiMetricStatus', METRIC_STATUSES)).toEqual([]);
  });

  it('labels every basis a metric is measured on, and no other', () => {
    expect(BASES.filter((basis) => !METRICS.some((metric) => metric.basis === basis))).toEqual([]);
    expect(METRICS.filter((metric) => !BASES.includes(metric.basis))).toEqual([]);
    expect(labelProblems('kpiBasis', BASES)).toEqual([]);
  });
});
