import { Injectable, Logger } from '@nestjs/common';
import { AttachmentsService, StoredFile, UploadedAttachment } from '@estate/attachments';
import { Cron, CronExpression } from '@nestjs/schedule';
import {
  assertRecordVisible,
  AuthenticatedUser,
  isFieldRole,
  STAFF_ROLES,
  User,
  UsersService,
  restrictToVisibleEstates,
} from '@estate/auth';
import { AuditService, CodeCounterService, JobRunner, TransactionService } from '@estate/database';
import { EstatesService, FactTimeService, OccupancyService, unitLabelOf, unitLabels } from '@estate/estates';
import { WorkOrder } from '@estate/work-orders';
import { LiveEvents } from '@estate/events';
import {
  BadRequestError,
  Clock,
  ConflictError,
  ForbiddenError,
  InstantRange,
  isUniqueViolation,
  lastDateOfPeriod,
  localDateOf,
  notFound,
  Page,
  pageOfQuery,
  periodRange,
  PreviousStep,
  UnprocessableError,
  yearToDateRange,
} from '@estate/shared';
import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ComplaintAction, ComplaintStatus, assertTransition } from './complaint-state';
import { Complaint, ComplaintWorkOrder, InvalidReason } from './complaint.entity';
import { toComplaintResponse } from './complaint.mapper';
import {
  AssignComplaintRequest,
  CloseComplaintRequest,
  ComplaintDetailResponse,
  ComplaintQuery,
  ComplaintResponse,
  ComplaintSummaryResponse,
  CreateComplaintRequest,
  FollowUpComplaintRequest,
  JudgeComplaintRequest,
  LinkWorkOrderRequest,
  RateResult,
  ResolveComplaintRequest,
} from './dto/complaint.dto';

const HOUR_MS = 3_600_000;
const SWEEP_INTERVAL_MS = 10 * 60_000;
export const COMPLAINT_OVERDUE_SWEEP_JOB = 'complaints.overdue-sweep';

/** One complaint behind a KPI number (drill-down). */
export interface ComplaintKpiRecord {
  id: string;
  code: string;
  unitId: string | null;
  receivedAt: Date;
  judgedAt: Date | null;
  resolvedAt: Date | null;
  /** For KPI #21: resolved before the period end. */
  resolvedByPeriodEnd: boolean;
}

export interface OverdueSweepResult {
  firstResponseOverdue: number;
  resolutionOverdue: number;
}

/**
 * A deadline flag after the step that meets the deadline happened at `at`: a step dated in time (a
 * judgement typed in later from the paper form) clears a flag the sweep set meanwhile; a late one
 * keeps the sweep's time, or is flagged at `at`.
 */
function overdueFlag(flag: Date | null, dueAt: Date, at: Date): Date | null {
  if (at.getTime() <= dueAt.getTime()) return null;
  return flag ?? at;
}

/** numerator / denominator as a percentage with two decimals; null when nothing to divide by. */
export function percentOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator * 10_000) / denominator) / 100;
}

/**
 * Complaints: intake, validity judgement, assignment, resolution, follow-up, closing, deadlines
 * and the aggregates behind KPI #20 and #21 (see docs/complaints.md).
 */
@Injectable()
export class ComplaintsService {
  private readonly logger = new Logger(ComplaintsService.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    private readonly codes: CodeCounterService,
    private readonly jobs: JobRunner,
    private readonly clock: Clock,
    private readonly estates: EstatesService,
    private readonly occupancy: OccupancyService,
    private readonly users: UsersService,
    private readonly attachments: AttachmentsService,
    private readonly live: LiveEvents,
    private readonly factTimes: FactTimeService,
  ) {}

  // Intake ----------------------------------------------------------------------------------------

