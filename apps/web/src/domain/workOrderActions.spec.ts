import { actionsFor } from './workOrderActions';

const order = (status: string, allowedActions: string[], extra: Record<string, unknown> = {}) =>
  ({ status, allowedActions, assigneeId: 'tech-1', firstCompletedAt: null, ...extra }) as Parameters<
    typeof actionsFor
  >[0];

describe('actionsFor (the buttons a person gets on an order)', () => {
  const assigned = order('assigned', ['assign', 'start', 'cancel', 'change_priority', 'hand_back']);

  it('gives the desk dispatch, priority, cancel and urge, never the crew moves', () => {
    expect(actionsFor(assigned, { id: 'desk-1', role: 'front_desk' })).toEqual([
      'assign',
      'cancel',
      'change_priority',
      'urge',
    ]);
  });

  it('gives a technician the crew moves only on their own orders, arrival first', () => {
    expect(actionsFor(assigned, { id: 'tech-1', role: 'technician' })).toEqual(['start', 'hand_back']);
    expect(actionsFor(assigned, { id: 'tech-2', role: 'technician' })).toEqual([]);
  });

  it('folds accept_pass/accept_fail into one acceptance for the resident and the desk, with the visit', () => {
    const completed = order('completed', ['accept_pass', 'accept_fail'], {
      firstCompletedAt: '2026-12-07T08:00:00Z',
    });
    expect(actionsFor(completed, { id: 'resident-1', role: 'resident' })).toEqual(['accept']);
    expect(actionsFor(completed, { id: 'desk-1', role: 'front_desk' })).toEqual([
      'accept',
      'urge',
      'return_visit',
    ]);
    expect(actionsFor(completed, { id: 'finance-1', role: 'finance' })).toEqual([]);
  });

  it('offers nothing but the return visit on a closed order, and nothing when signed out', () => {
    const closed = order('closed', [], { firstCompletedAt: '2026-12-07T08:00:00Z' });
    expect(actionsFor(closed, { id: 'desk-1', role: 'manager' })).toEqual(['return_visit']);
    expect(actionsFor(closed, null)).toEqual([]);
  });
});
