const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/** Places inside a four-digit section: 仟佰拾 and the ones. */
const PLACES = ['', '拾', '佰', '仟'];
/** The section names, every four digits: ones, 万, 亿, 万亿 (兆). */
const SECTIONS = ['', '万', '亿', '万亿'];

/** One section of four digits (0 < value < 10000) in capitals, with its inner zeros as one 零. */
function section(value: number): string {
  let text = '';
  let pendingZero = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(value / 10 ** place) % 10;
    if (digit === 0) {
      if (text) pendingZero = true;
      continue;
    }
    if (pendingZero) text += '零';
    pendingZero = false;
    text += DIGITS[digit] + PLACES[place];
  }
  return text;
}

/**
 * Integer fen → the amount in Chinese capitals (大写金额) as written on a receipt or cheque:
 * 12345 → 壹佰贰拾叁元肆角伍分; 10000 → 壹佰元整; 100507 → 壹仟零伍元零柒分; 50 → 伍角; 0 → 零元整.
 *
 * Rules (the customary ones of Chinese financial writing):
 * - yuan are read in sections of four digits named 万 and 亿 (and 万亿); an all-zero section is not
 *   named (壹亿零伍万 is not written 壹亿零万伍万) and the zeros it stands for are one 零;
 * - zeros inside a section, and between sections (a gap of zeros before the next non-zero digit), are
 *   one 零 (壹万零伍拾元, 壹拾万零叁元); trailing zeros of the yuan are silent (壹佰元);
 * - 拾 always takes its digit (壹拾元, not 拾元);
 * - jiao and fen: 整 when both are zero (壹佰元整); 零 between the yuan and a fen without jiao
 *   (壹仟零伍元零柒分); no yuan → only jiao and fen (伍角, 伍分, 伍角伍分); a jiao without fen ends
 *   with the jiao (壹元伍角 — 壹元伍角整 is also seen; this is the form the tests fix);
 * - a negative amount is prefixed 负.
 */
export function toChineseCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Not a safe integer amount of fen: ${String(fen)}`);
  if (fen < 0) return `负${toChineseCapitals(-fen)}`;
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';

  let text = '';
  if (yuan > 0) {
    const sections: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10000)) sections.push(rest % 10000);
    let pendingZero = false;
    for (let index = sections.length - 1; index >= 0; index--) {
      const value = sections[index];
      if (value === 0) {
        if (text) pendingZero = true;
        continue;
      }
      // A zero before this section: a skipped section, or this section not filling its thousands.
      if (text && (pendingZero || value < 1000)) text += '零';
      pendingZero = false;
      text += section(value) + SECTIONS[index];
    }
    text += '元';
  }
  if (jiao === 0 && cents === 0) return `${text}整`;
  if (jiao > 0) text += `${DIGITS[jiao]}角`;
  else if (yuan > 0) text += '零';
  if (cents > 0) text += `${DIGITS[cents]}分`;
  return text;
}
