import { ToolOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, call, client, type Schemas } from '../../api/client';
import { DESK } from '../../app/roles';
import { session, useSessionUser } from '../../auth/session';
import { ConflictAlert, isVersionConflict } from '../../components/Conflict';
import { ComplaintStatusTag, WorkOrderStatusTag } from '../../domain/status';
import { formatTime } from '../../format';
import { defineMessages, useLocale, useT } from '../../i18n';
import { useLabel, useLabelOptions } from '../../labels';
import { useEstate } from '../../shell/estate';
import { deskSettings } from '../desk/settings';

const messages = defineMessages(
  {
    title: '投诉详情',
    loading: '加载中…',
    notFound: '找不到这条投诉',
    code: '编号',
    status: '状态',
    channel: '渠道',
    categories: '类别',
    unit: '房屋',
    contact: '投诉人',
    description: '投诉内容',
    receivedAt: '受理时间',
    receivedBy: '受理人',
    firstResponseDue: '首次响应时限',
    resolutionDue: '办结时限',
    overdue: '已超时',
    validity: '有效性',
    invalidReason: '无效原因',
    judgement: '判定说明',
    judgedBy: '判定人',
    assignee: '处理人',
    department: '处理部门',
    resolution: '处理结果',
    satisfaction: '回访满意度',
    followUpComment: '回访意见',
    closingNote: '关闭说明',
    attachments: '附件',
    noAttachments: '没有附件',
    actions: '处理',
    noActions: '当前没有可执行的操作',
    history: '处理记录',
    workOrders: '关联工单',
    noWorkOrders: '没有关联工单',
    toWorkOrder: '转工单',
    toWorkOrderTitle: '由此投诉新建整改工单',
    category: '工单类别',
    priority: '紧急程度',
    woDescription: '工单描述',
    required: '必填',
    submit: '确定',
    cancel: '取消',
    note: '说明',
    validityValid: '有效投诉',
    validityInvalid: '无效投诉',
    reasonRequired: '无效投诉须选择原因',
    assigneeUser: '处理人(维修人员)',
    assignHint: '指定处理人或处理部门,至少一项',
    closeNoteRequired: '无效投诉关闭时须填写给住户的答复',
    answer: '给住户的答复',
    comment: '回访意见',
    done: '已保存',
    linkFailed: '工单 {code} 已创建,但未能关联到投诉:{message}',
    download: '下载 {name}',
  },
  {
    title: 'Complaint',
    loading: 'Loading…',
    notFound: 'This complaint cannot be found',
    code: 'Code',
    status: 'Status',
    channel: 'Channel',
    categories: 'Categories',
    unit: 'Unit',
    contact: 'Complainant',
    description: 'What happened',
    receivedAt: 'Received at',
    receivedBy: 'Received by',
    firstResponseDue: 'First response by',
    resolutionDue: 'Resolve by',
    overdue: 'overdue',
    validity: 'Validity',
    invalidReason: 'Reason (invalid)',
    judgement: 'Judgement note',
    judgedBy: 'Judged by',
    assignee: 'Handled by',
    department: 'Department',
    resolution: 'Resolution',
    satisfaction: 'Follow-up satisfaction',
    followUpComment: 'Follow-up comment',
    closingNote: 'Closing note',
    attachments: 'Attachments',
    noAttachments: 'No attachments',
    actions: 'Actions',
    noActions: 'No action is possible now',
    history: 'History',
    workOrders: 'Work orders',
    noWorkOrders: 'No linked work order',
    toWorkOrder: 'Open a work order',
    toWorkOrderTitle: 'A work order to fix this complaint',
    category: 'Order category',
    priority: 'Priority',
    woDescription: 'Order description',
    required: 'Required',
    submit: 'OK',
    cancel: 'Cancel',
    note: 'Note',
    validityValid: 'Valid complaint',
    validityInvalid: 'Invalid complaint',
    reasonRequired: 'An invalid complaint needs a reason',
    assigneeUser: 'Assignee (technician)',
    assignHint: 'Name an assignee or a department, at least one',
    closeNoteRequired: 'Closing an invalid complaint needs the answer given to the resident',
    answer: 'Answer to the resident',
    comment: 'Comment',
    done: 'Saved',
    linkFailed: 'Work order {code} was created but not linked to the complaint: {message}',
    download: 'Download {name}',
  },
);

