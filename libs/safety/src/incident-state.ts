import { TransitionNotAllowedError } from '@estate/shared';
import type { IncidentState, IncidentType } from './safety-incident.entity';

export const INCIDENT_ACTIONS = ['handle', 'rectify', 'close', 'note'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/**
 * Incident lifecycle as data. Violations are handled (stopped / rectified / referred) and may later
 * be rectified; other incidents are closed when dealt with. Notes (actions over time) may be added
 * until the record is final.
 */
const VIOLATION_TRANSITIONS: Record<IncidentState, Partial<Record<IncidentAction, IncidentState>>> = {
  open: { handle: 'handled', note: 'open' },
  handled: { rectify: 'rectified', note: 'handled' },
  rectified: {},
  closed: {},
};

const OTHER_TRANSITIONS: Record<IncidentState, Partial<Record<IncidentAction, IncidentState>>> = {
  open: { close: 'closed', note: 'open' },
  handled: {},
  rectified: {},
  closed: {},
};

function table(type: IncidentType) {
  return type === 'violation' ? VIOLATION_TRANSITIONS : OTHER_TRANSITIONS;
}

export function allowedActions(type: IncidentType, state: IncidentState): IncidentAction[] {
  return Object.keys(table(type)[state]) as IncidentAction[];
}

/** The state after `action`, or a 409 listing the allowed moves. */
export function nextState(type: IncidentType, state: IncidentState, action: IncidentAction): IncidentState {
  const next = table(type)[state][action];
  if (!next)
    throw new TransitionNotAllowedError(`${type} incident`, state, action, allowedActions(type, state));
  return next;
}
