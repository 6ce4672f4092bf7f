import { CheckpointResponse, RoundResponse, RouteResponse, ScanResponse } from './dto/patrol.dto';
import { LATE_GRACE_MINUTES } from './patrol-schedule';
import { PatrolCheckpoint, PatrolRound, PatrolRoute, PatrolScan } from './patrol.entities';

export function toCheckpointResponse(checkpoint: PatrolCheckpoint): CheckpointResponse {
  return {
    id: checkpoint.id,
    estateId: checkpoint.estateId,
    name: checkpoint.name,
    location: checkpoint.location,
    tagValue: checkpoint.tagValue,
    active: checkpoint.active,
  };
}

export function toRouteResponse(route: PatrolRoute, checkpointIds: string[]): RouteResponse {
  return {
    id: route.id,
    estateId: route.estateId,
    name: route.name,
    checkpointIds,
    expectedDurationMinutes: route.expectedDurationMinutes,
    intervalMinutes: route.intervalMinutes,
    activeFrom: route.activeFrom,
    activeTo: route.activeTo,
    active: route.active,
  };
}

export function toScanResponse(scan: PatrolScan): ScanResponse {
  return {
    id: scan.id,
    clientId: scan.clientId,
    roundId: scan.roundId,
    checkpointId: scan.checkpointId,
    scannedAt: scan.scannedAt.toISOString(),
    note: scan.note,
    abnormal: scan.abnormal,
    abnormalDescription: scan.abnormalDescription,
    outOfOrder: scan.outOfOrder,
    incidentId: scan.incidentId,
    workOrderId: scan.workOrderId,
  };
}

export function toRoundResponse(
  round: PatrolRound,
  detail?: { scans: PatrolScan[]; missedCheckpointIds: string[] },
): RoundResponse {
  return {
    id: round.id,
    estateId: round.estateId,
    clientId: round.clientId,
    routeId: round.routeId,
    guardId: round.guardId,
    guardName: round.guardName,
    status: round.status,
    startedAt: round.startedAt.toISOString(),
    finishedAt: round.finishedAt ? round.finishedAt.toISOString() : null,
    slotStart: round.slotStart ? round.slotStart.toISOString() : null,
    lateMinutes: round.lateMinutes,
    late: (round.lateMinutes ?? 0) > LATE_GRACE_MINUTES,
    expectedCheckpointIds: round.expectedCheckpointIds,
    expectedCount: round.expectedCount,
    scannedCount: round.scannedCount,
    missedCount: round.missedCount,
    outOfOrderCount: round.outOfOrderCount,
    ...(detail
      ? { scans: detail.scans.map(toScanResponse), missedCheckpointIds: detail.missedCheckpointIds }
      : {}),
  };
}