type Detail = Schemas['ComplaintDetailResponse'];
type Action = 'judge' | 'assign' | 'resolve' | 'follow_up' | 'close';

interface ActionValues {
  validity?: 'valid' | 'invalid';
  invalidReason?: Schemas['JudgeComplaintRequest']['invalidReason'];
  note?: string;
  assigneeUserId?: string;
  department?: string;
  resolution?: string;
  satisfaction?: Schemas['FollowUpComplaintRequest']['satisfaction'];
  comment?: string;
}

/** One complaint: its fields, the actions it allows now, its linked orders and its history. */
export default function ComplaintDetail() {
  const t = useT(messages);
  const { id = '', estate: estateCode } = useParams();
  const base = `/e/${estateCode}`;
  const estate = useEstate();
  const locale = useLocale();
  const label = useLabel();
  const user = useSessionUser();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [toOrder, setToOrder] = useState(false);
  const [conflict, setConflict] = useState(false);
  const isDesk = user ? DESK.includes(user.role) : false;

  const complaint = useQuery({
    queryKey: ['complaint', id],
    queryFn: () => call(client.GET('/api/v1/complaints/{id}', { params: { path: { id } } })),
  });
  const orders = useQueries({
    queries: (complaint.data?.workOrders ?? []).map((link) => ({
      queryKey: ['work-order', link.workOrderId],
      queryFn: () =>
        call(client.GET('/api/v1/work-orders/{id}', { params: { path: { id: link.workOrderId } } })),
    })),
  });

  const reload = () => {
    setConflict(false);
    void queryClient.invalidateQueries({ queryKey: ['complaint', id] });
  };

  if (complaint.isLoading) return <Spin description={t('loading')} />;
  if (complaint.isError || !complaint.data)
    return <Result status="404" title={t('notFound')} subTitle={complaint.error?.message} />;
  const data = complaint.data;
  const allowed = data.allowedActions.filter((item): item is Action =>
    ['judge', 'assign', 'resolve', 'follow_up', 'close'].includes(item),
  );
  const canOpenOrder =
    (isDesk || user?.role === 'technician') && !['closed', 'invalid', 'received'].includes(data.status);
  const at = (iso: string | null | undefined) => formatTime(iso, estate.timeZone, locale);

  return (
    <div>
      <Space align="center" wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text copyable strong style={{ fontSize: 18 }}>
          {data.code}
        </Typography.Text>
        <span data-testid="complaint-status">
          <ComplaintStatusTag status={data.status} />
        </span>
      </Space>
      {notice ? <Alert type="warning" showIcon title={notice} style={{ marginBottom: 12 }} /> : null}
      {conflict ? <ConflictAlert record="complaint" onReload={reload} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              items={[
                { key: 'status', label: t('status'), children: <ComplaintStatusTag status={data.status} /> },
                { key: 'channel', label: t('channel'), children: label('complaintChannel', data.channel) },
                {
                  key: 'categories',
                  label: t('categories'),
                  children: data.categories.map((code) => label('complaintCategory', code)).join('、'),
                },
                { key: 'unit', label: t('unit'), children: data.unitLabel ?? '—' },
                {
                  key: 'contact',
                  label: t('contact'),
                  children: (
                    <Space>
                      {data.contactName ?? '—'}
                      {data.contactPhone ? (
                        <a href={`tel:${data.contactPhone}`}>{data.contactPhone}</a>
                      ) : null}
                    </Space>
                  ),
                },
                { key: 'receivedAt', label: t('receivedAt'), children: at(data.receivedAt) },
                { key: 'receivedBy', label: t('receivedBy'), children: data.receivedByName ?? '—' },
                {
                  key: 'firstResponseDue',
                  label: t('firstResponseDue'),
                  children: `${at(data.firstResponseDueAt)}${data.firstResponseOverdueAt ? `(${t('overdue')})` : ''}`,
                },
                {
                  key: 'resolutionDue',
                  label: t('resolutionDue'),
                  children: `${at(data.resolutionDueAt)}${data.resolutionOverdueAt ? `(${t('overdue')})` : ''}`,
                },
                {
                  key: 'validity',
                  label: t('validity'),
                  children: label('complaintValidity', data.validity),
                },
                ...(data.validity === 'invalid'
                  ? [
                      {
                        key: 'invalidReason',
                        label: t('invalidReason'),
                        children: label('complaintInvalidReason', data.invalidReason),
                      },
                    ]
                  : []),
                { key: 'judgement', label: t('judgement'), children: data.judgementNote ?? '—' },
                {
                  key: 'judgedBy',
                  label: t('judgedBy'),
                  children: data.judgedByName ? `${data.judgedByName} · ${at(data.judgedAt)}` : '—',
                },
                { key: 'assignee', label: t('assignee'), children: data.assigneeName ?? '—' },
                { key: 'department', label: t('department'), children: data.assigneeDepartment ?? '—' },
                { key: 'resolution', label: t('resolution'), children: data.resolution ?? '—', span: 2 },
                {
                  key: 'satisfaction',
                  label: t('satisfaction'),
                  children: label('satisfaction', data.satisfaction),
                },
                {
                  key: 'followUpComment',
                  label: t('followUpComment'),
                  children: data.followUpComment ?? '—',
                },
                { key: 'closingNote', label: t('closingNote'), children: data.closingNote ?? '—', span: 2 },
                {
                  key: 'description',
                  label: t('description'),
                  span: 2,
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{data.description}</span>,
                },
                {
                  key: 'attachments',
                  label: t('attachments'),
                  span: 2,
                  children:
                    data.attachments.length === 0 ? (
                      t('noAttachments')
                    ) : (
                      <Space wrap>
                        {data.attachments.map((file) => (
                          <Button
                            key={file.id}
                            type="link"
                            aria-label={t('download', { name: file.fileName })}
                            onClick={() => void openAttachment(data.id, file.id)}
                          >
                            {file.fileName}
                          </Button>
                        ))}
                      </Space>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" style={{ width: '100%' }} size={16}>
            <Card
              title={
                <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                  {t('actions')}
                </Typography.Title>
              }
            >
              {allowed.length === 0 && !canOpenOrder ? (
                <Typography.Text type="secondary">{t('noActions')}</Typography.Text>
              ) : (
                <Space wrap>
                  {allowed.map((item) => (
                    <Button
                      key={item}
                      type={item === allowed[0] ? 'primary' : 'default'}
                      onClick={() => setAction(item)}
                    >
                      {label('complaintAction', item)}
                    </Button>
                  ))}
                  {canOpenOrder ? (
                    <Button icon={<ToolOutlined />} onClick={() => setToOrder(true)}>
                      {t('toWorkOrder')}
                    </Button>
                  ) : null}
                </Space>
              )}
            </Card>
            <Card
              title={
                <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                  {t('workOrders')}
                </Typography.Title>
              }
            >
              {data.workOrders.length === 0 ? (
                <Typography.Text type="secondary">{t('noWorkOrders')}</Typography.Text>
              ) : (
                <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                  {data.workOrders.map((link, index) => {
                    const order = orders[index]?.data;
                    return (
                      <li key={link.workOrderId}>
                        <Space wrap>
                          <Link to={`${base}/work-orders/${link.workOrderId}`}>
                            {order?.code ?? link.workOrderId}
                          </Link>
                          {order ? <WorkOrderStatusTag status={order.status} /> : null}
                          <Typography.Text type="secondary">
                            {label('complaintWorkOrderRelation', link.relation)}
                          </Typography.Text>
                        </Space>
                      </li>
                    );
                  })}
                </ul>
              )}
            </Card>
            <Card
              title={
                <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                  {t('history')}
                </Typography.Title>
              }
            >
              <Timeline
                items={data.history.map((entry, index) => ({
                  key: index,
                  content: (
                    <div>
                      <Typography.Text strong>{label('complaintAction', entry.action)}</Typography.Text>
                      {entry.toState ? (
                        <Typography.Text>
                          {' → '}
                          {label('complaintStatus', entry.toState)}
                        </Typography.Text>
                      ) : null}
                      {entry.action === 'judge' && entry.toState === 'invalid' && data.invalidReason ? (
                        <Typography.Text>
                          ({label('complaintInvalidReason', data.invalidReason)})
                        </Typography.Text>
                      ) : null}
                      <div>
                        <Typography.Text type="secondary">
                          {entry.actorName ?? '—'} · {at(entry.at)}
                        </Typography.Text>
                      </div>
                      {entry.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{entry.note}</div> : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      {action ? (
        <ActionDialog
          action={action}
          complaint={data}
          onClose={() => setAction(null)}
          onConflict={() => {
            setAction(null);
            setConflict(true);
          }}
        />
      ) : null}
      {toOrder ? <WorkOrderDialog complaint={data} base={base} onClose={() => setToOrder(false)} /> : null}
    </div>
  );
}

async function openAttachment(complaintId: string, attachmentId: string): Promise<void> {
  const response = await fetch(`/api/v1/complaints/${complaintId}/attachments/${attachmentId}`, {
    headers: { Authorization: `Bearer ${session.token() ?? ''}` },
  });
  if (!response.ok) return;
  const url = URL.createObjectURL(await response.blob());
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function ActionDialog({
  action,
  complaint,
  onClose,
  onConflict,
}: {
  action: Action;
  complaint: Detail;
  onClose: () => void;
  onConflict: () => void;
}) {
  const t = useT(messages);
  const label = useLabel();
  const options = useLabelOptions();
  const estate = useEstate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActionValues>();
  const [error, setError] = useState<string | null>(null);
  const validity = Form.useWatch('validity', form);
  const assignees = useQuery({
    queryKey: ['assignees', estate.id],
    enabled: action === 'assign',
    queryFn: () =>
      call(client.GET('/api/v1/work-orders/assignees', { params: { query: { estateId: estate.id } } })),
  });

  const run = useMutation({
    mutationFn: (values: ActionValues) => {
      const path = { params: { path: { id: complaint.id } } };
      const version = complaint.version;
      const note = values.note?.trim() || undefined;
      switch (action) {
        case 'judge':
          return call(
            client.POST('/api/v1/complaints/{id}/judge', {
              ...path,
              body: {
                validity: values.validity ?? 'valid',
                ...(values.validity === 'invalid' ? { invalidReason: values.invalidReason } : {}),
                note,
                version,
              },
            }),
          );
        case 'assign':
          return call(
            client.POST('/api/v1/complaints/{id}/assign', {
              ...path,
              body: {
                assigneeUserId: values.assigneeUserId,
                department: values.department?.trim() || undefined,
                note,
                version,
              },
            }),
          );
        case 'resolve':
          return call(
            client.POST('/api/v1/complaints/{id}/resolve', {
              ...path,
              body: { resolution: values.resolution?.trim() ?? '', version },
            }),
          );
        case 'follow_up':
          return call(
            client.POST('/api/v1/complaints/{id}/follow-up', {
              ...path,
              body: {
                satisfaction: values.satisfaction ?? 'satisfied',
                comment: values.comment?.trim() || undefined,
                version,
              },
            }),
          );
        case 'close':
          return call(client.POST('/api/v1/complaints/{id}/close', { ...path, body: { note, version } }));
      }
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['complaint', complaint.id] });
      void queryClient.invalidateQueries({ queryKey: ['complaints'] });
      onClose();
    },
    onError: (cause) => {
      if (isVersionConflict(cause)) {
        onConflict();
        return;
      }
      if (cause instanceof ApiError) {
        const byField = cause.fieldErrors();
        const names = Object.keys(byField).filter((name) => name);
        form.setFields(names.map((name) => ({ name: name as keyof ActionValues, errors: [byField[name]] })));
        setError(names.length === 0 ? cause.message : null);
      } else setError(String(cause));
    },
  });

  return (
    <Modal
      open
      title={label('complaintAction', action)}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ActionValues>
        form={form}
        layout="vertical"
        initialValues={{ validity: 'valid', satisfaction: 'satisfied' }}
        onFinish={(values) => {
          setError(null);
          run.mutate(values);
        }}
      >
        {action === 'judge' ? (
          <>
            <Form.Item name="validity" label={t('validity')}>
              <Radio.Group
                options={[
                  { value: 'valid', label: t('validityValid') },
                  { value: 'invalid', label: t('validityInvalid') },
                ]}
              />
            </Form.Item>
            {validity === 'invalid' ? (
              <Form.Item
                name="invalidReason"
                label={t('invalidReason')}
                rules={[{ required: true, message: t('reasonRequired') }]}
              >
                <Select options={options('complaintInvalidReason')} />
              </Form.Item>
            ) : null}
            <Form.Item name="note" label={t('note')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
        {action === 'assign' ? (
          <>
            <Typography.Paragraph type="secondary">{t('assignHint')}</Typography.Paragraph>
            <Form.Item name="assigneeUserId" label={t('assigneeUser')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={assignees.isLoading}
                options={(assignees.data ?? []).map((person) => ({
                  value: person.id,
                  label: person.displayName,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="department"
              label={t('department')}
              dependencies={['assigneeUserId']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) =>
                    value?.trim() || getFieldValue('assigneeUserId')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('assignHint'))),
                }),
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="note" label={t('note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
        {action === 'resolve' ? (
          <Form.Item
            name="resolution"
            label={t('resolution')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        ) : null}
        {action === 'follow_up' ? (
          <>
            <Form.Item name="satisfaction" label={t('satisfaction')}>
              <Radio.Group options={options('satisfaction')} />
            </Form.Item>
            <Form.Item name="comment" label={t('comment')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
        {action === 'close' ? (
          <Form.Item
            name="note"
            label={complaint.status === 'invalid' ? t('answer') : t('note')}
            rules={
              complaint.status === 'invalid'
                ? [{ required: true, whitespace: true, message: t('closeNoteRequired') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Form>
    </Modal>
  );
}

interface OrderValues {
  category?: string;
  priority: 'urgent' | 'routine';
  description?: string;
}

/**
 * "转工单": the API has no one-step endpoint, so the order is created (POST /work-orders) and then
 * linked to the complaint as the order that fixes it (POST /complaints/{id}/work-orders).
 */
function WorkOrderDialog({
  complaint,
  base,
  onClose,
}: {
  complaint: Detail;
  base: string;
  onClose: () => void;
}) {
  const t = useT(messages);
  const label = useLabel();
  const options = useLabelOptions();
  const estate = useEstate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OrderValues>();
  const [error, setError] = useState<string | null>(null);
  const settings = deskSettings(estate);
  const [created, setCreated] = useState<{ id: string; code: string } | null>(null);

  const run = useMutation({
    mutationFn: async (values: OrderValues) => {
      const order = await call(
        client.POST('/api/v1/work-orders', {
          body: {
            estateId: estate.id,
            ...(complaint.unitId
              ? { unitId: complaint.unitId }
              : { locationText: complaint.unitLabel ?? complaint.code }),
            category: values.category ?? '',
            priority: values.priority,
            channel:
              complaint.channel === 'phone' ? 'phone' : complaint.channel === 'walk_in' ? 'walk_in' : 'other',
            description: values.description?.trim() ?? '',
            ...(complaint.contactName ? { reporterName: complaint.contactName } : {}),
            ...(complaint.contactPhone ? { reporterPhone: complaint.contactPhone } : {}),
          },
        }),
      );
      try {
        await call(
          client.POST('/api/v1/complaints/{id}/work-orders', {
            params: { path: { id: complaint.id } },
            body: { relation: 'fixes', workOrderId: order.id },
          }),
        );
      } catch (cause) {
        throw new Error(
          t('linkFailed', {
            code: order.code,
            message: cause instanceof Error ? cause.message : String(cause),
          }),
        );
      }
      return order;
    },
    onSuccess: (order) => {
      setCreated({ id: order.id, code: order.code });
      void queryClient.invalidateQueries({ queryKey: ['complaint', complaint.id] });
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    },
    onError: (cause) => setError(cause instanceof Error ? cause.message : String(cause)),
  });

  return (
    <Modal
      open
      title={t('toWorkOrderTitle')}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={run.isPending}
      onOk={() => (created ? onClose() : form.submit())}
      onCancel={onClose}
      destroyOnHidden
    >
      {created ? (
        <Result
          status="success"
          title={
            <Link to={`${base}/work-orders/${created.id}`} onClick={onClose}>
              {created.code}
            </Link>
          }
        />
      ) : (
        <Form<OrderValues>
          form={form}
          layout="vertical"
          initialValues={{ priority: 'routine', description: `${complaint.code}:${complaint.description}` }}
          onFinish={(values) => {
            setError(null);
            run.mutate(values);
          }}
        >
          <Form.Item
            name="category"
            label={t('category')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Select
              options={settings.workOrderCategories.map((code) => ({
                value: code,
                label: label('workOrderCategory', code),
              }))}
            />
          </Form.Item>
          <Form.Item name="priority" label={t('priority')}>
            <Radio.Group optionType="button" options={options('workOrderPriority', ['urgent', 'routine'])} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('woDescription')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          {error ? <Alert type="error" showIcon title={error} /> : null}
        </Form>
      )}
    </Modal>
  );
}
