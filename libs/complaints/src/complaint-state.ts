import { TransitionNotAllowedError } from '@estate/shared';

/**
 * The complaint lifecycle (投诉处理流程) as data:
 * received → judge → valid | invalid;
 * valid → assign → assigned (assign again to re-assign) → resolve → resolved → follow_up → followed_up → close → closed;
 * invalid → close → closed (with the reason and the answer given to the resident).
 */
export const COMPLAINT_STATUSES = [
  'received',
  'valid',
  'invalid',
  'assigned',
  'resolved',
  'followed_up',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_ACTIONS = ['judge', 'assign', 'resolve', 'follow_up', 'close'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** For each state, the actions allowed and the states each may lead to. */
export const COMPLAINT_TRANSITIONS: Record<
  ComplaintStatus,
  Partial<Record<ComplaintAction, readonly ComplaintStatus[]>>
> = {
  received: { judge: ['valid', 'invalid'] },
  valid: { assign: ['assigned'] },
  invalid: { close: ['closed'] },
  assigned: { assign: ['assigned'], resolve: ['resolved'] },
  resolved: { follow_up: ['followed_up'] },
  followed_up: { close: ['closed'] },
  closed: {},
};

export function allowedActions(status: ComplaintStatus): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((action) => COMPLAINT_TRANSITIONS[status][action] !== undefined);
}

export function canTransition(from: ComplaintStatus, action: ComplaintAction, to: ComplaintStatus): boolean {
  return COMPLAINT_TRANSITIONS[from][action]?.includes(to) ?? false;
}

/** Throws 409 TRANSITION_NOT_ALLOWED (listing the allowed actions) unless `from --action--> to` is allowed. */
export function assertTransition(from: ComplaintStatus, action: ComplaintAction, to: ComplaintStatus): void {
  if (!canTransition(from, action, to))
    throw new TransitionNotAllowedError('complaint', from, action, allowedActions(from));
}
