import { useEffect, useState } from 'react';
import type { Schemas } from '../api/client';
import { StatusTag, type Tone } from '../components/Status';
import { formatDuration, minutesUntil } from '../format';
import { defineMessages, useLocale, useT, type Locale } from '../i18n';

type Order = Pick<
  Schemas['WorkOrderResponse'],
  'status' | 'arrivalDueAt' | 'dueAt' | 'arrivedAt' | 'completedAt' | 'firstCompletedAt'
>;

const messages = defineMessages(
  {
    arrivalLeft: '{duration}内到场',
    arrivalLate: '到场已超时 {duration}',
    completionLeft: '{duration}内完成',
    completionLate: '完成已超时 {duration}',
    onTime: '按时完成',
    late: '超时 {duration} 完成',
  },
  {
    arrivalLeft: 'On site within {duration}',
    arrivalLate: 'Arrival overdue by {duration}',
    completionLeft: 'Done within {duration}',
    completionLate: 'Completion overdue by {duration}',
    onTime: 'Completed on time',
    late: 'Completed {duration} late',
  },
);

export type DeadlineKey = keyof typeof messages.zh;

/**
 * Where an order stands against its SLA, in words: before arrival the arrival deadline counts (urgent
 * orders have one), after it the completion deadline; once done, whether it was done in time.
 * Cancelled orders have no deadline. Pure, for the tests and for the lists.
 */
export function deadlineOf(
  order: Order,
  now: number = Date.now(),
): { key: DeadlineKey; minutes: number; tone: Tone } | null {
  if (order.status === 'cancelled') return null;
  const done = order.firstCompletedAt ?? (order.status === 'completed' ? order.completedAt : null);
  if (done && (order.status === 'completed' || order.status === 'closed')) {
    const late = -minutesUntil(order.dueAt, new Date(done).getTime());
    return late > 0
      ? { key: 'late', minutes: late, tone: 'bad' }
      : { key: 'onTime', minutes: 0, tone: 'done' };
  }
  const arrival = order.arrivalDueAt && !order.arrivedAt ? order.arrivalDueAt : null;
  const due = arrival ?? order.dueAt;
  const left = minutesUntil(due, now);
  if (left < 0) return { key: arrival ? 'arrivalLate' : 'completionLate', minutes: -left, tone: 'bad' };
  const soon = arrival ? left <= 10 : left <= 120;
  return { key: arrival ? 'arrivalLeft' : 'completionLeft', minutes: left, tone: soon ? 'warning' : 'new' };
}

export function deadlineText(
  t: (key: DeadlineKey, values?: Record<string, string>) => string,
  deadline: { key: DeadlineKey; minutes: number },
  locale: Locale,
): string {
  return t(deadline.key, { duration: formatDuration(Math.max(deadline.minutes, 1), locale) });
}

/** The current minute, re-rendering once a minute so countdowns move. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The SLA countdown or overdue as a tag: words and an icon beside the colour. */
export function DeadlineTag({ order }: { order: Order }) {
  const t = useT(messages);
  const locale = useLocale();
  const now = useNow();
  const deadline = deadlineOf(order, now);
  if (!deadline) return null;
  return <StatusTag tone={deadline.tone}>{deadlineText(t, deadline, locale)}</StatusTag>;
}
