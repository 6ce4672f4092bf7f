import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, call, client } from '../../api/client';
import { session, useSessionUser } from '../../auth/session';
import { defineMessages, setLocale, useLocale, useT } from '../../i18n';

const messages = defineMessages(
  {
    title: 'Estate Ops 物业服务管理',
    subtitle: '请使用您的工作账号登录',
    username: '用户名',
    password: '密码',
    signIn: '登录',
    required: '请输入{field}',
    expired: '登录已过期,请重新登录。',
    INVALID_CREDENTIALS: '用户名或密码不正确。',
    ACCOUNT_DISABLED: '该账号已停用,请联系系统管理员。',
    ACCOUNT_LOCKED: '登录失败次数过多,账号已暂时锁定。{retry}',
    TOO_MANY_REQUESTS: '尝试次数过多,请稍等一分钟再试。',
    NETWORK: '无法连接服务器,请检查网络后重试。',
    retryAfter: '请在 {time} 后再试。',
    demo: '演示账号:admin、manager、frontdesk、tech1、finance、guard1、cleaner1、resident1',
  },
  {
    title: 'Estate Ops',
    subtitle: 'Sign in with your work account',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    required: 'Enter your {field}',
    expired: 'Your session has expired; please sign in again.',
    INVALID_CREDENTIALS: 'The username or password is not right.',
    ACCOUNT_DISABLED: 'This account is disabled; ask your administrator.',
    ACCOUNT_LOCKED: 'Too many failed attempts: the account is locked for now. {retry}',
    TOO_MANY_REQUESTS: 'Too many attempts; wait a minute and try again.',
    NETWORK: 'The server cannot be reached; check the network and try again.',
    retryAfter: 'Try again after {time}.',
    demo: 'Demo logins: admin, manager, frontdesk, tech1, finance, guard1, cleaner1, resident1',
  },
);

type Known = 'INVALID_CREDENTIALS' | 'ACCOUNT_DISABLED' | 'ACCOUNT_LOCKED' | 'TOO_MANY_REQUESTS' | 'NETWORK';
const KNOWN: readonly string[] = [
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'ACCOUNT_LOCKED',
  'TOO_MANY_REQUESTS',
  'NETWORK',
];

export default function Login() {
  const t = useT(messages);
  const locale = useLocale();
  const user = useSessionUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [expired] = useState(() => session.takeEndReason() === 'expired');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');

  if (user) return <Navigate to={next && next.startsWith('/') ? next : '/'} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const result = await call(client.POST('/api/v1/auth/login', { body: values }));
      session.start(result.accessToken, result.expiresIn, result.user);
      navigate(next && next.startsWith('/') ? next : '/', { replace: true });
    } catch (cause) {
      if (cause instanceof ApiError) {
        const code =
          cause.status === 429 && cause.code !== 'ACCOUNT_LOCKED' ? 'TOO_MANY_REQUESTS' : cause.code;
        const retryAt = typeof cause.details?.retryAt === 'string' ? new Date(cause.details.retryAt) : null;
        const retry = retryAt ? t('retryAfter', { time: retryAt.toLocaleTimeString(locale) }) : '';
        setError(KNOWN.includes(code) ? t(code as Known, { retry }) : cause.message);
      } else setError(String(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <Card style={{ width: 380, maxWidth: '92vw' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Segmented
            size="small"
            aria-label="Language / 语言"
            value={locale}
            onChange={(value) => setLocale(value as typeof locale)}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
          />
        </div>
        <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
        {expired && <Alert type="warning" showIcon title={t('expired')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t('username')}
            name="username"
            rules={[{ required: true, message: t('required', { field: t('username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('password')}
            name="password"
            rules={[{ required: true, message: t('required', { field: t('password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          {t('demo')}
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
