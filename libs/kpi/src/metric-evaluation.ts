import type { Comparator, MetricDefinition } from './metric-definitions';

export const METRIC_STATUSES = ['pass', 'fail', 'no_data'] as const;
export type MetricStatus = (typeof METRIC_STATUSES)[number];

/** What a metric's SQL returns: integers (counts, fen, hundredths of m²). Counts have no denominator. */
export interface MetricFigures {
  numerator: number;
  denominator: number | null;
}

export interface MetricEvaluation {
  /** percent (0–100, 4 decimals) or count; null when there is no data */
  value: number | null;
  status: MetricStatus;
}

const TARGET_SCALE = 10_000n; // targets may have up to 4 decimals (98.5%)

function assertWhole(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  return BigInt(value);
}

/** Rounds numerator × 100 / denominator half-up to 4 decimals, exactly. */
export function percentOf(numerator: number, denominator: number): number {
  const scaled =
    (assertWhole(numerator, 'numerator') * 100n * TARGET_SCALE * 2n +
      assertWhole(denominator, 'denominator')) /
    (2n * BigInt(denominator));
  return Number(scaled) / Number(TARGET_SCALE);
}

/** Compares exactly (no floating point): numerator/denominator × 100 against the target in percent. */
function comparePercent(
  numerator: number,
  denominator: number,
  target: number,
  comparator: Comparator,
): boolean {
  const left = assertWhole(numerator, 'numerator') * 100n * TARGET_SCALE;
  const right = BigInt(Math.round(target * Number(TARGET_SCALE))) * assertWhole(denominator, 'denominator');
  return comparator === '>=' ? left >= right : left <= right;
}

/**
 * The status rules of docs/kpi.md:
 * - a percent metric with a zero denominator has no data (never 100%, never a pass);
 * - a count metric is always a value (zero events is a pass for a ceiling of 0 or 1);
 * - otherwise the exact ratio is compared with the target.
 */
export function evaluateMetric(
  definition: Pick<MetricDefinition, 'unit'>,
  figures: MetricFigures,
  target: number,
  comparator: Comparator,
): MetricEvaluation {
  if (definition.unit === 'count') {
    const count = Number(assertWhole(figures.numerator, 'count'));
    return {
      value: count,
      status: (comparator === '>=' ? count >= target : count <= target) ? 'pass' : 'fail',
    };
  }
  if (!figures.denominator) return { value: null, status: 'no_data' };
  return {
    value: percentOf(figures.numerator, figures.denominator),
    status: comparePercent(figures.numerator, figures.denominator, target, comparator) ? 'pass' : 'fail',
  };
}

export interface ScorecardSummary {
  pass: number;
  fail: number;
  noData: number;
  /** pass ÷ (pass + fail) in percent, 4 decimals; null when nothing was judged */
  compliancePercent: number | null;
}

export function summarise(statuses: MetricStatus[]): ScorecardSummary {
  const pass = statuses.filter((status) => status === 'pass').length;
  const fail = statuses.filter((status) => status === 'fail').length;
  return {
    pass,
    fail,
    noData: statuses.length - pass - fail,
    compliancePercent: pass + fail ? percentOf(pass, pass + fail) : null,
  };
}
