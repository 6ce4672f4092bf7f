import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function Complaints() {
  return <Typography.Title level={2}>Complaints</Typography.Title>;
}
