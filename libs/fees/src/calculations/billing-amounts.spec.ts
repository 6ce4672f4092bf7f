import {
  billedDaysFor,
  dueDateFor,
  meteredAmountFen,
  oneOffAmountFen,
  perAreaAmountFen,
  perUnitAmountFen,
} from './billing-amounts';

describe('billing amounts', () => {
  describe('billedDaysFor (pro-rating by days)', () => {
    it('bills the whole month without residents or with a move-in on or before the 1st', () => {
      expect(billedDaysFor('2026-10', null)).toEqual({ billedDays: 31, daysInPeriod: 31 });
      expect(billedDaysFor('2026-10', '2026-10-01')).toEqual({ billedDays: 31, daysInPeriod: 31 });
      expect(billedDaysFor('2026-02', '2020-05-17')).toEqual({ billedDays: 28, daysInPeriod: 28 });
    });
    it('counts from the move-in day to the month end, both included', () => {
      // 20..31 October = 12 days
      expect(billedDaysFor('2026-10', '2026-10-20')).toEqual({ billedDays: 12, daysInPeriod: 31 });
      // 31 October alone = 1 day
      expect(billedDaysFor('2026-10', '2026-10-31')).toEqual({ billedDays: 1, daysInPeriod: 31 });
      // leap February 2028: 15..29 = 15 days of 29
      expect(billedDaysFor('2028-02', '2028-02-15')).toEqual({ billedDays: 15, daysInPeriod: 29 });
    });
    it('does not bill before the first move-in', () => {
      expect(billedDaysFor('2026-10', '2026-11-01')).toBeNull();
    });
  });

  describe('perAreaAmountFen (rounded once, half-up)', () => {
    it('89.50 m² at ¥2.35/m² for a whole month', () => {
      // 89.50 × 2.35 = 210.325 yuan = 21032.5 fen → 21033 (half-up)
      expect(perAreaAmountFen(8950, 23500, { billedDays: 31, daysInPeriod: 31 })).toBe(21033);
    });
    it('keeps sub-fen prices exact: 100.01 m² at ¥2.355/m²', () => {
      // 100.01 × 2.355 = 235.52355 yuan = 23552.355 fen → 23552
      expect(perAreaAmountFen(10001, 23550, { billedDays: 30, daysInPeriod: 30 })).toBe(23552);
    });
    it('pro-rates before rounding: 89.50 m² at ¥2.35 for 12 of 31 days', () => {
      // 21032.5 × 12 / 31 = 8141.61… fen → 8142 (rounding 21033 first would give 8141.81 → 8142 too,
      // so check a case where it matters below)
      expect(perAreaAmountFen(8950, 23500, { billedDays: 12, daysInPeriod: 31 })).toBe(8142);
    });
    it('rounds the product, not the parts: 1.00 m² at ¥0.005 (half a fen) for 1 of 2 days', () => {
      // 0.5 fen × 1/2 = 0.25 fen → 0 ; rounding the monthly 0.5 → 1 first would wrongly give 0.5 → 1
      expect(perAreaAmountFen(100, 50, { billedDays: 1, daysInPeriod: 2 })).toBe(0);
      // 0.5 fen for the whole period → 1 (half-up)
      expect(perAreaAmountFen(100, 50, { billedDays: 2, daysInPeriod: 2 })).toBe(1);
    });
  });

  it('perUnitAmountFen: ¥300 per month for 12 of 31 days', () => {
    expect(perUnitAmountFen(3_000_000, { billedDays: 31, daysInPeriod: 31 })).toBe(30000);
    // 30000 × 12 / 31 = 11612.903… → 11613
    expect(perUnitAmountFen(3_000_000, { billedDays: 12, daysInPeriod: 31 })).toBe(11613);
  });

  it('meteredAmountFen: 12.34 m³ of water at ¥3.45/m³', () => {
    // 12.34 × 345 fen = 4257.3 fen → 4257
    expect(meteredAmountFen(1234, 34500)).toBe(4257);
    // 0.10 × 5 fen = 0.5 fen → 1 (half-up)
    expect(meteredAmountFen(10, 500)).toBe(1);
  });

  it('oneOffAmountFen rounds 1/100-fen prices half-up', () => {
    expect(oneOffAmountFen(1_000_050)).toBe(10001);
    expect(oneOffAmountFen(1_000_049)).toBe(10000);
  });

  it('dueDateFor clamps the due day to the month', () => {
    expect(dueDateFor('2026-10', 15)).toBe('2026-10-15');
    expect(dueDateFor('2026-02', 31)).toBe('2026-02-28');
    expect(dueDateFor('2026-10', 1)).toBe('2026-10-01');
  });
});
