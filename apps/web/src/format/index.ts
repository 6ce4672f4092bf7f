import type { Locale } from '../i18n';

/** Integer fen → "¥1,234.50" (negative: "-¥12.00"). Money never passes through a float here. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const negative = fen < 0;
  const absolute = Math.abs(fen);
  const yuan = Math.floor(absolute / 100).toLocaleString('en-US');
  const cents = String(absolute % 100).padStart(2, '0');
  return `${negative ? '-' : ''}¥${yuan}.${cents}`;
}

/**
 * Yuan as typed ("12", "12.3", "1,234.5") → integer fen exactly, or null: the same parser as the API
 * (@estate/money, string and bigint arithmetic, never a float). Amounts in Chinese capitals too.
 */
export { parseYuan, toChineseCapitals } from '@estate/money';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let value = formatters.get(key);
  if (!value) {
    value = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, value);
  }
  return value;
}

/** An instant in the estate's zone: "2026/12/07 14:05" (zh) or "07/12/2026, 14:05" (en). */
export function formatTime(iso: string | null | undefined, timeZone: string, locale: Locale): string {
  if (!iso) return '—';
  return formatter(locale, timeZone, true).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, timeZone: string, locale: Locale): string {
  if (!iso) return '—';
  return formatter(locale, timeZone, false).format(new Date(iso));
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The UTC instant of a local wall-clock time (YYYY-MM-DD, HH:mm) in a zone (DST-safe by two passes). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let instant = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  instant = guess - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .formatToParts(instant)
    .reduce<Record<string, number>>((all, part) => ({ ...all, [part.type]: Number(part.value) }), {});
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** Minutes from now until an instant (negative once it has passed). */
export function minutesUntil(iso: string, now: number = Date.now()): number {
  return Math.floor((new Date(iso).getTime() - now) / 60_000);
}

/** "2 h 05 min" / "2小时05分" for a positive number of minutes. */
export function formatDuration(minutes: number, locale: Locale): string {
  const absolute = Math.abs(minutes);
  const days = Math.floor(absolute / 1440);
  const hours = Math.floor((absolute % 1440) / 60);
  const rest = absolute % 60;
  if (locale === 'en') {
    if (days > 0) return `${days} d ${hours} h`;
    return hours > 0 ? `${hours} h ${String(rest).padStart(2, '0')} min` : `${rest} min`;
  }
  if (days > 0) return `${days}天${hours}小时`;
  return hours > 0 ? `${hours}小时${String(rest).padStart(2, '0')}分` : `${rest}分钟`;
}
