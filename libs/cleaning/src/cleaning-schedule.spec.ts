import { scheduledCleanings } from './cleaning-schedule';
import {
  allowedFollowUpActions,
  FOLLOW_UP_ACTIONS,
  initialFollowUp,
  nextFollowUpState,
} from './inspection-follow-up-state';
import { FOLLOW_UP_STATES } from './cleaning.entities';

describe('scheduledCleanings', () => {
  it('multiplies a daily frequency by the days', () => {
    expect(scheduledCleanings(2, 'day', 31)).toBe(62);
  });
  it('rounds a weekly frequency down over a month', () => {
    // 3/week × 31 days / 7 = 13.28 → 13; February 2026 (28 days) → exactly 12
    expect(scheduledCleanings(3, 'week', 31)).toBe(13);
    expect(scheduledCleanings(3, 'week', 28)).toBe(12);
  });
  it('is zero for a zone not active in the period', () => {
    expect(scheduledCleanings(2, 'day', 0)).toBe(0);
  });
});

describe('inspection follow-up table', () => {
  const expected: Record<string, Record<string, string>> = {
    none: {},
    reclean_required: { record_reclean: 'reinspection_required' },
    reinspection_required: { record_reinspection: 'closed' },
    closed: {},
  };
  for (const state of FOLLOW_UP_STATES)
    for (const action of FOLLOW_UP_ACTIONS) {
      const target = expected[state][action];
      it(`${state} --${action}--> ${target ?? 'refused'}`, () => {
        if (target) {
          expect(nextFollowUpState(state, action)).toBe(target);
          expect(allowedFollowUpActions(state)).toEqual([action]);
        } else {
          expect(() => nextFollowUpState(state, action)).toThrow(
            expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }),
          );
        }
      });
    }
  it('starts a failed inspection with a required re-clean', () => {
    expect(initialFollowUp(false)).toBe('reclean_required');
    expect(initialFollowUp(true)).toBe('none');
  });
});
