/**
 * Money is integer fen (分, 1/100 yuan) everywhere: in columns, in the API (`amountFen`) and in sums.
 * Yuan appear only at the edges (reports, receipts). Floats never carry money.
 */
export type Fen = number;

export class UnsafeMoneyError extends Error {
  constructor(value: unknown) {
    super(`Not a safe integer amount of fen: ${String(value)}`);
    this.name = 'UnsafeMoneyError';
  }
}

/** Returns the value as a safe integer of fen, or throws: never rounds silently. */
export function assertFen(value: unknown): Fen {
  const numeric = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof numeric !== 'number' || !Number.isSafeInteger(numeric)) throw new UnsafeMoneyError(value);
  return numeric;
}

/** Sums fen amounts, refusing to leave the safe-integer range. */
export function sumFen(amounts: Iterable<Fen>): Fen {
  let total = 0;
  for (const amount of amounts) {
    total += assertFen(amount);
    if (!Number.isSafeInteger(total)) throw new UnsafeMoneyError(total);
  }
  return total;
}

/** Integer division with half-up rounding (away from zero at .5), for exact rational amounts. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const absoluteNumerator = numerator < 0n ? -numerator : numerator;
  const absoluteDenominator = denominator < 0n ? -denominator : denominator;
  const quotient = (absoluteNumerator * 2n + absoluteDenominator) / (absoluteDenominator * 2n);
  return negative ? -quotient : quotient;
}

/** `123456` → `'1234.56'` (no grouping, no symbol): exact, for CSV and machine-readable text. */
export function fenToYuanString(fen: Fen): string {
  const value = assertFen(fen);
  const sign = value < 0 ? '-' : '';
  const absolute = Math.abs(value);
  const yuan = Math.floor(absolute / 100);
  const cents = String(absolute % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/** `123456` → `'¥1,234.56'`; negative amounts as `'-¥1,234.56'`. */
export function formatYuan(fen: Fen, symbol = '¥'): string {
  const plain = fenToYuanString(fen);
  const negative = plain.startsWith('-');
  const [whole, cents] = (negative ? plain.slice(1) : plain).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${symbol}${grouped}.${cents}`;
}

/**
 * Yuan typed by a person → fen, or null: the one parser the API and the web app share, from the
 * dependency-free @estate/money (rules there: at most two decimals, no floats, no exponents).
 */
export { parseYuan, toChineseCapitals } from '@estate/money';
export type { ParseYuanOptions } from '@estate/money';
