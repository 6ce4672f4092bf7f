import type { Estate } from '@estate/estates';
import type { InstantRange, Page } from '@estate/shared';
import type { DrillDownRecord } from './dto/kpi.dto';
import type { MetricFigures } from './metric-evaluation';

/** Everything a metric needs to know about "which month, where", computed once per scorecard. */
export interface MetricContext {
  estate: Estate;
  period: string;
  /** the month: [first instant, first instant of next month) in UTC */
  month: InstantRange;
  /** the period end instant (exclusive): only facts strictly before it count */
  end: Date;
  /** 1 January to period end */
  yearToDate: InstantRange;
  /** the 12 months ending with the period */
  trailingTwelveMonths: InstantRange;
  /** last calendar date of the period in the estate's zone (occupancy, certificate validity) */
  lastDate: string;
  /** occupied units on lastDate, queried once and shared */
  households(): Promise<number>;
}

export interface SourceFigures extends MetricFigures {
  /** #25: responding households ÷ households, percent */
  coveragePercent?: number | null;
  lowConfidence?: boolean;
}

export interface DrillDownRequest {
  part: 'numerator' | 'denominator' | 'failing';
  page: number;
  pageSize: number;
}

/** One metric's SQL: figures for the scorecard and the records behind them for the drill-down. */
export interface MetricSource {
  figures(context: MetricContext): Promise<SourceFigures>;
  records(context: MetricContext, request: DrillDownRequest): Promise<Page<DrillDownRecord>>;
}

export const METRIC_SOURCES = Symbol('METRIC_SOURCES');
export type MetricSources = ReadonlyMap<string, MetricSource>;
