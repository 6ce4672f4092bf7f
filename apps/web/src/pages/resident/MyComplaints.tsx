import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { call, client } from '../../api/client';
import { ComplaintStatusTag } from '../../domain/status';
import { formatTime } from '../../format';
import { defineMessages, useLocale, useT } from '../../i18n';
import { useLabel } from '../../labels';
import { useEstate } from '../../shell/estate';

const messages = defineMessages(
  {
    title: '我的投诉',
    complain: '投诉',
    empty: '您还没有投诉记录',
    emptyHint: '对物业服务有意见,点“投诉”告诉我们。',
    error: '加载失败:{message}',
  },
  {
    title: 'My complaints',
    complain: 'Complain',
    empty: 'You have no complaints yet',
    emptyHint: 'Unhappy with a service? Tap "Complain" to tell us.',
    error: 'Could not load: {message}',
  },
);

/** A resident's own complaints (the API shows residents only theirs), newest first. */
export default function MyComplaints() {
  const t = useT(messages);
  const estate = useEstate();
  const locale = useLocale();
  const label = useLabel();
  const navigate = useNavigate();
  const { estate: estateCode } = useParams();
  const base = `/e/${estateCode}`;
  const list = useQuery({
    queryKey: ['complaints', 'mine', estate.id],
    queryFn: () =>
      call(client.GET('/api/v1/complaints', { params: { query: { estateId: estate.id, pageSize: 50 } } })),
  });
  return (
    <div style={{ maxWidth: 720 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={2}>{t('title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`${base}/complaints/new`)}>
          {t('complain')}
        </Button>
      </Space>
      {list.isError ? (
        <Typography.Text type="danger">{t('error', { message: list.error.message })}</Typography.Text>
      ) : null}
      <List
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: <Empty description={`${t('empty')} ${t('emptyHint')}`} />,
        }}
        renderItem={(item) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`${base}/complaints/${item.id}`}>{item.code}</Link>
                  <ComplaintStatusTag status={item.status} />
                </Space>
              }
              description={
                <Space orientation="vertical" size={2}>
                  <span>{item.categories.map((code) => label('complaintCategory', code)).join('、')}</span>
                  <span>{formatTime(item.receivedAt, estate.timeZone, locale)}</span>
                  <Typography.Text ellipsis style={{ maxWidth: 600 }}>
                    {item.description}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}
