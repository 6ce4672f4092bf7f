/** Billing-run lifecycle as data: a run starts `running` and ends `succeeded` or `failed`. */
export const BILLING_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type BillingRunStatus = (typeof BILLING_RUN_STATUSES)[number];

export const BILLING_RUN_ACTIONS = ['succeed', 'fail'] as const;
export type BillingRunAction = (typeof BILLING_RUN_ACTIONS)[number];

export const BILLING_RUN_TRANSITIONS: Record<
  BillingRunStatus,
  Partial<Record<BillingRunAction, BillingRunStatus>>
> = {
  running: { succeed: 'succeeded', fail: 'failed' },
  succeeded: {},
  failed: {},
};

export function allowedBillingRunActions(status: BillingRunStatus): BillingRunAction[] {
  return Object.keys(BILLING_RUN_TRANSITIONS[status]) as BillingRunAction[];
}

export function nextBillingRunStatus(
  status: BillingRunStatus,
  action: BillingRunAction,
): BillingRunStatus | null {
  return BILLING_RUN_TRANSITIONS[status][action] ?? null;
}
