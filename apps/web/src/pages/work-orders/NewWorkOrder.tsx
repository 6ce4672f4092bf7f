import { ClockCircleOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Space,
  TimePicker,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, call, client, type Schemas } from '../../api/client';
import { formatDuration, formatTime, zonedInstant } from '../../format';
import { defineMessages, useLocale, useT } from '../../i18n';
import { useLabel, useLabelOptions } from '../../labels';
import { useEstate } from '../../shell/estate';
import { PhotoPicker, uploadAttachments, type Photo } from '../desk/PhotoPicker';
import { deskSettings } from '../desk/settings';
import { UnitSelect } from '../desk/UnitSelect';

const messages = defineMessages(
  {
    title: '新建报修',
    where: '报修位置',
    inHome: '户内',
    publicArea: '公共区域',
    unit: '房屋',
    unitRequired: '请选择房屋',
    location: '公共区域位置',
    locationPlaceholder: '如:3号楼 电梯厅',
    locationRequired: '请填写位置',
    category: '类别',
    categoryRequired: '请选择类别',
    priority: '紧急程度',
    channel: '来源渠道',
    description: '问题描述',
    descriptionRequired: '请描述问题',
    appointment: '预约上门(可选)',
    date: '预约日期',
    start: '开始时间',
    end: '结束时间',
    appointmentIncomplete: '预约需要日期、开始和结束时间',
    appointmentOrder: '结束时间须晚于开始时间',
    reporterName: '报修人',
    reporterPhone: '联系电话',
    photos: '照片',
    save: '保存工单',
    sla: '时限(保存后按受理时间计算)',
    arriveBy: '到场时限',
    completeBy: '完成时限',
    within: '{duration}内,即 {time} 前',
    hours: '{count}小时',
    byAppointment: '预约结束前,即 {time} 前',
    created: '工单已创建',
    code: '工单号',
    dispatch: '立即派单',
    view: '查看工单',
    another: '再建一单',
    uploadFailed: '部分照片未能上传:{list}',
    uploading: '正在上传照片…',
    failed: '保存失败:{message}',
  },
  {
    title: 'New repair ticket',
    where: 'Where',
    inHome: 'In a unit',
    publicArea: 'Public area',
    unit: 'Unit',
    unitRequired: 'Choose the unit',
    location: 'Public-area location',
    locationPlaceholder: 'e.g. Building 3 lift lobby',
    locationRequired: 'Say where',
    category: 'Category',
    categoryRequired: 'Choose a category',
    priority: 'Priority',
    channel: 'Channel',
    description: 'Description',
    descriptionRequired: 'Describe the problem',
    appointment: 'Appointment (optional)',
    date: 'Appointment date',
    start: 'From',
    end: 'To',
    appointmentIncomplete: 'An appointment needs a date, a start and an end time',
    appointmentOrder: 'The end must be after the start',
    reporterName: 'Reporter',
    reporterPhone: 'Phone',
    photos: 'Photos',
    save: 'Save order',
    sla: 'Deadlines (counted from the moment it is saved)',
    arriveBy: 'On site by',
    completeBy: 'Done by',
    within: 'within {duration}, i.e. by {time}',
    hours: '{count} h',
    byAppointment: 'by the end of the appointment, i.e. by {time}',
    created: 'Work order created',
    code: 'Order code',
    dispatch: 'Dispatch now',
    view: 'View order',
    another: 'Another ticket',
    uploadFailed: 'Some photos were not uploaded: {list}',
    uploading: 'Uploading photos…',
    failed: 'Could not save: {message}',
  },
);

interface Values {
  where: 'unit' | 'public';
  unitId?: string;
  locationText?: string;
  category?: string;
  priority: 'urgent' | 'routine';
  channel: Schemas['CreateWorkOrderRequest']['channel'];
  description?: string;
  date?: Dayjs | null;
  startTime?: Dayjs | null;
  endTime?: Dayjs | null;
  reporterName?: string;
  reporterPhone?: string;
}

/** Which form field an API error code is about. */
const CODE_FIELDS: Record<string, keyof Values> = {
  LOCATION_REQUIRED: 'locationText',
  CATEGORY_INVALID: 'category',
  UNIT_NOT_FOUND: 'unitId',
  UNIT_FORBIDDEN: 'unitId',
  APPOINTMENT_INVALID: 'endTime',
};

