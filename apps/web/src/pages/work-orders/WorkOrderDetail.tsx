import { CameraOutlined, FilePdfOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Image,
  Result,
  Space,
  Spin,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { call, client, type Schemas } from '../../api/client';
import { useSessionUser } from '../../auth/session';
import { ConflictAlert } from '../../components/Conflict';
import { DispatchDialog } from '../../components/dispatch';
import { DeadlineTag } from '../../domain/deadline';
import { ComplaintStatusTag, PriorityTag, WorkOrderStatusTag } from '../../domain/status';
import { actionsFor, type DetailAction } from '../../domain/workOrderActions';
import { formatDuration, formatTime, formatYuan } from '../../format';
import { defineMessages, useLocale, useT } from '../../i18n';
import { useLabel } from '../../labels';
import { useEstate } from '../../shell/estate';
import { openAttachment, useAttachmentUrls } from './useAttachmentUrls';

/** The move forms (date/number pickers, uploads) load when one opens, not with the order. */
const OrderActionDialog = lazy(() =>
  import('./OrderActionDialog').then((module) => ({ default: module.OrderActionDialog })),
);

const messages = defineMessages(
  {
    title: '工单',
    loading: '加载中…',
    notFound: '找不到这张工单',
    status: '状态',
    priority: '紧急程度',
    category: '类别',
    unit: '房屋',
    location: '位置',
    description: '问题描述',
    reporter: '报修人',
    call: '拨打 {name} {phone}',
    channel: '报修渠道',
    reportedAt: '报修时间',
    appointment: '预约时段',
    arrivalDue: '到场时限',
    due: '完成时限',
    sla: '时限',
    overdueFlag: '(已记超时)',
    assignee: '维修员',
    unassigned: '未派单',
    assignedAt: '派单时间',
    arrivedAt: '到场时间',
    completedAt: '完工时间',
    closedAt: '关闭时间',
    cancelled: '取消原因',
    holdReason: '挂起原因',
    rework: '返工次数',
    urges: '催单',
    urgeCount: '{count} 次,最近 {at}',
    noUrge: '未催单',
    complaints: '关联投诉',
    actions: '操作',
    noActions: '当前没有您可执行的操作',
    photos: '照片与附件',
    noPhotos: '没有照片',
    photo: '照片 {name}',
    uploaded: '{name} · {at}',
    work: '维修记录',
    resolution: '处理结果',
    labour: '工时',
    charge: '收费',
    free: '免费',
    materials: '材料',
    noMaterials: '未登记材料',
    material: '名称',
    quantity: '数量',
    unitCost: '单价',
    total: '金额',
    materialsTotal: '材料合计',
    acceptance: '验收',
    notAccepted: '尚未验收',
    acceptedBy: '验收人',
    satisfaction: '满意度',
    comment: '意见',
    returnVisits: '回访',
    noVisits: '尚未回访',
    history: '处理记录',
    system: '系统',
    toAssignee: '派给 {name}',
    priorityChange: '{from} → {to}',
    escalateArrival: '到场超时,已通知项目经理',
    escalateCompletion: '完成超时,已通知项目经理',
    arrived: '到场 {at}',
    attached: '上传 {name}',
    dispatched: '已派给 {name}',
    saved: '已保存',
    pdf: '打开 {name}',
  },
  {
    title: 'Work order',
    loading: 'Loading…',
    notFound: 'This work order cannot be found',
    status: 'Status',
    priority: 'Priority',
    category: 'Category',
    unit: 'Unit',
    location: 'Location',
    description: 'Problem',
    reporter: 'Reported by',
    call: 'Call {name} {phone}',
    channel: 'Channel',
    reportedAt: 'Reported at',
    appointment: 'Appointment',
    arrivalDue: 'On site by',
    due: 'Done by',
    sla: 'Deadline',
    overdueFlag: ' (flagged overdue)',
    assignee: 'Technician',
    unassigned: 'Not dispatched',
    assignedAt: 'Dispatched at',
    arrivedAt: 'Arrived at',
    completedAt: 'Completed at',
    closedAt: 'Closed at',
    cancelled: 'Cancel reason',
    holdReason: 'On hold because',
    rework: 'Rework',
    urges: 'Urged',
    urgeCount: '{count} times, last {at}',
    noUrge: 'Not urged',
    complaints: 'Complaints',
    actions: 'Actions',
    noActions: 'Nothing for you to do on this order now',
    photos: 'Photos and files',
    noPhotos: 'No photos',
    photo: 'Photo {name}',
    uploaded: '{name} · {at}',
    work: 'Work done',
    resolution: 'Resolution',
    labour: 'Labour',
    charge: 'Charge',
    free: 'Free of charge',
    materials: 'Materials',
    noMaterials: 'No materials recorded',
    material: 'Item',
    quantity: 'Quantity',
    unitCost: 'Unit price',
    total: 'Amount',
    materialsTotal: 'Materials total',
    acceptance: 'Acceptance',
    notAccepted: 'Not accepted yet',
    acceptedBy: 'Accepted by',
    satisfaction: 'Satisfaction',
    comment: 'Comment',
    returnVisits: 'Return visits',
    noVisits: 'No return visit yet',
    history: 'History',
    system: 'System',
    toAssignee: 'to {name}',
    priorityChange: '{from} → {to}',
    escalateArrival: 'Missed the arrival deadline; the manager was told',
    escalateCompletion: 'Missed the completion deadline; the manager was told',
    arrived: 'arrived {at}',
    attached: 'uploaded {name}',
    dispatched: 'Dispatched to {name}',
    saved: 'Saved',
    pdf: 'Open {name}',
  },
);

type Detail = Schemas['WorkOrderDetailResponse'];
type Material = Schemas['MaterialResponse'];

/**
 * One work order for everyone who may read it: its fields, SLA in words, photos, work done,
 * acceptance, return visits and timeline, and the moves this person may make now as buttons.
 * Each move sends the version read when its form opened; a change made meanwhile is a conflict
 * with a reload, never a silent overwrite.
 */
export default function WorkOrderDetail() {
  const t = useT(messages);
  const { id = '', estate: estateCode } = useParams();
  const base = `/e/${estateCode}`;
  const estate = useEstate();
  const locale = useLocale();
  const label = useLabel();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const [action, setAction] = useState<{ action: DetailAction; order: Detail } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const readsComplaints = Boolean(user && user.role !== 'finance');

  const query = useQuery({
    queryKey: ['work-order', id],
    queryFn: () => call(client.GET('/api/v1/work-orders/{id}', { params: { path: { id } } })),
  });
  const data = query.data;
  const complaints = useQuery({
    queryKey: ['complaints', 'by-work-order', id],
    enabled: Boolean(data) && readsComplaints,
    queryFn: () =>
      call(
        client.GET('/api/v1/complaints', {
          params: { query: { estateId: estate.id, workOrderId: id, pageSize: 20 } },
        }),
      ),
  });
  const urls = useAttachmentUrls(id, data?.attachments ?? []);
  const actions = data ? actionsFor(data, user) : [];

  // "立即派单" on the new ticket lands here with ?dispatch=1: the dialog opens once, if dispatch is
  // allowed; the parameter is dropped when the dialog closes (a reload then shows just the order).
  const wantsDispatch = search.get('dispatch') === '1';
  const dispatchHandled = useRef(false);
  useEffect(() => {
    if (!wantsDispatch || !data || dispatchHandled.current) return;
    dispatchHandled.current = true;
    if (actions.includes('assign')) setAction({ action: 'assign', order: data });
    else dropDispatch();
  }, [wantsDispatch, data]);
  const dropDispatch = () => {
    if (search.has('dispatch'))
      setSearch(
        (current) => {
          current.delete('dispatch');
          return current;
        },
        { replace: true },
      );
  };
  const closeAction = () => {
    setAction(null);
    dropDispatch();
  };

  const reload = () => {
    setConflict(false);
    void queryClient.invalidateQueries({ queryKey: ['work-order', id] });
  };

  if (query.isLoading) return <Spin description={t('loading')} />;
  if (query.isError || !data)
    return <Result status="404" title={t('notFound')} subTitle={query.error?.message} />;
  const at = (iso: string | null | undefined) => formatTime(iso, estate.timeZone, locale);
  const materialsTotal = data.materials.reduce((sum, item) => sum + item.totalFen, 0);
  const open = (next: DetailAction) => {
    setNotice(null);
    setAction({ action: next, order: data });
  };

  const actionsCard = (
    <Card
      title={<CardTitle>{t('actions')}</CardTitle>}
      data-testid="order-actions"
      className={actions.length === 0 ? 'order-actions-empty' : undefined}
    >
      {actions.length === 0 ? (
        <Typography.Text type="secondary">{t('noActions')}</Typography.Text>
      ) : (
        <div className="order-actions">
          {actions.map((item, index) => (
            <Button
              key={item}
              size="large"
              type={index === 0 ? 'primary' : 'default'}
              danger={item === 'cancel'}
              onClick={() => open(item)}
            >
              <ActionLabel action={item} order={data} resident={user?.role === 'resident'} />
            </Button>
          ))}
        </div>
      )}
    </Card>
  );

  return (
    <div className="work-order-detail">
      <div className="page-header">
        <Space align="center" wrap>
          <Typography.Title level={2}>{t('title')}</Typography.Title>
          <Typography.Text
            copyable
            strong
            className="code"
            style={{ fontSize: 18 }}
            data-testid="work-order-code"
          >
            {data.code}
          </Typography.Text>
          <span data-testid="work-order-status">
            <WorkOrderStatusTag status={data.status} />
          </span>
          <PriorityTag priority={data.priority} />
          <DeadlineTag order={data} />
        </Space>
      </div>
      {conflict ? <ConflictAlert record="workOrder" onReload={reload} /> : null}
      {notice ? (
        <Alert type="success" showIcon title={notice} closable style={{ marginBottom: 12 }} role="status" />
      ) : null}
      {/* desktop: fields on the left, actions and history on the right; phone: actions, fields, history */}
      <div className="order-layout">
        <div className="order-layout-actions">{actionsCard}</div>
        <Space orientation="vertical" size={16} className="order-layout-main">
          <Card>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              items={[
                {
                  key: 'category',
                  label: t('category'),
                  children: label('workOrderCategory', data.category),
                },
                {
                  key: 'where',
                  label: data.unitLabel ? t('unit') : t('location'),
                  children: data.unitLabel ?? data.locationText ?? '—',
                },
                {
                  key: 'description',
                  label: t('description'),
                  span: { xs: 1, md: 2 },
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{data.description}</span>,
                },
                {
                  key: 'reporter',
                  label: t('reporter'),
                  children: (
                    <Space wrap>
                      {data.reporterName ?? '—'}
                      {data.reporterPhone && !data.reporterPhone.includes('*') ? (
                        <a
                          href={`tel:${data.reporterPhone}`}
                          aria-label={t('call', {
                            name: data.reporterName ?? '',
                            phone: data.reporterPhone,
                          })}
                        >
                          <PhoneOutlined aria-hidden /> {data.reporterPhone}
                        </a>
                      ) : (
                        (data.reporterPhone ?? null)
                      )}
                    </Space>
                  ),
                },
                { key: 'channel', label: t('channel'), children: label('workOrderChannel', data.channel) },
                { key: 'reportedAt', label: t('reportedAt'), children: at(data.reportedAt) },
                {
                  key: 'appointment',
                  label: t('appointment'),
                  children: appointmentText(data, estate.timeZone, locale),
                },
                ...(data.arrivalDueAt
                  ? [
                      {
                        key: 'arrivalDue',
                        label: t('arrivalDue'),
                        children: `${at(data.arrivalDueAt)}${data.arrivalOverdueAt ? t('overdueFlag') : ''}`,
                      },
                    ]
                  : []),
                {
                  key: 'due',
                  label: t('due'),
                  children: `${at(data.dueAt)}${data.completionOverdueAt ? t('overdueFlag') : ''}`,
                },
                {
                  key: 'sla',
                  label: t('sla'),
                  children: <DeadlineTag order={data} />,
                },
                {
                  key: 'assignee',
                  label: t('assignee'),
                  children: data.assigneeName ?? t('unassigned'),
                },
                ...(data.assignedAt
                  ? [{ key: 'assignedAt', label: t('assignedAt'), children: at(data.assignedAt) }]
                  : []),
                ...(data.arrivedAt
                  ? [{ key: 'arrivedAt', label: t('arrivedAt'), children: at(data.arrivedAt) }]
                  : []),
                ...(data.completedAt
                  ? [{ key: 'completedAt', label: t('completedAt'), children: at(data.completedAt) }]
                  : []),
                ...(data.closedAt
                  ? [{ key: 'closedAt', label: t('closedAt'), children: at(data.closedAt) }]
                  : []),
                ...(data.status === 'on_hold' && data.holdReason
                  ? [{ key: 'hold', label: t('holdReason'), children: data.holdReason }]
                  : []),
                ...(data.cancelReason
                  ? [{ key: 'cancel', label: t('cancelled'), children: data.cancelReason }]
                  : []),
                ...(data.reworkCount > 0
                  ? [{ key: 'rework', label: t('rework'), children: data.reworkCount }]
                  : []),
                {
                  key: 'urges',
                  label: t('urges'),
                  children:
                    data.urgeCount > 0
                      ? t('urgeCount', { count: data.urgeCount, at: at(data.lastUrgedAt) })
                      : t('noUrge'),
                },
                ...(complaints.data && complaints.data.items.length > 0
                  ? [
                      {
                        key: 'complaints',
                        label: t('complaints'),
                        children: (
                          <Space wrap>
                            {complaints.data.items.map((complaint) => (
                              <Space key={complaint.id} size={4}>
                                <Link to={`${base}/complaints/${complaint.id}`}>{complaint.code}</Link>
                                <ComplaintStatusTag status={complaint.status} />
                              </Space>
                            ))}
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <Card title={<CardTitle>{t('photos')}</CardTitle>}>
            {data.attachments.length === 0 ? (
              <Typography.Text type="secondary">{t('noPhotos')}</Typography.Text>
            ) : (
              <Image.PreviewGroup>
                <ul className="photo-grid" aria-label={t('photos')}>
                  {data.attachments.map((file) => (
                    <li key={file.id}>
                      {file.contentType.startsWith('image/') ? (
                        urls[file.id] ? (
                          <Image
                            src={urls[file.id]}
                            alt={t('photo', { name: file.fileName })}
                            width={104}
                            height={104}
                            style={{ objectFit: 'cover', borderRadius: 6 }}
                          />
                        ) : (
                          <div className="photo-placeholder" aria-hidden>
                            <CameraOutlined />
                          </div>
                        )
                      ) : (
                        <Button
                          className="photo-placeholder"
                          icon={<FilePdfOutlined />}
                          aria-label={t('pdf', { name: file.fileName })}
                          onClick={() => void openAttachment(data.id, file.id)}
                        />
                      )}
                      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                        {t('uploaded', { name: file.uploadedByName, at: at(file.uploadedAt) })}
                      </Typography.Text>
                    </li>
                  ))}
                </ul>
              </Image.PreviewGroup>
            )}
          </Card>
          {data.resolution || data.materials.length > 0 ? (
            <Card title={<CardTitle>{t('work')}</CardTitle>}>
              <Descriptions
                column={{ xs: 1, md: 3 }}
                size="small"
                items={[
                  {
                    key: 'resolution',
                    label: t('resolution'),
                    span: { xs: 1, md: 3 },
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{data.resolution ?? '—'}</span>,
                  },
                  {
                    key: 'labour',
                    label: t('labour'),
                    children:
                      data.labourMinutes === null || data.labourMinutes === undefined
                        ? '—'
                        : formatDuration(data.labourMinutes, locale),
                  },
                  {
                    key: 'charge',
                    label: t('charge'),
                    children: data.chargeable ? formatYuan(data.amountFen) : t('free'),
                  },
                  {
                    key: 'materialsTotal',
                    label: t('materialsTotal'),
                    children: formatYuan(materialsTotal),
                  },
                ]}
              />
              <Typography.Title level={4} style={{ fontSize: 14, marginTop: 12 }}>
                {t('materials')}
              </Typography.Title>
              <Table<Material>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={data.materials}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('noMaterials') }}
                columns={[
                  { title: t('material'), dataIndex: 'name', key: 'name' },
                  {
                    title: t('quantity'),
                    key: 'quantity',
                    align: 'right',
                    render: (_value, item) => `${item.quantity}${item.unit ?? ''}`,
                  },
                  {
                    title: t('unitCost'),
                    key: 'unitCost',
                    align: 'right',
                    render: (_value, item) => formatYuan(item.unitCostFen),
                  },
                  {
                    title: t('total'),
                    key: 'total',
                    align: 'right',
                    render: (_value, item) => formatYuan(item.totalFen),
                  },
                ]}
              />
            </Card>
          ) : null}
          {['completed', 'closed', 'reopened'].includes(data.status) || data.acceptanceResult ? (
            <Card title={<CardTitle>{t('acceptance')}</CardTitle>} data-testid="acceptance">
              {data.acceptanceResult ? (
                <Descriptions
                  column={{ xs: 1, md: 2 }}
                  size="small"
                  items={[
                    {
                      key: 'result',
                      label: t('acceptance'),
                      children: `${label('acceptanceResult', data.acceptanceResult)}(${label('acceptanceBy', data.acceptedBy)})`,
                    },
                    {
                      key: 'by',
                      label: t('acceptedBy'),
                      children: `${data.acceptedByName ?? '—'} · ${at(data.acceptedAt)}`,
                    },
                    {
                      key: 'satisfaction',
                      label: t('satisfaction'),
                      children: label('satisfaction', data.satisfaction),
                    },
                    { key: 'comment', label: t('comment'), children: data.acceptanceComment ?? '—' },
                  ]}
                />
              ) : (
                <Typography.Text type="secondary">{t('notAccepted')}</Typography.Text>
              )}
            </Card>
          ) : null}
          {data.firstCompletedAt || data.returnVisits.length > 0 ? (
            <Card title={<CardTitle>{t('returnVisits')}</CardTitle>}>
              {data.returnVisits.length === 0 ? (
                <Typography.Text type="secondary">{t('noVisits')}</Typography.Text>
              ) : (
                <ul className="plain-list">
                  {data.returnVisits.map((visit) => (
                    <li key={visit.id}>
                      <Typography.Text strong>{label('returnVisitMethod', visit.method)}</Typography.Text>
                      {' · '}
                      {label('satisfaction', visit.satisfaction)}
                      <div>
                        <Typography.Text type="secondary">
                          {visit.visitorName} · {at(visit.visitedAt)}
                        </Typography.Text>
                      </div>
                      {visit.comment ? <div>{visit.comment}</div> : null}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          ) : null}
        </Space>
        <div className="order-layout-history">
          <Card title={<CardTitle>{t('history')}</CardTitle>}>
            {data.history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                items={data.history.map((entry, index) => ({
                  key: index,
                  content: (
                    <div data-testid="history-entry">
                      <Typography.Text strong>{label('workOrderAction', entry.action)}</Typography.Text>
                      {entry.toState && entry.toState !== entry.fromState ? (
                        <Typography.Text>
                          {' → '}
                          {label('workOrderStatus', entry.toState)}
                        </Typography.Text>
                      ) : null}
                      <HistoryDetail entry={entry} />
                      <div>
                        <Typography.Text type="secondary">
                          {entry.actorId || entry.action !== 'escalate'
                            ? (entry.actorName ?? '—')
                            : t('system')}{' '}
                          · {at(entry.at)}
                        </Typography.Text>
                      </div>
                      {entry.note && entry.action !== 'escalate' && entry.action !== 'complete' ? (
                        <div style={{ whiteSpace: 'pre-wrap' }}>{entry.note}</div>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </div>
      </div>
      {action?.action === 'assign' ? (
        <DispatchDialog
          open
          order={action.order}
          onClose={closeAction}
          onDone={(person) => setNotice(t('dispatched', { name: person.displayName }))}
          onConflict={() => setConflict(true)}
        />
      ) : action ? (
        <Suspense fallback={null}>
          <OrderActionDialog
            action={action.action}
            order={action.order}
            onClose={closeAction}
            onDone={() => {
              closeAction();
              setNotice(t('saved'));
            }}
            onConflict={() => {
              closeAction();
              setConflict(true);
            }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}

function CardTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
      {children}
    </Typography.Title>
  );
}

const actionMessages = defineMessages(
  { accept: '验收', rate: '评价并验收', reassign: '改派' },
  { accept: 'Accept', rate: 'Rate and accept', reassign: 'Reassign' },
);

/** A button's words: the action's label, "改派" for a dispatched order, "评价并验收" for the resident. */
function ActionLabel({
  action,
  order,
  resident,
}: {
  action: DetailAction;
  order: Detail;
  resident: boolean;
}) {
  const t = useT(actionMessages);
  const label = useLabel();
  if (action === 'accept') return <>{t(resident ? 'rate' : 'accept')}</>;
  if (action === 'assign' && order.assigneeId) return <>{t('reassign')}</>;
  return <>{label('workOrderAction', action)}</>;
}

function appointmentText(order: Detail, timeZone: string, locale: ReturnType<typeof useLocale>): string {
  if (!order.appointmentStartAt) return '—';
  const start = formatTime(order.appointmentStartAt, timeZone, locale);
  const end = order.appointmentEndAt ? formatTime(order.appointmentEndAt, timeZone, locale) : '';
  // same day: "2026/12/07 09:00–12:00"
  return end && end.slice(0, 10) === start.slice(0, 10) ? `${start}–${end.slice(-5)}` : `${start} – ${end}`;
}

/** What a history entry changed, in words (the details the API keeps with each move). */
function HistoryDetail({ entry }: { entry: Schemas['HistoryEntryResponse'] }) {
  const t = useT(messages);
  const label = useLabel();
  const estate = useEstate();
  const locale = useLocale();
  const details = entry.details ?? {};
  const text = (key: string) => (typeof details[key] === 'string' ? details[key] : null);
  let words: string | null = null;
  switch (entry.action) {
    case 'assign':
      words = text('toAssigneeName') ? t('toAssignee', { name: text('toAssigneeName') ?? '' }) : null;
      break;
    case 'change_priority':
      words = t('priorityChange', {
        from: label('workOrderPriority', text('fromPriority')),
        to: label('workOrderPriority', text('toPriority')),
      });
      break;
    case 'escalate':
      words = text('kind') === 'arrival' ? t('escalateArrival') : t('escalateCompletion');
      break;
    case 'start':
      words = text('arrivedAt')
        ? t('arrived', { at: formatTime(text('arrivedAt'), estate.timeZone, locale) })
        : null;
      break;
    case 'attach':
      words = text('fileName') ? t('attached', { name: text('fileName') ?? '' }) : null;
      break;
    case 'accept_pass':
    case 'accept_fail':
    case 'return_visit':
      words = text('satisfaction') ? label('satisfaction', text('satisfaction')) : null;
      break;
    case 'complete':
      words = entry.note ?? null;
      break;
  }
  return words ? <div>{words}</div> : null;
}
