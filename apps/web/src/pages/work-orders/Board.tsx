import { DownloadOutlined, NotificationOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMessage } from '../../components/feedback';
import { ListEmpty } from '../../components/ListEmpty';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, call, client, download, type Schemas } from '../../api/client';
import { DESK } from '../../app/roles';
import { useSessionUser } from '../../auth/session';
import { ConflictAlert } from '../../components/Conflict';
import { DispatchDialog } from '../../components/dispatch';
import { SlaCountdown, useNow } from '../../domain/SlaCountdown';
import { PriorityTag, WorkOrderStatusTag } from '../../domain/status';
import { formatTime, zonedInstant } from '../../format';
import { defineMessages, useLocale, useT } from '../../i18n';
import { DateRangeFilter } from '../../components/DateRangeFilter';
import { useLabel, useLabelOptions } from '../../labels';
import { useEstate } from '../../shell/estate';

const messages = defineMessages(
  {
    title: '工单看板',
    filters: '筛选',
    status: '状态',
    priority: '级别',
    category: '类别',
    overdue: '超时',
    overdueYes: '曾超时',
    overdueNo: '未超时',
    assignee: '维修员',
    urged: '催单',
    urgedYes: '被催过',
    urgedNo: '未催过',
    reported: '报修日期',
    from: '开始日期',
    to: '结束日期',
    search: '编号或内容',
    searchPlaceholder: '工单编号或报修内容',
    clear: '清除筛选',
    total: '共 {total} 条',
    empty: '没有符合条件的工单',
    emptyHint: '调整或清除上面的筛选条件;来电报修请点“新建报修”。',
    code: '编号',
    unit: '房屋/位置',
    reportedAt: '报修时间',
    sla: '时限',
    actions: '操作',
    dispatch: '派单',
    reassign: '改派',
    urge: '催单',
    urgeConfirm: '记一次催单({code})?',
    urgeOk: '记催单',
    cancel: '取消',
    urgedCount: '催 {count} 次',
    lastUrged: '最近一次:{time}',
    urgedDone: '{code} 已催单(第 {count} 次)',
    dispatched: '{code} 已派给 {name}',
    unassigned: '未派单',
    newOrder: '新建报修',
    export: '导出 xlsx',
    exportFailed: '导出失败:{message}',
    error: '加载失败:{message}',
  },
  {
    title: 'Work orders',
    filters: 'Filters',
    status: 'Status',
    priority: 'Priority',
    category: 'Category',
    overdue: 'Overdue',
    overdueYes: 'Ever overdue',
    overdueNo: 'Never overdue',
    assignee: 'Technician',
    urged: 'Urged',
    urgedYes: 'Urged',
    urgedNo: 'Not urged',
    reported: 'Reported',
    from: 'From date',
    to: 'To date',
    search: 'Code or text',
    searchPlaceholder: 'Order code or description',
    clear: 'Clear filters',
    total: '{total} in all',
    empty: 'No work order matches',
    emptyHint: 'Change or clear the filters above; for a repair by phone, use "New repair ticket".',
    code: 'Code',
    unit: 'Unit / place',
    reportedAt: 'Reported at',
    sla: 'Deadline',
    actions: 'Actions',
    dispatch: 'Dispatch',
    reassign: 'Reassign',
    urge: 'Urge',
    urgeConfirm: 'Record an urge for {code}?',
    urgeOk: 'Record',
    cancel: 'Cancel',
    urgedCount: 'Urged ×{count}',
    lastUrged: 'Last: {time}',
    urgedDone: '{code} urged (×{count})',
    dispatched: '{code} dispatched to {name}',
    unassigned: 'Unassigned',
    newOrder: 'New repair ticket',
    export: 'Export xlsx',
    exportFailed: 'Export failed: {message}',
    error: 'Could not load: {message}',
  },
);

type Order = Schemas['WorkOrderResponse'];
type Status = Order['status'];
type Priority = Order['priority'];
type Sort = 'reportedAt' | '-reportedAt' | 'dueAt' | '-dueAt';
const SORTS: readonly Sort[] = ['reportedAt', '-reportedAt', 'dueAt', '-dueAt'];
/** Orders the front desk may still urge (催单): the API's open statuses. */
const URGEABLE: readonly Status[] = ['reported', 'assigned', 'in_progress', 'on_hold', 'reopened'];

