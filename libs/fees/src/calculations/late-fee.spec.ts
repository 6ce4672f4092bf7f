import { lateFeeFen } from './late-fee';

const on = { lateFeeEnabled: true, lateFeeDailyRatePerTenThousand: 5 };

describe('lateFeeFen', () => {
  it('is off unless enabled', () => {
    expect(lateFeeFen(21033, '2026-10-15', '2026-12-31', { ...on, lateFeeEnabled: false })).toBe(0);
  });
  it('is zero on or before the due date', () => {
    expect(lateFeeFen(21033, '2026-10-15', '2026-10-15', on)).toBe(0);
    expect(lateFeeFen(21033, '2026-10-15', '2026-10-01', on)).toBe(0);
  });
  it('charges the daily rate on the principal, rounded once', () => {
    // 30 days: 21033 × 5 × 30 / 10000 = 315.495 → 315
    expect(lateFeeFen(21033, '2026-10-15', '2026-11-14', on)).toBe(315);
    // 1 day: 10000 × 5 / 10000 = 5
    expect(lateFeeFen(10000, '2026-10-15', '2026-10-16', on)).toBe(5);
    // 1 day on 100 fen: 0.05 → 0
    expect(lateFeeFen(100, '2026-10-15', '2026-10-16', on)).toBe(0);
  });
  it('never compounds: 60 days is exactly twice 30 days on the same principal', () => {
    // 10000 × 5 × 60 / 10000 = 300 (compounding daily would give more than 300)
    expect(lateFeeFen(10000, '2026-01-01', '2026-03-02', on)).toBe(300);
    expect(lateFeeFen(10000, '2026-01-01', '2026-01-31', on)).toBe(150);
  });
  it('is zero on nothing outstanding', () => {
    expect(lateFeeFen(0, '2026-01-01', '2026-03-02', on)).toBe(0);
  });
});
