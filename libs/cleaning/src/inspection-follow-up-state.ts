import { TransitionNotAllowedError } from '@estate/shared';
import type { FollowUpState } from './cleaning.entities';

export const FOLLOW_UP_ACTIONS = ['record_reclean', 'record_reinspection'] as const;
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number];

/**
 * Follow-up of an inspection as data: a passed inspection needs none; a failed one needs a re-clean,
 * then a re-inspection (which is itself an inspection and, if it fails, starts its own follow-up).
 */
const TRANSITIONS: Record<FollowUpState, Partial<Record<FollowUpAction, FollowUpState>>> = {
  none: {},
  reclean_required: { record_reclean: 'reinspection_required' },
  reinspection_required: { record_reinspection: 'closed' },
  closed: {},
};

export function allowedFollowUpActions(state: FollowUpState): FollowUpAction[] {
  return Object.keys(TRANSITIONS[state]) as FollowUpAction[];
}

export function nextFollowUpState(state: FollowUpState, action: FollowUpAction): FollowUpState {
  const next = TRANSITIONS[state][action];
  if (!next)
    throw new TransitionNotAllowedError('inspection follow-up', state, action, allowedFollowUpActions(state));
  return next;
}

/** The follow-up a new inspection starts with. */
export function initialFollowUp(passed: boolean): FollowUpState {
  return passed ? 'none' : 'reclean_required';
}