  /** Records a complaint: staff for any unit of their estate, a resident only for their own unit. */
  async create(user: AuthenticatedUser, request: CreateComplaintRequest): Promise<ComplaintResponse> {
    return this.transactions.run(async (manager) => {
      const { estate, unit } = await this.estates.intakeScope(user, request, manager);
      const unitId = unit?.id ?? null;
      // Residents complain online (the channel is theirs, not sent); staff say how it came in.
      const channel = user.role === 'resident' ? 'online' : request.channel;
      if (!channel)
        throw new BadRequestError(
          'CHANNEL_REQUIRED',
          'channel is required when staff record a complaint (phone, walk_in, wechat, letter …)',
        );
      // A resident's own complaint is received when it is sent; staff type in when a call came in.
      const receivedAt = await this.factTimes.resolve(manager, estate, {
        field: 'receivedAt',
        value: user.role === 'resident' ? undefined : request.receivedAt,
      });
      const deadlines = this.estates.settingsOf(estate).complaints;
      const year = Number(localDateOf(receivedAt, estate.timeZone).slice(0, 4));
      const complaint = manager.create(Complaint, {
        estateId: estate.id,
        code: await this.codes.nextCode(manager, estate.id, 'CP', year),
        unitId,
        channel,
        categories: request.categories,
        description: request.description,
        contactName: request.contactName ?? null,
        contactPhone: request.contactPhone ?? null,
        status: 'received' as ComplaintStatus,
        receivedAt,
        receivedById: user.id,
        receivedByName: user.displayName,
        firstResponseDueAt: new Date(receivedAt.getTime() + deadlines.firstResponseHours * HOUR_MS),
        resolutionDueAt: new Date(receivedAt.getTime() + deadlines.resolutionHours * HOUR_MS),
        firstResponseOverdueAt: null,
        resolutionOverdueAt: null,
        judgedAt: null,
        judgedById: null,
        judgedByName: null,
        validity: null,
        invalidReason: null,
        judgementNote: null,
        assignedAt: null,
        assigneeDepartment: null,
        assigneeUserId: null,
        assigneeName: null,
        resolvedAt: null,
        resolvedById: null,
        resolution: null,
        followedUpAt: null,
        followedUpById: null,
        satisfaction: null,
        followUpComment: null,
        closedAt: null,
        closedById: null,
        closingNote: null,
      });
      await manager.save(complaint);
      await this.audit.record(manager, {
        estateId: estate.id,
        entityType: 'complaint',
        entityId: complaint.id,
        action: 'receive',
        actor: { id: user.id, name: user.displayName },
        toState: 'received',
        details: { code: complaint.code, channel: complaint.channel, categories: complaint.categories },
      });
      this.announce(complaint, 'receive');
      return toComplaintResponse(complaint, {
        unmaskPhone: true,
        unitLabel: await unitLabelOf(manager, complaint.unitId),
      });
    });
  }

  // Reading ---------------------------------------------------------------------------------------

  async list(user: AuthenticatedUser, query: ComplaintQuery): Promise<Page<ComplaintResponse>> {
    const builder = this.transactions.dataSource.manager.createQueryBuilder(Complaint, 'complaint');
    if (user.role === 'resident') {
      // Residents see only their own unit's complaints, whatever filters they send.
      builder.where('complaint.unit_id = :ownUnit', { ownUnit: user.unitId ?? '-' });
    } else {
      if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
      restrictToVisibleEstates(builder, 'complaint', user);
      // Field staff see the complaints assigned to them, not everyone's names and phones.
      if (isFieldRole(user)) builder.andWhere('complaint.assignee_user_id = :self', { self: user.id });
    }
    if (query.estateId) builder.andWhere('complaint.estate_id = :estateId', { estateId: query.estateId });
    if (query.unitId) builder.andWhere('complaint.unit_id = :unitId', { unitId: query.unitId });
    if (query.workOrderId)
      builder.andWhere(
        'complaint.id IN (SELECT link.complaint_id FROM complaint_work_orders link WHERE link.work_order_id = :workOrderId)',
        { workOrderId: query.workOrderId },
      );
    if (query.status?.length) builder.andWhere('complaint.status IN (:...status)', { status: query.status });
    if (query.validity) builder.andWhere('complaint.validity = :validity', { validity: query.validity });
    if (query.category)
      builder.andWhere('complaint.categories LIKE :category', { category: `%"${query.category}"%` });
    if (query.overdue !== undefined)
      builder.andWhere(
        query.overdue
          ? '(complaint.first_response_overdue_at IS NOT NULL OR complaint.resolution_overdue_at IS NOT NULL)'
          : '(complaint.first_response_overdue_at IS NULL AND complaint.resolution_overdue_at IS NULL)',
      );
    if (query.receivedFrom) builder.andWhere('complaint.received_at >= :from', { from: query.receivedFrom });
    if (query.receivedTo) builder.andWhere('complaint.received_at < :to', { to: query.receivedTo });
    if (query.q) builder.andWhere('complaint.code LIKE :q', { q: `%${query.q.toUpperCase()}%` });
    const page = await pageOfQuery(
      builder,
      [
        ['complaint.received_at', 'DESC'],
        ['complaint.id', 'DESC'],
      ],
      query,
      (complaint) => complaint,
    );
    const labels = await unitLabels(
      this.transactions.dataSource.manager,
      page.items.map((complaint) => complaint.unitId),
    );
    return {
      ...page,
      items: page.items.map((complaint) =>
        toComplaintResponse(complaint, {
          unitLabel: complaint.unitId ? (labels.get(complaint.unitId)?.label ?? null) : null,
        }),
      ),
    };
  }

