import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function NewComplaint() {
  return <Typography.Title level={2}>NewComplaint</Typography.Title>;
}
