import { hasLabel, labelProblems } from '@estate/labels';
import { INCIDENT_ACTIONS } from './incident-state';
import {
  ACTION_KINDS,
  HANDLING_OUTCOMES,
  INCIDENT_SOURCES,
  INCIDENT_STATES,
  INCIDENT_TYPES,
  VIOLATION_SUBTYPES,
} from './safety-incident.entity';

/** `create` is written to the history by safety.service.ts when an incident is recorded. */
const HISTORY_ONLY_ACTIONS = ['create'];

describe('safety labels (@estate/labels)', () => {
  it.each([
    ['safetyIncidentType', INCIDENT_TYPES],
    ['violationType', VIOLATION_SUBTYPES],
    ['safetyIncidentStatus', INCIDENT_STATES],
    ['safetyHandlingOutcome', HANDLING_OUTCOMES],
    ['safetyIncidentSource', INCIDENT_SOURCES],
    ['safetyIncidentAction', [...INCIDENT_ACTIONS, ...HISTORY_ONLY_ACTIONS]],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });

  it('labels every kind of incident action entry', () => {
    expect(ACTION_KINDS.filter((kind) => !hasLabel('safetyIncidentAction', kind))).toEqual([]);
  });
});