  /** The complaint with its linked work orders and its audit trail. */
  /** A photo or document for the complaint (JPEG/PNG/WebP/PDF, 5 MB, 10 per complaint); audited. */
  async attach(
    user: AuthenticatedUser,
    id: string,
    file: UploadedAttachment | undefined,
  ): Promise<ComplaintDetailResponse> {
    const upload = this.attachments.accept(file);
    await this.transactions.run(async (manager) => {
      const complaint = await this.visible(manager, user, id);
      const now = this.clock.now();
      const actor = { id: user.id, name: user.displayName };
      const attachment = await this.attachments.store(
        manager,
        { type: 'complaint', id, estateId: complaint.estateId, label: `Complaint ${complaint.code}` },
        upload,
        actor,
        now,
      );
      await this.audit.record(manager, {
        estateId: complaint.estateId,
        entityType: 'complaint',
        entityId: id,
        action: 'attach',
        actor,
        fromState: complaint.status,
        toState: complaint.status,
        at: now,
        details: {
          attachmentId: attachment.id,
          fileName: attachment.fileName,
          contentType: attachment.contentType,
        },
      });
    });
    return this.get(user, id);
  }

  async attachmentFile(user: AuthenticatedUser, id: string, attachmentId: string): Promise<StoredFile> {
    const manager = this.transactions.dataSource.manager;
    await this.visible(manager, user, id);
    return this.attachments.load(manager, 'complaint', id, attachmentId);
  }

  async get(user: AuthenticatedUser, id: string): Promise<ComplaintDetailResponse> {
    const manager = this.transactions.dataSource.manager;
    const complaint = await this.visible(manager, user, id);
    const links = await manager.find(ComplaintWorkOrder, {
      where: { complaintId: id },
      order: { createdAt: 'ASC' },
    });
    const history = await this.audit.history(manager, 'complaint', id);
    const attachments = await this.attachments.list(manager, 'complaint', id);
    return {
      ...toComplaintResponse(complaint, {
        unmaskPhone: true,
        unitLabel: await unitLabelOf(manager, complaint.unitId),
      }),
      attachments: attachments.map((attachment) => ({
        id: attachment.id,
        fileName: attachment.fileName,
        contentType: attachment.contentType,
        sizeBytes: attachment.sizeBytes,
        uploadedByName: attachment.uploadedByName,
        uploadedAt: attachment.uploadedAt.toISOString(),
      })),
      workOrders: links.map((link) => ({
        workOrderId: link.workOrderId,
        relation: link.relation,
        linkedAt: link.createdAt.toISOString(),
      })),
      history: history.map((entry) => ({
        action: entry.action,
        fromState: entry.fromState,
        toState: entry.toState,
        actorName: entry.actorName,
        at: entry.at.toISOString(),
        note: entry.note,
      })),
    };
  }

