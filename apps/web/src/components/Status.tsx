import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  MinusCircleOutlined,
  PauseCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';

export type Tone = 'new' | 'active' | 'waiting' | 'done' | 'bad' | 'muted' | 'warning';

const TONES: Record<Tone, { color: string; icon: ReactNode }> = {
  new: { color: 'blue', icon: <ExclamationCircleOutlined /> },
  active: { color: 'processing', icon: <SyncOutlined /> },
  waiting: { color: 'gold', icon: <PauseCircleOutlined /> },
  // the preset orange's text fails AA on its background; the status colour (theme colorWarning) passes
  warning: { color: 'warning', icon: <ClockCircleOutlined /> },
  done: { color: 'success', icon: <CheckCircleOutlined /> },
  bad: { color: 'error', icon: <CloseCircleOutlined /> },
  muted: { color: 'default', icon: <MinusCircleOutlined /> },
};

/** A status as a word with an icon beside its colour — never colour alone (a11y, printing). */
export function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  const { color, icon } = TONES[tone];
  return (
    <Tag color={color} icon={icon} variant="outlined">
      {children}
    </Tag>
  );
}
