import { Typography } from 'antd';

/** Placeholder while the screen is built (issue 15). */
export default function Board() {
  return <Typography.Title level={2}>Board</Typography.Title>;
}
