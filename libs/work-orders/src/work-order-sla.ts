import { BadRequestError } from '@estate/shared';
import { DateTime } from 'luxon';
import type { EstateSettings } from '@estate/estates';
import type { WorkOrderPriority } from './work-order.constants';

export type SlaSettings = EstateSettings['sla'];

/** An appointment window the resident chose, as instants. */
export interface AppointmentWindow {
  start: Date;
  end: Date;
}

/** An appointment as people give it: a local date and a time span in the estate's zone. */
export interface LocalAppointment {
  date: string;
  startTime: string;
  endTime: string;
}

export interface Deadlines {
  /** Urgent orders only: on site by then. */
  arrivalDueAt: Date | null;
  dueAt: Date;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Deadlines computed at intake (and again when the priority changes), as elapsed time from the
 * report — "24 h" is 24 real hours even across a daylight-saving change:
 * - urgent (急修): on site ≤ urgentArrivalMinutes, done ≤ urgentCompletionHours; an appointment does
 *   not relax an emergency;
 * - routine (零修): done ≤ routineCompletionHours, or — when the resident chose an appointment
 *   window — by the end of that window (earlier or later than the default);
 * - planned (preventive): like routine (it is not counted by KPI #2).
 */
export function computeDeadlines(input: {
  priority: WorkOrderPriority;
  reportedAt: Date;
  sla: SlaSettings;
  appointment?: AppointmentWindow | null;
}): Deadlines {
  const reported = input.reportedAt.getTime();
  if (input.priority === 'urgent') {
    return {
      arrivalDueAt: new Date(reported + input.sla.urgentArrivalMinutes * MINUTE),
      dueAt: new Date(reported + input.sla.urgentCompletionHours * HOUR),
    };
  }
  if (input.appointment) return { arrivalDueAt: null, dueAt: new Date(input.appointment.end.getTime()) };
  return { arrivalDueAt: null, dueAt: new Date(reported + input.sla.routineCompletionHours * HOUR) };
}

/**
 * Turns a local appointment (`2026-10-20`, `09:00`–`12:00` in the estate's zone) into instants.
 * An end not after the start → 400 `APPOINTMENT_INVALID`. A wall time that does not exist on a
 * daylight-saving day moves forward, as clocks do.
 */
export function appointmentWindow(local: LocalAppointment, timeZone: string): AppointmentWindow {
  const start = localInstant(local.date, local.startTime, timeZone);
  const end = localInstant(local.date, local.endTime, timeZone);
  if (end.getTime() <= start.getTime()) {
    throw new BadRequestError(
      'APPOINTMENT_INVALID',
      `The appointment must end after it starts (${local.startTime}–${local.endTime})`,
    );
  }
  return { start, end };
}

function localInstant(date: string, time: string, timeZone: string): Date {
  const match = TIME_PATTERN.exec(time);
  const day = DateTime.fromISO(date, { zone: timeZone });
  if (!match || !day.isValid)
    throw new BadRequestError('APPOINTMENT_INVALID', `Not a local date and time: ${date} ${time}`);
  return day
    .set({ hour: Number(match[1]), minute: Number(match[2]), second: 0, millisecond: 0 })
    .toUTC()
    .toJSDate();
}
