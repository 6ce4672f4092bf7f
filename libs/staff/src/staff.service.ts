import { Injectable } from '@nestjs/common';
import {
  assertRecordVisible,
  AuthenticatedUser,
  STAFF_ROLES,
  UsersService,
  restrictToVisibleEstates,
} from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { Estate, EstatesService, readWorkbook } from '@estate/estates';
import {
  BadRequestError,
  baseColumns,
  Clock,
  ConflictError,
  LOCAL_DATE_PATTERN,
  notFound,
  Page,
  pageOfQuery,
  UnprocessableError,
} from '@estate/shared';
import { Brackets, EntityManager } from 'typeorm';
import {
  CertificateResponse,
  CreateCertificateRequest,
  CreateStaffRequest,
  CreateTrainingRequest,
  RequirementResponse,
  StaffDetailResponse,
  StaffQuery,
  StaffResponse,
  TrainingImportResponse,
  TrainingResponse,
  UpdateRequirementRequest,
  UpdateStaffRequest,
} from './dto/staff.dto';
import { hoursToHundredths } from './staff-rules';
import {
  CertificateRequirement,
  SPECIAL_OPERATION_ROLES,
  SpecialOperationRole,
  StaffCertificate,
  ROLE_BEGINNING,
  ROLE_OPEN_END,
  StaffMember,
  StaffRolePeriod,
  StaffTraining,
  TRAINING_CATEGORIES,
  TRAINING_RESULTS,
  TrainingCategory,
  TrainingResult,
} from './staff.entity';
import { toCertificateResponse, toStaffResponse, toTrainingResponse } from './staff.mapper';

/** Import headers (English or Chinese), compared without case or spaces. */
const IMPORT_HEADERS: Record<string, string[]> = {
  employeeNumber: ['employeenumber', '工号', '员工编号'],
  course: ['course', '课程', '培训课程'],
  category: ['category', '类别', '培训类别'],
  trainedOn: ['trainedon', 'date', '日期', '培训日期'],
  hours: ['hours', '学时', '课时'],
  result: ['result', '结果', '考核结果'],
  score: ['score', '成绩', '分数'],
  trainer: ['trainer', '讲师', '培训师'],
};
const CATEGORY_WORDS: Record<string, TrainingCategory> = {
  专业: 'professional',
  安全: 'safety',
  服务: 'service',
  其他: 'other',
};
const RESULT_WORDS: Record<string, TrainingResult> = {
  合格: 'pass',
  通过: 'pass',
  不合格: 'fail',
  未通过: 'fail',
};

export interface ImportRowError {
  row: number;
  field?: string;
  message: string;
}

