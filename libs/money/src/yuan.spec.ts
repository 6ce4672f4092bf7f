import { formatYuan, parseYuan } from './yuan';

describe('parseYuan (the one yuan → fen parser)', () => {
  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.30', 1230],
    ['12.', 1200],
    ['0', 0],
    ['0.00', 0],
    ['0.01', 1],
    ['1,234.50', 123450],
    ['1,234,567', 123456700],
    ['¥1,234.5', 123450],
    ['￥80', 8000],
    [' 80 ', 8000],
    ['１２．５', 1250],
    ['１，２３４', 123400],
    ['007.5', 750],
    ['1.15', 115], // 1.15 × 100 is 114.99999999999999 as a float
    ['4.35', 435],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('"%s" → %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    '12.345',
    '0.001',
    '-0',
    '-0.00',
    '-1',
    '+1',
    '',
    '   ',
    'abc',
    '12abc',
    '1e3',
    '0x10',
    '.5',
    '.',
    '1.2.3',
    '12,34',
    '1,2345',
    ',123',
    '1 234',
    '¥',
    '¥-1',
    'Infinity',
    'NaN',
    '90071992547409.92', // one fen beyond the safe integers
    '99999999999999999999',
  ])('refuses "%s"', (text) => {
    expect(parseYuan(text)).toBeNull();
  });

  it('takes a minus only when asked, and never a negative zero', () => {
    expect(parseYuan('-12.5', { negative: true })).toBe(-1250);
    expect(parseYuan('-1,000', { negative: true })).toBe(-100000);
    expect(parseYuan('-0', { negative: true })).toBeNull();
    expect(parseYuan('-0.00', { negative: true })).toBeNull();
    expect(parseYuan('-90071992547409.91', { negative: true })).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('is the inverse of formatYuan', () => {
    for (const fen of [0, 1, 99, 100, 123450, 100000001, Number.MAX_SAFE_INTEGER])
      expect(parseYuan(formatYuan(fen))).toBe(fen);
    expect(formatYuan(-1205)).toBe('-¥12.05');
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});
