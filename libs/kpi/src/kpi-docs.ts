import { METRICS, MetricDefinition } from './metric-definitions';

const BASIS: Record<MetricDefinition['basis'], string> = {
  month: 'month 当月',
  ytd: 'year to date 年度累计',
  at_period_end: 'at period end 期末',
  trailing_12_months: 'trailing 12 months 近 12 个月',
};

function target(metric: MetricDefinition): string {
  return `${metric.comparator === '>=' ? '≥' : '≤'} ${metric.defaultTarget}${metric.unit === 'percent' ? '%' : ''}`;
}

/**
 * docs/kpi.md, rendered from the metric registry. `npm run docs:kpi` writes it;
 * libs/kpi/src/kpi-docs.spec.ts fails when the file and the registry drift apart.
 */
export function renderKpiDocs(): string {
  const lines = [
    '# KPI scorecard — the 25 metrics (分项指标)',
    '',
    '<!-- Generated from libs/kpi/src/metric-definitions.ts by `npm run docs:kpi`. Do not edit by hand. -->',
    '',
    'Source: the 分项指标 list of a property-management operating plan (see shared design KPI-METRICS.md).',
    '',
    '## Rules for every metric',
    '',
    '- **Period**: a calendar month in the estate’s time zone; YTD runs from 1 January to the period end; trailing 12 months ends with the period.',
    '- **As-of**: only facts timestamped strictly before the period end instant count (completedAt, paidAt, condition records, certificate dates …). Regenerating a past month after later records were added gives the same numbers.',
    '- **Targets** are data: defaults below, per-estate overrides via `PUT /api/v1/kpi/targets/:estateId` (audited). A scorecard uses the targets in force at the period end.',
    '- **Status**: percent metrics compare the exact ratio (integer arithmetic) with the target; values are shown with 4 decimals. A zero denominator is `no_data`, never a pass. Count metrics (#13, #14) are always a value; zero events is a pass.',
    '- **Households (户数)**: units occupied on the last day of the period (a resident with move-in ≤ date < move-out). If households is zero, #16–#18 and #20 are `no_data`.',
    '- **Intact (完好)**: the latest condition record at or before the period end is `good` (完好) or `fair` (基本完好); assets decommissioned before the period end are excluded.',
    '- **Closed months** are served from an immutable snapshot (`POST /api/v1/kpi/periods/:estateId/:period/close`); an admin may recompute with a reason, which stores a new version.',
    '- **Compliance %** = pass ÷ (pass + fail).',
    '',
    '## Decisions and known limits',
    '',
    '- **Asset measures are exact integers in hundredths** of their unit (m², m or pieces): 3 of 4 wells is numerator 300, denominator 400. Reports divide by 100.',
    '- **An asset with no condition record** counts in the total and not as intact (unknown is not sound); decommissioned assets leave the count from their decommission instant.',
    '- **#2** counts an order late and still open at period end against the month its deadline passed, and again (on its merits) in the month it is first completed. Planned orders are excluded from #2 and #24, included in #3.',
    '- **#4 reversals** count from their `effectiveAt` (default: when the reversal is recorded): a payment reversed with effect at or before the period end does not count; one reversed with effect after it still counts for that period, live or closed, and the later month’s year-to-date figure drops it. Finance may date a reversal back into an open month (the payment never happened); a closed month is never changed — such a reversal is refused (422 `PERIOD_CLOSED`) or takes effect at the first instant of the first open month (`ifMonthClosed: first_open_month`).',
    '- **#4 waivers (减免) net off the amount billed**: collection rate = paid ÷ (billed − waived), both as of the period end — waivers count from their `effectiveAt` (`approvedAt`), like payments from their `paidAt`.',
    '- **Times of facts**: every figure reads when a fact happened (arrivedAt, acceptedAt, judgedAt, resolvedAt, effectiveAt …), not when it was entered; clients may date facts back within the estate’s `settings.facts.maxBackdateDays` (default 7), never into a closed month (docs/api.md “Times of facts”).',
    '- **#21** counts a complaint from the moment it is judged valid: one received in a month but judged in the next is not in the first month’s figure (its validity was not known at that period end).',
    '- **#22 and #23** count staff by the role they held on the period-end date (staff_role_periods: a role change is dated, `roleEffectiveFrom`, and never back-dated before the last one), so changing a role today does not rewrite past months; employment, training and certificates are dated facts too.',
    '- Verified by a hand-computed golden dataset (75 values over three months, docs/kpi-golden.md) on SQLite and MariaDB.',
    '',
    '## The metrics',
    '',
    '| # | code | 名称 | English | unit | basis | default target |',
    '|---|---|---|---|---|---|---|',
    ...METRICS.map(
      (metric) =>
        `| ${metric.number} | \`${metric.code}\` | ${metric.nameZh} | ${metric.nameEn} | ${metric.unit} | ${BASIS[metric.basis]} | ${target(metric)} |`,
    ),
    '',
    '## Formulas and data sources',
    '',
  ];
  for (const metric of METRICS) {
    lines.push(`### ${metric.number}. ${metric.nameZh} — ${metric.nameEn} (\`${metric.code}\`)`, '');
    lines.push(`- 公式: ${metric.formulaZh}`);
    lines.push(`- Formula: ${metric.formulaEn}`);
    lines.push(`- Data: ${metric.source}`);
    lines.push(`- Target: ${target(metric)} · basis: ${BASIS[metric.basis]} · unit: ${metric.unit}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
