import type { FrequencyUnit } from './cleaning.entities';

/**
 * Cleanings a zone is scheduled for over `activeDays` days: per-day frequency × days; per-week
 * frequency × days / 7, rounded down (a part week only counts the whole cleanings it contains).
 */
export function scheduledCleanings(times: number, unit: FrequencyUnit, activeDays: number): number {
  if (activeDays <= 0) return 0;
  return unit === 'day' ? times * activeDays : Math.floor((times * activeDays) / 7);
}
