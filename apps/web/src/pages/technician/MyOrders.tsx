import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Segmented, Spin, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { call, client } from '../../api/client';
import { useSessionUser } from '../../auth/session';
import { defineMessages, useT } from '../../i18n';
import { useEstate } from '../../shell/estate';
import { OrderCard } from '../work-orders/OrderCard';

const messages = defineMessages(
  {
    title: '我的工单',
    tabs: '工单分类',
    todo: '待处理 {count}',
    doing: '进行中 {count}',
    done: '已完成',
    emptyTodo: '没有待处理的工单。新派的工单会自动出现在这里。',
    emptyDoing: '没有进行中的工单。到场后点“到场”开始维修。',
    emptyDone: '最近没有完成的工单。',
    more: '只显示前 {shown} 条(共 {total} 条),最急的在前。',
    error: '加载失败:{message}',
  },
  {
    title: 'My orders',
    tabs: 'Order groups',
    todo: 'To do {count}',
    doing: 'In progress {count}',
    done: 'Done',
    emptyTodo: 'Nothing to do. New dispatches appear here by themselves.',
    emptyDoing: 'Nothing in progress. Tap "Arrive" on site to start.',
    emptyDone: 'Nothing completed lately.',
    more: 'Showing the first {shown} of {total}, most urgent first.',
    error: 'Could not load: {message}',
  },
);

type Tab = 'todo' | 'doing' | 'done';
const TODO = ['assigned', 'reopened'];
const DOING = ['in_progress', 'on_hold'];

/**
 * The technician's phone home: their open orders from `GET /work-orders/mine` (urgent first, then
 * the earliest deadline; phones in full for tap-to-call), split into to do / in progress, and their
 * recently completed ones from the list filtered to them. The tab is in the URL.
 */
export default function MyOrders() {
  const t = useT(messages);
  const estate = useEstate();
  const user = useSessionUser();
  const { estate: estateCode } = useParams();
  const base = `/e/${estateCode}`;
  const [search, setSearch] = useSearchParams();
  const tab: Tab = search.get('tab') === 'doing' ? 'doing' : search.get('tab') === 'done' ? 'done' : 'todo';

  const mine = useQuery({
    queryKey: ['work-orders', 'mine'],
    queryFn: () => call(client.GET('/api/v1/work-orders/mine', { params: { query: { pageSize: 200 } } })),
  });
  const done = useQuery({
    queryKey: ['work-orders', 'mine-done', estate.id, user?.id],
    enabled: tab === 'done' && Boolean(user),
    queryFn: () =>
      call(
        client.GET('/api/v1/work-orders', {
          params: {
            query: {
              estateId: estate.id,
              assigneeId: user?.id,
              status: ['completed', 'closed'],
              sort: '-completedAt',
              pageSize: 30,
            },
          },
        }),
      ),
  });

  const open = (mine.data?.items ?? []).filter((order) => order.estateId === estate.id);
  const todo = open.filter((order) => TODO.includes(order.status));
  const doing = open.filter((order) => DOING.includes(order.status));
  const shown = tab === 'todo' ? todo : tab === 'doing' ? doing : (done.data?.items ?? []);
  const loading = tab === 'done' ? done.isLoading : mine.isLoading;
  const error = tab === 'done' ? done.error : mine.error;

  return (
    <div className="phone-page">
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Segmented<Tab>
        block
        size="large"
        aria-label={t('tabs')}
        value={tab}
        onChange={(value) => setSearch(value === 'todo' ? {} : { tab: value }, { replace: true })}
        options={[
          { value: 'todo', label: t('todo', { count: todo.length }) },
          { value: 'doing', label: t('doing', { count: doing.length }) },
          { value: 'done', label: t('done') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {error ? <Alert type="error" showIcon title={t('error', { message: error.message })} /> : null}
      {loading ? (
        <Spin />
      ) : shown.length === 0 ? (
        <Empty description={t(tab === 'todo' ? 'emptyTodo' : tab === 'doing' ? 'emptyDoing' : 'emptyDone')} />
      ) : (
        <ul className="order-cards" aria-label={t('title')}>
          {shown.map((order) => (
            <OrderCard
              key={order.id}
              order={order}
              to={`${base}/work-orders/${order.id}`}
              showCall={tab !== 'done'}
            />
          ))}
        </ul>
      )}
      {tab !== 'done' && mine.data && mine.data.total > mine.data.items.length ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('more', { shown: mine.data.items.length, total: mine.data.total })}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
