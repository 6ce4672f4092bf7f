import { PhoneOutlined, RightOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { DeadlineTag } from '../../domain/deadline';
import { PriorityTag, WorkOrderStatusTag } from '../../domain/status';
import { formatTime } from '../../format';
import { defineMessages, useLocale, useT } from '../../i18n';
import { useLabel } from '../../labels';
import { useEstate } from '../../shell/estate';

type Order = Schemas['WorkOrderResponse'];

const messages = defineMessages(
  {
    appointment: '预约 {when}',
    call: '拨打 {name} {phone}',
    open: '打开工单 {code}',
  },
  {
    appointment: 'Appointment {when}',
    call: 'Call {name} {phone}',
    open: 'Open work order {code}',
  },
);

/**
 * One order as a card for the phone lists (technician, resident): the whole card opens the order;
 * the reporter's phone is its own big tap-to-call button (a link inside a link is not allowed).
 */
export function OrderCard({
  order,
  to,
  showCall,
  children,
}: {
  order: Order;
  to: string;
  showCall: boolean;
  children?: ReactNode;
}) {
  const t = useT(messages);
  const label = useLabel();
  const estate = useEstate();
  const locale = useLocale();
  const where = order.unitLabel ?? order.locationText ?? '—';
  const phone = order.reporterPhone && !order.reporterPhone.includes('*') ? order.reporterPhone : null;
  return (
    <li className="order-card" data-testid={`order-card-${order.code}`}>
      <Link
        to={to}
        aria-label={t('open', { code: order.code })}
        style={{ color: 'inherit', display: 'block' }}
      >
        <div className="order-card-row" style={{ justifyContent: 'space-between' }}>
          <Typography.Text strong style={{ fontSize: 17 }}>
            {where} · {label('workOrderCategory', order.category)}
          </Typography.Text>
          <RightOutlined aria-hidden />
        </div>
        <div className="order-card-row" style={{ marginTop: 6 }}>
          <Typography.Text type="secondary" className="code">
            {order.code}
          </Typography.Text>
          <WorkOrderStatusTag status={order.status} />
          <PriorityTag priority={order.priority} />
          <DeadlineTag order={order} />
        </div>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0 0' }}>
          {order.description}
        </Typography.Paragraph>
        {order.appointmentStartAt ? (
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {t('appointment', { when: formatTime(order.appointmentStartAt, estate.timeZone, locale) })}
          </Typography.Text>
        ) : null}
        {children}
      </Link>
      {showCall && phone ? (
        <div style={{ marginTop: 8 }}>
          <a
            className="order-card-call"
            href={`tel:${phone}`}
            aria-label={t('call', { name: order.reporterName ?? '', phone })}
          >
            <PhoneOutlined aria-hidden /> {order.reporterName ?? ''} {phone}
          </a>
        </div>
      ) : null}
    </li>
  );
}
