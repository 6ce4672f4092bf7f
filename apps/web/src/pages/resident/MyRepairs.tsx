import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Segmented, Spin, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { call, client, type Schemas } from '../../api/client';
import { useNow } from '../../domain/deadline';
import { formatDuration, formatTime, minutesUntil } from '../../format';
import { defineMessages, useLocale, useT } from '../../i18n';
import { useLabel } from '../../labels';
import { useEstate } from '../../shell/estate';
import { OrderCard } from '../work-orders/OrderCard';

const messages = defineMessages(
  {
    title: '我的报修',
    tabs: '报修分类',
    open: '处理中',
    finished: '已结束',
    reported: '已受理,正在为您安排维修师傅。',
    assignedSoon: '已派给 {name},预计 {duration}内到场。',
    assignedAppointment: '已派给 {name},将按预约 {when} 上门。',
    assignedBy: '已派给 {name},预计 {when} 前修好。',
    inProgress: '{name} 正在维修。',
    onHold: '维修暂停:{reason}。恢复后会继续。',
    completed: '已修好,请您验收并评价。',
    reopened: '已安排返工,师傅会再次上门。',
    closed: '已验收完成,{satisfaction}。谢谢您的评价。',
    closedNoRating: '已验收完成。',
    cancelled: '已取消:{reason}',
    master: '维修师傅',
    empty: '您还没有报修记录。',
    emptyFinished: '没有已结束的报修。',
    emptyHint: '家里有东西坏了,请拨打物业服务电话报修。',
    error: '加载失败:{message}',
  },
  {
    title: 'My repairs',
    tabs: 'Repair groups',
    open: 'Open',
    finished: 'Finished',
    reported: 'Received; we are finding a technician for you.',
    assignedSoon: 'Dispatched to {name}, on site within {duration}.',
    assignedAppointment: 'Dispatched to {name}, who comes at your appointment {when}.',
    assignedBy: 'Dispatched to {name}, fixed by {when}.',
    inProgress: '{name} is working on it.',
    onHold: 'Paused: {reason}. Work continues once it is resolved.',
    completed: 'Fixed — please check it and rate the work.',
    reopened: 'Sent back for rework; the technician will come again.',
    closed: 'Accepted and closed: {satisfaction}. Thank you for rating.',
    closedNoRating: 'Accepted and closed.',
    cancelled: 'Cancelled: {reason}',
    master: 'the technician',
    empty: 'You have no repairs yet.',
    emptyFinished: 'No finished repairs.',
    emptyHint: 'Something broken at home? Call the property service desk.',
    error: 'Could not load: {message}',
  },
);

type Order = Schemas['WorkOrderResponse'];
type Tab = 'open' | 'finished';
const OPEN: Order['status'][] = ['reported', 'assigned', 'in_progress', 'on_hold', 'completed', 'reopened'];

/**
 * A resident's repairs: the list is scoped by the API to their own unit (`GET /work-orders` answers
 * a resident only their unit's orders). Each card says where the repair stands and what happens next;
 * a completed one asks for the acceptance, made on its detail.
 */
export default function MyRepairs() {
  const t = useT(messages);
  const estate = useEstate();
  const { estate: estateCode } = useParams();
  const base = `/e/${estateCode}`;
  const [search, setSearch] = useSearchParams();
  const tab: Tab = search.get('tab') === 'finished' ? 'finished' : 'open';
  const list = useQuery({
    queryKey: ['work-orders', 'my-repairs', estate.id, tab],
    queryFn: () =>
      call(
        client.GET('/api/v1/work-orders', {
          params: {
            query: {
              estateId: estate.id,
              status: tab === 'open' ? OPEN : ['closed', 'cancelled'],
              pageSize: 50,
            },
          },
        }),
      ),
  });
  // completed orders wait for the resident: those first
  const items = [...(list.data?.items ?? [])].sort(
    (a, b) => Number(b.status === 'completed') - Number(a.status === 'completed'),
  );

  return (
    <div className="phone-page">
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Segmented<Tab>
        block
        size="large"
        aria-label={t('tabs')}
        value={tab}
        onChange={(value) => setSearch(value === 'open' ? {} : { tab: value }, { replace: true })}
        options={[
          { value: 'open', label: t('open') },
          { value: 'finished', label: t('finished') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {list.isError ? (
        <Alert type="error" showIcon title={t('error', { message: list.error.message })} />
      ) : null}
      {list.isLoading ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={tab === 'open' ? `${t('empty')} ${t('emptyHint')}` : t('emptyFinished')} />
      ) : (
        <ul className="order-cards" aria-label={t('title')}>
          {items.map((order) => (
            <OrderCard key={order.id} order={order} to={`${base}/work-orders/${order.id}`} showCall={false}>
              <NextStep order={order} />
            </OrderCard>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Where the repair stands, in a sentence, with what happens next. */
function NextStep({ order }: { order: Order }) {
  const t = useT(messages);
  const label = useLabel();
  const estate = useEstate();
  const locale = useLocale();
  const now = useNow();
  const name = order.assigneeName ?? t('master');
  const when = (iso: string | null | undefined) => formatTime(iso, estate.timeZone, locale);
  let text: string;
  switch (order.status) {
    case 'reported':
      text = t('reported');
      break;
    case 'assigned': {
      const arrivalLeft =
        order.arrivalDueAt && !order.arrivedAt ? minutesUntil(order.arrivalDueAt, now) : null;
      text =
        arrivalLeft !== null && arrivalLeft > 0
          ? t('assignedSoon', { name, duration: formatDuration(arrivalLeft, locale) })
          : order.appointmentStartAt
            ? t('assignedAppointment', { name, when: when(order.appointmentStartAt) })
            : t('assignedBy', { name, when: when(order.dueAt) });
      break;
    }
    case 'in_progress':
      text = t('inProgress', { name });
      break;
    case 'on_hold':
      text = t('onHold', { reason: order.holdReason ?? '—' });
      break;
    case 'completed':
      text = t('completed');
      break;
    case 'reopened':
      text = t('reopened');
      break;
    case 'closed':
      text = order.satisfaction
        ? t('closed', { satisfaction: label('satisfaction', order.satisfaction) })
        : t('closedNoRating');
      break;
    default:
      text = t('cancelled', { reason: order.cancelReason ?? '—' });
  }
  return (
    <Typography.Paragraph
      strong={order.status === 'completed'}
      style={{ margin: '8px 0 0', fontSize: 15 }}
      data-testid="next-step"
    >
      {text}
    </Typography.Paragraph>
  );
}
