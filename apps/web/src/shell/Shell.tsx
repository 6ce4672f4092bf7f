import { DownOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Menu, Segmented, Select, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { session, useSessionUser } from '../auth/session';
import { SCREENS, screenTitles } from '../app/screens';
import { defineMessages, setLocale, useLocale, useT } from '../i18n';
import { useLabel } from '../labels';
import { EstateContext, useEstates } from './estate';
import { useLiveEvents } from './live';

const Problem = lazy(() => import('../pages/Problem'));

const messages = defineMessages(
  {
    product: '物业服务管理',
    estate: '项目',
    account: '我的账户',
    signOut: '退出登录',
    language: '语言',
    noEstate: '您没有这个项目的权限',
    noEstateHint: '请从右上角选择您所属的项目,或联系系统管理员。',
    menu: '主菜单',
    loading: '加载中…',
    skip: '跳到主要内容',
  },
  {
    product: 'Estate Ops',
    estate: 'Estate',
    account: 'My account',
    signOut: 'Sign out',
    language: 'Language',
    noEstate: 'You do not have access to this estate',
    noEstateHint: 'Choose one of your estates at the top right, or ask your administrator.',
    menu: 'Main menu',
    loading: 'Loading…',
    skip: 'Skip to main content',
  },
);

/** The console's frame: menu from the role, estate switcher in the URL, language, account. */
export function Shell() {
  const user = useSessionUser();
  const t = useT(messages);
  const titles = useT(screenTitles);
  const label = useLabel();
  const locale = useLocale();
  const { estate: estateCode } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const estates = useEstates();
  const [collapsed, setCollapsed] = useState(false);

  const estate = useMemo(
    () => estates.data?.items.find((item) => item.code === estateCode) ?? null,
    [estates.data, estateCode],
  );
  useLiveEvents(estate?.id ?? null);

  if (!user)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;

  const base = `/e/${estateCode}`;
  const menuItems = SCREENS.filter((screen) => screen.menu && screen.roles.includes(user.role)).map(
    (screen) => ({
      key: screen.path,
      icon: screen.icon,
      label: <Link to={`${base}/${screen.path}`}>{titles(screen.title)}</Link>,
    }),
  );
  const current = location.pathname.slice(base.length + 1);
  const selected = SCREENS.filter(
    (screen) => screen.menu && (current === screen.path || current.startsWith(`${screen.path}/`)),
  )
    .map((screen) => screen.path)
    .slice(0, 1);

  const switchEstate = (code: string) => {
    navigate(`/e/${code}/${current}`);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('skip')}
      </a>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={208}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('product')}</span>
        </div>
        <nav aria-label={t('menu')}>
          <Menu mode="inline" selectedKeys={selected} items={menuItems} style={{ borderInlineEnd: 0 }} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Space size="middle" wrap>
            {estates.data && estates.data.items.length > 1 ? (
              <Select
                aria-label={t('estate')}
                value={estateCode}
                onChange={switchEstate}
                style={{ minWidth: 180 }}
                options={estates.data.items.map((item) => ({ value: item.code, label: item.name }))}
              />
            ) : (
              <Typography.Text strong>{estate?.name}</Typography.Text>
            )}
          </Space>
          <Space size="middle">
            <Segmented
              aria-label={t('language')}
              size="small"
              value={locale}
              onChange={(value) => setLocale(value as typeof locale)}
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'EN', icon: <GlobalOutlined /> },
              ]}
            />
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'account',
                    icon: <UserOutlined />,
                    label: <Link to={`${base}/account`}>{t('account')}</Link>,
                  },
                  {
                    key: 'sign-out',
                    icon: <LogoutOutlined />,
                    label: t('signOut'),
                    onClick: () => {
                      session.end();
                      queryClient.clear();
                      navigate('/login');
                    },
                  },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />}>
                {user.displayName} · {label('userRole', user.role)} <DownOutlined />
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content id="main" className="app-content" tabIndex={-1}>
          {estates.isLoading ? (
            <Spin description={t('loading')} />
          ) : !estate ? (
            <Problem status="403" title={t('noEstate')} subTitle={t('noEstateHint')} />
          ) : (
            <EstateContext.Provider value={estate}>
              <Suspense fallback={<Spin />}>
                <Outlet />
              </Suspense>
            </EstateContext.Provider>
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
