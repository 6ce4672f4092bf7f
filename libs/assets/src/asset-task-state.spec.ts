import {
  allowedTaskActions,
  ASSET_TASK_ACTIONS,
  ASSET_TASK_STATUSES,
  AssetTaskAction,
  AssetTaskStatus,
  nextTaskStatus,
} from './asset-task-state';

describe('asset task state', () => {
  const expected: Record<AssetTaskStatus, Partial<Record<AssetTaskAction, AssetTaskStatus>>> = {
    open: { complete: 'done', mark_overdue: 'overdue' },
    overdue: { complete: 'done' },
    done: {},
  };

  it.each(
    ASSET_TASK_STATUSES.flatMap((status) => ASSET_TASK_ACTIONS.map((action) => [status, action] as const)),
  )('from %s, %s', (status, action) => {
    expect(nextTaskStatus(status, action)).toBe(expected[status][action] ?? null);
    expect(allowedTaskActions(status).includes(action)).toBe(expected[status][action] !== undefined);
  });

  it('done is final', () => {
    expect(allowedTaskActions('done')).toEqual([]);
  });
});
