import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function WorkOrderDetail() {
  return <Typography.Title level={2}>WorkOrderDetail</Typography.Title>;
}
