import { MetricResult } from '@estate/kpi';
import { formatYuan } from '@estate/shared';
import { DateTime } from 'luxon';
import { ReportLocale } from '../report.entities';

/** Metrics whose numerator/denominator are fen (shown as yuan). */
const FEN_METRICS = new Set(['fee_collection_rate']);
/** Metrics whose numerator/denominator are hundredths of m², m or pieces (asset measures). */
const HUNDREDTHS_METRICS = new Set([
  'house_intact_rate',
  'greenery_intact_rate',
  'road_intact_rate',
  'wells_intact_rate',
  'drainage_intact_rate',
  'street_light_intact_rate',
  'parking_lot_intact_rate',
  'amenity_intact_rate',
  'fire_equipment_intact_rate',
]);

export const NO_VALUE = '—';

const intlLocale = (locale: ReportLocale) => (locale === 'en' ? 'en-GB' : 'zh-CN');

/** A plain number for the locale, at most `decimals` decimals, no trailing zeros. */
export function formatNumber(value: number, locale: ReportLocale, decimals = 2): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: decimals }).format(value);
}

/** 66.6667 → "66.67%", 100 → "100%"; null → "—". */
export function formatPercent(value: number | null | undefined, locale: ReportLocale): string {
  if (value === null || value === undefined) return NO_VALUE;
  return `${formatNumber(value, locale)}%`;
}

/** A metric value as printed: percent with two decimals at most, counts as whole numbers. */
export function formatMetricValue(
  metric: Pick<MetricResult, 'unit'>,
  value: number | null,
  locale: ReportLocale,
): string {
  if (value === null) return NO_VALUE;
  return metric.unit === 'percent' ? formatPercent(value, locale) : formatNumber(value, locale, 0);
}

/** Target with its comparator: "≥98%", "≤2%", and a count target of 0 as "0". */
export function formatTarget(
  metric: Pick<MetricResult, 'unit' | 'target' | 'comparator'>,
  locale: ReportLocale,
): string {
  const symbol = metric.comparator === '>=' ? '≥' : '≤';
  if (metric.unit === 'count')
    return metric.target === 0 ? '0' : `${symbol}${formatNumber(metric.target, locale, 4)}`;
  return `${symbol}${formatNumber(metric.target, locale, 4)}%`;
}

function formatScaled(code: string, amount: number, locale: ReportLocale): string {
  if (FEN_METRICS.has(code)) return formatYuan(amount);
  if (HUNDREDTHS_METRICS.has(code)) return formatNumber(amount / 100, locale);
  return formatNumber(amount, locale, 0);
}

/** "numerator / denominator" in the metric's own units (yuan, m², pieces, records). */
export function formatFraction(
  metric: Pick<MetricResult, 'code' | 'numerator' | 'denominator'>,
  locale: ReportLocale,
): string {
  const numerator = formatScaled(metric.code, metric.numerator, locale);
  return metric.denominator === null
    ? numerator
    : `${numerator} / ${formatScaled(metric.code, metric.denominator, locale)}`;
}

/** "2026年10月" or "October 2026". */
export function formatPeriod(period: string, locale: ReportLocale): string {
  const [year, month] = period.split('-').map(Number);
  if (locale === 'en')
    return DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' })
      .setLocale('en-GB')
      .toFormat('LLLL yyyy');
  return `${year}年${month}月`;
}

/** An instant in the estate's zone: "2026年11月2日 03:00" or "2 Nov 2026 03:00". */
export function formatDateTime(
  instant: Date | string | null,
  timeZone: string,
  locale: ReportLocale,
): string {
  if (instant === null) return NO_VALUE;
  const local = DateTime.fromJSDate(new Date(instant), { zone: timeZone });
  return locale === 'en'
    ? local.setLocale('en-GB').toFormat('d LLL yyyy HH:mm')
    : local.toFormat("yyyy'年'M'月'd'日' HH:mm");
}

/** Money for both locales: "¥1,234.50" (fen → yuan only here, at the edge). */
export const formatMoney = (fen: number): string => formatYuan(fen);
