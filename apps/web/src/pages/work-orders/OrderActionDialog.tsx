import { CameraOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Switch, Typography } from 'antd';
import { useMessage } from '../../components/feedback';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { ApiError, call, client, type Schemas } from '../../api/client';
import { useSessionUser } from '../../auth/session';
import { isVersionConflict } from '../../components/Conflict';
import type { DetailAction } from '../../domain/workOrderActions';
import { parseYuan, zonedInstant } from '../../format';
import { defineMessages, useT } from '../../i18n';
import { useLabel, useLabelOptions } from '../../labels';
import { useEstate } from '../../shell/estate';
import { ATTACHMENT_TYPES, MAX_BYTES, uploadAttachments, type Photo } from '../desk/PhotoPicker';

const messages = defineMessages(
  {
    ok: '确定',
    cancel: '取消',
    required: '必填',
    reason: '原因',
    holdReason: '挂起原因(如:等配件)',
    handBackReason: '退单原因(如:需要电工)',
    cancelReason: '取消原因',
    priority: '新的紧急程度',
    priorityReason: '调整原因',
    arrivedAt: '到场时间',
    arrivedHint: '留空即为现在;补录时可选更早的时间',
    resumeConfirm: '恢复维修 {code}?',
    resolution: '处理结果',
    labour: '工时(分钟)',
    materials: '材料',
    addMaterial: '添加材料',
    materialName: '材料名称',
    quantity: '数量',
    unit: '单位',
    unitCost: '单价(元)',
    removeMaterial: '删除第 {n} 行材料',
    badYuan: '请输入金额,如 12.50(最多两位小数)',
    chargeable: '有偿维修(向住户收费)',
    amount: '收费金额(元)',
    photos: '完工照片',
    takePhoto: '拍照或选择照片',
    removePhoto: '移除 {name}',
    badPhoto: '{name}:只接受 JPEG、PNG 或 WebP,且不超过 5 MB',
    result: '验收结果',
    by: '验收方式',
    channel: '住户如何确认',
    satisfaction: '满意度',
    comment: '意见',
    residentComment: '您的评价(可不填)',
    method: '回访方式',
    urgeNote: '来电内容(如:业主第二次来电催促)',
    photoFailed: '已保存,但有照片未能上传:{failures}',
    acceptTitle: '验收 {code}',
    rateTitle: '评价并验收 {code}',
    returnVisitTitle: '回访 {code}',
    title: '{action} {code}',
  },
  {
    ok: 'OK',
    cancel: 'Cancel',
    required: 'Required',
    reason: 'Reason',
    holdReason: 'Why on hold (e.g. waiting for parts)',
    handBackReason: 'Why you hand it back (e.g. needs an electrician)',
    cancelReason: 'Why it is cancelled',
    priority: 'New priority',
    priorityReason: 'Why',
    arrivedAt: 'Arrived at',
    arrivedHint: 'Leave empty for now; pick an earlier time when entering it later',
    resumeConfirm: 'Resume work on {code}?',
    resolution: 'What was done',
    labour: 'Labour (minutes)',
    materials: 'Materials',
    addMaterial: 'Add material',
    materialName: 'Material',
    quantity: 'Quantity',
    unit: 'Unit',
    unitCost: 'Unit price (¥)',
    removeMaterial: 'Remove material line {n}',
    badYuan: 'An amount such as 12.50 (at most two decimals)',
    chargeable: 'Paid repair (the resident is charged)',
    amount: 'Charge (¥)',
    photos: 'Photos of the work',
    takePhoto: 'Take or choose a photo',
    removePhoto: 'Remove {name}',
    badPhoto: '{name}: only JPEG, PNG or WebP up to 5 MB',
    result: 'Result',
    by: 'Accepted as',
    channel: 'How the resident confirmed',
    satisfaction: 'Satisfaction',
    comment: 'Comment',
    residentComment: 'Your comment (optional)',
    method: 'How',
    urgeNote: 'What the caller said (e.g. second call from the resident)',
    photoFailed: 'Saved, but some photos were not uploaded: {failures}',
    acceptTitle: 'Accept {code}',
    rateTitle: 'Rate and accept {code}',
    returnVisitTitle: 'Return visit {code}',
    title: '{action} {code}',
  },
);

type Order = Schemas['WorkOrderDetailResponse'];
type Action = Exclude<DetailAction, 'assign'>;

interface MaterialValues {
  name?: string;
  quantity?: number;
  unit?: string;
  unitCost?: string;
}

