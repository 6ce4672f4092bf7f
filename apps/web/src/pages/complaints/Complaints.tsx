import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, Typography } from 'antd';
import { useMessage } from '../../components/feedback';
import { ListEmpty } from '../../components/ListEmpty';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { call, client, download, type Schemas } from '../../api/client';
import { DESK, FIELD_ROLES } from '../../app/roles';
import { useSessionUser } from '../../auth/session';
import { ComplaintStatusTag } from '../../domain/status';
import { formatTime, zonedInstant } from '../../format';
import { defineMessages, useLocale, useT } from '../../i18n';
import { DateRangeFilter } from '../../components/DateRangeFilter';
import { useLabel, useLabelOptions } from '../../labels';
import { useEstate } from '../../shell/estate';

const messages = defineMessages(
  {
    title: '投诉',
    filters: '筛选',
    status: '状态',
    category: '类别',
    validity: '有效性',
    received: '受理日期',
    from: '开始日期',
    to: '结束日期',
    search: '投诉编号',
    find: '搜索',
    searchPlaceholder: '输入编号搜索,如 CP-2026',
    all: '全部',
    total: '共 {total} 条',
    empty: '没有符合条件的投诉',
    emptyHint: '调整或清除上面的筛选条件;来电投诉请点“新建投诉”。',
    clear: '清除筛选',
    code: '编号',
    unit: '房屋',
    channel: '渠道',
    contact: '投诉人',
    receivedAt: '受理时间',
    due: '办结时限',
    overdue: '已超时',
    newComplaint: '新建投诉',
    export: '导出 Excel',
    exportFailed: '导出失败:{message}',
    error: '加载失败:{message}',
    assignedOnly: '只列出指派给您的投诉。',
    emptyAssigned: '目前没有指派给您的投诉',
  },
  {
    title: 'Complaints',
    filters: 'Filters',
    status: 'Status',
    category: 'Category',
    validity: 'Validity',
    received: 'Received',
    from: 'From date',
    to: 'To date',
    search: 'Complaint code',
    find: 'Search',
    searchPlaceholder: 'Search by code, e.g. CP-2026',
    all: 'All',
    total: '{total} in all',
    empty: 'No complaint matches',
    emptyHint: 'Change or clear the filters above; for a complaint by phone, use "New complaint".',
    clear: 'Clear filters',
    code: 'Code',
    unit: 'Unit',
    channel: 'Channel',
    contact: 'Complainant',
    receivedAt: 'Received at',
    due: 'Resolve by',
    overdue: 'Overdue',
    newComplaint: 'New complaint',
    export: 'Export to Excel',
    exportFailed: 'Export failed: {message}',
    error: 'Could not load: {message}',
    assignedOnly: 'Only the complaints assigned to you are listed.',
    emptyAssigned: 'No complaint is assigned to you at the moment',
  },
);

type Complaint = Schemas['ComplaintResponse'];
type Status = Complaint['status'];
type Category = Complaint['categories'][number];

