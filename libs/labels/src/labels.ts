import { ASSET_LABELS } from './domains/assets';
import { COMMON_LABELS } from './domains/common';
import { COMPLAINT_LABELS } from './domains/complaints';
import { FEE_LABELS } from './domains/fees';
import { FIELD_OPERATION_LABELS } from './domains/field-operations';
import { KPI_REPORT_LABELS } from './domains/kpi-reports';
import { PEOPLE_LABELS } from './domains/people';
import { WORK_ORDER_LABELS } from './domains/work-orders';
import type { Label, LabelTable } from './label';

/** Every domain's `code → { zh, en }`, one table for the console, the exports and the reports. */
export const LABELS = {
  ...COMMON_LABELS,
  ...WORK_ORDER_LABELS,
  ...COMPLAINT_LABELS,
  ...FEE_LABELS,
  ...ASSET_LABELS,
  ...FIELD_OPERATION_LABELS,
  ...PEOPLE_LABELS,
  ...KPI_REPORT_LABELS,
} as const;

export const LABEL_LOCALES = ['zh-CN', 'en'] as const;
export type LabelLocale = (typeof LABEL_LOCALES)[number];

/** A domain name: `'workOrderStatus'`, `'feeCategory'` … (a typo does not compile). */
export type LabelDomain = keyof typeof LABELS;

/** The codes a domain knows, e.g. `LabelCode<'workOrderPriority'>` = `'urgent' | 'routine' | 'planned'`. */
export type LabelCode<D extends LabelDomain> = Extract<keyof (typeof LABELS)[D], string>;

/** A select option (the shape antd's `Select` takes). */
export interface LabelOption<D extends LabelDomain = LabelDomain> {
  value: LabelCode<D>;
  label: string;
}

export const LABEL_DOMAINS = Object.keys(LABELS) as LabelDomain[];

function tableOf(domain: LabelDomain): LabelTable {
  return LABELS[domain];
}

/** A `{ zh, en }` text in the locale (headers and other fixed texts beside the labels). */
export function textOf(label: Label, locale: LabelLocale): string {
  return locale === 'en' ? label.en : label.zh;
}

/**
 * A stored code in the reader's language. A code the table does not know (an estate's own
 * work-order category, a code newer than this table) is shown as it is; null/undefined is ''.
 */
export function labelOf(domain: LabelDomain, code: string | null | undefined, locale: LabelLocale): string {
  if (code === null || code === undefined) return '';
  const table = tableOf(domain);
  return Object.hasOwn(table, code) ? textOf(table[code], locale) : code;
}

/** The domain's options for a select, in code order. */
export function labelsOf<D extends LabelDomain>(domain: D, locale: LabelLocale): LabelOption<D>[] {
  const table = tableOf(domain);
  return codesOf(domain).map((code) => ({ value: code, label: textOf(table[code], locale) }));
}

/** The codes a domain labels, in order. */
export function codesOf<D extends LabelDomain>(domain: D): LabelCode<D>[] {
  return Object.keys(tableOf(domain)) as LabelCode<D>[];
}

/** Whether a string names a domain (for values that arrive untyped, e.g. from a URL). */
export function isLabelDomain(name: string): name is LabelDomain {
  return Object.hasOwn(LABELS, name);
}

/** Whether a domain has a label for the code. */
export function hasLabel(domain: LabelDomain, code: string): boolean {
  return Object.hasOwn(tableOf(domain), code);
}
