import { labelProblems } from '@estate/labels';
import { BILLING_RUN_STATUSES } from './billing-run-state';
import { AGING_BUCKETS } from './calculations/aging';
import {
  ALLOCATION_SOURCES,
  BILL_STATUSES,
  BILLING_BASES,
  CREDIT_ENTRY_KINDS,
  DUNNING_METHODS,
  FEE_CATEGORIES,
  FEE_ITEM_SYSTEM_KEYS,
  METER_TYPES,
  PAYMENT_METHODS,
} from './entities';
import { PAYMENT_ACTIONS, PAYMENT_STATUSES } from './payment-state';
import { REPAIR_BILL_ACTIONS } from './repair-billing.link';

/**
 * A waiver (减免) is not in a state table: bills.service.ts writes it to the history as `waive`; the
 * paid-repair link (repair-billing.link.ts) writes the `repair_charge*` entries of a 维修费 bill, and
 * a receipt downloaded again is `reprint_receipt` on the payment (payments.service.ts).
 */
const WAIVER_ACTIONS = ['waive', 'reprint_receipt', ...REPAIR_BILL_ACTIONS];

describe('fee labels (@estate/labels)', () => {
  it.each([
    ['feeCategory', FEE_CATEGORIES],
    ['billingBasis', BILLING_BASES],
    ['feeItemSystemKey', FEE_ITEM_SYSTEM_KEYS],
    ['meterType', METER_TYPES],
    ['billStatus', BILL_STATUSES],
    ['billingRunStatus', BILLING_RUN_STATUSES],
    ['paymentMethod', PAYMENT_METHODS],
    ['paymentStatus', PAYMENT_STATUSES],
    ['feeAction', [...PAYMENT_ACTIONS, ...WAIVER_ACTIONS]],
    ['allocationSource', ALLOCATION_SOURCES],
    ['creditEntryKind', CREDIT_ENTRY_KINDS],
    ['dunningMethod', DUNNING_METHODS],
    ['arrearsAgingBucket', AGING_BUCKETS],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });
});