  /**
   * 404 when missing, in another estate, (residents) not their unit's, or — for reading — (field
   * staff: technicians, guards, cleaners) not assigned to them. Actions on a visible complaint check
   * the assignee with `assertAssignee` instead (403 NOT_ASSIGNEE, as work orders do).
   */
  private async visible(
    manager: EntityManager,
    user: AuthenticatedUser,
    id: string,
    purpose: 'read' | 'act' = 'read',
  ): Promise<Complaint> {
    const complaint = await manager.findOneBy(Complaint, { id });
    if (!complaint) throw notFound('Complaint', id);
    if (user.role === 'resident') {
      if (!user.unitId || complaint.unitId !== user.unitId) throw notFound('Complaint', id);
    } else assertRecordVisible(user, complaint.estateId, notFound('Complaint', id));
    if (purpose === 'read' && isFieldRole(user) && complaint.assigneeUserId !== user.id)
      throw notFound('Complaint', id);
    return complaint;
  }

  /** Field staff act only on complaints assigned to them; the desk (admin, manager, front desk) for anyone. */
  private assertAssignee(user: AuthenticatedUser, complaint: Complaint): void {
    if (isFieldRole(user) && complaint.assigneeUserId !== user.id)
      throw new ForbiddenError('NOT_ASSIGNEE', `Complaint ${complaint.code} is not assigned to you`);
  }

  // Lifecycle -------------------------------------------------------------------------------------

  /** The validity judgement (有效/无效投诉), once, with author and time. It is the first response. */
  async judge(
    user: AuthenticatedUser,
    id: string,
    request: JudgeComplaintRequest,
  ): Promise<ComplaintResponse> {
    const fact = {
      field: 'judgedAt',
      value: request.judgedAt,
      notBefore: (complaint: Complaint) => [{ instant: complaint.receivedAt, what: 'the receipt' }],
    };
    return this.act(user, id, 'judge', request.validity, request.version, fact, async (complaint, at) => {
      if (request.validity === 'invalid' && !request.invalidReason)
        throw new BadRequestError('INVALID_REASON_REQUIRED', 'An invalid complaint needs invalidReason');
      if (request.validity === 'valid' && request.invalidReason)
        throw new BadRequestError('INVALID_REASON_NOT_ALLOWED', 'A valid complaint has no invalidReason');
      return {
        changes: {
          judgedAt: at,
          judgedById: user.id,
          judgedByName: user.displayName,
          validity: request.validity,
          invalidReason: (request.invalidReason ?? null) as InvalidReason | null,
          judgementNote: request.note ?? null,
          firstResponseOverdueAt: overdueFlag(
            complaint.firstResponseOverdueAt,
            complaint.firstResponseDueAt,
            at,
          ),
        },
        note: request.note,
        details: {
          validity: request.validity,
          invalidReason: request.invalidReason ?? null,
          judgedAt: at.toISOString(),
        },
      };
    });
  }

  /** Hands a valid complaint to a department and/or a staff user of the estate (again to re-assign). */
  async assign(
    user: AuthenticatedUser,
    id: string,
    request: AssignComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.act(
      user,
      id,
      'assign',
      'assigned',
      request.version,
      null,
      async (complaint, now, manager) => {
        if (!request.department && !request.assigneeUserId)
          throw new BadRequestError('ASSIGNEE_REQUIRED', 'Name a department, an assignee user, or both');
        let assigneeName: string | null = null;
        if (request.assigneeUserId) {
          const member = await this.users.isMemberWithRole(
            manager,
            request.assigneeUserId,
            complaint.estateId,
            STAFF_ROLES,
          );
          if (!member)
            throw new UnprocessableError(
              'ASSIGNEE_NOT_FOUND',
              `User ${request.assigneeUserId} is not an active staff member of this estate`,
            );
          assigneeName = (await manager.findOneByOrFail(User, { id: request.assigneeUserId })).displayName;
        }
        return {
          changes: {
            assignedAt: now,
            assigneeDepartment: request.department ?? null,
            assigneeUserId: request.assigneeUserId ?? null,
            assigneeName,
          },
          note: request.note,
          details: { department: request.department ?? null, assigneeUserId: request.assigneeUserId ?? null },
        };
      },
    );
  }