/** The estate's complaints: filters, page and size in the URL (shareable), totals, export. */
export default function Complaints() {
  const t = useT(messages);
  const estate = useEstate();
  const locale = useLocale();
  const label = useLabel();
  const options = useLabelOptions();
  const user = useSessionUser();
  const navigate = useNavigate();
  const message = useMessage();
  const { estate: estateCode } = useParams();
  const base = `/e/${estateCode}`;
  const [params, setParams] = useSearchParams();
  const isDesk = user ? DESK.includes(user.role) : false;
  // Field staff (technician, security, cleaner) get only their assignments from the API (need-to-know).
  const assignedOnly = user ? FIELD_ROLES.includes(user.role) : false;

  const status = params.getAll('status') as Status[];
  const category = (params.get('category') ?? undefined) as Category | undefined;
  const validity = (params.get('validity') ?? undefined) as 'valid' | 'invalid' | undefined;
  const from = params.get('from');
  const to = params.get('to');
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;

  const set = (changes: Record<string, string | string[] | null | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      next.delete(key);
      for (const item of Array.isArray(value) ? value : value ? [value] : []) next.append(key, item);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const query = {
    estateId: estate.id,
    page,
    pageSize,
    ...(status.length ? { status } : {}),
    ...(category ? { category } : {}),
    ...(validity ? { validity } : {}),
    ...(q ? { q } : {}),
    ...(from ? { receivedFrom: zonedInstant(from, '00:00', estate.timeZone).toISOString() } : {}),
    ...(to
      ? {
          receivedTo: zonedInstant(
            dayjs(to).add(1, 'day').format('YYYY-MM-DD'),
            '00:00',
            estate.timeZone,
          ).toISOString(),
        }
      : {}),
  };
  const list = useQuery({
    queryKey: ['complaints', 'list', query],
    placeholderData: (previous) => previous,
    queryFn: () => call(client.GET('/api/v1/complaints', { params: { query } })),
  });

  const filtered = status.length > 0 || category || validity || from || to || q;

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2}>{t('title')}</Typography.Title>
        {isDesk ? (
          <Space>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => {
                const period =
                  from && to && from.slice(0, 7) === to.slice(0, 7) ? from.slice(0, 7) : undefined;
                const search = new URLSearchParams({ estateId: estate.id, locale });
                if (period) search.set('period', period);
                download(
                  `/api/v1/complaints/export?${search.toString()}`,
                  `complaints-${estate.code}.xlsx`,
                ).catch(
                  (error: unknown) =>
                    void message.error(
                      t('exportFailed', { message: error instanceof Error ? error.message : '' }),
                    ),
                );
              }}
            >
              {t('export')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`${base}/complaints/new`)}>
              {t('newComplaint')}
            </Button>
          </Space>
        ) : null}
      </Space>
      {assignedOnly ? (
        <Typography.Paragraph type="secondary">{t('assignedOnly')}</Typography.Paragraph>
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
            options={options('complaintStatus')}
          />
          <Select
            aria-label={t('category')}
            allowClear
            placeholder={t('category')}
            style={{ minWidth: 150 }}
            value={category}
            onChange={(value: string | undefined) => set({ category: value })}
            options={options('complaintCategory')}
          />
          <Select
            aria-label={t('validity')}
            allowClear
            placeholder={t('validity')}
            style={{ minWidth: 120 }}
            value={validity}
            onChange={(value: string | undefined) => set({ validity: value })}
            options={options('complaintValidity')}
          />
          <DateRangeFilter
            label={t('received')}
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
            defaultValue={q}
            key={q}
            enterButton={t('find')}
            onSearch={(value) => set({ q: value.trim() || null })}
            style={{ width: 300 }}
          />
          {filtered ? (
            <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('clear')}
            </Button>
          ) : null}
        </Space>
      </section>
      {list.isError ? (
        <Typography.Text type="danger">{t('error', { message: list.error.message })}</Typography.Text>
      ) : null}
      <Table<Complaint>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: (
            <ListEmpty
              title={assignedOnly && !filtered ? t('emptyAssigned') : t('empty')}
              hint={assignedOnly ? null : t('emptyHint')}
            />
          ),
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
            title: t('code'),
            render: (_, row) => <Link to={`${base}/complaints/${row.id}`}>{row.code}</Link>,
          },
          {
            key: 'status',
            title: t('status'),
            render: (_, row) => <ComplaintStatusTag status={row.status} />,
          },
          {
            key: 'category',
            title: t('category'),
            render: (_, row) => row.categories.map((code) => label('complaintCategory', code)).join('、'),
          },
          { key: 'channel', title: t('channel'), render: (_, row) => label('complaintChannel', row.channel) },
          { key: 'unit', title: t('unit'), render: (_, row) => row.unitLabel ?? '—' },
          {
            key: 'contact',
            title: t('contact'),
            render: (_, row) => [row.contactName, row.contactPhone].filter(Boolean).join(' ') || '—',
          },
          {
            key: 'receivedAt',
            title: t('receivedAt'),
            render: (_, row) => formatTime(row.receivedAt, estate.timeZone, locale),
          },
          {
            key: 'due',
            title: t('due'),
            render: (_, row) => (
              <Space size={4}>
                {formatTime(row.resolutionDueAt, estate.timeZone, locale)}
                {row.resolutionOverdueAt || row.firstResponseOverdueAt ? (
                  <Typography.Text type="danger">({t('overdue')})</Typography.Text>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
