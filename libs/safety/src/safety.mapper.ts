import { IncidentActionResponse, IncidentResponse } from './dto/incident.dto';
import { allowedActions } from './incident-state';
import { SafetyIncident, SafetyIncidentAction } from './safety-incident.entity';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toIncidentActionResponse(action: SafetyIncidentAction): IncidentActionResponse {
  return {
    id: action.id,
    kind: action.kind,
    at: action.at.toISOString(),
    actorId: action.actorId,
    actorName: action.actorName,
    description: action.description,
  };
}

export function toIncidentResponse(
  incident: SafetyIncident,
  actions?: SafetyIncidentAction[],
): IncidentResponse {
  return {
    id: incident.id,
    estateId: incident.estateId,
    code: incident.code,
    clientId: incident.clientId,
    type: incident.type,
    violationSubtype: incident.violationSubtype,
    status: incident.status,
    allowedActions: allowedActions(incident.type, incident.status),
    occurredAt: incident.occurredAt.toISOString(),
    location: incident.location,
    unitId: incident.unitId,
    description: incident.description,
    reportedById: incident.reportedById,
    reportedByName: incident.reportedByName,
    reportNumber: incident.reportNumber,
    lossesFen: incident.lossesFen,
    source: incident.source,
    patrolScanId: incident.patrolScanId,
    handledAt: iso(incident.handledAt),
    handlingOutcome: incident.handlingOutcome,
    rectifiedAt: iso(incident.rectifiedAt),
    closedAt: iso(incident.closedAt),
    version: incident.version,
    createdAt: incident.createdAt.toISOString(),
    ...(actions ? { actions: actions.map(toIncidentActionResponse) } : {}),
  };
}
