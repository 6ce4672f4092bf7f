/** `WO`, `WO-2`, `WO-2026`, `WO-2026-0001…` or `2026-0001…`: a code or the start of one. */
const CODE_PREFIX = /^(?:WO(?:-(?:\d{0,3}|\d{4}(?:-\d{0,6})?))?|\d{4}-\d{0,6})$/i;

/** The code prefix a list `q` stands for (upper-cased, `WO-` added to `2026-…`), or null for free text. */
export function codePrefixOf(q: string): string | null {
  const trimmed = q.trim();
  if (!CODE_PREFIX.test(trimmed)) return null;
  const upper = trimmed.toUpperCase();
  return upper.startsWith('WO') ? upper : `WO-${upper}`;
}