  async resolve(
    user: AuthenticatedUser,
    id: string,
    request: ResolveComplaintRequest,
  ): Promise<ComplaintResponse> {
    const fact = {
      field: 'resolvedAt',
      value: request.resolvedAt,
      notBefore: (complaint: Complaint) => [
        { instant: complaint.receivedAt, what: 'the receipt' },
        { instant: complaint.judgedAt, what: 'the judgement' },
      ],
    };
    return this.act(user, id, 'resolve', 'resolved', request.version, fact, async (complaint, at) => ({
      changes: {
        resolvedAt: at,
        resolvedById: user.id,
        resolution: request.resolution,
        resolutionOverdueAt: overdueFlag(complaint.resolutionOverdueAt, complaint.resolutionDueAt, at),
      },
      note: request.resolution,
      details: { resolvedAt: at.toISOString() },
    }));
  }

  /** The return contact with the resident (回访): satisfaction and comment. */
  async followUp(
    user: AuthenticatedUser,
    id: string,
    request: FollowUpComplaintRequest,
  ): Promise<ComplaintResponse> {
    const fact = {
      field: 'followedUpAt',
      value: request.followedUpAt,
      notBefore: (complaint: Complaint) => [{ instant: complaint.resolvedAt, what: 'the resolution' }],
    };
    return this.act(user, id, 'follow_up', 'followed_up', request.version, fact, async (_, at) => ({
      changes: {
        followedUpAt: at,
        followedUpById: user.id,
        satisfaction: request.satisfaction,
        followUpComment: request.comment ?? null,
      },
      note: request.comment,
      details: { satisfaction: request.satisfaction, followedUpAt: at.toISOString() },
    }));
  }

  /** Closes a followed-up complaint, or an invalid one with the answer given to the resident. */
  async close(
    user: AuthenticatedUser,
    id: string,
    request: CloseComplaintRequest,
  ): Promise<ComplaintResponse> {
    const fact = {
      field: 'closedAt',
      value: request.closedAt,
      notBefore: (complaint: Complaint) => [
        { instant: complaint.judgedAt, what: 'the judgement' },
        { instant: complaint.followedUpAt, what: 'the follow-up' },
      ],
    };
    return this.act(user, id, 'close', 'closed', request.version, fact, async (complaint, at) => {
      if (complaint.status === 'invalid' && !request.note)
        throw new BadRequestError(
          'CLOSING_NOTE_REQUIRED',
          'Closing an invalid complaint needs note: the answer given to the resident',
        );
      return {
        changes: { closedAt: at, closedById: user.id, closingNote: request.note ?? null },
        note: request.note,
        details: {
          closedAt: at.toISOString(),
          ...(complaint.invalidReason ? { invalidReason: complaint.invalidReason } : {}),
        },
      };
    });
  }

