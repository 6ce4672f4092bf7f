import { TransitionNotAllowedError } from '@estate/shared';

/**
 * The work-order lifecycle as data:
 * reported → assigned → in_progress → completed → closed; completed → reopened on a failed
 * acceptance (rework) and reopened → in_progress; reported|assigned → cancelled (with a reason);
 * in_progress ⇄ on_hold (waiting for parts). `assign` before completion is a (re)assignment and keeps
 * the state except reported → assigned. `hand_back` (退单): the technician gives an order they have
 * not started back to dispatch, assigned → reported with the assignee cleared (not from reopened:
 * rework is dispatched again by `assign`, which reopened allows, and a reopened order must not become
 * cancellable through reported).
 */
export const WORK_ORDER_STATUSES = [
  'reported',
  'assigned',
  'in_progress',
  'on_hold',
  'completed',
  'reopened',
  'closed',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_ACTIONS = [
  'assign',
  'start',
  'hold',
  'resume',
  'complete',
  'accept_pass',
  'accept_fail',
  'cancel',
  'change_priority',
  'hand_back',
] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

export const WORK_ORDER_TRANSITIONS: Readonly<
  Record<WorkOrderStatus, Readonly<Partial<Record<WorkOrderAction, WorkOrderStatus>>>>
> = {
  reported: { assign: 'assigned', cancel: 'cancelled', change_priority: 'reported' },
  assigned: {
    assign: 'assigned',
    start: 'in_progress',
    cancel: 'cancelled',
    change_priority: 'assigned',
    hand_back: 'reported',
  },
  in_progress: {
    assign: 'in_progress',
    hold: 'on_hold',
    complete: 'completed',
    change_priority: 'in_progress',
  },
  on_hold: { assign: 'on_hold', resume: 'in_progress', change_priority: 'on_hold' },
  completed: { accept_pass: 'closed', accept_fail: 'reopened' },
  reopened: { assign: 'reopened', start: 'in_progress' },
  closed: {},
  cancelled: {},
};

/** Statuses in which the order still needs work or acceptance. */
export const OPEN_STATUSES: readonly WorkOrderStatus[] = [
  'reported',
  'assigned',
  'in_progress',
  'on_hold',
  'completed',
  'reopened',
];

/** Statuses in which a crew member still has work to do (what `GET /work-orders/mine` shows). */
export const CREW_OPEN_STATUSES: readonly WorkOrderStatus[] = [
  'assigned',
  'in_progress',
  'on_hold',
  'reopened',
];

export function allowedActions(status: WorkOrderStatus): WorkOrderAction[] {
  return Object.keys(WORK_ORDER_TRANSITIONS[status]) as WorkOrderAction[];
}

export function canApply(status: WorkOrderStatus, action: WorkOrderAction): boolean {
  return WORK_ORDER_TRANSITIONS[status][action] !== undefined;
}

/** The next status, or a 409 `TRANSITION_NOT_ALLOWED` listing the allowed moves. */
export function nextStatus(status: WorkOrderStatus, action: WorkOrderAction): WorkOrderStatus {
  const target = WORK_ORDER_TRANSITIONS[status][action];
  if (target === undefined)
    throw new TransitionNotAllowedError('work order', status, action, allowedActions(status));
  return target;
}
