import type { Schemas } from '../api/client';
import type { SessionUser } from '../auth/session';

type Order = Pick<
  Schemas['WorkOrderResponse'],
  'allowedActions' | 'assigneeId' | 'status' | 'firstCompletedAt'
>;
export type WorkOrderAction = Schemas['WorkOrderResponse']['allowedActions'][number];

/** The buttons of an order's detail: the state's moves (acceptance as one form) and the desk's extras. */
export type DetailAction =
  Exclude<WorkOrderAction, 'accept_pass' | 'accept_fail'> | 'accept' | 'urge' | 'return_visit';

const DESK = ['admin', 'manager', 'front_desk'];
const CREW = ['admin', 'manager', 'technician'];

/**
 * Who may send each move — the `@Roles` of libs/work-orders/src/work-orders.controller.ts. The API's
 * `allowedActions` says what the order's state allows, for anyone; this keeps the buttons to the ones
 * this person's role may press (a technician: only on orders assigned to them). The API still checks.
 */
const ROLES: Record<Exclude<DetailAction, 'accept'>, readonly string[]> = {
  assign: DESK,
  change_priority: DESK,
  cancel: DESK,
  start: CREW,
  hold: CREW,
  resume: CREW,
  complete: CREW,
  hand_back: CREW,
  urge: DESK,
  return_visit: DESK,
};
const ACCEPT_ROLES = [...DESK, 'resident'];
const OPEN = ['reported', 'assigned', 'in_progress', 'on_hold', 'completed', 'reopened'];
const CREW_MOVES: readonly DetailAction[] = ['start', 'hold', 'resume', 'complete', 'hand_back'];

/** The order's moves this person may make now, in the order of `allowedActions`, then urge and visit. */
export function actionsFor(order: Order, user: Pick<SessionUser, 'id' | 'role'> | null): DetailAction[] {
  if (!user) return [];
  const result: DetailAction[] = [];
  for (const action of order.allowedActions) {
    if (action === 'accept_pass' || action === 'accept_fail') {
      if (ACCEPT_ROLES.includes(user.role) && !result.includes('accept')) result.push('accept');
      continue;
    }
    if (!ROLES[action].includes(user.role)) continue;
    if (user.role === 'technician' && CREW_MOVES.includes(action) && order.assigneeId !== user.id) continue;
    result.push(action);
  }
  if (ROLES.urge.includes(user.role) && OPEN.includes(order.status)) result.push('urge');
  if (ROLES.return_visit.includes(user.role) && order.firstCompletedAt && order.status !== 'cancelled')
    result.push('return_visit');
  // the usual next step first (it is the primary button): arrive, complete, accept, dispatch, resume
  const rank = (action: DetailAction) => {
    const index = USUAL_NEXT.indexOf(action);
    return index === -1 ? USUAL_NEXT.length : index;
  };
  return result.sort((a, b) => rank(a) - rank(b));
}

const USUAL_NEXT: readonly DetailAction[] = ['start', 'complete', 'accept', 'assign', 'resume'];
