import type { Estate } from '../../shell/estate';

export interface DeskSettings {
  sla: { urgentArrivalMinutes: number; urgentCompletionHours: number; routineCompletionHours: number };
  workOrderCategories: string[];
}

const DEFAULTS: DeskSettings = {
  sla: { urgentArrivalMinutes: 30, urgentCompletionHours: 24, routineCompletionHours: 72 },
  workOrderCategories: ['plumbing', 'electrical', 'civil', 'elevator', 'door_access', 'hvac', 'other'],
};

/**
 * The estate's effective settings the desk needs. The API fills in the defaults, but its OpenAPI
 * document types `settings` as an untyped object, so the shape is checked here rather than trusted.
 */
export function deskSettings(estate: Estate): DeskSettings {
  const settings: unknown = estate.settings;
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const sla = record(record(settings).sla);
  const number = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  const categories = record(settings).workOrderCategories;
  return {
    sla: {
      urgentArrivalMinutes: number(sla.urgentArrivalMinutes, DEFAULTS.sla.urgentArrivalMinutes),
      urgentCompletionHours: number(sla.urgentCompletionHours, DEFAULTS.sla.urgentCompletionHours),
      routineCompletionHours: number(sla.routineCompletionHours, DEFAULTS.sla.routineCompletionHours),
    },
    workOrderCategories:
      Array.isArray(categories) && categories.every((item) => typeof item === 'string')
        ? (categories as string[])
        : DEFAULTS.workOrderCategories,
  };
}
