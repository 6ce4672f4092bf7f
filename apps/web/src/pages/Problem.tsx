import { Result, type ResultProps } from 'antd';

/**
 * "No access", "not found", "no estate" …: antd's Result with its illustrations, loaded only when
 * one is shown (the illustrations are a tenth of the shell's JavaScript).
 */
export default function Problem(props: Pick<ResultProps, 'status' | 'title' | 'subTitle' | 'extra'>) {
  return <Result {...props} />;
}
