import { AuditOutlined, PhoneOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Space, Table, Typography } from 'antd';
import { useMessage } from '../../components/feedback';
import { ListEmpty } from '../../components/ListEmpty';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, call, client, type Schemas } from '../../api/client';
import { WorkOrderStatusTag } from '../../domain/status';
import { formatTime } from '../../format';
import { defineMessages, useLocale, useT } from '../../i18n';
import { useLabel, useLabelOptions } from '../../labels';
import { useEstate } from '../../shell/estate';

const messages = defineMessages(
  {
    title: '回访',
    intro: '已完工、尚未回访的工单,完工最早的在前。展开一行,给报修人打电话并记录回访结果。',
    total: '共 {total} 条待回访',
    empty: '没有待回访的工单',
    emptyHint: '维修员完工后,工单会出现在这里。',
    code: '编号',
    unit: '房屋/位置',
    category: '类别',
    assignee: '维修员',
    completedAt: '完工时间',
    reporter: '报修人',
    status: '状态',
    visit: '回访',
    close: '收起',
    call: '拨打 {name} {phone}',
    noPhone: '未留电话',
    resolution: '处理结果',
    method: '回访方式',
    satisfaction: '满意度',
    comment: '回访记录',
    commentPlaceholder: '业主的反馈,如:已不漏水,师傅态度好',
    save: '保存回访',
    saved: '{code} 已回访',
    error: '加载失败:{message}',
  },
  {
    title: 'Return visits',
    intro:
      'Completed orders not yet visited, the earliest completed first. Open a row, call the reporter and record the visit.',
    total: '{total} awaiting a visit',
    empty: 'No order is awaiting a return visit',
    emptyHint: 'Orders appear here once the technician completes them.',
    code: 'Code',
    unit: 'Unit / place',
    category: 'Category',
    assignee: 'Technician',
    completedAt: 'Completed at',
    reporter: 'Reporter',
    status: 'Status',
    visit: 'Visit',
    close: 'Close',
    call: 'Call {name} {phone}',
    noPhone: 'No phone given',
    resolution: 'Resolution',
    method: 'Method',
    satisfaction: 'Satisfaction',
    comment: 'Notes',
    commentPlaceholder: 'What the resident said, e.g. no more leak, polite technician',
    save: 'Save visit',
    saved: '{code}: return visit recorded',
    error: 'Could not load: {message}',
  },
);

type Order = Schemas['WorkOrderResponse'];
type VisitBody = Schemas['ReturnVisitRequest'];

/**
 * The return-visit queue (回访): completed or closed orders with no return visit yet, oldest
 * completion first (`GET /work-orders?returnVisited=false&sort=completedAt`), the visit form inline
 * in the expanded row. A saved visit takes the order out of the queue.
 */