  /** Links a work order (by id; the work-orders library owns it) that the complaint caused or that fixes it. */
  async linkWorkOrder(
    user: AuthenticatedUser,
    id: string,
    request: LinkWorkOrderRequest,
  ): Promise<ComplaintDetailResponse> {
    await this.transactions.run(async (manager) => {
      const complaint = await this.visible(manager, user, id, 'act');
      this.assertAssignee(user, complaint);
      const workOrder = await manager.findOneBy(WorkOrder, { id: request.workOrderId });
      if (!workOrder || workOrder.estateId !== complaint.estateId) {
        throw new UnprocessableError(
          'WORK_ORDER_NOT_FOUND',
          `Work order ${request.workOrderId} does not exist in this complaint's estate`,
        );
      }
      if (await manager.existsBy(ComplaintWorkOrder, { complaintId: id, workOrderId: request.workOrderId }))
        throw new ConflictError(
          'WORK_ORDER_ALREADY_LINKED',
          'That work order is already linked to this complaint',
        );
      try {
        await manager.save(
          manager.create(ComplaintWorkOrder, {
            complaintId: id,
            workOrderId: request.workOrderId,
            relation: request.relation,
            linkedById: user.id,
            // BaseEntity stamps wall-clock time; the link time is business time from the Clock.
            createdAt: this.clock.now(),
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ConflictError(
            'WORK_ORDER_ALREADY_LINKED',
            'That work order is already linked to this complaint',
          );
        throw error;
      }
      await this.audit.record(manager, {
        estateId: complaint.estateId,
        entityType: 'complaint',
        entityId: id,
        action: 'link_work_order',
        actor: { id: user.id, name: user.displayName },
        details: { workOrderId: request.workOrderId, relation: request.relation },
      });
    });
    return this.get(user, id);
  }

  /**
   * One lifecycle step: the table decides first (409 with the allowed moves), then the step's own
   * checks, then one conditional UPDATE on the version (409 CONCURRENT_MODIFICATION if someone else
   * changed it) and an audit row, all in one transaction. A step that records a real-world event
   * (`fact`) is given the time it happened — sent by the client or now, by the shared rules of
   * FactTimeService — while the audit row keeps when it was entered and by whom.
   */
  private async act(
    user: AuthenticatedUser,
    id: string,
    action: ComplaintAction,
    to: ComplaintStatus,
    expectedVersion: number | undefined,
    fact: { field: string; value?: Date; notBefore: (complaint: Complaint) => PreviousStep[] } | null,
    step: (
      complaint: Complaint,
      at: Date,
      manager: EntityManager,
    ) => Promise<{ changes: Partial<Complaint>; note?: string; details?: Record<string, unknown> }>,
  ): Promise<ComplaintResponse> {
    return this.transactions.run(async (manager) => {
      const complaint = await this.visible(manager, user, id, 'act');
      this.assertAssignee(user, complaint);
      assertTransition(complaint.status, action, to);
      const version = expectedVersion ?? complaint.version;
      if (version !== complaint.version) throw this.concurrent(complaint);
      const now = this.clock.now();
      const at = fact
        ? await this.factTimes.resolve(manager, complaint.estateId, {
            field: fact.field,
            value: fact.value,
            notBefore: fact.notBefore(complaint),
          })
        : now;
      const { changes, note, details } = await step(complaint, at, manager);
      const result = await manager
        .createQueryBuilder()
        .update(Complaint)
        .set({ ...changes, status: to, version: () => 'version + 1', updatedAt: now } as never)
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (result.affected === 0) throw this.concurrent(complaint);
      await this.audit.record(manager, {
        estateId: complaint.estateId,
        entityType: 'complaint',
        entityId: id,
        action,
        actor: { id: user.id, name: user.displayName },
        fromState: complaint.status,
        toState: to,
        note: note ?? null,
        details: details ?? null,
        at: now,
      });
      const fresh = await manager.findOneByOrFail(Complaint, { id });
      this.announce(fresh, action);
      return toComplaintResponse(fresh, {
        unmaskPhone: true,
        unitLabel: await unitLabelOf(manager, fresh.unitId),
      });
    });
  }

  /** `complaint.changed` to the estate's live streams (staff; residents of the unit) after commit. */
  private announce(complaint: Complaint, action: string): void {
    const event = {
      type: 'complaint.changed' as const,
      payload: {
        id: complaint.id,
        estateId: complaint.estateId,
        code: complaint.code,
        status: complaint.status,
        action,
      },
      audience: { staffRoles: STAFF_ROLES, unitId: complaint.unitId },
    };
    this.transactions.afterCommit(() => this.live.publish(event));
  }

  private concurrent(complaint: Complaint): ConflictError {
    return new ConflictError(
      'CONCURRENT_MODIFICATION',
      `Complaint ${complaint.code} was changed by someone else; reload it and try again`,
      { currentVersion: complaint.version },
    );
  }

  // Deadlines -------------------------------------------------------------------------------------

  /**
   * Flags complaints whose deadlines have passed, recording the time the sweep first saw it:
   * first response (no judgement yet) and resolution (not judged invalid, not resolved). Only
   * unflagged rows are touched, so running it again changes nothing. The version is kept as is:
   * a flag is not an edit that should make someone's pending action stale.
   */
  async sweepOverdue(estateId: string): Promise<OverdueSweepResult> {
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      const first = await manager
        .createQueryBuilder()
        .update(Complaint)
        .set({ firstResponseOverdueAt: now, version: () => 'version' } as never)
        .where('estate_id = :estateId AND judged_at IS NULL AND first_response_overdue_at IS NULL', {
          estateId,
        })
        .andWhere('first_response_due_at < :now', { now })
        .execute();
      const resolution = await manager
        .createQueryBuilder()
        .update(Complaint)
        .set({ resolutionOverdueAt: now, version: () => 'version' } as never)
        .where('estate_id = :estateId AND resolved_at IS NULL AND resolution_overdue_at IS NULL', {
          estateId,
        })
        .andWhere("(validity IS NULL OR validity = 'valid')")
        .andWhere('resolution_due_at < :now', { now })
        .execute();
      return { firstResponseOverdue: first.affected ?? 0, resolutionOverdue: resolution.affected ?? 0 };
    });
  }

  /** The scheduled sweep: every active estate, once per 10-minute slot across all instances. */
  @Cron(CronExpression.EVERY_10_MINUTES, { name: COMPLAINT_OVERDUE_SWEEP_JOB })
  async runScheduledSweep(): Promise<void> {
    const slot = new Date(Math.floor(this.clock.now().getTime() / SWEEP_INTERVAL_MS) * SWEEP_INTERVAL_MS);
    for (const estate of await this.estates.allActive()) {
      try {
        await this.jobs.runOnce(COMPLAINT_OVERDUE_SWEEP_JOB, `${estate.id}:${slot.toISOString()}`, () =>
          this.sweepOverdue(estate.id),
        );
      } catch (error) {
        this.logger.error(`Overdue sweep failed for estate ${estate.code}: ${String(error)}`);
      }
    }
  }

  // Aggregates and KPI ----------------------------------------------------------------------------

  async summary(
    user: AuthenticatedUser,
    estateId: string,
    period: string,
  ): Promise<ComplaintSummaryResponse> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    const manager = this.transactions.dataSource.manager;
    const { start, end } = periodRange(period, estate.timeZone);
    const count = async (apply: (builder: SelectQueryBuilder<Complaint>) => void) => {
      const builder = manager
        .createQueryBuilder(Complaint, 'complaint')
        .where('complaint.estate_id = :estateId', { estateId, start, end });
      apply(builder);
      return builder.getCount();
    };
    const received = await count((b) =>
      b.andWhere('complaint.received_at >= :start AND complaint.received_at < :end'),
    );
    const judgedIn =
      'complaint.judged_at >= :start AND complaint.judged_at < :end AND complaint.validity = :validity';
    const valid = await count((b) => b.andWhere(judgedIn, { validity: 'valid' }));
    const reasons: { reason: InvalidReason; count: string | number }[] = await manager
      .createQueryBuilder(Complaint, 'complaint')
      .select('complaint.invalid_reason', 'reason')
      .addSelect('COUNT(*)', 'count')
      .where('complaint.estate_id = :estateId', { estateId })
      .andWhere(judgedIn, { start, end, validity: 'invalid' })
      .groupBy('complaint.invalid_reason')
      .orderBy('complaint.invalid_reason', 'ASC')
      .getRawMany();
    const invalidByReason = reasons.map((row) => ({ reason: row.reason, count: Number(row.count) }));
    const resolvedIn = 'complaint.resolved_at >= :start AND complaint.resolved_at < :end';
    const resolved = await count((b) => b.andWhere(resolvedIn));
    const resolvedOnTime = await count((b) =>
      b.andWhere(resolvedIn).andWhere('complaint.resolved_at <= complaint.resolution_due_at'),
    );
    const backlog = await count((b) =>
      b
        .andWhere("complaint.validity = 'valid' AND complaint.judged_at < :end")
        .andWhere('(complaint.resolved_at IS NULL OR complaint.resolved_at >= :end)'),
    );
    const unjudged = await count((b) =>
      b
        .andWhere('complaint.received_at < :end')
        .andWhere('(complaint.judged_at IS NULL OR complaint.judged_at >= :end)'),
    );
    const rate = await this.validComplaintRate(estateId, period);
    return {
      estateId,
      period,
      received,
      valid,
      invalid: invalidByReason.reduce((sum, row) => sum + row.count, 0),
      invalidByReason,
      resolved,
      resolvedOnTime,
      backlog,
      unjudged,
      households: rate.denominator,
      validComplaintRate: rate,
      resolutionRate: await this.resolutionRate(estateId, period),
    };
  }

