import {
  CustomerServiceOutlined,
  PhoneOutlined,
  PlusOutlined,
  SearchOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Input, List, Radio, Row, Space, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { call, client, type Schemas } from '../../api/client';
import { ComplaintStatusTag, PriorityTag, WorkOrderStatusTag } from '../../domain/status';
import { formatTime } from '../../format';
import { defineMessages, useLocale, useT } from '../../i18n';
import { useLabel } from '../../labels';
import { useEstate } from '../../shell/estate';
import { lookupParams, useDebounced } from './useDebounced';

const messages = defineMessages(
  {
    title: '来电受理',
    search: '电话或楼栋房号',
    placeholder: '输入电话后4位或楼栋-房号,如 5678、3-1203、3栋1203',
    hint: '输入电话后4位或楼栋-房号',
    hintDetail: '来电时输入对方电话的后4位(或完整号码),或报出的楼栋和房号,匹配的房屋会在这里列出。',
    noMatch: '没有匹配的房屋',
    noMatchDetail: '请核对号码或房号;公共区域报修可直接新建报修并填写位置。',
    results: '匹配的房屋',
    residents: '住户',
    noResidents: '目前没有登记住户',
    openOrders: '未完成工单 {count}',
    openComplaints: '未关闭投诉 {count}',
    choose: '选择 {unit}',
    chosen: '已选择',
    pickUnit: '从左侧选择一户,查看其工单和投诉',
    unitTitle: '{unit} 的记录',
    caller: '来电人',
    newRepair: '新建报修',
    newComplaint: '新建投诉',
    newPublicRepair: '新建公共区域报修',
    open: '未完成工单',
    noOpen: '没有未完成的工单',
    complaints: '投诉',
    noComplaints: '没有投诉记录',
    lastRepairs: '最近维修(最近5单)',
    noRepairs: '没有已完成的维修',
    call: '拨打 {name} {phone}',
    error: '查询失败:{message}',
  },
  {
    title: 'Caller lookup',
    search: 'Phone or building/room',
    placeholder: 'Last 4 digits of the phone or building-room, e.g. 5678, 3-1203, 3栋1203',
    hint: 'Type the last 4 digits of the phone or building-room',
    hintDetail:
      "When a call comes in, type the caller's last 4 digits (or the whole number), or the building and room they give; matching units are listed here.",
    noMatch: 'No matching unit',
    noMatchDetail:
      'Check the number or the room; for a public area, create a repair ticket with its location.',
    results: 'Matching units',
    residents: 'Residents',
    noResidents: 'No resident registered today',
    openOrders: 'Open orders {count}',
    openComplaints: 'Open complaints {count}',
    choose: 'Choose {unit}',
    chosen: 'Chosen',
    pickUnit: 'Choose a unit on the left to see its orders and complaints',
    unitTitle: 'Records of {unit}',
    caller: 'Caller',
    newRepair: 'New repair ticket',
    newComplaint: 'New complaint',
    newPublicRepair: 'New public-area repair',
    open: 'Open work orders',
    noOpen: 'No open work orders',
    complaints: 'Complaints',
    noComplaints: 'No complaints',
    lastRepairs: 'Last repairs (latest 5)',
    noRepairs: 'No finished repairs',
    call: 'Call {name} {phone}',
    error: 'Lookup failed: {message}',
  },
);

type Unit = Schemas['UnitLookupResponse'];
type WorkOrder = Schemas['WorkOrderResponse'];

const OPEN_STATUSES: WorkOrder['status'][] = [
  'reported',
  'assigned',
  'in_progress',
  'on_hold',
  'completed',
  'reopened',
];

/** The front desk's home: a caller's phone or room → the unit, its residents, orders and complaints. */
export default function CallerLookup() {
  const t = useT(messages);
  const estate = useEstate();
  const { estate: estateCode } = useParams();
  const base = `/e/${estateCode}`;
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const unitId = params.get('unit');
  const settled = useDebounced(text, 250);
  const lookup = lookupParams(settled);

  const units = useQuery({
    queryKey: ['units-lookup', estate.id, settled],
    enabled: lookup !== null,
    placeholderData: (previous) => previous,
    queryFn: async () => {
      const search = (query: { phone?: string; q?: string }) =>
        call(client.GET('/api/v1/units/lookup', { params: { query: { estateId: estate.id, ...query } } }));
      // Four digits are a phone's last four or the start of a room number: ask both, phone first.
      if (lookup?.phone && /^\d{4}$/.test(lookup.phone)) {
        const [byPhone, byRoom] = await Promise.all([
          search({ phone: lookup.phone }),
          search({ q: lookup.phone }),
        ]);
        const seen = new Set(byPhone.map((unit) => unit.id));
        return [...byPhone, ...byRoom.filter((unit) => !seen.has(unit.id))];
      }
      return search(lookup ?? {});
    },
  });

  const update = (next: { q?: string; unit?: string | null; caller?: string | null }) => {
    const copy = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) copy.set(key, value);
      else copy.delete(key);
    }
    setParams(copy, { replace: true });
  };

  const chosen = units.data?.find((unit) => unit.id === unitId) ?? null;
  const digits = lookup?.phone?.replace(/\D/g, '') ?? '';

  return (
    <div>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Input
        aria-label={t('search')}
        placeholder={t('placeholder')}
        size="large"
        allowClear
        autoFocus
        prefix={<SearchOutlined aria-hidden />}
        suffix={units.isFetching ? <Spin size="small" /> : null}
        value={text}
        onChange={(event) => update({ q: event.target.value, unit: null, caller: null })}
        style={{ maxWidth: 640, marginBottom: 16 }}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <section aria-label={t('results')}>
            {units.isError ? (
              <Alert type="error" showIcon title={t('error', { message: units.error.message })} />
            ) : !lookup ? (
              <Empty
                description={
                  <Space orientation="vertical" size={4}>
                    <Typography.Text strong>{t('hint')}</Typography.Text>
                    <Typography.Text type="secondary">{t('hintDetail')}</Typography.Text>
                  </Space>
                }
              />
            ) : units.isLoading ? (
              <Spin />
            ) : units.data && units.data.length > 0 ? (
              <div>
                {units.data.map((unit) => (
                  <UnitCard
                    key={unit.id}
                    unit={unit}
                    chosen={unit.id === unitId}
                    onChoose={() => {
                      const match = unit.residents.find(
                        (resident) => digits && resident.phone?.replace(/\D/g, '').endsWith(digits),
                      );
                      update({ unit: unit.id, caller: (match ?? unit.residents[0])?.id ?? null });
                    }}
                  />
                ))}
              </div>
            ) : (
              <Empty
                description={
                  <Space orientation="vertical" size={4}>
                    <Typography.Text strong>{t('noMatch')}</Typography.Text>
                    <Typography.Text type="secondary">{t('noMatchDetail')}</Typography.Text>
                    <Link to={`${base}/work-orders/new`}>{t('newPublicRepair')}</Link>
                  </Space>
                }
              />
            )}
          </section>
        </Col>
        <Col xs={24} lg={14}>
          {chosen ? (
            <UnitPanel
              unit={chosen}
              base={base}
              callerId={params.get('caller')}
              onCaller={(caller) => update({ caller })}
            />
          ) : lookup && units.data && units.data.length > 0 ? (
            <Empty description={t('pickUnit')} />
          ) : null}
        </Col>
      </Row>
    </div>
  );
}