interface Values {
  reason?: string;
  priority?: Schemas['ChangePriorityRequest']['priority'];
  arrivedAt?: Dayjs | null;
  resolution?: string;
  labourMinutes?: number;
  materials?: MaterialValues[];
  chargeable?: boolean;
  amount?: string;
  result?: Schemas['AcceptWorkOrderRequest']['result'];
  by?: Schemas['AcceptWorkOrderRequest']['by'];
  acceptanceChannel?: Schemas['AcceptWorkOrderRequest']['acceptanceChannel'];
  satisfaction?: Schemas['AcceptWorkOrderRequest']['satisfaction'];
  comment?: string;
  method?: Schemas['ReturnVisitRequest']['method'];
  note?: string;
}

/** The fields each action's form has: the API's messages naming one of these go next to it. */
const FIELDS: Record<Action, (keyof Values)[]> = {
  start: ['arrivedAt'],
  hold: ['reason'],
  resume: [],
  hand_back: ['reason'],
  cancel: ['reason'],
  change_priority: ['priority', 'reason'],
  complete: ['resolution', 'labourMinutes', 'chargeable', 'amount'],
  accept: ['result', 'by', 'acceptanceChannel', 'satisfaction', 'comment'],
  return_visit: ['method', 'satisfaction', 'comment'],
  urge: ['note'],
};

/** The API's field names → this form's (amountFen is typed as yuan in `amount`). */
const API_FIELD: Record<string, keyof Values> = { amountFen: 'amount', unitCostFen: 'materials' };

/**
 * The form of one move on an order (every move but dispatch, which is DispatchDialog). It sends the
 * version of `order` — the order as it was when the form opened.
 */
