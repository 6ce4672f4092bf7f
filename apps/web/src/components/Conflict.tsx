import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { defineMessages, useT } from '../i18n';

/**
 * A 409 that means "the record changed since you read it" (the version you sent is old), as
 * opposed to a 409 refusing the move itself (`TRANSITION_NOT_ALLOWED`, `NOT_ASSIGNEE` …), which
 * is shown as the API's message.
 */
export function isVersionConflict(cause: unknown): cause is ApiError {
  return cause instanceof ApiError && cause.status === 409 && cause.code === 'CONCURRENT_MODIFICATION';
}

const messages = defineMessages(
  {
    workOrder: '他人已修改此工单,请刷新后再操作。',
    complaint: '他人已修改此投诉,请刷新后再操作。',
    reload: '刷新',
  },
  {
    workOrder: 'Someone else changed this order. Reload, then try again.',
    complaint: 'Someone else changed this complaint. Reload, then try again.',
    reload: 'Reload',
  },
);

/** The banner shown after a version conflict, with the reload that ends it. */
export function ConflictAlert({
  record,
  onReload,
}: {
  record: 'workOrder' | 'complaint';
  onReload: () => void;
}) {
  const t = useT(messages);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t(record)}
      action={
        <Button icon={<ReloadOutlined />} onClick={onReload}>
          {t('reload')}
        </Button>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
