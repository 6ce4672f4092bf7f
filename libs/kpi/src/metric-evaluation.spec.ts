import { evaluateMetric, percentOf, summarise } from './metric-evaluation';

const percent = { unit: 'percent' as const };
const count = { unit: 'count' as const };

describe('metric evaluation', () => {
  it('keeps 4 decimals, rounding half up', () => {
    expect(percentOf(2, 3)).toBe(66.6667); // 66.66666…
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 160000)).toBe(0.0006); // 0.000625 → 0.0006 (4 decimals: 0.000625 rounds to 0.0006)
    expect(percentOf(0, 5)).toBe(0);
  });

  it('has no data when the denominator is zero, never 100% or a pass', () => {
    expect(evaluateMetric(percent, { numerator: 0, denominator: 0 }, 99, '>=')).toEqual({
      value: null,
      status: 'no_data',
    });
    expect(evaluateMetric(percent, { numerator: 0, denominator: 0 }, 2, '<=')).toEqual({
      value: null,
      status: 'no_data',
    });
  });

  it('compares the exact ratio with the target, not the rounded value', () => {
    // 9799/10000 = 97.99% < 98%
    expect(evaluateMetric(percent, { numerator: 9799, denominator: 10000 }, 98, '>=').status).toBe('fail');
    expect(evaluateMetric(percent, { numerator: 98, denominator: 100 }, 98, '>=').status).toBe('pass');
    // 197/200 = 98.5% ≥ 98.5
    expect(evaluateMetric(percent, { numerator: 197, denominator: 200 }, 98.5, '>=').status).toBe('pass');
    // 98.99995% rounds to 99.0000 for display but is below 99%: still a fail
    const nearly = evaluateMetric(percent, { numerator: 1_979_999, denominator: 2_000_000 }, 99, '>=');
    expect(nearly).toEqual({ value: 99, status: 'fail' });
    // ceilings: 2 complaints / 100 households = 2% ≤ 2% passes; 3 fails
    expect(evaluateMetric(percent, { numerator: 2, denominator: 100 }, 2, '<=').status).toBe('pass');
    expect(evaluateMetric(percent, { numerator: 3, denominator: 100 }, 2, '<=').status).toBe('fail');
    // fire rate target 0%: any fire fails
    expect(evaluateMetric(percent, { numerator: 1, denominator: 5000 }, 0, '<=')).toEqual({
      value: 0.02,
      status: 'fail',
    });
  });

  it('handles large fen sums exactly', () => {
    const billed = 9_000_000_000_000; // ¥90 billion in fen
    expect(evaluateMetric(percent, { numerator: billed - 1, denominator: billed }, 100, '>=').status).toBe(
      'fail',
    );
    expect(evaluateMetric(percent, { numerator: billed, denominator: billed }, 100, '>=')).toEqual({
      value: 100,
      status: 'pass',
    });
  });

  it('treats counts as values: zero events pass a ceiling of zero', () => {
    expect(evaluateMetric(count, { numerator: 0, denominator: null }, 0, '<=')).toEqual({
      value: 0,
      status: 'pass',
    });
    expect(evaluateMetric(count, { numerator: 1, denominator: null }, 0, '<=')).toEqual({
      value: 1,
      status: 'fail',
    });
    expect(evaluateMetric(count, { numerator: 1, denominator: null }, 1, '<=')).toEqual({
      value: 1,
      status: 'pass',
    });
    expect(evaluateMetric(count, { numerator: 2, denominator: null }, 1, '<=')).toEqual({
      value: 2,
      status: 'fail',
    });
  });

  it('refuses figures that are not whole non-negative numbers', () => {
    expect(() => evaluateMetric(percent, { numerator: 1.5, denominator: 3 }, 50, '>=')).toThrow(RangeError);
    expect(() => evaluateMetric(count, { numerator: -1, denominator: null }, 0, '<=')).toThrow(RangeError);
  });

  it('summarises compliance as pass ÷ (pass + fail)', () => {
    expect(summarise(['pass', 'pass', 'fail', 'no_data'])).toEqual({
      pass: 2,
      fail: 1,
      noData: 1,
      compliancePercent: 66.6667,
    });
    expect(summarise(['no_data'])).toEqual({ pass: 0, fail: 0, noData: 1, compliancePercent: null });
  });
});
