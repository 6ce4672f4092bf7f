import type { Schemas } from '../api/client';
import { StatusTag, type Tone } from '../components/Status';
import { useLabel } from '../labels';

type WorkOrderStatus = Schemas['WorkOrderResponse']['status'];
type ComplaintStatus = Schemas['ComplaintResponse']['status'];

const WORK_ORDER_TONES: Record<WorkOrderStatus, Tone> = {
  reported: 'new',
  assigned: 'active',
  in_progress: 'active',
  on_hold: 'waiting',
  completed: 'warning',
  reopened: 'bad',
  closed: 'done',
  cancelled: 'muted',
};

const COMPLAINT_TONES: Record<ComplaintStatus, Tone> = {
  received: 'new',
  valid: 'warning',
  invalid: 'muted',
  assigned: 'active',
  resolved: 'warning',
  followed_up: 'active',
  closed: 'done',
};

/** A work order's status as a word, an icon and a colour. */
export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  const label = useLabel();
  return <StatusTag tone={WORK_ORDER_TONES[status]}>{label('workOrderStatus', status)}</StatusTag>;
}

export function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  const label = useLabel();
  return <StatusTag tone={COMPLAINT_TONES[status]}>{label('complaintStatus', status)}</StatusTag>;
}

/** Urgent orders carry a red word, routine ones plain text: priority is never colour alone. */
export function PriorityTag({ priority }: { priority: Schemas['WorkOrderResponse']['priority'] }) {
  const label = useLabel();
  return (
    <StatusTag tone={priority === 'urgent' ? 'bad' : priority === 'planned' ? 'muted' : 'new'}>
      {label('workOrderPriority', priority)}
    </StatusTag>
  );
}
