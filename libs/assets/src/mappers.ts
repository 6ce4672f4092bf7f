import type { AssetCategoryResponse, AssetResponse, ConditionRecordResponse } from './dto/asset.dto';
import type { PlanResponse } from './dto/plan.dto';
import type { AssetTaskResponse, InspectionResultResponse } from './dto/task.dto';
import type { AssetTaskStatus } from './asset-task-state';
import {
  Asset,
  AssetCategory,
  AssetConditionRecord,
  AssetInspectionResult,
  AssetPlan,
  AssetTask,
} from './entities';

export function toAssetResponse(
  asset: Asset,
  latest: AssetConditionRecord | null | undefined,
): AssetResponse {
  return {
    id: asset.id,
    estateId: asset.estateId,
    code: asset.code,
    name: asset.name,
    categoryCode: asset.categoryCode,
    kpiGroup: asset.kpiGroup,
    measure: asset.measureHundredths / 100,
    measureHundredths: asset.measureHundredths,
    measureUnit: asset.measureUnit,
    locationText: asset.locationText,
    latitude: asset.latitudeMicro === null ? null : asset.latitudeMicro / 1_000_000,
    longitude: asset.longitudeMicro === null ? null : asset.longitudeMicro / 1_000_000,
    brand: asset.brand,
    model: asset.model,
    serialNumber: asset.serialNumber,
    installedDate: asset.installedDate,
    warrantyEndDate: asset.warrantyEndDate,
    importance: asset.importance,
    responsiblePerson: asset.responsiblePerson,
    status: asset.status,
    decommissionedAt: asset.decommissionedAt?.toISOString() ?? null,
    decommissionReason: asset.decommissionReason,
    condition: latest?.condition ?? null,
    conditionRecordedAt: latest?.recordedAt.toISOString() ?? null,
    version: asset.version,
    createdAt: asset.createdAt.toISOString(),
  };
}

export function toConditionRecordResponse(record: AssetConditionRecord): ConditionRecordResponse {
  return {
    id: record.id,
    assetId: record.assetId,
    condition: record.condition,
    recordedAt: record.recordedAt.toISOString(),
    source: record.source,
    note: record.note,
    authorId: record.authorId,
    authorName: record.authorName,
    taskId: record.taskId,
    workOrderId: record.workOrderId,
  };
}

export function toCategoryResponse(category: AssetCategory): AssetCategoryResponse {
  return {
    id: category.id,
    estateId: category.estateId,
    code: category.code,
    name: category.name,
    kpiGroup: category.kpiGroup,
  };
}

export function toPlanResponse(plan: AssetPlan): PlanResponse {
  return {
    id: plan.id,
    estateId: plan.estateId,
    kind: plan.kind,
    name: plan.name,
    assetId: plan.assetId,
    categoryCode: plan.categoryCode,
    checklist: plan.checklist.map((item) => ({ id: item.id, label: item.label, expected: item.expected })),
    recurrence: { ...plan.recurrence },
    startDate: plan.startDate,
    assigneeRole: plan.assigneeRole,
    assigneeUserId: plan.assigneeUserId,
    priorityRule: { ...plan.priorityRule },
    active: plan.active,
    version: plan.version,
    createdAt: plan.createdAt.toISOString(),
  };
}

export function toInspectionResultResponse(result: AssetInspectionResult): InspectionResultResponse {
  return {
    id: result.id,
    itemResults: result.itemResults.map((item) => ({
      itemId: item.itemId,
      passed: item.passed,
      value: item.value,
      note: item.note,
    })),
    overallCondition: result.overallCondition,
    photos: result.photos ?? [],
    note: result.note,
    inspectorName: result.inspectorName,
    inspectedAt: result.inspectedAt.toISOString(),
    conditionRecordId: result.conditionRecordId,
    workOrderId: result.workOrderId,
    workOrderCode: result.workOrderCode,
  };
}

/** An open task whose due time has passed shows as overdue even before the daily job marks it. */
export function effectiveTaskStatus(task: AssetTask, now: Date): AssetTaskStatus {
  return task.status === 'open' && task.dueAt.getTime() <= now.getTime() ? 'overdue' : task.status;
}

export function toTaskResponse(
  task: AssetTask,
  now: Date,
  result: AssetInspectionResult | null | undefined,
): AssetTaskResponse {
  return {
    id: task.id,
    estateId: task.estateId,
    planId: task.planId,
    assetId: task.assetId,
    kind: task.kind,
    dueDate: task.dueDate,
    dueAt: task.dueAt.toISOString(),
    status: effectiveTaskStatus(task, now),
    overdueAt: task.overdueAt?.toISOString() ?? null,
    completedAt: task.completedAt?.toISOString() ?? null,
    assigneeRole: task.assigneeRole,
    assigneeUserId: task.assigneeUserId,
    result: result ? toInspectionResultResponse(result) : null,
  };
}