export default function ReturnVisits() {
  const t = useT(messages);
  const estate = useEstate();
  const locale = useLocale();
  const label = useLabel();
  const { estate: estateCode } = useParams();
  const base = `/e/${estateCode}`;
  const [params, setParams] = useSearchParams();
  const [expanded, setExpanded] = useState<string[]>([]);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;

  const query = {
    estateId: estate.id,
    returnVisited: false,
    sort: 'completedAt' as const,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: ['work-orders', 'return-visits', query],
    placeholderData: (previous) => previous,
    queryFn: () => call(client.GET('/api/v1/work-orders', { params: { query } })),
  });

  const toggle = (id: string) =>
    setExpanded((keys) => (keys.includes(id) ? keys.filter((key) => key !== id) : [...keys, id]));

  return (
    <div>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {list.isError ? (
        <Alert type="error" showIcon role="alert" title={t('error', { message: list.error.message })} />
      ) : null}
      <Table<Order>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        expandable={{
          expandedRowKeys: expanded,
          onExpand: (_open, row) => toggle(row.id),
          expandedRowRender: (row) => (
            <VisitForm
              order={row}
              onSaved={() => setExpanded((keys) => keys.filter((key) => key !== row.id))}
            />
          ),
        }}
        locale={{
          emptyText: <ListEmpty title={t('empty')} hint={t('emptyHint')} />,
        }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('total', { total }),
          onChange: (nextPage, nextSize) =>
            setParams(
              new URLSearchParams({
                page: String(nextSize === pageSize ? nextPage : 1),
                pageSize: String(nextSize),
              }),
              { replace: true },
            ),
        }}
        columns={[
          {
            key: 'code',
            title: t('code'),
            render: (_, row) => <Link to={`${base}/work-orders/${row.id}`}>{row.code}</Link>,
          },
          { key: 'unit', title: t('unit'), render: (_, row) => row.unitLabel ?? row.locationText ?? '—' },
          {
            key: 'category',
            title: t('category'),
            render: (_, row) => label('workOrderCategory', row.category),
          },
          { key: 'assignee', title: t('assignee'), render: (_, row) => row.assigneeName ?? '—' },
          {
            key: 'completedAt',
            title: t('completedAt'),
            render: (_, row) => formatTime(row.completedAt, estate.timeZone, locale),
          },
          {
            key: 'reporter',
            title: t('reporter'),
            render: (_, row) => [row.reporterName, row.reporterPhone].filter(Boolean).join(' ') || '—',
          },
          {
            key: 'status',
            title: t('status'),
            render: (_, row) => <WorkOrderStatusTag status={row.status} />,
          },
          {
            key: 'visit',
            title: t('visit'),
            render: (_, row) => (
              <Button
                size="small"
                type={expanded.includes(row.id) ? 'default' : 'primary'}
                icon={<AuditOutlined />}
                aria-expanded={expanded.includes(row.id)}
                aria-label={`${t(expanded.includes(row.id) ? 'close' : 'visit')} ${row.code}`}
                onClick={() => toggle(row.id)}
              >
                {t(expanded.includes(row.id) ? 'close' : 'visit')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}

/**
 * The visit form of one order, inline: the reporter's phone in full (the order's own record; lists
 * mask it) as a tap-to-call link, the resolution to read out, then method, satisfaction and notes
 * as `POST /work-orders/{id}/return-visits` takes them.
 */
function VisitForm({ order, onSaved }: { order: Order; onSaved: () => void }) {
  const t = useT(messages);
  const options = useLabelOptions();
  const queryClient = useQueryClient();
  const message = useMessage();
  const [form] = Form.useForm<VisitBody>();
  const [error, setError] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['work-order', order.id],
    queryFn: () => call(client.GET('/api/v1/work-orders/{id}', { params: { path: { id: order.id } } })),
  });
  const phone = detail.data?.reporterPhone ?? null;
  const name = detail.data?.reporterName ?? order.reporterName ?? '';

  const save = useMutation({
    mutationFn: (body: VisitBody) =>
      call(
        client.POST('/api/v1/work-orders/{id}/return-visits', {
          params: { path: { id: order.id } },
          body: { ...body, comment: body.comment?.trim() || undefined },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['work-order', order.id] });
      void message.success(t('saved', { code: order.code }));
      onSaved();
    },
    onError: (cause) => {
      if (cause instanceof ApiError) {
        const fields = cause.fieldErrors();
        const known = (['method', 'satisfaction', 'comment', 'visitedAt'] as const).filter(
          (key) => fields[key],
        );
        form.setFields(known.map((key) => ({ name: key, errors: [fields[key]] })));
        setError(known.length ? null : cause.message);
        return;
      }
      setError(String(cause));
    },
  });

  return (
    <div style={{ maxWidth: 720 }} data-testid={`visit-${order.code}`}>
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap>
          {phone ? (
            <Button icon={<PhoneOutlined />} href={`tel:${phone}`} aria-label={t('call', { name, phone })}>
              {[name, phone].filter(Boolean).join(' ')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{detail.isLoading ? '…' : t('noPhone')}</Typography.Text>
          )}
        </Space>
        {detail.data?.resolution ? (
          <Typography.Text>
            <Typography.Text type="secondary">{t('resolution')}:</Typography.Text> {detail.data.resolution}
          </Typography.Text>
        ) : null}
        {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
        <Form<VisitBody>
          form={form}
          name={`visit-${order.id}`}
          layout="vertical"
          initialValues={{ method: 'phone' }}
          onFinish={(values) => {
            setError(null);
            save.mutate(values);
          }}
        >
          <Form.Item name="method" label={t('method')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={options('returnVisitMethod')} />
          </Form.Item>
          <Form.Item name="satisfaction" label={t('satisfaction')}>
            <Radio.Group options={options('satisfaction')} />
          </Form.Item>
          <Form.Item name="comment" label={t('comment')}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('commentPlaceholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('save')}
          </Button>
        </Form>
      </Space>
    </div>
  );
}