function UnitCard({ unit, chosen, onChoose }: { unit: Unit; chosen: boolean; onChoose: () => void }) {
  const t = useT(messages);
  const label = useLabel();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12, borderColor: chosen ? '#0958d9' : undefined }}
      title={
        <Space>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {unit.unitLabel}
          </Typography.Text>
          <Typography.Text type="secondary">{unit.buildingName}</Typography.Text>
        </Space>
      }
      extra={
        <Button
          type={chosen ? 'primary' : 'default'}
          aria-pressed={chosen}
          aria-label={t('choose', { unit: unit.unitLabel })}
          onClick={onChoose}
        >
          {chosen ? t('chosen') : t('choose', { unit: '' }).trim()}
        </Button>
      }
    >
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        {unit.residents.length === 0 ? (
          <Typography.Text type="secondary">{t('noResidents')}</Typography.Text>
        ) : (
          unit.residents.map((resident) => (
            <Space key={resident.id} wrap>
              <Typography.Text>{resident.name}</Typography.Text>
              <Tag>{label('residentRelation', resident.relation)}</Tag>
              {resident.phone ? (
                <a
                  href={`tel:${resident.phone}`}
                  aria-label={t('call', { name: resident.name, phone: resident.phone })}
                >
                  <PhoneOutlined aria-hidden /> {resident.phone}
                </a>
              ) : null}
            </Space>
          ))
        )}
        <Space wrap>
          <Tag icon={<ToolOutlined />} color={unit.openWorkOrders > 0 ? 'blue' : 'default'}>
            {t('openOrders', { count: unit.openWorkOrders })}
          </Tag>
          <Tag icon={<CustomerServiceOutlined />} color={unit.openComplaints > 0 ? 'blue' : 'default'}>
            {t('openComplaints', { count: unit.openComplaints })}
          </Tag>
        </Space>
      </Space>
    </Card>
  );
}

