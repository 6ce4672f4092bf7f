import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, call, client, type Schemas } from '../../api/client';
import { useSessionUser } from '../../auth/session';
import { defineMessages, useT } from '../../i18n';
import { useLabelOptions } from '../../labels';
import { useEstate } from '../../shell/estate';
import { PhotoPicker, uploadAttachments, type Photo } from '../desk/PhotoPicker';
import { UnitSelect } from '../desk/UnitSelect';

const messages = defineMessages(
  {
    title: '新建投诉',
    channel: '渠道',
    categories: '投诉类别',
    categoriesRequired: '请选择至少一个类别',
    unit: '房屋(可选)',
    contactName: '投诉人',
    contactPhone: '联系电话',
    description: '投诉内容',
    descriptionRequired: '请填写投诉内容',
    receivedAt: '受理时间',
    receivedFuture: '受理时间不能晚于现在',
    photos: '照片',
    save: '提交投诉',
    failed: '提交失败:{message}',
    uploadFailed: '投诉已提交,部分照片未能上传:{list}',
  },
  {
    title: 'New complaint',
    channel: 'Channel',
    categories: 'Categories',
    categoriesRequired: 'Choose at least one category',
    unit: 'Unit (optional)',
    contactName: 'Complainant',
    contactPhone: 'Phone',
    description: 'What happened',
    descriptionRequired: 'Describe the complaint',
    receivedAt: 'Received at',
    receivedFuture: 'Cannot be later than now',
    photos: 'Photos',
    save: 'Submit complaint',
    failed: 'Could not submit: {message}',
    uploadFailed: 'The complaint was submitted; some photos were not uploaded: {list}',
  },
);

type Request = Schemas['CreateComplaintRequest'];
interface Values {
  channel: Request['channel'];
  categories: Request['categories'];
  unitId?: string;
  contactName?: string;
  contactPhone?: string;
  description?: string;
  receivedAt?: Dayjs | null;
}

/** Complaint intake: at the desk (channel, unit, complainant, time received) or by a resident. */
export default function NewComplaint() {
  const t = useT(messages);
  const estate = useEstate();
  const user = useSessionUser();
  const options = useLabelOptions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { estate: estateCode } = useParams();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const resident = user?.role === 'resident';

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const complaint = await call(
        client.POST('/api/v1/complaints', {
          body: {
            estateId: estate.id,
            // The API sets a resident's channel to online itself, but still requires the field.
            channel: resident ? 'online' : values.channel,
            categories: values.categories,
            description: values.description?.trim() ?? '',
            ...(resident
              ? user?.unitId
                ? { unitId: user.unitId }
                : {}
              : values.unitId
                ? { unitId: values.unitId }
                : {}),
            ...(values.contactName?.trim() ? { contactName: values.contactName.trim() } : {}),
            ...(values.contactPhone?.trim() ? { contactPhone: values.contactPhone.trim() } : {}),
            ...(values.receivedAt && !resident ? { receivedAt: values.receivedAt.toISOString() } : {}),
          },
        }),
      );
      const failures = await uploadAttachments(`/api/v1/complaints/${complaint.id}/attachments`, photos);
      return { complaint, failures };
    },
    onSuccess: ({ complaint, failures }) => {
      void queryClient.invalidateQueries({ queryKey: ['complaints'] });
      void queryClient.invalidateQueries({ queryKey: ['units-lookup'] });
      navigate(`/e/${estateCode}/complaints/${complaint.id}`, {
        state: failures.length ? { notice: t('uploadFailed', { list: failures.join(';') }) } : undefined,
      });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setFormError(String(error));
        return;
      }
      const fields: (keyof Values)[] = [
        'channel',
        'categories',
        'unitId',
        'contactName',
        'contactPhone',
        'description',
        'receivedAt',
      ];
      const byField = error.fieldErrors();
      if (error.code.startsWith('UNIT_')) byField.unitId = error.message;
      const known = Object.entries(byField).filter(([field]) => fields.includes(field as keyof Values));
      form.setFields(known.map(([name, text]) => ({ name: name as keyof Values, errors: [text] })));
      setFormError(known.length === 0 ? t('failed', { message: error.message }) : null);
    },
  });

  return (
    <div>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 880 }}
        initialValues={{
          channel: 'phone',
          categories: [],
          unitId: params.get('unitId') ?? undefined,
          contactName: params.get('contactName') ?? (resident ? user?.displayName : undefined),
          contactPhone: params.get('contactPhone') ?? undefined,
          receivedAt: dayjs(),
        }}
        onFinish={(values) => {
          setFormError(null);
          save.mutate(values);
        }}
      >
        <Card>
          <Row gutter={16}>
            {resident ? null : (
              <Col xs={24} md={8}>
                <Form.Item name="channel" label={t('channel')}>
                  <Select options={options('complaintChannel')} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={resident ? 24 : 16}>
              <Form.Item
                name="categories"
                label={t('categories')}
                rules={[{ required: true, type: 'array', min: 1, message: t('categoriesRequired') }]}
              >
                <Select mode="multiple" options={options('complaintCategory')} />
              </Form.Item>
            </Col>
          </Row>
          {resident ? null : (
            <Form.Item name="unitId" label={t('unit')}>
              <UnitSelect initialLabel={params.get('unitLabel') ?? undefined} />
            </Form.Item>
          )}
          <Row gutter={16}>
            <Col xs={24} md={resident ? 12 : 8}>
              <Form.Item name="contactName" label={t('contactName')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={resident ? 12 : 8}>
              <Form.Item name="contactPhone" label={t('contactPhone')}>
                <Input inputMode="tel" maxLength={30} />
              </Form.Item>
            </Col>
            {resident ? null : (
              <Col xs={24} md={8}>
                <Form.Item
                  name="receivedAt"
                  label={t('receivedAt')}
                  rules={[
                    {
                      validator: (_, value: Dayjs | null | undefined) =>
                        !value || !value.isAfter(dayjs().add(1, 'minute'))
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('receivedFuture'))),
                    },
                  ]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Form.Item
            name="description"
            label={t('description')}
            rules={[{ required: true, whitespace: true, message: t('descriptionRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item label={t('photos')} htmlFor="complaint-photos">
            <PhotoPicker id="complaint-photos" value={photos} onChange={setPhotos} />
          </Form.Item>
          {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" size="large" loading={save.isPending}>
            {t('save')}
          </Button>
        </Card>
      </Form>
    </div>
  );
}
