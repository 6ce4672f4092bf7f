import { assertFen, divideRoundHalfUp, fenToYuanString, formatYuan, parseYuan, sumFen } from './money';

describe('money', () => {
  it('formats fen as yuan with grouping', () => {
    expect(formatYuan(123456)).toBe('¥1,234.56');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(-100000001)).toBe('-¥1,000,000.01');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(fenToYuanString(-7)).toBe('-0.07');
  });

  it('parses yuan typed by a person with the shared parser (libs/money has the edge cases)', () => {
    expect(parseYuan('1,234.5')).toBe(123450);
    expect(parseYuan('¥12')).toBe(1200);
    expect(parseYuan('-0.01', { negative: true })).toBe(-1);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });

  it('accepts only safe integers', () => {
    expect(assertFen('42')).toBe(42);
    expect(assertFen(-3)).toBe(-3);
    expect(() => assertFen(1.5)).toThrow();
    expect(() => assertFen(Number.MAX_SAFE_INTEGER + 1)).toThrow();
    expect(() => assertFen('9007199254740993')).toThrow();
    expect(() => assertFen(null)).toThrow();
  });

  it('sums without leaving the safe range', () => {
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow();
  });

  it('rounds half up, away from zero', () => {
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n); // 2.5 → 3
    expect(divideRoundHalfUp(7n, 3n)).toBe(2n); // 2.33 → 2
    expect(divideRoundHalfUp(8n, 3n)).toBe(3n); // 2.67 → 3
    expect(divideRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfUp(0n, 9n)).toBe(0n);
  });
});
