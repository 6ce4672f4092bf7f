import { useCallback, useSyncExternalStore } from 'react';

export type Locale = 'zh-CN' | 'en';

export interface Messages<K extends string> {
  zh: Record<K, string>;
  en: Record<K, string>;
}

/**
 * Each screen keeps its own texts beside it, Chinese first; the English table must have every key
 * (a missing one does not compile). `{name}` placeholders are filled by `t(key, { name })`.
 */
export function defineMessages<K extends string>(zh: Record<K, string>, en: Record<K, string>): Messages<K> {
  return { zh, en };
}

const KEY = 'estate-ops.locale';
const listeners = new Set<() => void>();
let locale: Locale = readLocale();

function readLocale(): Locale {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function apply(): void {
  document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN';
}
apply();

export function setLocale(next: Locale): void {
  locale = next;
  localStorage.setItem(KEY, next);
  apply();
  for (const listener of listeners) listener();
}

export function currentLocale(): Locale {
  return locale;
}

export function useLocale(): Locale {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => locale,
  );
}

export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export type Translate<K extends string> = (key: K, values?: Record<string, string | number>) => string;

export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const current = useLocale();
  return useCallback(
    (key: K, values?: Record<string, string | number>) =>
      format((current === 'en' ? messages.en : messages.zh)[key], values),
    [current, messages],
  );
}
