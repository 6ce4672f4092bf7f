import { agingBucket, agingDueDateRanges, bucketOfDueDate } from './aging';

describe('aging buckets', () => {
  it('puts the boundaries in the right bucket', () => {
    expect(agingBucket(0)).toBe('days0To30');
    expect(agingBucket(30)).toBe('days0To30');
    expect(agingBucket(31)).toBe('days31To90');
    expect(agingBucket(90)).toBe('days31To90');
    expect(agingBucket(91)).toBe('days91To180');
    expect(agingBucket(180)).toBe('days91To180');
    expect(agingBucket(181)).toBe('days181To365');
    expect(agingBucket(365)).toBe('days181To365');
    expect(agingBucket(366)).toBe('over365');
    expect(() => agingBucket(-1)).toThrow(RangeError);
  });

  it('counts calendar days from the due date', () => {
    // 2026-10-15 → 2026-11-14 is 30 days; → 2026-11-15 is 31
    expect(bucketOfDueDate('2026-10-15', '2026-11-14')).toBe('days0To30');
    expect(bucketOfDueDate('2026-10-15', '2026-11-15')).toBe('days31To90');
    // 2025-12-31 → 2026-12-31 is 365 days (2026 is not a leap year); 2025-12-30 is 366
    expect(bucketOfDueDate('2025-12-31', '2026-12-31')).toBe('days181To365');
    expect(bucketOfDueDate('2025-12-30', '2026-12-31')).toBe('over365');
  });

  it('gives matching due-date ranges for SQL', () => {
    expect(agingDueDateRanges('2026-12-31')).toEqual({
      days0To30: { from: '2026-12-01', to: '2026-12-31' },
      days31To90: { from: '2026-10-02', to: '2026-11-30' },
      days91To180: { from: '2026-07-04', to: '2026-10-01' },
      days181To365: { from: '2025-12-31', to: '2026-07-03' },
      over365: { from: null, to: '2025-12-30' },
    });
  });
});