function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The front desk's repair ticket: where, what, how urgent (with its deadlines shown first), photos. */
export default function NewWorkOrder() {
  const t = useT(messages);
  const estate = useEstate();
  const locale = useLocale();
  const label = useLabel();
  const options = useLabelOptions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { estate: estateCode } = useParams();
  const base = `/e/${estateCode}`;
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [created, setCreated] = useState<{ order: Schemas['WorkOrderResponse']; failures: string[] } | null>(
    null,
  );
  const [formError, setFormError] = useState<string | null>(null);
  const settings = deskSettings(estate);
  const now = useNow();

  const where = Form.useWatch('where', form) ?? 'unit';
  const priority = Form.useWatch('priority', form) ?? 'routine';
  const date = Form.useWatch('date', form);
  const endTime = Form.useWatch('endTime', form);

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const appointment =
        values.date && values.startTime && values.endTime
          ? {
              date: values.date.format('YYYY-MM-DD'),
              startTime: values.startTime.format('HH:mm'),
              endTime: values.endTime.format('HH:mm'),
            }
          : undefined;
      const order = await call(
        client.POST('/api/v1/work-orders', {
          body: {
            estateId: estate.id,
            ...(values.where === 'unit'
              ? { unitId: values.unitId }
              : { locationText: values.locationText?.trim() }),
            category: values.category ?? '',
            priority: values.priority,
            channel: values.channel,
            description: values.description?.trim() ?? '',
            ...(appointment ? { appointment } : {}),
            ...(values.reporterName?.trim() ? { reporterName: values.reporterName.trim() } : {}),
            ...(values.reporterPhone?.trim() ? { reporterPhone: values.reporterPhone.trim() } : {}),
          },
        }),
      );
      const failures = await uploadAttachments(`/api/v1/work-orders/${order.id}/attachments`, photos);
      return { order, failures };
    },
    onSuccess: (result) => {
      setCreated(result);
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['units-lookup'] });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setFormError(String(error));
        return;
      }
      const byField = error.fieldErrors();
      const codeField = CODE_FIELDS[error.code];
      if (codeField) byField[codeField] = error.message;
      const names = Object.keys(form.getFieldsValue(true) as object);
      const known = Object.entries(byField).filter(
        ([field]) => field && (names.includes(field) || field === codeField),
      );
      form.setFields(known.map(([name, message]) => ({ name: name as keyof Values, errors: [message] })));
      setFormError(known.length === 0 ? t('failed', { message: error.message }) : null);
    },
  });

  if (created) {
    const { order, failures } = created;
    return (
      <div>
        <Typography.Title level={2}>{t('title')}</Typography.Title>
        <Result
          status="success"
          title={t('created')}
          subTitle={
            <Space orientation="vertical">
              <span>
                {t('code')}:{' '}
                <Typography.Text strong copyable style={{ fontSize: 18 }} data-testid="work-order-code">
                  {order.code}
                </Typography.Text>
              </span>
              {failures.length > 0 ? (
                <Alert type="warning" showIcon title={t('uploadFailed', { list: failures.join(';') })} />
              ) : null}
            </Space>
          }
          extra={[
            <Button
              key="dispatch"
              type="primary"
              icon={<SendOutlined />}
              onClick={() => navigate(`${base}/work-orders/${order.id}?dispatch=1`)}
            >
              {t('dispatch')}
            </Button>,
            <Button key="view" onClick={() => navigate(`${base}/work-orders/${order.id}`)}>
              {t('view')}
            </Button>,
            <Button
              key="another"
              type="link"
              onClick={() => {
                setCreated(null);
                setPhotos([]);
                form.resetFields();
              }}
            >
              {t('another')}
            </Button>,
          ]}
        />
      </div>
    );
  }

  // The deadlines as the API will compute them (work-order-sla.ts), from now in the estate's zone.
  const sla = settings.sla;
  const appointmentEnd =
    date && endTime
      ? zonedInstant(date.format('YYYY-MM-DD'), endTime.format('HH:mm'), estate.timeZone)
      : null;
  const at = (minutes: number) =>
    formatTime(new Date(now + minutes * 60_000).toISOString(), estate.timeZone, locale);
  const deadlines =
    priority === 'urgent'
      ? [
          {
            label: t('arriveBy'),
            value: t('within', {
              duration: formatDuration(sla.urgentArrivalMinutes, locale),
              time: at(sla.urgentArrivalMinutes),
            }),
          },
          {
            label: t('completeBy'),
            value: t('within', {
              duration: t('hours', { count: sla.urgentCompletionHours }),
              time: at(sla.urgentCompletionHours * 60),
            }),
          },
        ]
      : [
          {
            label: t('completeBy'),
            value: appointmentEnd
              ? t('byAppointment', {
                  time: formatTime(appointmentEnd.toISOString(), estate.timeZone, locale),
                })
              : t('within', {
                  duration: t('hours', { count: sla.routineCompletionHours }),
                  time: at(sla.routineCompletionHours * 60),
                }),
          },
        ];

  return (
    <div>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 880 }}
        initialValues={{
          where: params.get('unitId') || !params.get('locationText') ? 'unit' : 'public',
          unitId: params.get('unitId') ?? undefined,
          locationText: params.get('locationText') ?? undefined,
          priority: 'routine',
          channel: 'phone',
          reporterName: params.get('reporterName') ?? undefined,
          reporterPhone: params.get('reporterPhone') ?? undefined,
          description: params.get('description') ?? undefined,
        }}
        onFinish={(values) => {
          setFormError(null);
          save.mutate(values);
        }}
      >
        <Card>
          <Form.Item name="where" label={t('where')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'unit', label: t('inHome') },
                { value: 'public', label: t('publicArea') },
              ]}
            />
          </Form.Item>
          {where === 'unit' ? (
            <Form.Item
              name="unitId"
              label={t('unit')}
              rules={[{ required: true, message: t('unitRequired') }]}
            >
              <UnitSelect initialLabel={params.get('unitLabel') ?? undefined} />
            </Form.Item>
          ) : (
            <Form.Item
              name="locationText"
              label={t('location')}
              rules={[{ required: true, whitespace: true, message: t('locationRequired') }]}
            >
              <Input placeholder={t('locationPlaceholder')} maxLength={200} />
            </Form.Item>
          )}
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="category"
                label={t('category')}
                rules={[{ required: true, message: t('categoryRequired') }]}
              >
                <Select
                  options={settings.workOrderCategories.map((code) => ({
                    value: code,
                    label: label('workOrderCategory', code),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="priority" label={t('priority')}>
                <Radio.Group
                  optionType="button"
                  options={options('workOrderPriority', ['urgent', 'routine'])}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="channel" label={t('channel')}>
                <Select options={options('workOrderChannel')} />
              </Form.Item>
            </Col>
          </Row>
          <section aria-label={t('sla')}>
            <Alert
              type={priority === 'urgent' ? 'warning' : 'info'}
              showIcon
              icon={<ClockCircleOutlined />}
              title={t('sla')}
              description={
                <Descriptions
                  size="small"
                  column={1}
                  items={deadlines.map((item) => ({
                    key: item.label,
                    label: item.label,
                    children: item.value,
                  }))}
                />
              }
              style={{ marginBottom: 16 }}
            />
          </section>
          <Form.Item
            name="description"
            label={t('description')}
            rules={[{ required: true, whitespace: true, message: t('descriptionRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Typography.Text strong>{t('appointment')}</Typography.Text>
          <Row gutter={16} style={{ marginTop: 8 }}>
            <Col xs={24} md={8}>
              <Form.Item name="date" label={t('date')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="startTime"
                label={t('start')}
                dependencies={['date', 'endTime']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: Dayjs | null | undefined) => {
                      const given = [getFieldValue('date'), value, getFieldValue('endTime')].filter(
                        Boolean,
                      ).length;
                      return given === 0 || given === 3
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('appointmentIncomplete')));
                    },
                  }),
                ]}
              >
                <TimePicker format="HH:mm" minuteStep={15} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="endTime"
                label={t('end')}
                dependencies={['startTime']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: Dayjs | null | undefined) => {
                      const start = getFieldValue('startTime') as Dayjs | null | undefined;
                      return !value || !start || value.isAfter(start)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('appointmentOrder')));
                    },
                  }),
                ]}
              >
                <TimePicker format="HH:mm" minuteStep={15} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="reporterName" label={t('reporterName')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="reporterPhone" label={t('reporterPhone')}>
                <Input inputMode="tel" maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('photos')} htmlFor="work-order-photos">
            <PhotoPicker id="work-order-photos" value={photos} onChange={setPhotos} />
          </Form.Item>
          {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" size="large" loading={save.isPending}>
            {save.isPending && photos.length > 0 ? t('uploading') : t('save')}
          </Button>
        </Card>
      </Form>
    </div>
  );
}
