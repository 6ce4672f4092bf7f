import { useCallback } from 'react';
import { labelOf, labelsOf, type LabelDomain } from '@estate/labels';
import { useLocale } from './i18n';

export type { LabelDomain };

/**
 * Codes in words, from the one label table the exports and the PDF use too (libs/labels):
 * `label('workOrderStatus', 'closed')` → 已关闭 / Closed. Unknown codes (an estate's own
 * categories) are shown as typed.
 */
export function useLabel(): (domain: LabelDomain, code: string | null | undefined) => string {
  const locale = useLocale();
  return useCallback(
    (domain: LabelDomain, code: string | null | undefined) => (code ? labelOf(domain, code, locale) : '—'),
    [locale],
  );
}

/** `{ value, label }` options for a select, in the table's order (optionally only some codes). */
export function useLabelOptions(): (
  domain: LabelDomain,
  only?: readonly string[],
) => { value: string; label: string }[] {
  const locale = useLocale();
  return useCallback(
    (domain: LabelDomain, only?: readonly string[]) =>
      labelsOf(domain, locale)
        .filter((option) => !only || only.includes(option.value))
        .map((option) => ({ value: String(option.value), label: option.label })),
    [locale],
  );
}
