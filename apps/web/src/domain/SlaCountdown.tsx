import { CheckCircleOutlined, ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatDuration } from '../format';
import { defineMessages, useLocale, useT } from '../i18n';
import { slaCountdown, type SlaOrder } from './sla';

const messages = defineMessages(
  {
    arrivalLeft: '剩 {time}到场',
    arrivalLate: '到场超时 {time}',
    completionLeft: '剩 {time}完成',
    completionLate: '超时 {time}',
  },
  {
    arrivalLeft: '{time} left to arrive',
    arrivalLate: 'Arrival {time} overdue',
    completionLeft: '{time} left to complete',
    completionLate: '{time} overdue',
  },
);

/** Now, refreshed every `every` ms (countdowns on screen). */
export function useNow(every = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), every);
    return () => clearInterval(timer);
  }, [every]);
  return now;
}

/**
 * "剩 25分钟到场" / "超时 2小时05分": the next deadline in words, with an icon and a colour
 * (late: red, less than a quarter of the time left: orange) — never colour alone. Nothing for
 * orders that are done.
 */
export function SlaCountdown({ order, now }: { order: SlaOrder; now: number }) {
  const t = useT(messages);
  const locale = useLocale();
  const countdown = slaCountdown(order, now);
  if (!countdown) return <Typography.Text type="secondary">—</Typography.Text>;
  const late = countdown.tone === 'late';
  const time = formatDuration(Math.max(Math.abs(countdown.minutes), late ? 1 : 0), locale);
  const key =
    countdown.phase === 'arrival'
      ? late
        ? 'arrivalLate'
        : 'arrivalLeft'
      : late
        ? 'completionLate'
        : 'completionLeft';
  return (
    <Typography.Text
      type={late ? 'danger' : countdown.tone === 'soon' ? 'warning' : undefined}
      strong={late}
      data-testid="sla-countdown"
      style={{ whiteSpace: 'nowrap' }}
    >
      {late ? (
        <WarningOutlined />
      ) : countdown.tone === 'soon' ? (
        <ClockCircleOutlined />
      ) : (
        <CheckCircleOutlined />
      )}{' '}
      {t(key, { time })}
    </Typography.Text>
  );
}
