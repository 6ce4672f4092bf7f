import { CertificateResponse, StaffResponse, TrainingResponse, WarningResponse } from './dto/staff.dto';
import { StaffCertificate, StaffComplianceWarning, StaffMember, StaffTraining } from './staff.entity';

export function toStaffResponse(staff: StaffMember): StaffResponse {
  return {
    id: staff.id,
    estateId: staff.estateId,
    userId: staff.userId,
    name: staff.name,
    employeeNumber: staff.employeeNumber,
    position: staff.position,
    department: staff.department,
    isManagement: staff.isManagement,
    specialOperationRole: staff.specialOperationRole,
    hiredAt: staff.hiredAt,
    leftAt: staff.leftAt,
  };
}

export function toTrainingResponse(training: StaffTraining): TrainingResponse {
  return {
    id: training.id,
    staffId: training.staffId,
    course: training.course,
    category: training.category,
    trainedOn: training.trainedOn,
    hours: training.hoursHundredths / 100,
    result: training.result,
    score: training.score,
    trainer: training.trainer,
  };
}

export function toCertificateResponse(certificate: StaffCertificate): CertificateResponse {
  return {
    id: certificate.id,
    staffId: certificate.staffId,
    type: certificate.type,
    number: certificate.number,
    authority: certificate.authority,
    issuedAt: certificate.issuedAt,
    expiresAt: certificate.expiresAt,
    reviewDueAt: certificate.reviewDueAt,
  };
}

export function toWarningResponse(warning: StaffComplianceWarning): WarningResponse {
  return {
    id: warning.id,
    estateId: warning.estateId,
    warnedOn: warning.warnedOn,
    kind: warning.kind,
    staffId: warning.staffId,
    certificateId: warning.certificateId,
    message: warning.message,
    details: warning.details,
  };
}
