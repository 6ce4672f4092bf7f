import { InstantRange } from '@estate/shared';
import { DateTime } from 'luxon';

/** Every `intervalMinutes` from `activeFrom` to `activeTo` (local `HH:mm`) each day. */
export interface RouteSchedule {
  intervalMinutes: number;
  activeFrom: string;
  activeTo: string;
}

export interface Slot {
  start: Date;
  end: Date;
}

/** A round may start this early and still count for the next slot. */
export const EARLY_TOLERANCE_MINUTES = 15;
/** A round starting more than this after its slot start is late. */
export const LATE_GRACE_MINUTES = 15;

const MINUTE = 60_000;

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * The slots starting in [range.start, range.end). Each local day D has a window from D `activeFrom`
 * to `activeTo` (on D+1 when `activeTo` ≤ `activeFrom`: equal means 24 hours); slots start at the
 * window start and every interval after it while inside the window, and end at the next slot or
 * the window end. A slot belongs to the day its window opened, even after midnight.
 */
export function slotsBetween(schedule: RouteSchedule, timeZone: string, range: InstantRange): Slot[] {
  if (range.end.getTime() <= range.start.getTime()) return [];
  const from = minutesOf(schedule.activeFrom);
  const to = minutesOf(schedule.activeTo);
  const windowMinutes = to > from ? to - from : to + 24 * 60 - from;
  const slots: Slot[] = [];
  let day = DateTime.fromJSDate(range.start, { zone: timeZone }).startOf('day').minus({ days: 1 });
  const lastDay = DateTime.fromJSDate(range.end, { zone: timeZone }).startOf('day');
  for (; day <= lastDay; day = day.plus({ days: 1 })) {
    const windowStart = day
      .set({ hour: Math.floor(from / 60), minute: from % 60 })
      .toJSDate()
      .getTime();
    const windowEnd = windowStart + windowMinutes * MINUTE;
    for (let start = windowStart; start < windowEnd; start += schedule.intervalMinutes * MINUTE) {
      if (start < range.start.getTime() || start >= range.end.getTime()) continue;
      slots.push({
        start: new Date(start),
        end: new Date(Math.min(start + schedule.intervalMinutes * MINUTE, windowEnd)),
      });
    }
  }
  return slots;
}

/**
 * The slot a round started at `startedAt` answers: the latest slot with
 * start − 15 min ≤ startedAt < end. Lateness is minutes after the slot start (0 if early).
 */
export function matchSlot(
  schedule: RouteSchedule,
  timeZone: string,
  startedAt: Date,
): { slot: Slot; lateMinutes: number } | null {
  const around = slotsBetween(schedule, timeZone, {
    start: new Date(startedAt.getTime() - 2 * 24 * 60 * MINUTE),
    end: new Date(startedAt.getTime() + EARLY_TOLERANCE_MINUTES * MINUTE + 1),
  });
  const time = startedAt.getTime();
  const candidates = around.filter(
    (slot) => slot.start.getTime() - EARLY_TOLERANCE_MINUTES * MINUTE <= time && time < slot.end.getTime(),
  );
  const slot = candidates[candidates.length - 1];
  if (!slot) return null;
  return { slot, lateMinutes: Math.max(0, Math.floor((time - slot.start.getTime()) / MINUTE)) };
}

/** Slots that have ended by `now` and that no round answered. */
export function missedSlots(slots: Slot[], answeredSlotStarts: Set<number>, now: Date): Slot[] {
  return slots.filter(
    (slot) => slot.end.getTime() <= now.getTime() && !answeredSlotStarts.has(slot.start.getTime()),
  );
}

export interface ScanRef {
  id: string;
  checkpointId: string;
}

export interface RoundOutcome {
  scannedCheckpointIds: string[];
  missedCheckpointIds: string[];
  /** Scans of a checkpoint that comes before one already scanned (first scan of each checkpoint only). */
  outOfOrderScanIds: string[];
}

/**
 * Compares the scans (in scan-time order) with the route's ordered checkpoints. Repeat scans of a
 * checkpoint are ignored; a first scan is out of order when a checkpoint later on the route was
 * scanned before it.
 */
export function roundOutcome(expectedCheckpointIds: string[], scans: ScanRef[]): RoundOutcome {
  const position = new Map(expectedCheckpointIds.map((id, index) => [id, index]));
  const seen = new Set<string>();
  const outOfOrderScanIds: string[] = [];
  let furthest = -1;
  for (const scan of scans) {
    const index = position.get(scan.checkpointId);
    if (index === undefined || seen.has(scan.checkpointId)) continue;
    seen.add(scan.checkpointId);
    if (index < furthest) outOfOrderScanIds.push(scan.id);
    else furthest = index;
  }
  return {
    scannedCheckpointIds: expectedCheckpointIds.filter((id) => seen.has(id)),
    missedCheckpointIds: expectedCheckpointIds.filter((id) => !seen.has(id)),
    outOfOrderScanIds,
  };
}

/** Slot coverage: expected slots, how many a round answered, and the rest. */
export function slotCoverage(slots: Slot[], answeredSlotStarts: Set<number>) {
  const covered = slots.filter((slot) => answeredSlotStarts.has(slot.start.getTime())).length;
  return { expected: slots.length, covered, missed: slots.length - covered };
}

/** Percentage with two decimals; null when there is nothing to cover. */
export function coveragePercent(done: number, expected: number): number | null {
  return expected > 0 ? Math.round((done / expected) * 10000) / 100 : null;
}
