import { coverage, satisfactionRate } from './survey-maths';

describe('survey maths', () => {
  it('counts satisfied and basically satisfied over all responses', () => {
    // (5 + 2) / (5 + 2 + 1) = 7/8 = 87.5 %
    expect(satisfactionRate({ satisfied: 5, basically_satisfied: 2, dissatisfied: 1 })).toEqual({
      numerator: 7,
      denominator: 8,
      percent: 87.5,
    });
    expect(satisfactionRate({ satisfied: 1, basically_satisfied: 0, dissatisfied: 2 }).percent).toBe(33.33);
    expect(satisfactionRate({ satisfied: 0, basically_satisfied: 0, dissatisfied: 0 })).toEqual({
      numerator: 0,
      denominator: 0,
      percent: null,
    });
  });

  it('flags coverage below the threshold, comparing exactly', () => {
    expect(coverage(3, 10, 30)).toEqual({ percent: 30, lowConfidence: false }); // exactly 30 % is enough
    expect(coverage(2, 10, 30)).toEqual({ percent: 20, lowConfidence: true });
    // 1/3 = 33.33 % ≥ 33.33 threshold? 100 < 33.33 × 3 = 99.99 is false → not low
    expect(coverage(1, 3, 33.33)).toEqual({ percent: 33.33, lowConfidence: false });
    expect(coverage(0, 0, 30)).toEqual({ percent: null, lowConfidence: true });
  });
});
