import { TransitionNotAllowedError } from '@estate/shared';
import {
  allowedActions,
  assertTransition,
  canTransition,
  COMPLAINT_ACTIONS,
  COMPLAINT_STATUSES,
  ComplaintAction,
  ComplaintStatus,
} from './complaint-state';

/** The whole table written out by hand: every (from, action, to) not listed here must be refused. */
const ALLOWED: [ComplaintStatus, ComplaintAction, ComplaintStatus][] = [
  ['received', 'judge', 'valid'],
  ['received', 'judge', 'invalid'],
  ['valid', 'assign', 'assigned'],
  ['assigned', 'assign', 'assigned'],
  ['assigned', 'resolve', 'resolved'],
  ['resolved', 'follow_up', 'followed_up'],
  ['followed_up', 'close', 'closed'],
  ['invalid', 'close', 'closed'],
];

describe('complaint transition table', () => {
  const isListed = (from: ComplaintStatus, action: ComplaintAction, to: ComplaintStatus) =>
    ALLOWED.some(([f, a, t]) => f === from && a === action && t === to);

  for (const from of COMPLAINT_STATUSES)
    for (const action of COMPLAINT_ACTIONS)
      for (const to of COMPLAINT_STATUSES) {
        const expected = isListed(from, action, to);
        it(`${expected ? 'allows' : 'refuses'} ${from} --${action}--> ${to}`, () => {
          expect(canTransition(from, action, to)).toBe(expected);
          if (expected) expect(() => assertTransition(from, action, to)).not.toThrow();
          else expect(() => assertTransition(from, action, to)).toThrow(TransitionNotAllowedError);
        });
      }

  it('lists the allowed actions of each state', () => {
    expect(allowedActions('received')).toEqual(['judge']);
    expect(allowedActions('valid')).toEqual(['assign']);
    expect(allowedActions('invalid')).toEqual(['close']);
    expect(allowedActions('assigned')).toEqual(['assign', 'resolve']);
    expect(allowedActions('resolved')).toEqual(['follow_up']);
    expect(allowedActions('followed_up')).toEqual(['close']);
    expect(allowedActions('closed')).toEqual([]);
  });

  it('answers a refused move with the allowed ones', () => {
    try {
      assertTransition('valid', 'close', 'closed');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(TransitionNotAllowedError);
      expect((error as TransitionNotAllowedError).details).toEqual({
        from: 'valid',
        action: 'close',
        allowed: ['assign'],
      });
    }
  });
});
