import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function MyComplaints() {
  return <Typography.Title level={2}>MyComplaints</Typography.Title>;
}
