/**
 * The SLA countdown of an open work order: which deadline is next (on site for an urgent order not
 * yet arrived, else completion), the minutes left (negative once passed) and how pressing it is.
 * Done, closed and cancelled orders have none.
 */
export interface SlaOrder {
  status: string;
  reportedAt: string;
  arrivalDueAt?: string | null;
  arrivedAt?: string | null;
  dueAt: string;
}

export type SlaPhase = 'arrival' | 'completion';
/** late: the deadline has passed; soon: less than a quarter of the time allowed is left; ok: otherwise. */
export type SlaTone = 'ok' | 'soon' | 'late';

export interface SlaCountdown {
  phase: SlaPhase;
  minutes: number;
  tone: SlaTone;
}

const WITHOUT_COUNTDOWN = new Set(['completed', 'closed', 'cancelled']);

export function slaCountdown(order: SlaOrder, now: number): SlaCountdown | null {
  if (WITHOUT_COUNTDOWN.has(order.status)) return null;
  const phase: SlaPhase = order.arrivalDueAt && !order.arrivedAt ? 'arrival' : 'completion';
  const due = new Date((phase === 'arrival' ? order.arrivalDueAt : order.dueAt) ?? order.dueAt).getTime();
  const allowed = due - new Date(order.reportedAt).getTime();
  const left = due - now;
  const minutes = left >= 0 ? Math.floor(left / 60_000) : -Math.ceil(-left / 60_000);
  const tone: SlaTone = left < 0 ? 'late' : left <= allowed / 4 ? 'soon' : 'ok';
  return { phase, minutes, tone };
}
