import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function ComplaintDetail() {
  return <Typography.Title level={2}>ComplaintDetail</Typography.Title>;
}
