import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AuthenticatedUser } from '@estate/auth';
import { JobRunner, TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import {
  addDaysToLocalDate,
  isUniqueViolation,
  lastDateOfPeriod,
  Page,
  pageOfQuery,
  uuidV7,
} from '@estate/shared';
import { In } from 'typeorm';
import {
  ComplianceResponse,
  StaffRateResult,
  StaffRef,
  WarningQuery,
  WarningResponse,
  WarningRunResponse,
} from './dto/staff.dto';
import { trainingWindow } from './staff-rules';
import {
  CertificateRequirement,
  CertificateType,
  StaffCertificate,
  StaffComplianceWarning,
  StaffMember,
  StaffRolePeriod,
  StaffTraining,
  WarningKind,
} from './staff.entity';
import { toWarningResponse } from './staff.mapper';

export const STAFF_WARNINGS_JOB = 'staff.compliance-warnings';
/** Certificates expiring within this many days (from the warning date, inclusive) are warned about. */
export const EXPIRY_WARNING_DAYS = 60;

function percentOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator * 10_000) / denominator) / 100;
}

/**
 * Training and certificate compliance (KPI #22, #23) as of a date, and the daily warnings.
 * Everything is read from dated facts (hiredAt/leftAt, trainedOn, issuedAt/expiresAt), so a past
 * date gives the answer it had then.
 */
@Injectable()
export class StaffComplianceService {
  private readonly logger = new Logger(StaffComplianceService.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly jobs: JobRunner,
  ) {}

