/** Vocabulary of work orders (报修工单). Enums are varchar columns checked in code. */
export const WORK_ORDER_PRIORITIES = ['urgent', 'routine', 'planned'] as const;
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number];

export const WORK_ORDER_CHANNELS = [
  'phone',
  'walk_in',
  'resident_app',
  'patrol',
  'inspection',
  'other',
] as const;
export type WorkOrderChannel = (typeof WORK_ORDER_CHANNELS)[number];

export const ACCEPTANCE_RESULTS = ['pass', 'fail'] as const;
export type AcceptanceResult = (typeof ACCEPTANCE_RESULTS)[number];

/** Who signed the acceptance: the resident (业主签字) or a supervisor's check (主管验收). */
export const ACCEPTANCE_BY = ['resident', 'supervisor'] as const;
export type AcceptanceBy = (typeof ACCEPTANCE_BY)[number];

/**
 * How the acceptance reached the system (issue #22 finding 11): `resident_app` when residents sign
 * it themselves, `phone` / `in_person` when staff enter it on their behalf (a phone confirmation, a
 * paper sheet signed in front of them) — so staff-entered acceptances and their satisfaction scores
 * stay distinguishable in the KPI drill-down.
 */
export const ACCEPTANCE_CHANNELS = ['resident_app', 'phone', 'in_person'] as const;
export type AcceptanceChannel = (typeof ACCEPTANCE_CHANNELS)[number];

/** 满意 / 基本满意 / 不满意 */
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

export const RETURN_VISIT_METHODS = ['phone', 'visit', 'message'] as const;
export type ReturnVisitMethod = (typeof RETURN_VISIT_METHODS)[number];

/** Entity type used in audit_entries for work orders. */
export const WORK_ORDER_ENTITY = 'work_order';
