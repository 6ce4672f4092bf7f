import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function ReturnVisits() {
  return <Typography.Title level={2}>ReturnVisits</Typography.Title>;
}
