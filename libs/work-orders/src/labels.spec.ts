import { labelProblems } from '@estate/labels';
import {
  ACCEPTANCE_BY,
  ACCEPTANCE_CHANNELS,
  ACCEPTANCE_RESULTS,
  RETURN_VISIT_METHODS,
  SATISFACTION_LEVELS,
  WORK_ORDER_CHANNELS,
  WORK_ORDER_PRIORITIES,
} from './work-order.constants';
import { WORK_ORDER_ACTIONS, WORK_ORDER_STATUSES } from './work-order-state';

/** Actions the history shows besides the state table's: written by work-orders.service.ts
 * (`report`, `return_visit`, `urge` 催单 — no state change), work-order-attachments.service.ts (`attach`)
 * and the SLA sweep (`escalate`). */
const HISTORY_ONLY_ACTIONS = ['urge', 'report', 'attach', 'return_visit', 'escalate'];

describe('work-order labels (@estate/labels)', () => {
  it.each([
    ['workOrderStatus', WORK_ORDER_STATUSES],
    ['workOrderPriority', WORK_ORDER_PRIORITIES],
    ['workOrderChannel', WORK_ORDER_CHANNELS],
    ['acceptanceResult', ACCEPTANCE_RESULTS],
    ['acceptanceBy', ACCEPTANCE_BY],
    ['acceptanceChannel', ACCEPTANCE_CHANNELS],
    ['returnVisitMethod', RETURN_VISIT_METHODS],
    ['satisfaction', SATISFACTION_LEVELS],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });

  it('labels every action the buttons and the history show', () => {
    expect(labelProblems('workOrderAction', [...WORK_ORDER_ACTIONS, ...HISTORY_ONLY_ACTIONS])).toEqual([]);
  });
});