function UnitPanel({
  unit,
  base,
  callerId,
  onCaller,
}: {
  unit: Unit;
  base: string;
  callerId: string | null;
  onCaller: (id: string) => void;
}) {
  const t = useT(messages);
  const estate = useEstate();
  const locale = useLocale();
  const label = useLabel();
  const navigate = useNavigate();
  const caller = unit.residents.find((resident) => resident.id === callerId) ?? unit.residents[0];

  const open = useQuery({
    queryKey: ['work-orders', 'unit-open', unit.id],
    queryFn: () =>
      call(
        client.GET('/api/v1/work-orders', {
          params: {
            query: {
              estateId: estate.id,
              unitId: unit.id,
              status: OPEN_STATUSES,
              sort: '-reportedAt',
              pageSize: 50,
            },
          },
        }),
      ),
  });
  const closed = useQuery({
    queryKey: ['work-orders', 'unit-closed', unit.id],
    queryFn: () =>
      call(
        client.GET('/api/v1/work-orders', {
          params: {
            query: {
              estateId: estate.id,
              unitId: unit.id,
              status: ['closed'],
              sort: '-completedAt',
              pageSize: 5,
            },
          },
        }),
      ),
  });
  const complaints = useQuery({
    queryKey: ['complaints', 'unit', unit.id],
    queryFn: () =>
      call(
        client.GET('/api/v1/complaints', {
          params: { query: { estateId: estate.id, unitId: unit.id, pageSize: 20 } },
        }),
      ),
  });

  const repairParams = useMemo(() => {
    const query = new URLSearchParams({ unitId: unit.id, unitLabel: unit.unitLabel });
    if (caller) {
      query.set('reporterName', caller.name);
      if (caller.phone) query.set('reporterPhone', caller.phone);
    }
    return query.toString();
  }, [unit.id, caller]);
  const complaintParams = useMemo(() => {
    const query = new URLSearchParams({ unitId: unit.id, unitLabel: unit.unitLabel });
    if (caller) {
      query.set('contactName', caller.name);
      if (caller.phone) query.set('contactPhone', caller.phone);
    }
    return query.toString();
  }, [unit.id, caller]);

  const orderItem = (order: WorkOrder, timeOf: string | null | undefined) => (
    <List.Item>
      <Space wrap>
        <Link to={`${base}/work-orders/${order.id}`}>{order.code}</Link>
        <WorkOrderStatusTag status={order.status} />
        <PriorityTag priority={order.priority} />
        <Typography.Text>{label('workOrderCategory', order.category)}</Typography.Text>
        <Typography.Text type="secondary">{formatTime(timeOf, estate.timeZone, locale)}</Typography.Text>
        <Typography.Text ellipsis style={{ maxWidth: 260 }}>
          {order.description}
        </Typography.Text>
      </Space>
    </List.Item>
  );

  return (
    <section aria-labelledby="unit-panel-title">
      <Card
        title={
          <Typography.Title level={3} id="unit-panel-title" style={{ margin: 0 }}>
            {t('unitTitle', { unit: unit.unitLabel })}
          </Typography.Title>
        }
      >
        {unit.residents.length > 0 ? (
          <div style={{ marginBottom: 12 }}>
            <Typography.Text id="caller-label" strong style={{ marginInlineEnd: 8 }}>
              {t('caller')}
            </Typography.Text>
            <Radio.Group
              aria-labelledby="caller-label"
              value={caller?.id}
              onChange={(event) => onCaller(String(event.target.value))}
              options={unit.residents.map((resident) => ({
                value: resident.id,
                label: `${resident.name}(${label('residentRelation', resident.relation)})`,
              }))}
            />
          </div>
        ) : null}
        <Space wrap style={{ marginBottom: 16 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate(`${base}/work-orders/new?${repairParams}`)}
          >
            {t('newRepair')}
          </Button>
          <Button
            icon={<CustomerServiceOutlined />}
            onClick={() => navigate(`${base}/complaints/new?${complaintParams}`)}
          >
            {t('newComplaint')}
          </Button>
        </Space>

        <Typography.Title level={4}>{t('open')}</Typography.Title>
        <List
          loading={open.isLoading}
          dataSource={open.data?.items ?? []}
          locale={{ emptyText: t('noOpen') }}
          renderItem={(order) => orderItem(order, order.reportedAt)}
        />

        <Typography.Title level={4}>{t('complaints')}</Typography.Title>
        <List
          loading={complaints.isLoading}
          dataSource={complaints.data?.items ?? []}
          locale={{ emptyText: t('noComplaints') }}
          renderItem={(complaint) => (
            <List.Item>
              <Space wrap>
                <Link to={`${base}/complaints/${complaint.id}`}>{complaint.code}</Link>
                <ComplaintStatusTag status={complaint.status} />
                <Typography.Text>
                  {complaint.categories.map((code) => label('complaintCategory', code)).join('、')}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {formatTime(complaint.receivedAt, estate.timeZone, locale)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />

        <Typography.Title level={4}>{t('lastRepairs')}</Typography.Title>
        <List
          loading={closed.isLoading}
          dataSource={closed.data?.items ?? []}
          locale={{ emptyText: t('noRepairs') }}
          renderItem={(order) => orderItem(order, order.completedAt ?? order.closedAt)}
        />
      </Card>
    </section>
  );
}
