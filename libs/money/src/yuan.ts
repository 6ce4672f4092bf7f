/** The largest amount of fen a JavaScript number holds exactly. */
const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/** Full-width forms a Chinese input method types (１２．５，￥) → their ASCII forms. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0C\uFF0E\uFFE5]/g, (character) => {
    if (character === '\uFF0C') return ',';
    if (character === '\uFF0E') return '.';
    if (character === '\uFFE5') return '¥';
    return String.fromCharCode(character.charCodeAt(0) - 0xff10 + 0x30);
  });
}

export interface ParseYuanOptions {
  /** Accept a leading minus (a correction); "-0" and "-0.00" are still refused. Default false. */
  negative?: boolean;
}

/**
 * THE yuan → fen parser of the API and the web app (one implementation, string and bigint
 * arithmetic, never a float): yuan as a person types them → integer fen, or `null` when the text is
 * not exactly an amount.
 *
 * Accepted: digits with at most two decimals (`12`, `12.3` → 1230, `12.30`, `0.01`, `12.` → 1200),
 * thousands separators in their right places (`1,234.50` → 123450; `12,34` is refused), a leading
 * `¥`/`￥`, surrounding spaces, full-width digits, dot and comma (`１２．５`). Refused (`null`): more
 * than two decimals (`12.345`), exponents (`1e3`), letters, empty text, a bare or leading dot (`.5`),
 * a plus sign, a minus sign unless `negative` is set, any negative zero (`-0`), and amounts beyond
 * Number.MAX_SAFE_INTEGER fen (¥90,071,992,547,409.91).
 */
export function parseYuan(text: string, options: ParseYuanOptions = {}): number | null {
  if (typeof text !== 'string') return null;
  const match = /^(-?)¥?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{0,2}))?$/.exec(halfWidth(text).trim());
  if (!match) return null;
  const [, sign, whole, decimals = ''] = match;
  if (sign && !options.negative) return null;
  const fen = BigInt(whole.replace(/,/g, '')) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (fen > MAX_FEN) return null;
  if (sign && fen === 0n) return null;
  return Number(sign ? -fen : fen);
}

/** Integer fen → "¥1,234.50" (negative: "-¥12.00"); throws on a fen value that is not a safe integer. */
export function formatYuan(fen: number, symbol = '¥'): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Not a safe integer amount of fen: ${String(fen)}`);
  const negative = fen < 0;
  const absolute = Math.abs(fen);
  const whole = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(absolute % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${symbol}${whole}.${cents}`;
}
