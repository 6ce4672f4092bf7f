import { DateTime } from 'luxon';
import { previousPeriod, periodOf } from '@estate/shared';

export interface ReportSchedule {
  dayOfMonth: number;
  /** `HH:mm` in the estate's zone */
  time: string;
}

/**
 * When this month's run (for the previous month) is due: the given day at the given time in the
 * estate's zone, the day clamped to the month's last day (a 31 in February runs on the 28th/29th).
 */
export function scheduledInstant(now: Date, timeZone: string, schedule: ReportSchedule): Date {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const [hour, minute] = schedule.time.split(':').map(Number);
  const day = Math.min(Math.max(1, schedule.dayOfMonth), local.daysInMonth ?? 28);
  return DateTime.fromObject(
    { year: local.year, month: local.month, day, hour, minute },
    { zone: timeZone },
  ).toJSDate();
}

/** The period whose report is due at `now`, or null when this month's scheduled time has not come yet. */
export function duePeriod(now: Date, timeZone: string, schedule: ReportSchedule): string | null {
  if (now < scheduledInstant(now, timeZone, schedule)) return null;
  return previousPeriod(periodOf(now, timeZone));
}
