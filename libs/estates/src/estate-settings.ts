/**
 * Per-estate settings, stored as JSON on the estate. Every module reads its section through
 * `settingsOf(estate)`, which fills the defaults, so an estate only stores what it overrides.
 */
export interface EstateSettings {
  /** Work-order SLA (KPI #2). */
  sla: { urgentArrivalMinutes: number; urgentCompletionHours: number; routineCompletionHours: number };
  /** Per-estate work-order categories. */
  workOrderCategories: string[];
  /** Complaint deadlines. */
  complaints: { firstResponseHours: number; resolutionHours: number };
  /** Survey confidence (KPI #25). */
  surveys: { lowConfidenceCoveragePercent: number };
  /** Billing: due day of the period month; late fees are off unless the estate's city allows them. */
  billing: { dueDay: number; lateFeeEnabled: boolean; lateFeeDailyRatePerTenThousand: number };
  /** When the monthly compliance report is generated (estate time). */
  reports: { dayOfMonth: number; time: string };
  /** How far back a client may date a fact (arrival, payment, judgement …); 0 turns back-dating off. */
  facts: { maxBackdateDays: number };
}

export const DEFAULT_ESTATE_SETTINGS: EstateSettings = {
  sla: { urgentArrivalMinutes: 30, urgentCompletionHours: 24, routineCompletionHours: 72 },
  workOrderCategories: ['plumbing', 'electrical', 'civil', 'elevator', 'door_access', 'hvac', 'other'],
  complaints: { firstResponseHours: 24, resolutionHours: 72 },
  surveys: { lowConfidenceCoveragePercent: 30 },
  billing: { dueDay: 15, lateFeeEnabled: false, lateFeeDailyRatePerTenThousand: 5 },
  reports: { dayOfMonth: 2, time: '03:00' },
  facts: { maxBackdateDays: 7 },
};

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};
export type EstateSettingsOverrides = DeepPartial<EstateSettings>;

/** Keeps only the keys whose value is given (DTO instances carry unset optional fields as undefined). */
function given<T extends object>(section: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(section ?? {}).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** Defaults overlaid with what the estate stores (section by section). */
export function settingsOf(stored: EstateSettingsOverrides | null | undefined): EstateSettings {
  const overrides = stored ?? {};
  return {
    sla: { ...DEFAULT_ESTATE_SETTINGS.sla, ...given(overrides.sla) },
    workOrderCategories: overrides.workOrderCategories ?? DEFAULT_ESTATE_SETTINGS.workOrderCategories,
    complaints: { ...DEFAULT_ESTATE_SETTINGS.complaints, ...given(overrides.complaints) },
    surveys: { ...DEFAULT_ESTATE_SETTINGS.surveys, ...given(overrides.surveys) },
    billing: { ...DEFAULT_ESTATE_SETTINGS.billing, ...given(overrides.billing) },
    reports: { ...DEFAULT_ESTATE_SETTINGS.reports, ...given(overrides.reports) },
    facts: { ...DEFAULT_ESTATE_SETTINGS.facts, ...given(overrides.facts) },
  };
}

/** Merges a partial update into stored overrides, section by section. */
export function mergeSettings(
  stored: EstateSettingsOverrides | null | undefined,
  update: EstateSettingsOverrides,
): EstateSettingsOverrides {
  const current = stored ?? {};
  const merged: EstateSettingsOverrides = { ...current };
  for (const key of Object.keys(update) as (keyof EstateSettings)[]) {
    const value = update[key];
    if (value === undefined) continue;
    (merged as Record<string, unknown>)[key] =
      Array.isArray(value) || typeof value !== 'object' ? value : { ...(current[key] as object), ...value };
  }
  return merged;
}
