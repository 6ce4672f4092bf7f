import { Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, call, client } from '../../api/client';
import { session, useSessionUser } from '../../auth/session';
import { defineMessages, useT } from '../../i18n';
import { useLabel } from '../../labels';

const messages = defineMessages(
  {
    title: '我的账户',
    username: '用户名',
    name: '姓名',
    role: '角色',
    phone: '电话',
    change: '修改密码',
    current: '当前密码',
    next: '新密码',
    confirm: '确认新密码',
    save: '修改密码',
    mismatch: '两次输入的新密码不一致',
    tooShort: '新密码至少 8 位',
    required: '请填写此项',
    done: '密码已修改。请用新密码重新登录。',
    wrongCurrent: '当前密码不正确',
  },
  {
    title: 'My account',
    username: 'Username',
    name: 'Name',
    role: 'Role',
    phone: 'Phone',
    change: 'Change password',
    current: 'Current password',
    next: 'New password',
    confirm: 'Confirm new password',
    save: 'Change password',
    mismatch: 'The two new passwords differ',
    tooShort: 'At least 8 characters',
    required: 'Required',
    done: 'Password changed. Sign in again with the new password.',
    wrongCurrent: 'The current password is wrong',
  },
);

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function Account() {
  const t = useT(messages);
  const label = useLabel();
  const user = useSessionUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!user) return null;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await call(
        client.POST('/api/v1/auth/password', {
          body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
        }),
      );
      session.end();
      navigate('/login?changed=1', { replace: true, state: { message: t('done') } });
    } catch (cause) {
      if (cause instanceof ApiError) {
        if (cause.code === 'INVALID_CREDENTIALS')
          form.setFields([{ name: 'currentPassword', errors: [t('wrongCurrent')] }]);
        else {
          const fields = cause.fieldErrors();
          if (fields.newPassword) form.setFields([{ name: 'newPassword', errors: [fields.newPassword] }]);
          else setError(cause.message);
        }
      } else setError(String(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={1}>
          <Descriptions.Item label={t('username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('name')}>{user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('role')}>{label('userRole', user.role)}</Descriptions.Item>
          <Descriptions.Item label={t('phone')}>{user.phone ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={
          <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
            {t('change')}
          </Typography.Title>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="currentPassword"
            label={t('current')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('next')}
            rules={[
              { required: true, message: t('required') },
              { min: 8, message: t('tooShort') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
