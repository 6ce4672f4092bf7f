/**
 * Payment lifecycle as data. A payment is `recorded`; a reversal (冲正) turns it `reversed` and adds
 * a separate negative `reversal` row. Both `reversed` and `reversal` are final: a payment cannot be
 * reversed twice and a reversal cannot itself be reversed.
 */
export const PAYMENT_STATUSES = ['recorded', 'reversed', 'reversal'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_ACTIONS = ['reverse'] as const;
export type PaymentAction = (typeof PAYMENT_ACTIONS)[number];

export const PAYMENT_TRANSITIONS: Record<PaymentStatus, Partial<Record<PaymentAction, PaymentStatus>>> = {
  recorded: { reverse: 'reversed' },
  reversed: {},
  reversal: {},
};

export function allowedPaymentActions(status: PaymentStatus): PaymentAction[] {
  return Object.keys(PAYMENT_TRANSITIONS[status]) as PaymentAction[];
}

export function nextPaymentStatus(status: PaymentStatus, action: PaymentAction): PaymentStatus | null {
  return PAYMENT_TRANSITIONS[status][action] ?? null;
}
