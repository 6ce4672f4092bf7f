import type { SurveyRating } from './survey.entity';

export type RatingCounts = Record<SurveyRating, number>;

export function emptyCounts(): RatingCounts {
  return { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
}

/** numerator / denominator as a percentage with two decimals; null when the denominator is 0. */
export function percentOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator * 10_000) / denominator) / 100;
}

/** Satisfaction rate: (满意 + 基本满意) / all valid responses. */
export function satisfactionRate(counts: RatingCounts): {
  numerator: number;
  denominator: number;
  percent: number | null;
} {
  const numerator = counts.satisfied + counts.basically_satisfied;
  const denominator = numerator + counts.dissatisfied;
  return { numerator, denominator, percent: percentOf(numerator, denominator) };
}

/**
 * Coverage = responding households / households. Low confidence when coverage is below the
 * estate's threshold, and also when there are no households (no sample can be representative).
 */
export function coverage(
  respondingHouseholds: number,
  households: number,
  thresholdPercent: number,
): { percent: number | null; lowConfidence: boolean } {
  const percent = percentOf(respondingHouseholds, households);
  return {
    percent,
    lowConfidence: households === 0 || respondingHouseholds * 100 < thresholdPercent * households,
  };
}
