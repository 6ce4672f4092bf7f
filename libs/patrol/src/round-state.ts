import { TransitionNotAllowedError } from '@estate/shared';
import type { RoundState } from './patrol.entities';

export const ROUND_ACTIONS = ['scan', 'finish', 'expire'] as const;
export type RoundAction = (typeof ROUND_ACTIONS)[number];

/** A round takes scans until the guard finishes it or the sweep closes it after 2 × the expected duration. */
const TRANSITIONS: Record<RoundState, Partial<Record<RoundAction, RoundState>>> = {
  in_progress: { scan: 'in_progress', finish: 'finished', expire: 'auto_closed' },
  finished: {},
  auto_closed: {},
};

export function allowedRoundActions(state: RoundState): RoundAction[] {
  return Object.keys(TRANSITIONS[state]) as RoundAction[];
}

export function nextRoundState(state: RoundState, action: RoundAction): RoundState {
  const next = TRANSITIONS[state][action];
  if (!next) throw new TransitionNotAllowedError('patrol round', state, action, allowedRoundActions(state));
  return next;
}
