/** The lifecycle of an inspection/maintenance task: open → done, or open → overdue → done. */
export const ASSET_TASK_STATUSES = ['open', 'overdue', 'done'] as const;
export type AssetTaskStatus = (typeof ASSET_TASK_STATUSES)[number];

export const ASSET_TASK_ACTIONS = ['complete', 'mark_overdue'] as const;
export type AssetTaskAction = (typeof ASSET_TASK_ACTIONS)[number];

export const ASSET_TASK_TRANSITIONS: Record<
  AssetTaskStatus,
  Partial<Record<AssetTaskAction, AssetTaskStatus>>
> = {
  open: { complete: 'done', mark_overdue: 'overdue' },
  overdue: { complete: 'done' },
  done: {},
};

export function allowedTaskActions(status: AssetTaskStatus): AssetTaskAction[] {
  return Object.keys(ASSET_TASK_TRANSITIONS[status]) as AssetTaskAction[];
}

/** The status after the action, or null when the action is not allowed from this status. */
export function nextTaskStatus(status: AssetTaskStatus, action: AssetTaskAction): AssetTaskStatus | null {
  return ASSET_TASK_TRANSITIONS[status][action] ?? null;
}