  /** GET /staff/compliance: both measures with the names of those who are not compliant. */
  async compliance(user: AuthenticatedUser, estateId: string, asOf?: string): Promise<ComplianceResponse> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    const date = asOf ?? this.estates.today(estate);
    return {
      estateId,
      asOf: date,
      trainingFrom: trainingWindow(date).from,
      managementTraining: await this.managementTrainingOn(estateId, date),
      specialOperations: await this.specialOperationsOn(estateId, date),
    };
  }

  /**
   * KPI #22 (管理层员工专业培训合格率): management staff active on the last day of the period with a
   * passed `professional` training dated in the 12 months up to that day / all management staff
   * active that day. Lists both groups (drill-down).
   */
  async managementTrainingPassRate(estateId: string, period: string): Promise<StaffRateResult> {
    return this.managementTrainingOn(estateId, lastDateOfPeriod(period));
  }

  /**
   * KPI #23 (特种作业员工持证上岗率): special-operation staff active on the last day of the period
   * holding a certificate of the type their role requires that is valid that day
   * (issuedAt ≤ day ≤ expiresAt, both inclusive) / all such staff. Lists both groups.
   */
  async certifiedSpecialOpsRate(estateId: string, period: string): Promise<StaffRateResult> {
    return this.specialOperationsOn(estateId, lastDateOfPeriod(period));
  }

  async managementTrainingOn(estateId: string, date: string): Promise<StaffRateResult> {
    const manager = this.transactions.dataSource.manager;
    const staff = await this.activeStaff(estateId, date, 'management');
    const { from, to } = trainingWindow(date);
    const trained: { staffId: string }[] = staff.length
      ? await manager
          .createQueryBuilder(StaffTraining, 'training')
          .select('DISTINCT training.staff_id', 'staffId')
          .where('training.staff_id IN (:...ids)', { ids: staff.map((member) => member.id) })
          .andWhere("training.category = 'professional' AND training.result = 'pass'")
          .andWhere('training.trained_on >= :from AND training.trained_on <= :to', { from, to })
          .getRawMany()
      : [];
    const passed = new Set(trained.map((row) => row.staffId));
    return this.split(
      staff,
      (member) => passed.has(member.id),
      () => null,
    );
  }

  async specialOperationsOn(estateId: string, date: string): Promise<StaffRateResult> {
    const manager = this.transactions.dataSource.manager;
    const staff = await this.activeStaff(estateId, date, 'special');
    const required = await this.requiredTypes();
    const certificates = staff.length
      ? await manager
          .createQueryBuilder(StaffCertificate, 'certificate')
          .where('certificate.staff_id IN (:...ids)', { ids: staff.map((member) => member.id) })
          .andWhere('certificate.issued_at <= :date AND certificate.expires_at >= :date', { date })
          .getMany()
      : [];
    const held = new Set(certificates.map((certificate) => `${certificate.staffId}/${certificate.type}`));
    const requiredOf = (member: StaffMember) => required(member.specialOperationRole!);
    return this.split(staff, (member) => held.has(`${member.id}/${requiredOf(member)}`), requiredOf);
  }

  /**
   * Staff employed on `date` who held the role that day: the role period covering the date
   * (staff_role_periods), or for a member whose role never changed, their current role. Each member
   * comes back with the role of that day in isManagement / specialOperationRole.
   */
  private async activeStaff(
    estateId: string,
    date: string,
    kind: 'management' | 'special',
  ): Promise<StaffMember[]> {
    const managementThen = 'COALESCE(role.is_management, staff.is_management)';
    const specialThen =
      'CASE WHEN role.id IS NULL THEN staff.special_operation_role ELSE role.special_operation_role END';
    const builder = this.transactions.dataSource.manager
      .createQueryBuilder(StaffMember, 'staff')
      .leftJoin(
        StaffRolePeriod,
        'role',
        'role.staff_id = staff.id AND role.valid_from <= :date AND role.valid_until > :date',
        { date },
      )
      .addSelect(managementThen, 'management_then')
      .addSelect(specialThen, 'special_then')
      .where('staff.estate_id = :estateId', { estateId })
      .andWhere('staff.hired_at <= :date AND (staff.left_at IS NULL OR staff.left_at > :date)', { date });
    if (kind === 'management') builder.andWhere(`${managementThen} = :yes`, { yes: true });
    else builder.andWhere(`(${specialThen}) IS NOT NULL`);
    const { entities, raw } = await builder
      .orderBy('staff.employee_number', 'ASC')
      .getRawAndEntities<Record<string, unknown>>();
    const roleOf = new Map(raw.map((row) => [String(row.staff_id), row]));
    return entities.map((member) => {
      const row = roleOf.get(member.id)!;
      return Object.assign(member, {
        isManagement: Number(row.management_then) === 1 || row.management_then === true,
        specialOperationRole: (row.special_then ?? null) as StaffMember['specialOperationRole'],
      });
    });
  }

  /** The role → certificate mapping; a role without a row requires the certificate of its own name. */
  private async requiredTypes(): Promise<(role: string) => CertificateType> {
    const rows = await this.transactions.dataSource.manager.find(CertificateRequirement);
    const byRole = new Map(rows.map((row) => [row.role as string, row.certificateType]));
    return (role) => byRole.get(role) ?? (role as CertificateType);
  }

  private split(
    staff: StaffMember[],
    isCompliant: (member: StaffMember) => boolean,
    requiredOf: (member: StaffMember) => CertificateType | null,
  ): StaffRateResult {
    const compliant: StaffRef[] = [];
    const nonCompliant: StaffRef[] = [];
    for (const member of staff) {
      const ref: StaffRef = {
        staffId: member.id,
        name: member.name,
        employeeNumber: member.employeeNumber,
        specialOperationRole: member.specialOperationRole,
        requiredCertificateType: requiredOf(member),
      };
      (isCompliant(member) ? compliant : nonCompliant).push(ref);
    }
    return {
      numerator: compliant.length,
      denominator: staff.length,
      percent: percentOf(compliant.length, staff.length),
      compliant,
      nonCompliant,
    };
  }

  // Warnings --------------------------------------------------------------------------------------

  /**
   * Records the day's warnings for an estate: certificates of active staff expiring within 60 days
   * (date ≤ expiresAt ≤ date + 60), and special-operation staff without a valid required certificate.
   * Each warning has a unique key (estate, date, kind, staff, certificate), so a second run the same
   * day writes nothing new. Returns how many rows it wrote.
   */
  async recordWarnings(estateId: string, date: string): Promise<number> {
    const manager = this.transactions.dataSource.manager;
    const horizon = addDaysToLocalDate(date, EXPIRY_WARNING_DAYS);
    const expiring = await manager
      .createQueryBuilder(StaffCertificate, 'certificate')
      .innerJoinAndMapOne('certificate.staff', StaffMember, 'staff', 'staff.id = certificate.staff_id')
      .where('certificate.estate_id = :estateId', { estateId })
      .andWhere('certificate.expires_at >= :date AND certificate.expires_at <= :horizon', { date, horizon })
      .andWhere('staff.hired_at <= :date AND (staff.left_at IS NULL OR staff.left_at > :date)')
      .orderBy('certificate.expires_at', 'ASC')
      .getMany();
    const missing = (await this.specialOperationsOn(estateId, date)).nonCompliant;
    const candidates: Omit<StaffComplianceWarning, 'id' | 'createdAt' | 'updatedAt'>[] = [];
    const add = (
      kind: WarningKind,
      staffId: string,
      certificateId: string | null,
      message: string,
      details: Record<string, unknown>,
    ) =>
      candidates.push({
        estateId,
        warnedOn: date,
        kind,
        staffId,
        certificateId,
        dedupeKey: `${estateId}:${date}:${kind}:${staffId}:${certificateId ?? '-'}`,
        message,
        details,
      } as never);
    for (const certificate of expiring as (StaffCertificate & { staff: StaffMember })[])
      add(
        'certificate_expiring',
        certificate.staffId,
        certificate.id,
        `${certificate.staff.name} (${certificate.staff.employeeNumber}): ${certificate.type} certificate ${certificate.number} expires on ${certificate.expiresAt}`,
        { type: certificate.type, number: certificate.number, expiresAt: certificate.expiresAt },
      );
    for (const member of missing)
      add(
        'missing_required_certificate',
        member.staffId,
        null,
        `${member.name} (${member.employeeNumber}) works as ${member.specialOperationRole} without a valid ${member.requiredCertificateType} certificate on ${date}`,
        { role: member.specialOperationRole, requiredCertificateType: member.requiredCertificateType },
      );
    if (!candidates.length) return 0;
    return this.transactions.run(async (writer) => {
      const existing = await writer.find(StaffComplianceWarning, {
        where: { dedupeKey: In(candidates.map((candidate) => candidate.dedupeKey)) },
        select: { dedupeKey: true },
      });
      const known = new Set(existing.map((row) => row.dedupeKey));
      let created = 0;
      for (const candidate of candidates.filter((row) => !known.has(row.dedupeKey))) {
        try {
          const now = new Date();
          await writer.insert(StaffComplianceWarning, {
            ...candidate,
            id: uuidV7(),
            createdAt: now,
            updatedAt: now,
          } as never);
          created++;
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      return created;
    });
  }

  /** The daily job for one estate and date, at most once (job ledger), as the scheduler and the API run it. */
  async runWarnings(estateId: string, date?: string): Promise<WarningRunResponse> {
    const estate = await this.estates.require(estateId);
    const day = date ?? this.estates.today(estate);
    const run = await this.jobs.runOnce(STAFF_WARNINGS_JOB, `${estateId}:${day}`, () =>
      this.recordWarnings(estateId, day),
    );
    return { outcome: run.outcome, date: day, created: run.outcome === 'ran' ? run.result : 0 };
  }

  async runWarningsFor(user: AuthenticatedUser, estateId: string): Promise<WarningRunResponse> {
    await this.estates.accessibleEstate(user, estateId);
    return this.runWarnings(estateId);
  }

  /** Every active estate, daily at 06:30 server time. */
  @Cron('0 30 6 * * *', { name: STAFF_WARNINGS_JOB })
  async runDailyWarnings(): Promise<void> {
    for (const estate of await this.estates.allActive()) {
      try {
        await this.runWarnings(estate.id);
      } catch (error) {
        this.logger.error(`Staff compliance warnings failed for estate ${estate.code}: ${String(error)}`);
      }
    }
  }

  async warnings(user: AuthenticatedUser, query: WarningQuery): Promise<Page<WarningResponse>> {
    await this.estates.accessibleEstate(user, query.estateId);
    const builder = this.transactions.dataSource.manager
      .createQueryBuilder(StaffComplianceWarning, 'warning')
      .where('warning.estate_id = :estateId', { estateId: query.estateId });
    if (query.warnedOn) builder.andWhere('warning.warned_on = :warnedOn', { warnedOn: query.warnedOn });
    if (query.kind) builder.andWhere('warning.kind = :kind', { kind: query.kind });
    return pageOfQuery(
      builder,
      [
        ['warning.warned_on', 'DESC'],
        ['warning.kind', 'ASC'],
        ['warning.id', 'ASC'],
      ],
      query,
      toWarningResponse,
    );
  }
}