/** Staff profiles, training records, certificates and the role → certificate mapping. */
@Injectable()
export class StaffService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // Profiles --------------------------------------------------------------------------------------

  async create(user: AuthenticatedUser, request: CreateStaffRequest): Promise<StaffResponse> {
    assertEmployment(request.hiredAt, request.leftAt);
    return this.transactions.run(async (manager) => {
      await this.estates.accessibleEstate(user, request.estateId, manager);
      await this.assertEmployeeNumberFree(manager, request.estateId, request.employeeNumber);
      if (request.userId) await this.assertLinkableUser(manager, request.userId, request.estateId);
      const staff = manager.create(StaffMember, {
        estateId: request.estateId,
        userId: request.userId ?? null,
        name: request.name,
        employeeNumber: request.employeeNumber,
        position: request.position ?? null,
        department: request.department ?? null,
        isManagement: request.isManagement ?? false,
        specialOperationRole: request.specialOperationRole ?? null,
        hiredAt: request.hiredAt,
        leftAt: request.leftAt ?? null,
      });
      await manager.save(staff);
      return toStaffResponse(staff);
    });
  }

  async update(user: AuthenticatedUser, id: string, request: UpdateStaffRequest): Promise<StaffResponse> {
    return this.transactions.run(async (manager) => {
      const staff = await this.visibleStaff(manager, user, id, { lock: true });
      const hiredAt = request.hiredAt ?? staff.hiredAt;
      const leftAt = request.leftAt ?? staff.leftAt ?? undefined;
      assertEmployment(hiredAt, leftAt);
      const role = {
        isManagement: request.isManagement ?? staff.isManagement,
        specialOperationRole:
          request.specialOperationRole === undefined
            ? staff.specialOperationRole
            : request.specialOperationRole,
      };
      const roleChanged =
        role.isManagement !== staff.isManagement || role.specialOperationRole !== staff.specialOperationRole;
      if (roleChanged) await this.recordRoleChange(manager, staff, role, request.roleEffectiveFrom);
      else if (request.roleEffectiveFrom !== undefined)
        throw new BadRequestError(
          'ROLE_UNCHANGED',
          'roleEffectiveFrom dates a change of isManagement or specialOperationRole; neither changes here',
        );
      Object.assign(staff, {
        ...(request.name !== undefined && { name: request.name }),
        ...(request.position !== undefined && { position: request.position }),
        ...(request.department !== undefined && { department: request.department }),
        ...role,
        hiredAt,
        leftAt: leftAt ?? null,
      });
      await manager.save(staff);
      return toStaffResponse(staff);
    });
  }

  /**
   * Dates a change of the KPI roles (#22, #23): the current period ends the day before `from` (its
   * validUntil = from) and the new role holds from `from`. A member's first change also writes the
   * role held until then (from ROLE_BEGINNING). A change dated on the day the last one took effect
   * corrects that one; an earlier date would rewrite history that months were reported on: refused.
   */
  private async recordRoleChange(
    manager: EntityManager,
    staff: StaffMember,
    role: Pick<StaffMember, 'isManagement' | 'specialOperationRole'>,
    effectiveFrom: string | undefined,
  ): Promise<void> {
    const estate = await this.estates.require(staff.estateId, manager);
    const today = this.estates.today(estate);
    const from = effectiveFrom ?? today;
    if (from > today)
      throw new BadRequestError(
        'ROLE_CHANGE_IN_FUTURE',
        `roleEffectiveFrom ${from} is after today (${today} in ${estate.timeZone}); record the change when it happens`,
      );
    const periods = await manager.find(StaffRolePeriod, {
      where: { staffId: staff.id },
      order: { validFrom: 'ASC' },
    });
    const latest = periods[periods.length - 1];
    if (latest && from < latest.validFrom)
      throw new UnprocessableError(
        'ROLE_CHANGE_BEFORE_LAST',
        `A role change on ${latest.validFrom} is already recorded; date this one on or after it`,
        { lastChange: latest.validFrom },
      );
    const period = (validFrom: string, held: typeof role, validUntil: string) =>
      manager.create(StaffRolePeriod, {
        estateId: staff.estateId,
        staffId: staff.id,
        isManagement: held.isManagement,
        specialOperationRole: held.specialOperationRole,
        validFrom,
        validUntil,
      });
    if (!latest) {
      await manager.save(period(ROLE_BEGINNING, staff, from));
      await manager.save(period(from, role, ROLE_OPEN_END));
    } else if (from === latest.validFrom) {
      await manager.update(StaffRolePeriod, { id: latest.id }, role);
    } else {
      await manager.update(StaffRolePeriod, { id: latest.id }, { validUntil: from });
      await manager.save(period(from, role, ROLE_OPEN_END));
    }
  }

  async list(user: AuthenticatedUser, query: StaffQuery): Promise<Page<StaffResponse>> {
    if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
    const builder = this.transactions.dataSource.manager.createQueryBuilder(StaffMember, 'staff');
    restrictToVisibleEstates(builder, 'staff', user);
    if (query.estateId) builder.andWhere('staff.estate_id = :estateId', { estateId: query.estateId });
    if (query.isManagement !== undefined)
      builder.andWhere('staff.is_management = :isManagement', { isManagement: query.isManagement });
    if (query.specialOperationRole)
      builder.andWhere('staff.special_operation_role = :role', { role: query.specialOperationRole });
    if (query.activeOn)
      builder.andWhere('staff.hired_at <= :date AND (staff.left_at IS NULL OR staff.left_at > :date)', {
        date: query.activeOn,
      });
    if (query.q) {
      const like = `%${query.q}%`;
      builder.andWhere(
        new Brackets((where) =>
          where
            .where('staff.name LIKE :like', { like })
            .orWhere('staff.employee_number LIKE :like', { like }),
        ),
      );
    }
    return pageOfQuery(
      builder,
      [
        ['staff.employee_number', 'ASC'],
        ['staff.id', 'ASC'],
      ],
      query,
      toStaffResponse,
    );
  }

  async get(user: AuthenticatedUser, id: string): Promise<StaffDetailResponse> {
    const manager = this.transactions.dataSource.manager;
    const staff = await this.visibleStaff(manager, user, id);
    const trainings = await manager.find(StaffTraining, {
      where: { staffId: id },
      order: { trainedOn: 'DESC' },
    });
    const certificates = await manager.find(StaffCertificate, {
      where: { staffId: id },
      order: { expiresAt: 'DESC' },
    });
    const periods = await manager.find(StaffRolePeriod, {
      where: { staffId: id },
      order: { validFrom: 'ASC' },
    });
    return {
      ...toStaffResponse(staff),
      roleHistory: (periods.length
        ? periods
        : [{ ...staff, validFrom: ROLE_BEGINNING, validUntil: ROLE_OPEN_END }]
      ).map((period) => ({
        validFrom: period.validFrom,
        validUntil: period.validUntil === ROLE_OPEN_END ? null : period.validUntil,
        isManagement: period.isManagement,
        specialOperationRole: period.specialOperationRole,
      })),
      trainings: trainings.map(toTrainingResponse),
      certificates: certificates.map(toCertificateResponse),
    };
  }

  private async visibleStaff(
    manager: EntityManager,
    user: AuthenticatedUser,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<StaffMember> {
    // A locking read for an update on MySQL, so two role changes of one member apply one after the other.
    const staff = await manager.findOne(StaffMember, {
      where: { id },
      ...(options.lock && this.transactions.dialect === 'mysql'
        ? { lock: { mode: 'pessimistic_write' as const } }
        : {}),
    });
    if (!staff) throw notFound('Staff', id);
    assertRecordVisible(user, staff.estateId, notFound('Staff', id));
    return staff;
  }

  private async assertEmployeeNumberFree(manager: EntityManager, estateId: string, employeeNumber: string) {
    if (await manager.existsBy(StaffMember, { estateId, employeeNumber }))
      throw new ConflictError(
        'EMPLOYEE_NUMBER_TAKEN',
        `Employee number ${employeeNumber} is already used in this estate`,
      );
  }

  private async assertLinkableUser(manager: EntityManager, userId: string, estateId: string) {
    if (!(await this.users.isMemberWithRole(manager, userId, estateId, STAFF_ROLES)))
      throw new UnprocessableError(
        'USER_NOT_FOUND',
        `User ${userId} is not an active staff user of this estate`,
      );
    if (await manager.existsBy(StaffMember, { userId }))
      throw new ConflictError('USER_ALREADY_LINKED', `User ${userId} already has a staff profile`);
  }

  // Training --------------------------------------------------------------------------------------

  /** Records a training; dates after today (estate zone) are refused. */
  async addTraining(
    user: AuthenticatedUser,
    staffId: string,
    request: CreateTrainingRequest,
  ): Promise<TrainingResponse> {
    return this.transactions.run(async (manager) => {
      const staff = await this.visibleStaff(manager, user, staffId);
      const today = this.estates.today(await this.estates.require(staff.estateId, manager));
      if (request.trainedOn > today)
        throw new UnprocessableError(
          'TRAINING_DATE_IN_FUTURE',
          `trainedOn ${request.trainedOn} is after today (${today})`,
        );
      const training = manager.create(StaffTraining, {
        estateId: staff.estateId,
        staffId,
        course: request.course,
        category: request.category,
        trainedOn: request.trainedOn,
        hoursHundredths: hoursToHundredths(request.hours),
        result: request.result,
        score: request.score ?? null,
        trainer: request.trainer ?? null,
      });
      await manager.save(training);
      return toTrainingResponse(training);
    });
  }

  /**
   * Bulk import of training records from the first sheet of an .xlsx (columns employeeNumber/工号,
   * course/课程, category/类别, trainedOn/日期, hours/学时, result/结果, score/成绩, trainer/讲师).
   * All or nothing: any bad row → 422 IMPORT_ROWS_INVALID listing every row and reason.
   */
  async importTrainings(
    user: AuthenticatedUser,
    estateId: string,
    file: { buffer: Buffer; originalname: string },
  ): Promise<TrainingImportResponse> {
    if (!file.originalname.toLowerCase().endsWith('.xlsx'))
      throw new BadRequestError('FILE_TYPE_UNSUPPORTED', 'Upload an .xlsx workbook');
    const estate = await this.estates.accessibleEstate(user, estateId);
    const [sheet] = await readWorkbook(file.buffer);
    if (!sheet || !sheet.rows.length)
      throw new UnprocessableError('IMPORT_EMPTY', 'The first sheet has no rows');
    return this.transactions.run(async (manager) => {
      const staff = await manager.find(StaffMember, {
        where: { estateId },
        select: { id: true, employeeNumber: true },
      });
      const staffIdByNumber = new Map(staff.map((member) => [member.employeeNumber, member.id]));
      const errors: ImportRowError[] = [];
      const rows = sheet.rows.flatMap(({ rowNumber, values }) => {
        const row = this.importRow(estate, values, staffIdByNumber, (message, field) =>
          errors.push({ row: rowNumber, ...(field && { field }), message }),
        );
        return row ? [row] : [];
      });
      if (errors.length)
        throw new UnprocessableError(
          'IMPORT_ROWS_INVALID',
          `${errors.length} row problem(s); nothing was imported. Fix the rows listed and upload again.`,
          { errors: errors.slice(0, 500) },
        );
      for (let start = 0; start < rows.length; start += 500)
        await manager.insert(StaffTraining, rows.slice(start, start + 500) as never);
      await this.audit.record(manager, {
        estateId,
        entityType: 'staff_training_import',
        entityId: estateId,
        action: 'import',
        actor: { id: user.id, name: user.displayName },
        details: { file: file.originalname, rows: rows.length },
      });
      return { imported: rows.length };
    });
  }

  private importRow(
    estate: Estate,
    values: Record<string, string>,
    staffIdByNumber: Map<string, string>,
    fail: (message: string, field?: string) => void,
  ): Partial<StaffTraining> | null {
    const value = (key: string) => {
      for (const [header, text] of Object.entries(values))
        if (IMPORT_HEADERS[key].includes(header.replace(/\s+/g, '').toLowerCase())) return text;
      return '';
    };
    let ok = true;
    const problem = (message: string, field: string) => {
      ok = false;
      fail(message, field);
    };
    const staffId = staffIdByNumber.get(value('employeeNumber'));
    if (!staffId)
      problem(`no staff member with employee number "${value('employeeNumber')}"`, 'employeeNumber');
    const course = value('course');
    if (!course || course.length > 200) problem('course is required (at most 200 characters)', 'course');
    const categoryText = value('category');
    const category = (CATEGORY_WORDS[categoryText] ?? categoryText.toLowerCase()) as TrainingCategory;
    if (!TRAINING_CATEGORIES.includes(category))
      problem(`category must be one of ${TRAINING_CATEGORIES.join(', ')}`, 'category');
    const trainedOn = value('trainedOn');
    const today = this.estates.today(estate);
    if (!LOCAL_DATE_PATTERN.test(trainedOn) || Number.isNaN(Date.parse(`${trainedOn}T00:00:00Z`)))
      problem('trainedOn must be a date YYYY-MM-DD', 'trainedOn');
    else if (trainedOn > today) problem(`trainedOn ${trainedOn} is after today (${today})`, 'trainedOn');
    const hoursText = value('hours');
    if (!/^\d+(\.\d{1,2})?$/.test(hoursText) || Number(hoursText) <= 0 || Number(hoursText) > 1000)
      problem('hours must be a positive number with at most 2 decimals', 'hours');
    const resultText = value('result');
    const result = (RESULT_WORDS[resultText] ?? resultText.toLowerCase()) as TrainingResult;
    if (!TRAINING_RESULTS.includes(result)) problem('result must be pass or fail (合格/不合格)', 'result');
    const scoreText = value('score');
    const score = scoreText === '' ? null : Number(scoreText);
    if (score !== null && (!Number.isInteger(score) || score < 0 || score > 100))
      problem('score must be a whole number from 0 to 100', 'score');
    const trainer = value('trainer');
    if (trainer.length > 100) problem('trainer has at most 100 characters', 'trainer');
    if (!ok) return null;
    return {
      ...baseColumns(this.clock.now()),
      estateId: estate.id,
      staffId,
      course,
      category,
      trainedOn,
      hoursHundredths: hoursToHundredths(Number(hoursText)),
      result,
      score,
      trainer: trainer || null,
    };
  }

  // Certificates ----------------------------------------------------------------------------------

  async addCertificate(
    user: AuthenticatedUser,
    staffId: string,
    request: CreateCertificateRequest,
  ): Promise<CertificateResponse> {
    if (request.expiresAt <= request.issuedAt)
      throw new BadRequestError('CERTIFICATE_DATES_INVALID', 'expiresAt must be after issuedAt');
    if (request.reviewDueAt !== undefined && request.reviewDueAt < request.issuedAt)
      throw new BadRequestError('CERTIFICATE_DATES_INVALID', 'reviewDueAt cannot be before issuedAt');
    return this.transactions.run(async (manager) => {
      const staff = await this.visibleStaff(manager, user, staffId);
      const certificate = manager.create(StaffCertificate, {
        estateId: staff.estateId,
        staffId,
        type: request.type,
        number: request.number,
        authority: request.authority ?? null,
        issuedAt: request.issuedAt,
        expiresAt: request.expiresAt,
        reviewDueAt: request.reviewDueAt ?? null,
      });
      await manager.save(certificate);
      return toCertificateResponse(certificate);
    });
  }

  // Role → certificate mapping --------------------------------------------------------------------

  async requirements(): Promise<RequirementResponse[]> {
    const rows = await this.transactions.dataSource.manager.find(CertificateRequirement, {
      order: { role: 'ASC' },
    });
    return rows.map((row) => ({ role: row.role, certificateType: row.certificateType }));
  }

  /** Sets the certificate type a role requires (admin; audited). */
  async setRequirement(
    user: AuthenticatedUser,
    role: string,
    request: UpdateRequirementRequest,
  ): Promise<RequirementResponse> {
    if (!SPECIAL_OPERATION_ROLES.includes(role as SpecialOperationRole))
      throw new BadRequestError('ROLE_UNKNOWN', `role must be one of ${SPECIAL_OPERATION_ROLES.join(', ')}`);
    return this.transactions.run(async (manager) => {
      const existing = await manager.findOneBy(CertificateRequirement, {
        role: role as SpecialOperationRole,
      });
      const previous = existing?.certificateType ?? null;
      const row = existing ?? manager.create(CertificateRequirement, { role: role as SpecialOperationRole });
      row.certificateType = request.certificateType;
      await manager.save(row);
      await this.audit.record(manager, {
        estateId: null,
        entityType: 'certificate_requirement',
        entityId: row.id,
        action: 'update',
        actor: { id: user.id, name: user.displayName },
        fromState: previous,
        toState: request.certificateType,
        details: { role },
      });
      return { role: row.role, certificateType: row.certificateType };
    });
  }
}

function assertEmployment(hiredAt: string, leftAt?: string): void {
  if (leftAt !== undefined && leftAt <= hiredAt)
    throw new BadRequestError('EMPLOYMENT_DATES_INVALID', 'leftAt must be after hiredAt');
}
