import { maskPhone } from '@estate/shared';
import { allowedActions } from './complaint-state';
import { Complaint } from './complaint.entity';
import { ComplaintResponse } from './dto/complaint.dto';

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/**
 * Entity → API. Lists mask the contact phone; the detail shows it in full. `unitLabel` comes from
 * `unitLabels()` of @estate/estates (one batch per page).
 */
export function toComplaintResponse(
  complaint: Complaint,
  options: { unmaskPhone?: boolean; unitLabel: string | null },
): ComplaintResponse {
  return {
    id: complaint.id,
    estateId: complaint.estateId,
    code: complaint.code,
    unitId: complaint.unitId,
    unitLabel: complaint.unitId ? options.unitLabel : null,
    channel: complaint.channel,
    categories: complaint.categories,
    description: complaint.description,
    contactName: complaint.contactName,
    contactPhone: options.unmaskPhone ? complaint.contactPhone : maskPhone(complaint.contactPhone),
    status: complaint.status,
    receivedAt: complaint.receivedAt.toISOString(),
    receivedByName: complaint.receivedByName,
    firstResponseDueAt: complaint.firstResponseDueAt.toISOString(),
    resolutionDueAt: complaint.resolutionDueAt.toISOString(),
    firstResponseOverdueAt: iso(complaint.firstResponseOverdueAt),
    resolutionOverdueAt: iso(complaint.resolutionOverdueAt),
    judgedAt: iso(complaint.judgedAt),
    judgedByName: complaint.judgedByName,
    validity: complaint.validity,
    invalidReason: complaint.invalidReason,
    judgementNote: complaint.judgementNote,
    assignedAt: iso(complaint.assignedAt),
    assigneeDepartment: complaint.assigneeDepartment,
    assigneeUserId: complaint.assigneeUserId,
    assigneeName: complaint.assigneeName,
    resolvedAt: iso(complaint.resolvedAt),
    resolution: complaint.resolution,
    followedUpAt: iso(complaint.followedUpAt),
    satisfaction: complaint.satisfaction,
    followUpComment: complaint.followUpComment,
    closedAt: iso(complaint.closedAt),
    closingNote: complaint.closingNote,
    version: complaint.version,
    allowedActions: allowedActions(complaint.status),
  };
}