const flag = (value: string | null): boolean | undefined =>
  value === 'true' ? true : value === 'false' ? false : undefined;

/**
 * The work-order board: the estate's orders with server-side filters in the URL (a link or a
 * reload keeps them), SLA countdowns in words and colour, urge counts, dispatch (派单) and urge
 * (催单) on the row, and the xlsx export of exactly what is filtered. Live: the SSE listener
 * invalidates 'work-orders'.
 */
export default function Board() {
  const t = useT(messages);
  const estate = useEstate();
  const locale = useLocale();
  const label = useLabel();
  const options = useLabelOptions();
  const user = useSessionUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const message = useMessage();
  const { estate: estateCode } = useParams();
  const base = `/e/${estateCode}`;
  const [params, setParams] = useSearchParams();
  const isDesk = user ? DESK.includes(user.role) : false;
  const now = useNow(30_000);
  const [dispatching, setDispatching] = useState<Order | null>(null);
  const [conflict, setConflict] = useState(false);

  const status = params.getAll('status') as Status[];
  const priority = (params.get('priority') ?? undefined) as Priority | undefined;
  const category = params.get('category') ?? undefined;
  const assigneeId = params.get('assigneeId') ?? undefined;
  const overdue = flag(params.get('overdue'));
  const urged = flag(params.get('urged'));
  const from = params.get('from');
  const to = params.get('to');
  const q = params.get('q') ?? '';
  const sortParam = params.get('sort') as Sort | null;
  const sort: Sort = sortParam && SORTS.includes(sortParam) ? sortParam : '-reportedAt';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;

  // Functional updates: a debounced change applies to the URL as it is then, not as it was.
  const set = (changes: Record<string, string | string[] | null | undefined>, keepPage = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          next.delete(key);
          for (const item of Array.isArray(value) ? value : value ? [value] : []) next.append(key, item);
        }
        if (!keepPage) next.delete('page');
        return next;
      },
      { replace: true },
    );

  // The search box types freely; the URL (and the request) follow once typing pauses.
  const [text, setText] = useState(q);
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => setText(q), [q]);
  useEffect(() => () => clearTimeout(typing.current), []);
  const type = (value: string) => {
    setText(value);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => set({ q: value.trim() || null }), 400);
  };

  /** The filters, as the list and the export both take them. */
  const filters = {
    estateId: estate.id,
    ...(status.length ? { status } : {}),
    ...(priority ? { priority } : {}),
    ...(category ? { category } : {}),
    ...(assigneeId ? { assigneeId } : {}),
    ...(overdue !== undefined ? { overdue } : {}),
    ...(urged !== undefined ? { urged } : {}),
    ...(q ? { q } : {}),
    ...(from ? { reportedFrom: zonedInstant(from, '00:00', estate.timeZone).toISOString() } : {}),
    ...(to
      ? {
          reportedTo: zonedInstant(
            dayjs(to).add(1, 'day').format('YYYY-MM-DD'),
            '00:00',
            estate.timeZone,
          ).toISOString(),
        }
      : {}),
  };
  const query = { ...filters, page, pageSize, sort };
  const list = useQuery({
    queryKey: ['work-orders', 'board', query],
    placeholderData: (previous) => previous,
    queryFn: () => call(client.GET('/api/v1/work-orders', { params: { query } })),
  });
  const assignees = useQuery({
    queryKey: ['assignees', estate.id],
    queryFn: () =>
      call(client.GET('/api/v1/work-orders/assignees', { params: { query: { estateId: estate.id } } })),
    enabled: isDesk,
  });

  const urge = useMutation({
    mutationFn: (order: Order) =>
      call(client.POST('/api/v1/work-orders/{id}/urge', { params: { path: { id: order.id } }, body: {} })),
    onSuccess: (order) => {
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['work-order', order.id] });
      void message.success(t('urgedDone', { code: order.code, count: order.urgeCount }));
    },
    onError: (cause) => void message.error(cause instanceof ApiError ? cause.message : String(cause)),
  });

  const exportFiltered = () => {
    const search = new URLSearchParams({ locale });
    for (const [key, value] of Object.entries(filters))
      for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
    download(`/api/v1/work-orders/export.xlsx?${search.toString()}`, `work-orders-${estate.code}.xlsx`).catch(
      (error: unknown) =>
        void message.error(t('exportFailed', { message: error instanceof Error ? error.message : '' })),
    );
  };

  const filtered =
    status.length > 0 ||
    priority ||
    category ||
    assigneeId ||
    overdue !== undefined ||
    urged !== undefined ||
    from ||
    to ||
    q;

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2}>{t('title')}</Typography.Title>
        {isDesk ? (
          <Space>
            <Button icon={<DownloadOutlined />} onClick={exportFiltered}>
              {t('export')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`${base}/work-orders/new`)}
            >
              {t('newOrder')}
            </Button>
          </Space>
        ) : null}
      </Space>
      {conflict ? (
        <ConflictAlert
          record="workOrder"
          onReload={() => {
            setConflict(false);
            void list.refetch();
          }}
        />
      ) : null}
      <section aria-label={t('filters')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label={t('status')}
            mode="multiple"
            allowClear
            placeholder={t('status')}
            style={{ minWidth: 200 }}
            value={status}
            onChange={(value: string[]) => set({ status: value })}
            options={options('workOrderStatus')}
          />
          <Select
            aria-label={t('priority')}
            allowClear
            placeholder={t('priority')}
            style={{ minWidth: 110 }}
            value={priority}
            onChange={(value: string | undefined) => set({ priority: value })}
            options={options('workOrderPriority')}
          />
          <Select
            aria-label={t('category')}
            allowClear
            placeholder={t('category')}
            style={{ minWidth: 140 }}
            value={category}
            onChange={(value: string | undefined) => set({ category: value })}
            options={options('workOrderCategory')}
          />
          <Select
            aria-label={t('overdue')}
            allowClear
            placeholder={t('overdue')}
            style={{ minWidth: 110 }}
            value={overdue === undefined ? undefined : String(overdue)}
            onChange={(value: string | undefined) => set({ overdue: value })}
            options={[
              { value: 'true', label: t('overdueYes') },
              { value: 'false', label: t('overdueNo') },
            ]}
          />
          {isDesk ? (
            <Select
              aria-label={t('assignee')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('assignee')}
              style={{ minWidth: 150 }}
              value={assigneeId}
              loading={assignees.isLoading}
              onChange={(value: string | undefined) => set({ assigneeId: value })}
              options={(assignees.data ?? []).map((person) => ({
                value: person.id,
                label: person.displayName,
              }))}
            />
          ) : null}
          <Select
            aria-label={t('urged')}
            allowClear
            placeholder={t('urged')}
            style={{ minWidth: 110 }}
            value={urged === undefined ? undefined : String(urged)}
            onChange={(value: string | undefined) => set({ urged: value })}
            options={[
              { value: 'true', label: t('urgedYes') },
              { value: 'false', label: t('urgedNo') },
            ]}
          />
          <DateRangeFilter
            label={t('reported')}
            fromLabel={t('from')}
            toLabel={t('to')}
            from={from}
            to={to}
            onChange={(range) => set(range)}
          />
          <Input.Search
            aria-label={t('search')}
            placeholder={t('searchPlaceholder')}
            allowClear
            value={text}
            onChange={(event) => type(event.target.value)}
            onSearch={(value) => {
              clearTimeout(typing.current);
              set({ q: value.trim() || null });
            }}
            style={{ width: 260 }}
          />
          {filtered ? (
            <Button
              type="link"
              onClick={() => {
                clearTimeout(typing.current);
                setText('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('clear')}
            </Button>
          ) : null}
        </Space>
      </section>
      {list.isError ? (
        <Alert type="error" showIcon role="alert" title={t('error', { message: list.error.message })} />
      ) : null}
      <Table<Order>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        size="middle"
        scroll={{ x: 1180 }}
        rowClassName={(row) => (row.arrivalOverdueAt || row.completionOverdueAt ? 'board-row-overdue' : '')}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action !== 'sort' || Array.isArray(sorter)) return;
          const field = sorter.columnKey === 'sla' ? 'dueAt' : 'reportedAt';
          set({
            sort: sorter.order ? (sorter.order === 'ascend' ? field : `-${field}`) : null,
          });
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
            set({ page: String(nextPage), pageSize: String(nextSize) }, nextSize === pageSize),
        }}
        columns={[
          {
            key: 'code',
            width: 140,
            title: t('code'),
            fixed: 'left',
            render: (_, row) => (
              <Link to={`${base}/work-orders/${row.id}`} style={{ whiteSpace: 'nowrap' }}>
                {row.code}
              </Link>
            ),
          },
          {
            key: 'unit',
            width: 90,
            title: t('unit'),
            render: (_, row) => row.unitLabel ?? row.locationText ?? '—',
          },
          {
            key: 'category',
            width: 110,
            title: t('category'),
            render: (_, row) => label('workOrderCategory', row.category),
          },
          {
            key: 'priority',
            width: 90,
            title: t('priority'),
            render: (_, row) => <PriorityTag priority={row.priority} />,
          },
          {
            key: 'status',
            width: 100,
            title: t('status'),
            render: (_, row) => <WorkOrderStatusTag status={row.status} />,
          },
          {
            key: 'assignee',
            width: 130,
            ellipsis: true,
            title: t('assignee'),
            render: (_, row) =>
              row.assigneeName ?? <Typography.Text type="secondary">{t('unassigned')}</Typography.Text>,
          },
          {
            key: 'reportedAt',
            width: 140,
            title: t('reportedAt'),
            sorter: true,
            sortOrder: sort === 'reportedAt' ? 'ascend' : sort === '-reportedAt' ? 'descend' : null,
            render: (_, row) => formatTime(row.reportedAt, estate.timeZone, locale),
          },
          {
            key: 'sla',
            width: 170,
            title: t('sla'),
            sorter: true,
            sortOrder: sort === 'dueAt' ? 'ascend' : sort === '-dueAt' ? 'descend' : null,
            render: (_, row) => <SlaCountdown order={row} now={now} />,
          },
          {
            key: 'urged',
            width: 90,
            title: t('urged'),
            render: (_, row) =>
              row.urgeCount > 0 ? (
                <Tooltip
                  title={t('lastUrged', { time: formatTime(row.lastUrgedAt, estate.timeZone, locale) })}
                >
                  <Tag icon={<NotificationOutlined />} color="warning" variant="outlined">
                    {t('urgedCount', { count: row.urgeCount })}
                  </Tag>
                </Tooltip>
              ) : (
                '—'
              ),
          },
          ...(isDesk
            ? [
                {
                  key: 'actions',
                  width: 150,
                  title: t('actions'),
                  fixed: 'right' as const,
                  render: (_: unknown, row: Order) => (
                    <Space size={4}>
                      {row.allowedActions.includes('assign') ? (
                        <Button
                          size="small"
                          type={row.assigneeId ? 'default' : 'primary'}
                          icon={<SendOutlined />}
                          aria-label={`${t(row.assigneeId ? 'reassign' : 'dispatch')} ${row.code}`}
                          onClick={() => setDispatching(row)}
                        >
                          {t(row.assigneeId ? 'reassign' : 'dispatch')}
                        </Button>
                      ) : null}
                      {URGEABLE.includes(row.status) ? (
                        <Popconfirm
                          title={t('urgeConfirm', { code: row.code })}
                          okText={t('urgeOk')}
                          cancelText={t('cancel')}
                          onConfirm={() => urge.mutateAsync(row).catch(() => undefined)}
                        >
                          <Button
                            size="small"
                            icon={<NotificationOutlined />}
                            aria-label={`${t('urge')} ${row.code}`}
                          >
                            {t('urge')}
                          </Button>
                        </Popconfirm>
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dispatching ? (
        <DispatchDialog
          order={dispatching}
          open
          onClose={() => setDispatching(null)}
          onDone={(person) =>
            void message.success(t('dispatched', { code: dispatching.code, name: person.displayName }))
          }
          onConflict={() => setConflict(true)}
        />
      ) : null}
    </div>
  );
}
