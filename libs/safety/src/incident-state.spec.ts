import { TransitionNotAllowedError } from '@estate/shared';
import { allowedActions, INCIDENT_ACTIONS, nextState } from './incident-state';
import { INCIDENT_STATES, INCIDENT_TYPES, IncidentState, IncidentType } from './safety-incident.entity';

describe('incident state table', () => {
  const violation: Record<IncidentState, Record<string, IncidentState>> = {
    open: { handle: 'handled', note: 'open' },
    handled: { rectify: 'rectified', note: 'handled' },
    rectified: {},
    closed: {},
  };
  const other: Record<IncidentState, Record<string, IncidentState>> = {
    open: { close: 'closed', note: 'open' },
    handled: {},
    rectified: {},
    closed: {},
  };
  const expected = (type: IncidentType) => (type === 'violation' ? violation : other);

  for (const type of INCIDENT_TYPES)
    for (const state of INCIDENT_STATES)
      for (const action of INCIDENT_ACTIONS) {
        const target = expected(type)[state][action];
        it(`${type}: ${state} --${action}--> ${target ?? 'refused'}`, () => {
          if (target) {
            expect(nextState(type, state, action)).toBe(target);
            expect(allowedActions(type, state)).toContain(action);
          } else {
            expect(() => nextState(type, state, action)).toThrow(TransitionNotAllowedError);
            expect(allowedActions(type, state)).not.toContain(action);
          }
        });
      }

  it('lists the allowed moves in the 409 details', () => {
    try {
      nextState('fire', 'closed', 'note');
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as TransitionNotAllowedError).details).toEqual({
        from: 'closed',
        action: 'note',
        allowed: [],
      });
    }
  });
});
