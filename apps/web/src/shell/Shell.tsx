import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Segmented, Space, Spin } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { session, useSessionUser } from '../auth/session';
import { SCREENS, screenTitles } from '../app/screens';
import { defineMessages, setLocale, useLocale, useT } from '../i18n';
import { useLabel } from '../labels';
import { EstateContext, useEstates } from './estate';
import { useLiveEvents } from './live';

const Problem = lazy(() => import('../pages/Problem'));
const EstateSwitcher = lazy(() => import('./EstateSwitcher'));

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
  const menuItems = SCREENS.filter((screen) => screen.menu && screen.roles.includes(user.role));
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
          {/* plain links, not antd's Menu: the shell is on every screen's first load (docs/web.md) */}
          <ul className="app-menu">
            {menuItems.map((screen) => (
              <li key={screen.path}>
                <Link
                  to={`${base}/${screen.path}`}
                  aria-current={selected.includes(screen.path) ? 'page' : undefined}
                  onClick={() => window.innerWidth < 992 && setCollapsed(true)}
                >
                  <span className="app-menu-icon" aria-hidden>
                    {screen.icon}
                  </span>
                  {titles(screen.title)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Space size="middle" wrap>
            {estates.data && estates.data.items.length > 1 ? (
              <Suspense fallback={<strong>{estate?.name}</strong>}>
                <EstateSwitcher
                  label={t('estate')}
                  value={estateCode ?? ''}
                  estates={estates.data.items}
                  onChange={switchEstate}
                />
              </Suspense>
            ) : (
              <strong>{estate?.name}</strong>
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
            <Link to={`${base}/account`} className="app-user" title={t('account')}>
              <UserOutlined />
              <span className="app-user-name">
                {user.displayName} · {label('userRole', user.role)}
              </span>
            </Link>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              onClick={() => {
                session.end();
                queryClient.clear();
                navigate('/login');
              }}
            >
              {t('signOut')}
            </Button>
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
