import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function MyRepairs() {
  return <Typography.Title level={2}>MyRepairs</Typography.Title>;
}