  /**
   * KPI #20 (用户有效投诉率, YTD): complaints judged valid with judgedAt from 1 January to the period
   * end / households (occupied units on the last day of the period). percent is null with 0 households.
   */
  async validComplaintRate(estateId: string, period: string): Promise<RateResult> {
    const estate = await this.estates.require(estateId);
    const range = yearToDateRange(period, estate.timeZone);
    const numerator = await this.validJudgedBuilder(estateId, range).getCount();
    const denominator = await this.occupancy.occupiedUnitCount(estateId, lastDateOfPeriod(period));
    return { numerator, denominator, percent: percentOf(numerator, denominator) };
  }

  /** Drill-down of KPI #20: the valid complaints judged in the year to the period end. */
  async validComplaintsYearToDate(estateId: string, period: string): Promise<ComplaintKpiRecord[]> {
    const estate = await this.estates.require(estateId);
    const range = yearToDateRange(period, estate.timeZone);
    const rows = await this.validJudgedBuilder(estateId, range)
      .orderBy('complaint.judged_at', 'ASC')
      .getMany();
    return rows.map((row) => this.kpiRecord(row, range.end));
  }

  /**
   * KPI #21 (有效投诉处理率, backlog-inclusive): valid complaints (judged valid before the period end)
   * open during the month — received in it, or received earlier and not resolved at its start —
   * resolved before the period end / those complaints. Only timestamps are read (as-of).
   */
  async resolutionRate(estateId: string, period: string): Promise<RateResult> {
    const estate = await this.estates.require(estateId);
    const range = periodRange(period, estate.timeZone);
    const row: { total: string | number | null; resolved: string | number | null } | undefined =
      await this.openDuringBuilder(estateId, range)
        .select('COUNT(*)', 'total')
        .addSelect(
          'SUM(CASE WHEN complaint.resolved_at IS NOT NULL AND complaint.resolved_at < :end THEN 1 ELSE 0 END)',
          'resolved',
        )
        .getRawOne();
    const denominator = Number(row?.total ?? 0);
    const numerator = Number(row?.resolved ?? 0);
    return { numerator, denominator, percent: percentOf(numerator, denominator) };
  }

