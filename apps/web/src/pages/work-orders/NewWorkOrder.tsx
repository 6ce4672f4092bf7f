import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function NewWorkOrder() {
  return <Typography.Title level={2}>NewWorkOrder</Typography.Title>;
}
