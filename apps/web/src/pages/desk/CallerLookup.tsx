import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function CallerLookup() {
  return <Typography.Title level={2}>CallerLookup</Typography.Title>;
}
