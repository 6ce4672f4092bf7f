import { Empty, Space, Typography } from 'antd';

/** A list's empty state: what is (not) there in words, and what to try (the lists' tables). */
export function ListEmpty({ title, hint }: { title: string; hint?: string | null }) {
  return (
    <Empty
      description={
        <Space orientation="vertical" size={4}>
          <Typography.Text strong>{title}</Typography.Text>
          {hint ? <Typography.Text type="secondary">{hint}</Typography.Text> : null}
        </Space>
      }
    />
  );
}
