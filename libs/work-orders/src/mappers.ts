import { AuditEntry } from '@estate/database';
import { maskPhone } from '@estate/shared';
import {
  AttachmentResponse,
  HistoryEntryResponse,
  MaterialResponse,
  ReturnVisitResponse,
  WorkOrderResponse,
} from './dto/work-order.dto';
import type { Attachment } from '@estate/attachments';
import { WorkOrder, WorkOrderMaterial, WorkOrderReturnVisit } from './entities';
import { allowedActions } from './work-order-state';
import type { WorkOrderBillSummary } from './work-order-billing';

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/**
 * Entity → API. Lists mask the reporter's phone (138****5678); the detail view and the assignee's own
 * list (`/mine`, tap-to-call) show it. `unitLabel` comes from `unitLabels()` (one batch per page).
 */
export function toWorkOrderResponse(
  order: WorkOrder,
  options: { maskPhone: boolean; unitLabel: string | null; bill?: WorkOrderBillSummary | null },
): WorkOrderResponse {
  return {
    id: order.id,
    estateId: order.estateId,
    code: order.code,
    unitId: order.unitId,
    unitLabel: order.unitId ? options.unitLabel : null,
    assetId: order.assetId,
    locationText: order.locationText,
    category: order.category,
    priority: order.priority,
    channel: order.channel,
    description: order.description,
    reporterName: order.reporterName,
    reporterPhone: options.maskPhone ? maskPhone(order.reporterPhone) : order.reporterPhone,
    appointmentStartAt: iso(order.appointmentStartAt),
    appointmentEndAt: iso(order.appointmentEndAt),
    status: order.status,
    allowedActions: allowedActions(order.status),
    reportedAt: order.reportedAt.toISOString(),
    arrivalDueAt: iso(order.arrivalDueAt),
    dueAt: order.dueAt.toISOString(),
    assigneeId: order.assigneeId,
    assigneeName: order.assigneeName,
    assignedAt: iso(order.assignedAt),
    arrivedAt: iso(order.arrivedAt),
    firstCompletedAt: iso(order.firstCompletedAt),
    completedAt: iso(order.completedAt),
    closedAt: iso(order.closedAt),
    cancelledAt: iso(order.cancelledAt),
    cancelReason: order.cancelReason,
    holdReason: order.holdReason,
    reworkCount: order.reworkCount,
    lastReopenedAt: iso(order.lastReopenedAt),
    arrivalOverdueAt: iso(order.arrivalOverdueAt),
    completionOverdueAt: iso(order.completionOverdueAt),
    resolution: order.resolution,
    labourMinutes: order.labourMinutes,
    chargeable: order.chargeable,
    amountFen: order.amountFen,
    acceptanceResult: order.acceptanceResult,
    acceptedBy: order.acceptedBy,
    acceptanceChannel: order.acceptanceChannel,
    acceptedByName: order.acceptedByName,
    acceptedAt: iso(order.acceptedAt),
    satisfaction: order.satisfaction,
    acceptanceComment: order.acceptanceComment,
    urgeCount: order.urgeCount,
    lastUrgedAt: iso(order.lastUrgedAt),
    bill: options.bill ?? null,
    version: order.version,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

export function toMaterialResponse(material: WorkOrderMaterial): MaterialResponse {
  return {
    id: material.id,
    name: material.name,
    quantity: material.quantityHundredths / 100,
    unit: material.unit,
    unitCostFen: material.unitCostFen,
    totalFen: material.totalFen,
    completionNumber: material.completionNumber,
    recordedAt: material.recordedAt.toISOString(),
  };
}

export function toReturnVisitResponse(visit: WorkOrderReturnVisit): ReturnVisitResponse {
  return {
    id: visit.id,
    workOrderId: visit.workOrderId,
    method: visit.method,
    visitorId: visit.visitorId,
    visitorName: visit.visitorName,
    visitedAt: visit.visitedAt.toISOString(),
    satisfaction: visit.satisfaction,
    comment: visit.comment,
  };
}

export function toHistoryEntryResponse(entry: AuditEntry): HistoryEntryResponse {
  return {
    action: entry.action,
    fromState: entry.fromState,
    toState: entry.toState,
    actorId: entry.actorId,
    actorName: entry.actorName,
    at: entry.at.toISOString(),
    note: entry.note,
    details: entry.details,
  };
}

export function toAttachmentResponse(attachment: Attachment): AttachmentResponse {
  return {
    id: attachment.id,
    workOrderId: attachment.ownerId,
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    sizeBytes: attachment.sizeBytes,
    uploadedByName: attachment.uploadedByName,
    uploadedAt: attachment.uploadedAt.toISOString(),
  };
}
