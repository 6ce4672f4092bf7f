import {
  BILLING_RUN_ACTIONS,
  BILLING_RUN_STATUSES,
  allowedBillingRunActions,
  nextBillingRunStatus,
} from './billing-run-state';
import { PAYMENT_ACTIONS, PAYMENT_STATUSES, allowedPaymentActions, nextPaymentStatus } from './payment-state';

describe('payment transitions (exhaustive)', () => {
  const expected: Record<string, string | null> = {
    'recorded/reverse': 'reversed',
    'reversed/reverse': null,
    'reversal/reverse': null,
  };
  for (const status of PAYMENT_STATUSES)
    for (const action of PAYMENT_ACTIONS)
      it(`${status} --${action}--> ${expected[`${status}/${action}`]}`, () => {
        expect(nextPaymentStatus(status, action)).toBe(expected[`${status}/${action}`]);
      });
  it('lists allowed actions', () => {
    expect(allowedPaymentActions('recorded')).toEqual(['reverse']);
    expect(allowedPaymentActions('reversed')).toEqual([]);
    expect(allowedPaymentActions('reversal')).toEqual([]);
  });
});

describe('billing-run transitions (exhaustive)', () => {
  const expected: Record<string, string | null> = {
    'running/succeed': 'succeeded',
    'running/fail': 'failed',
    'succeeded/succeed': null,
    'succeeded/fail': null,
    'failed/succeed': null,
    'failed/fail': null,
  };
  for (const status of BILLING_RUN_STATUSES)
    for (const action of BILLING_RUN_ACTIONS)
      it(`${status} --${action}--> ${expected[`${status}/${action}`]}`, () => {
        expect(nextBillingRunStatus(status, action)).toBe(expected[`${status}/${action}`]);
      });
  it('lists allowed actions', () => {
    expect(allowedBillingRunActions('running')).toEqual(['succeed', 'fail']);
    expect(allowedBillingRunActions('succeeded')).toEqual([]);
    expect(allowedBillingRunActions('failed')).toEqual([]);
  });
});
