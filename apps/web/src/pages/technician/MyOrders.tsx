import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function MyOrders() {
  return <Typography.Title level={2}>MyOrders</Typography.Title>;
}
