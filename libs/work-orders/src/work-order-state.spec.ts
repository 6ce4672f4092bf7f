import { TransitionNotAllowedError } from '@estate/shared';
import {
  allowedActions,
  canApply,
  nextStatus,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_STATUSES,
  WorkOrderAction,
  WorkOrderStatus,
} from './work-order-state';

/** The table written out by hand from the issue, independently of the implementation's table. */
const EXPECTED: Record<WorkOrderStatus, Partial<Record<WorkOrderAction, WorkOrderStatus>>> = {
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

describe('work-order transition table', () => {
  const cases = WORK_ORDER_STATUSES.flatMap((status) =>
    WORK_ORDER_ACTIONS.map((action) => [status, action] as const),
  );

  it('covers every status × action pair (8 × 10 = 80)', () => {
    expect(cases).toHaveLength(80);
  });

  it.each(cases)('%s + %s', (status, action) => {
    const expected = EXPECTED[status][action];
    if (expected) {
      expect(canApply(status, action)).toBe(true);
      expect(nextStatus(status, action)).toBe(expected);
    } else {
      expect(canApply(status, action)).toBe(false);
      let thrown: unknown;
      try {
        nextStatus(status, action);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TransitionNotAllowedError);
      const error = thrown as TransitionNotAllowedError;
      expect(error.code).toBe('TRANSITION_NOT_ALLOWED');
      expect(error.details).toEqual({ from: status, action, allowed: Object.keys(EXPECTED[status]) });
    }
  });

  it('lists allowed actions per status', () => {
    for (const status of WORK_ORDER_STATUSES)
      expect(allowedActions(status).sort()).toEqual(Object.keys(EXPECTED[status]).sort());
  });

  it('hands back only an order that is assigned and not started', () => {
    expect(nextStatus('assigned', 'hand_back')).toBe('reported');
    for (const status of WORK_ORDER_STATUSES.filter((candidate) => candidate !== 'assigned'))
      expect(canApply(status, 'hand_back')).toBe(false);
  });

  it('has closed and cancelled as final states', () => {
    expect(allowedActions('closed')).toEqual([]);
    expect(allowedActions('cancelled')).toEqual([]);
    expect(() => nextStatus('closed', 'accept_fail')).toThrow(/final state/);
  });
});