  /** Drill-down of KPI #21: the valid complaints open during the month, each with resolvedByPeriodEnd. */
  async validComplaintsOpenDuring(estateId: string, period: string): Promise<ComplaintKpiRecord[]> {
    const estate = await this.estates.require(estateId);
    const range = periodRange(period, estate.timeZone);
    const rows = await this.openDuringBuilder(estateId, range)
      .orderBy('complaint.received_at', 'ASC')
      .getMany();
    return rows.map((row) => this.kpiRecord(row, range.end));
  }

  private validJudgedBuilder(estateId: string, range: InstantRange): SelectQueryBuilder<Complaint> {
    return this.transactions.dataSource.manager
      .createQueryBuilder(Complaint, 'complaint')
      .where("complaint.estate_id = :estateId AND complaint.validity = 'valid'", { estateId })
      .andWhere('complaint.judged_at >= :start AND complaint.judged_at < :end', range);
  }

  private openDuringBuilder(estateId: string, range: InstantRange): SelectQueryBuilder<Complaint> {
    // received < end AND (unresolved OR resolved ≥ start) is "received in the month, or earlier and
    // unresolved at its start": a complaint received in the month cannot be resolved before it.
    return this.transactions.dataSource.manager
      .createQueryBuilder(Complaint, 'complaint')
      .where("complaint.estate_id = :estateId AND complaint.validity = 'valid'", { estateId })
      .andWhere('complaint.judged_at < :end AND complaint.received_at < :end', range)
      .andWhere(
        new Brackets((where) =>
          where.where('complaint.resolved_at IS NULL').orWhere('complaint.resolved_at >= :start', range),
        ),
      );
  }

  private kpiRecord(complaint: Complaint, end: Date): ComplaintKpiRecord {
    return {
      id: complaint.id,
      code: complaint.code,
      unitId: complaint.unitId,
      receivedAt: complaint.receivedAt,
      judgedAt: complaint.judgedAt,
      resolvedAt: complaint.resolvedAt,
      resolvedByPeriodEnd: complaint.resolvedAt !== null && complaint.resolvedAt.getTime() < end.getTime(),
    };
  }
}
