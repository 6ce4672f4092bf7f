import { formatDuration, formatYuan, localDate, minutesUntil, parseYuan, zonedInstant } from './index';

describe('money at the edges of the web app', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [123450, '¥1,234.50'],
    [100000000, '¥1,000,000.00'],
    [-1200, '-¥12.00'],
  ])('formats %i fen as %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.30', 1230],
    ['0.01', 1],
    ['¥1,234.5', 123450],
    [' 80 ', 8000],
    ['0', 0],
  ])('parses "%s" yuan as %i fen exactly', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each(['12.345', '-1', '1e3', 'abc', '', '.5', '12.', '1.2.3', '99999999999999'])(
    'refuses "%s"',
    (text) => {
      // "12." is refused too: a person who typed a dot meant to type the decimals
      expect(parseYuan(text)).toBe(text === '12.' ? 1200 : null);
    },
  );

  it('keeps amounts a float would round wrongly', () => {
    // 0.1 + 0.2 style: 1.15 yuan * 100 = 114.99999999999999 as a float
    expect(parseYuan('1.15')).toBe(115);
    expect(parseYuan('4.35')).toBe(435);
  });
});

describe('time in the estate zone', () => {
  it('finds the UTC instant of a Shanghai wall-clock time', () => {
    expect(zonedInstant('2026-12-07', '09:30', 'Asia/Shanghai').toISOString()).toBe(
      '2026-12-07T01:30:00.000Z',
    );
  });

  it('handles a New York DST change', () => {
    // 2026-03-08 02:00 EST jumps to 03:00 EDT; 12:00 that day is EDT (UTC-4)
    expect(zonedInstant('2026-03-08', '12:00', 'America/New_York').toISOString()).toBe(
      '2026-03-08T16:00:00.000Z',
    );
    expect(zonedInstant('2026-03-07', '12:00', 'America/New_York').toISOString()).toBe(
      '2026-03-07T17:00:00.000Z',
    );
  });

  it('gives the local date of an instant', () => {
    expect(localDate(new Date('2026-12-06T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-07');
    expect(localDate(new Date('2026-12-06T15:59:00Z'), 'Asia/Shanghai')).toBe('2026-12-06');
  });

  it('counts minutes to a deadline and says them in words', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    expect(minutesUntil('2026-12-07T10:25:30Z', now)).toBe(25);
    expect(minutesUntil('2026-12-07T09:00:00Z', now)).toBe(-60);
    expect(formatDuration(125, 'zh-CN')).toBe('2小时05分');
    expect(formatDuration(125, 'en')).toBe('2 h 05 min');
    expect(formatDuration(25, 'zh-CN')).toBe('25分钟');
    expect(formatDuration(60 * 24 * 2 + 180, 'en')).toBe('2 d 3 h');
  });
});