export function OrderActionDialog({
  action,
  order,
  onClose,
  onDone,
  onConflict,
}: {
  action: Action;
  order: Order;
  onClose: () => void;
  onDone: () => void;
  onConflict: () => void;
}) {
  const t = useT(messages);
  const label = useLabel();
  const options = useLabelOptions();
  const estate = useEstate();
  const user = useSessionUser();
  const message = useMessage();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const chargeable = Form.useWatch('chargeable', form);
  const resident = user?.role === 'resident';
  const version = order.version;

  // the previews are revoked when the dialog closes
  const shownPhotos = useRef(photos);
  shownPhotos.current = photos;
  useEffect(
    () => () => {
      for (const photo of shownPhotos.current) if (photo.preview) URL.revokeObjectURL(photo.preview);
    },
    [],
  );

  const run = useMutation({
    mutationFn: async (values: Values) => {
      const path = { params: { path: { id: order.id } } };
      const reason = values.reason?.trim() ?? '';
      switch (action) {
        case 'start':
          return call(
            client.POST('/api/v1/work-orders/{id}/start', {
              ...path,
              body: {
                version,
                ...(values.arrivedAt
                  ? {
                      arrivedAt: zonedInstant(
                        values.arrivedAt.format('YYYY-MM-DD'),
                        values.arrivedAt.format('HH:mm'),
                        estate.timeZone,
                      ).toISOString(),
                    }
                  : {}),
              },
            }),
          );
        case 'hold':
          return call(client.POST('/api/v1/work-orders/{id}/hold', { ...path, body: { reason, version } }));
        case 'resume':
          return call(client.POST('/api/v1/work-orders/{id}/resume', { ...path, body: { version } }));
        case 'hand_back':
          return call(
            client.POST('/api/v1/work-orders/{id}/hand-back', { ...path, body: { reason, version } }),
          );
        case 'cancel':
          return call(client.POST('/api/v1/work-orders/{id}/cancel', { ...path, body: { reason, version } }));
        case 'change_priority':
          return call(
            client.POST('/api/v1/work-orders/{id}/priority', {
              ...path,
              body: { priority: values.priority ?? order.priority, reason, version },
            }),
          );
        case 'complete': {
          const completed = await call(
            client.POST('/api/v1/work-orders/{id}/complete', {
              ...path,
              body: {
                version,
                resolution: values.resolution?.trim() ?? '',
                labourMinutes: values.labourMinutes ?? 0,
                chargeable: Boolean(values.chargeable),
                ...(values.chargeable ? { amountFen: parseYuan(values.amount ?? '') ?? undefined } : {}),
                materials: (values.materials ?? [])
                  .filter((item) => item.name?.trim())
                  .map((item) => ({
                    name: item.name?.trim() ?? '',
                    quantity: item.quantity ?? 1,
                    ...(item.unit?.trim() ? { unit: item.unit.trim() } : {}),
                    unitCostFen: parseYuan(item.unitCost ?? '0') ?? 0,
                  })),
              },
            }),
          );
          const failures = await uploadAttachments(`/api/v1/work-orders/${order.id}/attachments`, photos);
          if (failures.length > 0)
            void message.warning(t('photoFailed', { failures: failures.join('; ') }), 8);
          return completed;
        }
        case 'accept':
          return call(
            client.POST('/api/v1/work-orders/{id}/accept', {
              ...path,
              body: {
                version,
                result: values.result ?? 'pass',
                by: resident ? 'resident' : (values.by ?? 'resident'),
                // staff entering the resident's own acceptance say how it reached them (phone, in person)
                ...(!resident && (values.by ?? 'resident') === 'resident'
                  ? { acceptanceChannel: values.acceptanceChannel ?? 'phone' }
                  : {}),
                ...(values.satisfaction ? { satisfaction: values.satisfaction } : {}),
                ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
              },
            }),
          );
        case 'return_visit':
          return call(
            client.POST('/api/v1/work-orders/{id}/return-visits', {
              ...path,
              body: {
                method: values.method ?? 'phone',
                ...(values.satisfaction ? { satisfaction: values.satisfaction } : {}),
                ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
              },
            }),
          );
        case 'urge':
          return call(
            client.POST('/api/v1/work-orders/{id}/urge', {
              ...path,
              body: values.note?.trim() ? { note: values.note.trim() } : {},
            }),
          );
      }
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['work-order', order.id] });
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      onDone();
    },
    onError: (cause) => {
      if (isVersionConflict(cause)) {
        onConflict();
        return;
      }
      if (!(cause instanceof ApiError)) {
        setError(String(cause));
        return;
      }
      const byField = cause.fieldErrors();
      const mine: { name: keyof Values; errors: string[] }[] = [];
      const rest: string[] = [];
      for (const [field, text] of Object.entries(byField)) {
        const name = API_FIELD[field] ?? (field as keyof Values);
        if (FIELDS[action].includes(name)) mine.push({ name, errors: [text] });
        else rest.push(text);
      }
      form.setFields(mine);
      setError(mine.length === 0 ? cause.message : rest.length > 0 ? rest.join('; ') : null);
    },
  });

  const addPhotos = (files: FileList | null) => {
    const problems: string[] = [];
    const next = [...photos];
    for (const file of Array.from(files ?? [])) {
      if (!ATTACHMENT_TYPES.includes(file.type) || file.type === 'application/pdf' || file.size > MAX_BYTES)
        problems.push(t('badPhoto', { name: file.name }));
      else next.push({ key: `${Date.now()}-${Math.random()}`, file, preview: URL.createObjectURL(file) });
    }
    setPhotoError(problems.length > 0 ? problems.join('; ') : null);
    setPhotos(next);
  };

  const title =
    action === 'accept'
      ? t(resident ? 'rateTitle' : 'acceptTitle', { code: order.code })
      : action === 'return_visit'
        ? t('returnVisitTitle', { code: order.code })
        : t('title', { action: label('workOrderAction', action), code: order.code });
  const yuanRule = {
    validator: (_rule: unknown, value: string | undefined) =>
      !value?.trim() || parseYuan(value) !== null
        ? Promise.resolve()
        : Promise.reject(new Error(t('badYuan'))),
  };
  const required = [{ required: true, whitespace: true, message: t('required') }];

  return (
    <Modal
      open
      title={title}
      okText={t('ok')}
      cancelText={t('cancel')}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      width={action === 'complete' ? 640 : 520}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          result: 'pass',
          by: 'resident',
          acceptanceChannel: 'phone',
          satisfaction: action === 'accept' || action === 'return_visit' ? 'satisfied' : undefined,
          method: 'phone',
          chargeable: false,
          labourMinutes: 30,
          materials: [],
          priority: order.priority === 'urgent' ? 'routine' : 'urgent',
        }}
        onFinish={(values) => {
          setError(null);
          run.mutate(values);
        }}
      >
        {action === 'start' ? (
          <Form.Item name="arrivedAt" label={t('arrivedAt')} extra={t('arrivedHint')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              disabledDate={(day) => day.isAfter(dayjs().endOf('day'))}
            />
          </Form.Item>
        ) : null}
        {action === 'resume' ? (
          <Typography.Paragraph>{t('resumeConfirm', { code: order.code })}</Typography.Paragraph>
        ) : null}
        {action === 'hold' || action === 'hand_back' || action === 'cancel' ? (
          <Form.Item
            name="reason"
            label={t(
              action === 'hold' ? 'holdReason' : action === 'hand_back' ? 'handBackReason' : 'cancelReason',
            )}
            rules={required}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        ) : null}
        {action === 'change_priority' ? (
          <>
            <Form.Item name="priority" label={t('priority')}>
              <Radio.Group
                optionType="button"
                options={options('workOrderPriority').map((option) => ({
                  ...option,
                  disabled: option.value === order.priority,
                }))}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('priorityReason')} rules={required}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        {action === 'complete' ? (
          <>
            <Form.Item name="resolution" label={t('resolution')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item
              name="labourMinutes"
              label={t('labour')}
              rules={[{ required: true, message: t('required') }]}
            >
              <InputNumber min={0} max={100000} precision={0} size="large" style={{ width: '100%' }} />
            </Form.Item>
            <Typography.Text strong>{t('materials')}</Typography.Text>
            <Form.List name="materials">
              {(fields, { add, remove }) => (
                <div className="material-lines">
                  {fields.map((field, index) => (
                    <fieldset key={field.key} className="material-line">
                      <legend className="visually-hidden">
                        {t('materials')} {index + 1}
                      </legend>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('materialName')}
                        rules={required}
                        className="material-name"
                      >
                        <Input maxLength={100} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'quantity']}
                        label={t('quantity')}
                        rules={[{ required: true, message: t('required') }]}
                      >
                        <InputNumber
                          min={0.01}
                          max={1000000}
                          precision={2}
                          step={1}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'unit']} label={t('unit')}>
                        <Input maxLength={20} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'unitCost']}
                        label={t('unitCost')}
                        rules={[{ required: true, message: t('required') }, yuanRule]}
                      >
                        <Input inputMode="decimal" prefix="¥" />
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('removeMaterial', { n: index + 1 })}
                        onClick={() => remove(field.name)}
                        className="material-remove"
                      />
                    </fieldset>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    block
                    size="large"
                    onClick={() => add({ quantity: 1 })}
                    style={{ margin: '8px 0 16px' }}
                  >
                    {t('addMaterial')}
                  </Button>
                </div>
              )}
            </Form.List>
            <Form.Item name="chargeable" label={t('chargeable')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {chargeable ? (
              <Form.Item
                name="amount"
                label={t('amount')}
                rules={[{ required: true, message: t('required') }, yuanRule]}
              >
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            ) : null}
            <div className="camera-field">
              <Typography.Text strong>{t('photos')}</Typography.Text>
              <label className="camera-button">
                <CameraOutlined aria-hidden /> {t('takePhoto')}
                <input
                  type="file"
                  accept="image/*"
                  capture="environment"
                  multiple
                  className="visually-hidden"
                  onChange={(event) => {
                    addPhotos(event.target.files);
                    event.target.value = '';
                  }}
                />
              </label>
              {photoError ? (
                <Typography.Text type="danger" role="alert">
                  {photoError}
                </Typography.Text>
              ) : null}
              {photos.length > 0 ? (
                <ul className="photo-grid" aria-label={t('photos')}>
                  {photos.map((photo) => (
                    <li key={photo.key}>
                      <img src={photo.preview ?? ''} alt={photo.file.name} width={80} height={80} />
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('removePhoto', { name: photo.file.name })}
                        onClick={() => {
                          if (photo.preview) URL.revokeObjectURL(photo.preview);
                          setPhotos(photos.filter((other) => other.key !== photo.key));
                        }}
                      />
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          </>
        ) : null}
        {action === 'accept' ? (
          <>
            <Form.Item name="result" label={t('result')}>
              <Radio.Group optionType="button" size="large" options={options('acceptanceResult')} />
            </Form.Item>
            {resident ? null : (
              <Form.Item name="by" label={t('by')}>
                <Radio.Group options={options('acceptanceBy')} />
              </Form.Item>
            )}
            {resident ? null : (
              <Form.Item noStyle shouldUpdate={(before, after) => before.by !== after.by}>
                {({ getFieldValue }) =>
                  getFieldValue('by') === 'resident' ? (
                    <Form.Item name="acceptanceChannel" label={t('channel')}>
                      <Radio.Group options={options('acceptanceChannel', ['phone', 'in_person'])} />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
            )}
            <Form.Item name="satisfaction" label={t('satisfaction')}>
              <Radio.Group optionType="button" size="large" options={options('satisfaction')} />
            </Form.Item>
            <Form.Item name="comment" label={resident ? t('residentComment') : t('comment')}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        {action === 'return_visit' ? (
          <>
            <Form.Item name="method" label={t('method')}>
              <Radio.Group options={options('returnVisitMethod')} />
            </Form.Item>
            <Form.Item name="satisfaction" label={t('satisfaction')}>
              <Radio.Group optionType="button" options={options('satisfaction')} />
            </Form.Item>
            <Form.Item name="comment" label={t('comment')}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        {action === 'urge' ? (
          <Form.Item name="note" label={t('urgeNote')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
      </Form>
    </Modal>
  );
}
