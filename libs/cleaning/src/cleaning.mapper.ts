import { hundredthsToArea } from '@estate/estates';
import { CleaningInspection, CleaningLog, CleaningZone } from './cleaning.entities';
import { CleaningLogResponse, InspectionResponse, ZoneResponse } from './dto/cleaning.dto';

export function toZoneResponse(zone: CleaningZone): ZoneResponse {
  return {
    id: zone.id,
    estateId: zone.estateId,
    name: zone.name,
    type: zone.type,
    area: hundredthsToArea(zone.areaHundredths),
    standard: zone.standard,
    frequencyTimes: zone.frequencyTimes,
    frequencyUnit: zone.frequencyUnit,
    cleanerId: zone.cleanerId,
    active: zone.active,
    createdAt: zone.createdAt.toISOString(),
  };
}

export function toCleaningLogResponse(log: CleaningLog): CleaningLogResponse {
  return {
    id: log.id,
    estateId: log.estateId,
    clientId: log.clientId,
    zoneId: log.zoneId,
    cleanerId: log.cleanerId,
    cleanerName: log.cleanerName,
    startedAt: log.startedAt.toISOString(),
    finishedAt: log.finishedAt.toISOString(),
    tasks: log.tasks,
    note: log.note,
    reCleanForInspectionId: log.reCleanForInspectionId,
  };
}

export function toInspectionResponse(inspection: CleaningInspection): InspectionResponse {
  return {
    id: inspection.id,
    estateId: inspection.estateId,
    clientId: inspection.clientId,
    zoneId: inspection.zoneId,
    cleanerId: inspection.cleanerId,
    inspectorId: inspection.inspectorId,
    inspectorName: inspection.inspectorName,
    inspectedAt: inspection.inspectedAt.toISOString(),
    passed: inspection.passed,
    score: inspection.score,
    issues: inspection.issues ?? [],
    followUp: inspection.followUp,
    reInspectionOfId: inspection.reInspectionOfId,
    reCleanLogId: inspection.reCleanLogId,
  };
}
