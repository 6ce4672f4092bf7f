import { AttachmentsService } from '@estate/attachments';
import { Injectable } from '@nestjs/common';
import {
  AuthenticatedUser,
  assertRecordVisible,
  User,
  UsersService,
  restrictToVisibleEstates,
} from '@estate/auth';
import {
  AuditActor,
  AuditService,
  CodeCounterService,
  executeStatement,
  TransactionService,
} from '@estate/database';
import { Estate, EstatesService, FactTimeService, unitLabelOf, unitLabels } from '@estate/estates';
import { LiveEvents } from '@estate/events';
import {
  BadRequestError,
  Clock,
  ConflictError,
  ForbiddenError,
  notFound,
  Page,
  pageOf,
  PaginationQuery,
  TransitionNotAllowedError,
  UnprocessableError,
} from '@estate/shared';
import { DateTime } from 'luxon';
import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  AcceptWorkOrderRequest,
  AssigneeResponse,
  AssignWorkOrderRequest,
  CancelWorkOrderRequest,
  ChangePriorityRequest,
  CompleteWorkOrderRequest,
  CreateWorkOrderRequest,
  HandBackRequest,
  HoldWorkOrderRequest,
  ReturnVisitRequest,
  StartWorkOrderRequest,
  ReturnVisitResponse,
  UrgeRequest,
  VersionedRequest,
  WorkOrderDetailResponse,
  WorkOrderFilters,
  WorkOrderQuery,
  WorkOrderResponse,
} from './dto/work-order.dto';
import { WorkOrder, WorkOrderMaterial, WorkOrderReturnVisit } from './entities';
import { WorkOrderMonthlyFactsService } from './work-order-monthly-facts.service';
import {
  toAttachmentResponse,
  toHistoryEntryResponse,
  toMaterialResponse,
  toReturnVisitResponse,
  toWorkOrderResponse,
} from './mappers';
import { WorkOrderAcceptanceListeners } from './work-order-acceptance-listeners';
import { WorkOrderBilling } from './work-order-billing';
import { AppointmentWindow, appointmentWindow, computeDeadlines, LocalAppointment } from './work-order-sla';
import { codePrefixOf } from './work-order-search';
import {
  allowedActions,
  CREW_OPEN_STATUSES,
  nextStatus,
  OPEN_STATUSES,
  WorkOrderAction,
} from './work-order-state';
import {
  AcceptanceChannel,
  WORK_ORDER_ENTITY,
  WorkOrderChannel,
  WorkOrderPriority,
} from './work-order.constants';

/** What another module passes to open an order from a patrol or inspection finding. */
export interface FindingWorkOrderInput {
  estateId: string;
  channel: 'patrol' | 'inspection';
  assetId?: string | null;
  locationText?: string | null;
  description: string;
  priority: WorkOrderPriority;
  /** Defaults to `other` (or the estate's first category when it has no `other`). */
  category?: string;
  actor: AuditActor;
}

interface IntakeInput {
  unitId: string | null;
  assetId: string | null;
  locationText: string | null;
  category: string;
  priority: WorkOrderPriority;
  channel: WorkOrderChannel;
  description: string;
  reporterName: string | null;
  reporterPhone: string | null;
  appointment: LocalAppointment | null;
  reportedAt: Date | null;
}

interface TransitionOutcome {
  changes: Partial<WorkOrder>;
  note?: string | null;
  details?: Record<string, unknown>;
  /** Runs inside the transaction after the row was updated (materials, listeners). */
  after?: (manager: EntityManager, updated: WorkOrder) => Promise<void>;
}

const PRIORITY_RANK = "CASE wo.priority WHEN 'urgent' THEN 0 WHEN 'routine' THEN 1 ELSE 2 END";
const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
/** How far back `categories` of the dispatch list looks. */
const ASSIGNEE_CATEGORY_DAYS = 90;
/** Staff roles that read work orders, so receive their live events (residents: their unit's). */
const WORK_ORDER_STAFF_READERS = ['admin', 'manager', 'front_desk', 'technician', 'finance'] as const;

/** Intake, dispatch, work, completion, acceptance and return visits of work orders (报修工单). */
@Injectable()
export class WorkOrdersService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    private readonly codes: CodeCounterService,
    private readonly clock: Clock,
    private readonly estates: EstatesService,
    private readonly users: UsersService,
    private readonly acceptanceListeners: WorkOrderAcceptanceListeners,
    private readonly attachments: AttachmentsService,
    private readonly monthlyFacts: WorkOrderMonthlyFactsService,
    private readonly live: LiveEvents,
    private readonly factTimes: FactTimeService,
    private readonly billing: WorkOrderBilling,
  ) {}

  // Intake ----------------------------------------------------------------------------------------

  /** Logs a repair request; residents only for their own unit. Deadlines come from the estate's SLA. */
  async create(user: AuthenticatedUser, request: CreateWorkOrderRequest): Promise<WorkOrderResponse> {
    return this.transactions.run(async (manager) => {
      const { estate, unit } = await this.estates.intakeScope(user, request, manager);
      const unitId = unit?.id ?? null;
      // Residents report through the app (the channel is theirs, not sent); staff say how it came in.
      const channel = user.role === 'resident' ? 'resident_app' : request.channel;
      if (!channel)
        throw new BadRequestError(
          'CHANNEL_REQUIRED',
          'channel is required when staff log a repair (phone, walk_in, patrol …)',
        );
      if (request.assetId) await this.requireAssetOf(manager, estate.id, request.assetId);
      const order = await this.intake(
        manager,
        estate,
        {
          unitId,
          assetId: request.assetId ?? null,
          locationText: request.locationText ?? null,
          category: request.category,
          priority: request.priority,
          channel,
          description: request.description,
          reporterName: request.reporterName ?? null,
          reporterPhone: request.reporterPhone ?? null,
          appointment: request.appointment ?? null,
          reportedAt: request.reportedAt ?? null,
        },
        { id: user.id, name: user.displayName },
      );
      return toWorkOrderResponse(order, {
        maskPhone: false,
        unitLabel: await unitLabelOf(manager, order.unitId),
      });
    });
  }

  /**
   * The asset a repair request names must be one of the estate's (found by test/e2e/hostile-input:
   * another estate's or a made-up asset id was stored). Read by table name: @estate/assets depends on
   * this library, not the other way round.
   */
  private async requireAssetOf(manager: EntityManager, estateId: string, assetId: string): Promise<void> {
    const asset = await manager
      .createQueryBuilder()
      .select('asset.estate_id', 'estateId')
      .from('assets', 'asset')
      .where('asset.id = :assetId', { assetId })
      .getRawOne<{ estateId: string }>();
    if (!asset || asset.estateId !== estateId)
      throw new UnprocessableError(
        'ASSET_NOT_FOUND',
        `Asset ${assetId} does not exist in estate ${estateId}`,
      );
  }

  /**
   * Public for the patrol and asset-inspection libraries: opens an order from a finding inside the
   * caller's transaction (pass its manager). Returns the new order's id and code.
   */
  async createFromFinding(
    manager: EntityManager,
    input: FindingWorkOrderInput,
  ): Promise<{ id: string; code: string }> {
    const estate = await this.estates.require(input.estateId, manager);
    const categories = this.estates.settingsOf(estate).workOrderCategories;
    const category = input.category ?? (categories.includes('other') ? 'other' : categories[0]);
    const order = await this.intake(
      manager,
      estate,
      {
        unitId: null,
        assetId: input.assetId ?? null,
        locationText: input.locationText ?? null,
        category,
        priority: input.priority,
        channel: input.channel,
        description: input.description,
        reporterName: input.actor.name,
        reporterPhone: null,
        appointment: null,
        reportedAt: null,
      },
      input.actor,
    );
    return { id: order.id, code: order.code };
  }

  private async intake(
    manager: EntityManager,
    estate: Estate,
    input: IntakeInput,
    actor: AuditActor,
  ): Promise<WorkOrder> {
    const now = this.clock.now();
    const settings = this.estates.settingsOf(estate);
    if (!input.unitId && !input.assetId && !input.locationText)
      throw new BadRequestError(
        'LOCATION_REQUIRED',
        'Give the unit (in-home repair) or a location text / asset (public area)',
      );
    if (!settings.workOrderCategories.includes(input.category))
      throw new BadRequestError(
        'CATEGORY_INVALID',
        `Unknown category ${input.category}; this estate uses: ${settings.workOrderCategories.join(', ')}`,
        { allowed: settings.workOrderCategories },
      );
    const reportedAt = await this.factTimes.resolve(manager, estate, {
      field: 'reportedAt',
      value: input.reportedAt,
    });
    const appointment: AppointmentWindow | null = input.appointment
      ? appointmentWindow(input.appointment, estate.timeZone)
      : null;
    const deadlines = computeDeadlines({
      priority: input.priority,
      reportedAt,
      sla: settings.sla,
      appointment,
    });
    const year = DateTime.fromJSDate(reportedAt, { zone: estate.timeZone }).year;
    const code = await this.codes.nextCode(manager, estate.id, 'WO', year);
    const order = manager.create(WorkOrder, {
      estateId: estate.id,
      code,
      unitId: input.unitId,
      assetId: input.assetId,
      locationText: input.locationText,
      category: input.category,
      priority: input.priority,
      channel: input.channel,
      description: input.description,
      reporterName: input.reporterName,
      reporterPhone: input.reporterPhone,
      appointmentStartAt: appointment?.start ?? null,
      appointmentEndAt: appointment?.end ?? null,
      status: 'reported',
      reportedAt,
      arrivalDueAt: deadlines.arrivalDueAt,
      dueAt: deadlines.dueAt,
      reworkCount: 0,
      chargeable: false,
      createdById: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await manager.save(order);
    await this.audit.record(manager, {
      estateId: estate.id,
      entityType: WORK_ORDER_ENTITY,
      entityId: order.id,
      action: 'report',
      actor,
      toState: 'reported',
      at: now,
      details: {
        priority: order.priority,
        channel: order.channel,
        reportedAt: reportedAt.toISOString(),
        dueAt: order.dueAt.toISOString(),
        arrivalDueAt: order.arrivalDueAt?.toISOString() ?? null,
      },
    });
    const created = await manager.findOneByOrFail(WorkOrder, { id: order.id });
    await this.monthlyFacts.created(manager, created);
    this.announce(created, 'report');
    return created;
  }

  // Reads -----------------------------------------------------------------------------------------

  /** Filtered, paginated list; residents see only their unit's orders; phones masked. */
  async list(user: AuthenticatedUser, query: WorkOrderQuery): Promise<Page<WorkOrderResponse>> {
    if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
    const builder = this.transactions.dataSource.manager.createQueryBuilder(WorkOrder, 'wo');
    this.filter(builder, user, query, { skipOverdue: true });
    let total: number;
    if (query.overdue === true) {
      // "Ever flagged" is an OR of two flags. Counted as two disjoint sets, each a range on its own
      // index (arrival flagged; completion flagged and arrival not) instead of one OR that merges two
      // indexes and reads every flagged row; the page keeps the OR (read in list order, stops at LIMIT).
      total =
        (await builder.clone().andWhere('wo.arrival_overdue_at IS NOT NULL').getCount()) +
        (await builder
          .clone()
          .andWhere('wo.completion_overdue_at IS NOT NULL AND wo.arrival_overdue_at IS NULL')
          .getCount());
      this.filterOverdue(builder, true);
    } else {
      this.filterOverdue(builder, query.overdue);
      total = await builder.getCount();
    }
    // the default order (newest first) of a code search is by the code itself — see below
    const byCode =
      query.q !== undefined &&
      codePrefixOf(query.q) !== null &&
      (query.sort ?? '-reportedAt') === '-reportedAt';
    switch (query.sort ?? '-reportedAt') {
      case 'reportedAt':
        builder.orderBy('wo.reported_at', 'ASC');
        break;
      case 'dueAt':
        builder.orderBy('wo.due_at', 'ASC');
        break;
      case '-dueAt':
        builder.orderBy('wo.due_at', 'DESC');
        break;
      case 'priority':
        builder.orderBy(PRIORITY_RANK, 'ASC').addOrderBy('wo.due_at', 'ASC');
        break;
      case 'completedAt':
        builder.orderBy('wo.completed_at', 'ASC');
        break;
      case '-completedAt':
        builder.orderBy('wo.completed_at', 'DESC');
        break;
      default:
        // A code search newest first by the code itself (its number follows the report): read along
        // the code index, where ordering by reported_at made MariaDB walk the report-time index and
        // fetch rows until 20 codes matched (5 s for `WO-2026-01` on 200,000 orders; docs/performance.md).
        if (byCode) builder.orderBy('wo.code', 'DESC');
        else builder.orderBy('wo.reported_at', 'DESC');
    }
    // codes are unique per estate: a code search needs no tie-break (one would add a sort step)
    if (!byCode) builder.addOrderBy('wo.id', 'ASC');
    const orders = await builder.offset(query.offset).limit(query.pageSize).getMany();
    return pageOf(await this.responses(orders, { maskPhone: true }), total, query);
  }

  /** A page of orders as responses, their unit labels read in one statement. */
  private async responses(
    orders: WorkOrder[],
    options: { maskPhone: boolean },
  ): Promise<WorkOrderResponse[]> {
    const manager = this.transactions.dataSource.manager;
    const labels = await unitLabels(
      manager,
      orders.map((order) => order.unitId),
    );
    const bills = await this.billing.billsOf(
      manager,
      orders.filter((order) => order.firstCompletedAt !== null).map((order) => order.id),
    );
    return orders.map((order) =>
      toWorkOrderResponse(order, {
        maskPhone: options.maskPhone,
        unitLabel: order.unitId ? (labels.get(order.unitId)?.label ?? null) : null,
        bill: bills.get(order.id) ?? null,
      }),
    );
  }

  /**
   * A crew member's open orders, most urgent first, then earliest deadline. The reporter's phone is
   * in full: the assignee calls the resident (tap-to-call); other lists mask it.
   */
  async mine(user: AuthenticatedUser, query: PaginationQuery): Promise<Page<WorkOrderResponse>> {
    const builder = this.transactions.dataSource.manager
      .createQueryBuilder(WorkOrder, 'wo')
      .where('wo.assignee_id = :userId', { userId: user.id })
      .andWhere('wo.status IN (:...statuses)', { statuses: CREW_OPEN_STATUSES });
    const total = await builder.getCount();
    const orders = await builder
      .orderBy(PRIORITY_RANK, 'ASC')
      .addOrderBy('wo.due_at', 'ASC')
      .addOrderBy('wo.id', 'ASC')
      .offset(query.offset)
      .limit(query.pageSize)
      .getMany();
    return pageOf(await this.responses(orders, { maskPhone: false }), total, query);
  }

  /**
   * Who can take an order in this estate (dispatch): its active technicians with their load — open
   * orders (crew-open statuses), today's orders (assigned today or with an appointment starting today,
   * in the estate's zone; not cancelled; each order once) and the categories they first completed in
   * the last 90 days, most frequent first. Counts are of this estate's orders. Least loaded first:
   * openCount, then todayCount, then name. Four statements whatever the crew size.
   */
  async assignees(user: AuthenticatedUser, estateId: string): Promise<AssigneeResponse[]> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    const manager = this.transactions.dataSource.manager;
    const technicians = await this.users.activeMembersWithRole(manager, estate.id, ['technician']);
    if (!technicians.length) return [];
    const ids = technicians.map((technician) => technician.id);
    const now = this.clock.now();
    const today = DateTime.fromJSDate(now, { zone: estate.timeZone }).startOf('day');
    const todayStart = today.toJSDate();
    const tomorrowStart = today.plus({ days: 1 }).toJSDate();
    const base = () =>
      manager
        .createQueryBuilder(WorkOrder, 'wo')
        .select('wo.assignee_id', 'assigneeId')
        .where('wo.estate_id = :estateId', { estateId: estate.id })
        .andWhere('wo.assignee_id IN (:...ids)', { ids });
    const [open, todays, categories] = await Promise.all([
      base()
        .addSelect('COUNT(*)', 'count')
        .andWhere('wo.status IN (:...statuses)', { statuses: CREW_OPEN_STATUSES })
        .groupBy('wo.assignee_id')
        .getRawMany<{ assigneeId: string; count: number | string }>(),
      // today's orders: assigned today, or with an appointment today — two index ranges (an OR of the
      // two would read every order of the technicians), each order counted once
      Promise.all(
        ['assigned_at', 'appointment_start_at'].map((column) =>
          base()
            .addSelect('wo.id', 'id')
            .andWhere("wo.status <> 'cancelled'")
            .andWhere(`wo.${column} >= :todayStart AND wo.${column} < :tomorrowStart`, {
              todayStart,
              tomorrowStart,
            })
            .getRawMany<{ assigneeId: string; id: string }>(),
        ),
      ).then((ranges) => {
        const orders = new Map<string, Set<string>>();
        for (const row of ranges.flat())
          orders.set(row.assigneeId, (orders.get(row.assigneeId) ?? new Set()).add(row.id));
        return [...orders].map(([assigneeId, ids]) => ({ assigneeId, count: ids.size }));
      }),
      base()
        .addSelect('wo.category', 'category')
        .addSelect('COUNT(*)', 'count')
        .andWhere('wo.first_completed_at >= :since', {
          since: new Date(now.getTime() - ASSIGNEE_CATEGORY_DAYS * DAY),
        })
        .groupBy('wo.assignee_id')
        .addGroupBy('wo.category')
        .getRawMany<{ assigneeId: string; category: string; count: number | string }>(),
    ]);
    const countOf = (rows: { assigneeId: string; count: number | string }[]) =>
      new Map(rows.map((row) => [row.assigneeId, Number(row.count)]));
    const openCounts = countOf(open);
    const todayCounts = countOf(todays);
    const byTechnician = new Map<string, { category: string; completed: number }[]>();
    for (const row of categories)
      byTechnician.set(row.assigneeId, [
        ...(byTechnician.get(row.assigneeId) ?? []),
        { category: row.category, completed: Number(row.count) },
      ]);
    return technicians
      .map((technician) => ({
        id: technician.id,
        displayName: technician.displayName,
        phone: technician.phone,
        openCount: openCounts.get(technician.id) ?? 0,
        todayCount: todayCounts.get(technician.id) ?? 0,
        categories: (byTechnician.get(technician.id) ?? []).sort(
          (a, b) => b.completed - a.completed || a.category.localeCompare(b.category),
        ),
      }))
      .sort(
        (a, b) =>
          a.openCount - b.openCount ||
          a.todayCount - b.todayCount ||
          a.displayName.localeCompare(b.displayName, 'zh-Hans-CN') ||
          a.id.localeCompare(b.id),
      );
  }

  /** One order with its history (audit trail), materials and return visits. */
  async get(user: AuthenticatedUser, id: string): Promise<WorkOrderDetailResponse> {
    const manager = this.transactions.dataSource.manager;
    const order = await this.visibleOrder(manager, user, id);
    const [history, materials, visits, attachments] = await Promise.all([
      this.audit.history(manager, WORK_ORDER_ENTITY, id),
      manager.find(WorkOrderMaterial, {
        where: { workOrderId: id },
        order: { recordedAt: 'ASC', id: 'ASC' },
      }),
      manager.find(WorkOrderReturnVisit, {
        where: { workOrderId: id },
        order: { visitedAt: 'ASC', id: 'ASC' },
      }),
      this.attachments.list(manager, WORK_ORDER_ENTITY, id),
    ]);
    return {
      ...toWorkOrderResponse(order, {
        maskPhone: user.role === 'resident',
        unitLabel: await unitLabelOf(manager, order.unitId),
        bill: await this.billing.billOf(manager, order.id),
      }),
      history: history.map(toHistoryEntryResponse),
      materials: materials.map(toMaterialResponse),
      returnVisits: visits.map(toReturnVisitResponse),
      attachments: attachments.map(toAttachmentResponse),
    };
  }

  // Transitions -----------------------------------------------------------------------------------

  /** (Re)assigns to an active technician member of the order's estate. */
  async assign(
    user: AuthenticatedUser,
    id: string,
    request: AssignWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.transition(user, id, request, 'assign', async ({ manager, order, now }) => {
      const isTechnician = await this.users.isMemberWithRole(manager, request.assigneeId, order.estateId, [
        'technician',
      ]);
      if (!isTechnician)
        throw new UnprocessableError(
          'ASSIGNEE_NOT_TECHNICIAN',
          `User ${request.assigneeId} is not an active technician of this estate`,
        );
      const assignee = await manager.findOneByOrFail(User, { id: request.assigneeId });
      return {
        changes: { assigneeId: assignee.id, assigneeName: assignee.displayName, assignedAt: now },
        details: {
          fromAssigneeId: order.assigneeId,
          toAssigneeId: assignee.id,
          toAssigneeName: assignee.displayName,
        },
      };
    });
  }

  /**
   * On site: the first arrival sets arrivedAt (kept through rework). `arrivedAt` may be sent (a paper
   * job sheet typed in later): not before the report and the assignment (a start after rework: not
   * before the reopening), within the back-dating rules; the audit row keeps when it was entered.
   */
  async start(
    user: AuthenticatedUser,
    id: string,
    request: StartWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.transition(user, id, request, 'start', async ({ manager, order }) => {
      this.assertCrewMember(user, order);
      const arrivedAt = await this.factTime(manager, order, 'arrivedAt', request.arrivedAt, [
        { instant: order.reportedAt, what: 'the report' },
        { instant: order.assignedAt, what: 'the assignment' },
        { instant: order.lastReopenedAt, what: 'the reopening' },
      ]);
      const details = { arrivedAt: arrivedAt.toISOString() };
      if (order.arrivedAt) return { changes: {}, details };
      return {
        changes: {
          arrivedAt,
          arrivalSeconds: Math.round((arrivedAt.getTime() - order.reportedAt.getTime()) / SECOND),
        },
        details,
      };
    });
  }

  async hold(user: AuthenticatedUser, id: string, request: HoldWorkOrderRequest): Promise<WorkOrderResponse> {
    return this.transition(user, id, request, 'hold', ({ order }) => {
      this.assertCrewMember(user, order);
      return { changes: { holdReason: request.reason }, note: request.reason };
    });
  }

  async resume(user: AuthenticatedUser, id: string, request: VersionedRequest): Promise<WorkOrderResponse> {
    return this.transition(user, id, request, 'resume', ({ order }) => {
      this.assertCrewMember(user, order);
      return { changes: { holdReason: null } };
    });
  }

  /**
   * Hand back (退单): the assigned technician gives an order they have not started back to dispatch —
   * assigned → reported, assignee and assignedAt cleared, the reason and who in the history. Through
   * `transition`, so the monthly facts follow (the `reported` fact moves to the new status).
   */
  async handBack(user: AuthenticatedUser, id: string, request: HandBackRequest): Promise<WorkOrderResponse> {
    return this.transition(user, id, request, 'hand_back', ({ order }) => {
      this.assertCrewMember(user, order);
      return {
        changes: { assigneeId: null, assigneeName: null, assignedAt: null },
        note: request.reason,
        details: {
          fromAssigneeId: order.assigneeId,
          fromAssigneeName: order.assigneeName,
          reason: request.reason,
        },
      };
    });
  }

  /** Resolution, materials, labour, charge. The first completion fixes firstCompletedAt. */
  async complete(
    user: AuthenticatedUser,
    id: string,
    request: CompleteWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.transition(user, id, request, 'complete', async ({ manager, order }) => {
      this.assertCrewMember(user, order);
      const completedAt = await this.factTime(manager, order, 'completedAt', request.completedAt, [
        { instant: order.arrivedAt, what: 'the arrival' },
        { instant: order.lastReopenedAt, what: 'the last reopening' },
      ]);
      if (request.chargeable && request.amountFen === undefined)
        throw new BadRequestError('AMOUNT_REQUIRED', 'A chargeable repair needs amountFen');
      if (!request.chargeable && request.amountFen !== undefined)
        throw new BadRequestError('AMOUNT_NOT_CHARGEABLE', 'amountFen is only for chargeable repairs');
      const completionNumber = order.reworkCount + 1;
      const first = order.firstCompletedAt === null;
      const materials = request.materials ?? [];
      return {
        changes: {
          completedAt,
          resolution: request.resolution,
          labourMinutes: request.labourMinutes,
          chargeable: request.chargeable,
          amountFen: request.amountFen ?? null,
          holdReason: null,
          ...(first
            ? {
                firstCompletedAt: completedAt,
                completionSeconds: Math.round((completedAt.getTime() - order.reportedAt.getTime()) / SECOND),
              }
            : {}),
        },
        note: request.resolution,
        details: {
          completedAt: completedAt.toISOString(),
          completionNumber,
          labourMinutes: request.labourMinutes,
          chargeable: request.chargeable,
          amountFen: request.amountFen ?? null,
          materials: materials.length,
        },
        after: async (manager) => {
          for (const material of materials) {
            const quantityHundredths = Math.round(material.quantity * 100);
            await manager.save(
              manager.create(WorkOrderMaterial, {
                workOrderId: order.id,
                estateId: order.estateId,
                name: material.name,
                quantityHundredths,
                unit: material.unit ?? null,
                unitCostFen: material.unitCostFen,
                totalFen: Math.round((quantityHundredths * material.unitCostFen) / 100),
                completionNumber,
                recordedAt: completedAt,
              }),
            );
          }
          // The charge becomes (or adjusts, or drops) the unit's bill in this transaction.
          await this.billing.charge(manager, {
            kind: 'completed',
            workOrderId: order.id,
            code: order.code,
            estateId: order.estateId,
            unitId: order.unitId,
            chargeable: request.chargeable,
            amountFen: request.amountFen ?? null,
            at: completedAt,
            reason: request.resolution,
            actor: { id: user.id, name: user.displayName },
          });
        },
      };
    });
  }

  /** Pass → closed (final). Fail → reopened for rework (counts against KPI #3). */
  async accept(
    user: AuthenticatedUser,
    id: string,
    request: AcceptWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    if (user.role === 'resident' && request.by !== 'resident')
      throw new ForbiddenError('ACCEPTANCE_BY_FORBIDDEN', 'A resident signs acceptance as `resident`');
    const acceptanceChannel = acceptanceChannelOf(user, request);
    const action: WorkOrderAction = request.result === 'pass' ? 'accept_pass' : 'accept_fail';
    return this.transition(user, id, request, action, async ({ manager, order }) => {
      // Signed on paper and typed in later: `acceptedAt` (not before the completion) is when the
      // order closed (KPI #3) or was reopened; the audit row keeps when it was entered.
      const acceptedAt = await this.factTime(manager, order, 'acceptedAt', request.acceptedAt, [
        { instant: order.completedAt, what: 'the completion' },
      ]);
      return {
        changes: {
          acceptanceResult: request.result,
          acceptedBy: request.by,
          acceptanceChannel,
          acceptedById: user.id,
          acceptedByName: user.displayName,
          acceptedAt,
          satisfaction: request.satisfaction ?? null,
          acceptanceComment: request.comment ?? null,
          ...(request.result === 'pass'
            ? { closedAt: acceptedAt }
            : { reworkCount: order.reworkCount + 1, lastReopenedAt: acceptedAt }),
        },
        note: request.comment ?? null,
        details: {
          result: request.result,
          by: request.by,
          acceptanceChannel,
          satisfaction: request.satisfaction ?? null,
          acceptedAt: acceptedAt.toISOString(),
        },
        after: (transaction) =>
          this.acceptanceListeners.notify(transaction, {
            workOrderId: order.id,
            estateId: order.estateId,
            assetId: order.assetId,
            result: request.result,
            at: acceptedAt,
          }),
      };
    });
  }

  async cancel(
    user: AuthenticatedUser,
    id: string,
    request: CancelWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.transition(user, id, request, 'cancel', ({ order, now }) => ({
      changes: { cancelledAt: now, cancelReason: request.reason },
      note: request.reason,
      // A bill of this order (if one was ever made) is waived with the cancel reason.
      after: (manager) =>
        this.billing.charge(manager, {
          kind: 'cancelled',
          workOrderId: order.id,
          code: order.code,
          estateId: order.estateId,
          unitId: order.unitId,
          chargeable: false,
          amountFen: null,
          at: now,
          reason: request.reason,
          actor: { id: user.id, name: user.displayName },
        }),
    }));
  }

  /**
   * Urge (催单): a resident chased an open order. Counts it (`urgeCount`, `lastUrgedAt`) and writes an
   * `urge` history entry; the status does not change. Not an edit: raw SQL so `version` is not bumped
   * (a technician holding the order's version can still act), and no fact column changes, so the
   * monthly facts are not involved. Closed or cancelled → 409 TRANSITION_NOT_ALLOWED.
   */
  async urge(user: AuthenticatedUser, id: string, request: UrgeRequest): Promise<WorkOrderResponse> {
    return this.transactions.run(async (manager) => {
      const order = await this.visibleOrder(manager, user, id);
      if (!OPEN_STATUSES.includes(order.status))
        throw new TransitionNotAllowedError('work order', order.status, 'urge', allowedActions(order.status));
      const now = this.clock.now();
      await executeStatement(
        manager,
        'UPDATE work_orders SET urge_count = urge_count + 1, last_urged_at = :now WHERE id = :id',
        { now, id: order.id },
      );
      const fresh = await manager.findOneByOrFail(WorkOrder, { id: order.id });
      await this.audit.record(manager, {
        estateId: order.estateId,
        entityType: WORK_ORDER_ENTITY,
        entityId: order.id,
        action: 'urge',
        actor: { id: user.id, name: user.displayName },
        fromState: order.status,
        toState: order.status,
        note: request.note ?? null,
        details: { urgeCount: fresh.urgeCount },
        at: now,
      });
      this.announce(fresh, 'urge');
      return toWorkOrderResponse(fresh, {
        maskPhone: false,
        unitLabel: await unitLabelOf(manager, fresh.unitId),
        bill: await this.billing.billOf(manager, fresh.id),
      });
    });
  }

  /**
   * Recomputes the deadlines from reportedAt with the new priority (audited with the old and new
   * deadlines). Overdue flags whose new deadline is still ahead are cleared.
   */
  async changePriority(
    user: AuthenticatedUser,
    id: string,
    request: ChangePriorityRequest,
  ): Promise<WorkOrderResponse> {
    return this.transition(user, id, request, 'change_priority', async ({ manager, order, now }) => {
      if (request.priority === order.priority)
        throw new BadRequestError('PRIORITY_UNCHANGED', `The order is already ${order.priority}`);
      const estate = await this.estates.require(order.estateId, manager);
      const appointment =
        order.appointmentStartAt && order.appointmentEndAt
          ? { start: order.appointmentStartAt, end: order.appointmentEndAt }
          : null;
      const deadlines = computeDeadlines({
        priority: request.priority,
        reportedAt: order.reportedAt,
        sla: this.estates.settingsOf(estate).sla,
        appointment,
      });
      const stillAhead = (deadline: Date | null) => deadline === null || deadline.getTime() > now.getTime();
      return {
        changes: {
          priority: request.priority,
          arrivalDueAt: deadlines.arrivalDueAt,
          dueAt: deadlines.dueAt,
          ...(stillAhead(deadlines.arrivalDueAt) ? { arrivalOverdueAt: null } : {}),
          ...(stillAhead(deadlines.dueAt) ? { completionOverdueAt: null } : {}),
        },
        note: request.reason,
        details: {
          fromPriority: order.priority,
          toPriority: request.priority,
          fromDueAt: order.dueAt.toISOString(),
          toDueAt: deadlines.dueAt.toISOString(),
          fromArrivalDueAt: order.arrivalDueAt?.toISOString() ?? null,
          toArrivalDueAt: deadlines.arrivalDueAt?.toISOString() ?? null,
        },
      };
    });
  }

  /** A return visit (回访); allowed once the order has been completed, several per order. */
  async addReturnVisit(
    user: AuthenticatedUser,
    id: string,
    request: ReturnVisitRequest,
  ): Promise<ReturnVisitResponse> {
    return this.transactions.run(async (manager) => {
      const order = await this.visibleOrder(manager, user, id);
      if (!order.firstCompletedAt || order.status === 'cancelled')
        throw new ConflictError(
          'RETURN_VISIT_TOO_EARLY',
          `Work order ${order.code} has not been completed yet; return visits come after completion`,
        );
      const now = this.clock.now();
      const visitedAt = await this.factTime(manager, order, 'visitedAt', request.visitedAt, [
        { instant: order.firstCompletedAt, what: 'the completion' },
      ]);
      const visit = manager.create(WorkOrderReturnVisit, {
        workOrderId: order.id,
        estateId: order.estateId,
        method: request.method,
        visitorId: user.id,
        visitorName: user.displayName,
        visitedAt,
        satisfaction: request.satisfaction ?? null,
        comment: request.comment ?? null,
      });
      await manager.save(visit);
      // The order's earliest visit, read by KPI #24 and the stats from an index (a back-dated visit
      // lowers it). Raw SQL so the order's version is not bumped: a visit is not an edit of the order.
      await this.monthlyFacts.track(manager, order.id, () =>
        executeStatement(
          manager,
          'UPDATE work_orders SET first_return_visit_at = :visitedAt WHERE id = :id ' +
            'AND (first_return_visit_at IS NULL OR first_return_visit_at > :visitedAt)',
          { visitedAt, id: order.id },
        ),
      );
      await this.audit.record(manager, {
        estateId: order.estateId,
        entityType: WORK_ORDER_ENTITY,
        entityId: order.id,
        action: 'return_visit',
        actor: { id: user.id, name: user.displayName },
        fromState: order.status,
        toState: order.status,
        note: request.comment ?? null,
        at: now,
        details: {
          method: request.method,
          visitedAt: visitedAt.toISOString(),
          satisfaction: request.satisfaction ?? null,
        },
      });
      this.announce(order, 'return_visit');
      return toReturnVisitResponse(visit);
    });
  }

  // Internals -------------------------------------------------------------------------------------

  /**
   * One state change: read, check the caller's version, ask the transition table, apply the change
   * with `UPDATE … WHERE id = ? AND version = ?` (the loser of a race gets 409), write the audit row.
   */
  private async transition(
    user: AuthenticatedUser,
    id: string,
    request: VersionedRequest,
    action: WorkOrderAction,
    decide: (context: {
      manager: EntityManager;
      order: WorkOrder;
      now: Date;
    }) => TransitionOutcome | Promise<TransitionOutcome>,
  ): Promise<WorkOrderResponse> {
    return this.transactions.run(async (manager) => {
      const order = await this.visibleOrder(manager, user, id);
      if (request.version !== undefined && request.version !== order.version) throw this.stale(order);
      const now = this.clock.now();
      const toState = nextStatus(order.status, action);
      const outcome = await decide({ manager, order, now });
      const updated = await this.monthlyFacts.track(manager, id, () =>
        manager
          .createQueryBuilder()
          .update(WorkOrder)
          .set({ ...outcome.changes, status: toState, updatedAt: now })
          .where('id = :id AND version = :version', { id, version: order.version })
          .execute(),
      );
      if (updated.affected !== 1) throw this.stale(order);
      const fresh = await manager.findOneByOrFail(WorkOrder, { id });
      await outcome.after?.(manager, fresh);
      await this.audit.record(manager, {
        estateId: order.estateId,
        entityType: WORK_ORDER_ENTITY,
        entityId: order.id,
        action,
        actor: { id: user.id, name: user.displayName },
        fromState: order.status,
        toState,
        note: outcome.note ?? null,
        details: outcome.details ?? null,
        at: now,
      });
      this.announce(fresh, action);
      return toWorkOrderResponse(fresh, {
        maskPhone: false,
        unitLabel: await unitLabelOf(manager, fresh.unitId),
        bill: await this.billing.billOf(manager, fresh.id),
      });
    });
  }

  /**
   * `work-order.changed` to the estate's live streams, once the transaction commits (a rolled-back
   * change announces nothing; nested in a caller's transaction it waits for the caller's commit).
   */
  private announce(order: WorkOrder, action: string): void {
    const event = {
      type: 'work-order.changed' as const,
      payload: { id: order.id, estateId: order.estateId, code: order.code, status: order.status, action },
      audience: { staffRoles: WORK_ORDER_STAFF_READERS, unitId: order.unitId },
    };
    this.transactions.afterCommit(() => this.live.publish(event));
  }

  /** The time a step of this order happened (sent or now), by the shared rules of FactTimeService. */
  private async factTime(
    manager: EntityManager,
    order: WorkOrder,
    field: string,
    value: Date | undefined,
    notBefore: { instant: Date | null; what: string }[],
  ): Promise<Date> {
    return this.factTimes.resolve(manager, order.estateId, { field, value, notBefore });
  }

  private stale(order: WorkOrder): ConflictError {
    return new ConflictError(
      'CONCURRENT_MODIFICATION',
      `Work order ${order.code} was changed by someone else; reload it and try again`,
    );
  }

  /** Technicians act only on orders assigned to them; managers and admins may act for them. */
  private assertCrewMember(user: AuthenticatedUser, order: WorkOrder): void {
    if (user.role === 'technician' && order.assigneeId !== user.id)
      throw new ForbiddenError('NOT_ASSIGNEE', `Work order ${order.code} is not assigned to you`);
  }

  /** 404 when missing, in another estate, or (for residents) not their unit's. */
  async visibleOrder(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<WorkOrder> {
    const order = await manager.findOneBy(WorkOrder, { id });
    if (!order) throw notFound('WorkOrder', id);
    assertRecordVisible(user, order.estateId, notFound('WorkOrder', id));
    if (user.role === 'resident' && (!user.unitId || order.unitId !== user.unitId))
      throw notFound('WorkOrder', id);
    return order;
  }

  /**
   * The list's filters on a `wo` query builder — the one place they are built, for the list and its
   * export (`GET /work-orders/export.xlsx` takes the same filters): the caller's scope (estate,
   * resident's own unit), status, priority, category, assignee, unit, reported range, return visit,
   * urged, `q`, and `overdue` (unless `skipOverdue`: the list counts that one itself). Starts the WHERE clause: add further conditions after it.
   */
  filter(
    builder: SelectQueryBuilder<WorkOrder>,
    user: AuthenticatedUser,
    query: WorkOrderFilters,
    options: { skipOverdue?: boolean } = {},
  ): void {
    this.scope(builder, user, query.estateId);
    if (query.status?.length) builder.andWhere('wo.status IN (:...statuses)', { statuses: query.status });
    if (query.priority) builder.andWhere('wo.priority = :priority', { priority: query.priority });
    if (query.category) builder.andWhere('wo.category = :category', { category: query.category });
    if (query.assigneeId) builder.andWhere('wo.assignee_id = :assigneeId', { assigneeId: query.assigneeId });
    if (query.unitId) builder.andWhere('wo.unit_id = :unitId', { unitId: query.unitId });
    if (query.reportedFrom) builder.andWhere('wo.reported_at >= :from', { from: query.reportedFrom });
    if (query.reportedTo) builder.andWhere('wo.reported_at < :to', { to: query.reportedTo });
    if (query.returnVisited === false)
      // The return-visit queue: done (awaiting or passed acceptance), never visited, and not planned
      // work — KPI #24 leaves planned (preventive) orders out, there is no resident to call back.
      builder
        .andWhere('wo.first_return_visit_at IS NULL')
        .andWhere('wo.status IN (:...doneStatuses)', { doneStatuses: ['completed', 'closed'] })
        .andWhere("wo.priority <> 'planned'");
    if (query.returnVisited === true) builder.andWhere('wo.first_return_visit_at IS NOT NULL');
    if (query.urged !== undefined) builder.andWhere(query.urged ? 'wo.urge_count > 0' : 'wo.urge_count = 0');
    if (query.q) this.search(builder, query.q);
    if (!options.skipOverdue) this.filterOverdue(builder, query.overdue);
  }

  /** `overdue`: true — ever flagged by the SLA sweep (arrival or completion); false — never. */
  private filterOverdue(builder: SelectQueryBuilder<WorkOrder>, overdue: boolean | undefined): void {
    if (overdue === true)
      builder.andWhere('(wo.arrival_overdue_at IS NOT NULL OR wo.completion_overdue_at IS NOT NULL)');
    if (overdue === false)
      builder.andWhere('wo.arrival_overdue_at IS NULL AND wo.completion_overdue_at IS NULL');
  }

  /**
   * `q`: a work-order code or the start of one (`WO-2026-000123`, `wo-2026-0123`, `WO-2026`,
   * `2026-0123`; any case) is a code-prefix search `code LIKE 'WO-2026-0123%'`, a range on the
   * (estate_id, code) index. Anything else is a contains search in code, description and location
   * text (`LIKE '%q%'`, `%`/`_` taken literally): no index can serve it, so it reads every order the
   * other filters leave — narrow it with reportedFrom/reportedTo, status etc. on a large estate
   * (docs/work-orders.md "Search").
   */
  private search(builder: SelectQueryBuilder<WorkOrder>, q: string): void {
    const prefix = codePrefixOf(q);
    if (prefix !== null) {
      builder.andWhere('wo.code LIKE :codePrefix', { codePrefix: `${prefix}%` });
      return;
    }
    const like = `%${q.replace(/[!%_]/g, (character) => `!${character}`)}%`;
    builder.andWhere(
      new Brackets((where) =>
        where
          .where("wo.code LIKE :like ESCAPE '!'", { like })
          .orWhere("wo.description LIKE :like ESCAPE '!'", { like })
          .orWhere("wo.location_text LIKE :like ESCAPE '!'", { like }),
      ),
    );
  }

  private scope(builder: SelectQueryBuilder<WorkOrder>, user: AuthenticatedUser, estateId?: string): void {
    if (estateId) builder.where('wo.estate_id = :estateId', { estateId });
    else restrictToVisibleEstates(builder.where('1 = 1'), 'wo', user);
    if (user.role === 'resident') builder.andWhere('wo.unit_id = :ownUnit', { ownUnit: user.unitId ?? '-' });
  }
}

/**
 * The acceptance's channel (issue #22 finding 11). Residents sign in the app (`resident_app`, the
 * only value they may send). Staff recording a resident's acceptance say how they got it — `phone`
 * or `in_person` — so an acceptance "by the resident" typed in by the front desk stays
 * distinguishable (with who entered it) from one the resident gave themselves; a supervisor's own
 * check has a channel only if one is sent.
 */
function acceptanceChannelOf(
  user: AuthenticatedUser,
  request: AcceptWorkOrderRequest,
): AcceptanceChannel | null {
  if (user.role === 'resident') {
    if (request.acceptanceChannel !== undefined && request.acceptanceChannel !== 'resident_app')
      throw new ForbiddenError(
        'ACCEPTANCE_CHANNEL_FORBIDDEN',
        'A resident accepts in the app: acceptanceChannel is resident_app (or leave it out)',
      );
    return 'resident_app';
  }
  if (request.acceptanceChannel === 'resident_app')
    throw new UnprocessableError(
      'ACCEPTANCE_CHANNEL_INVALID',
      'resident_app is for residents accepting themselves; staff entering an acceptance send phone or in_person',
      { field: 'acceptanceChannel', allowed: ['phone', 'in_person'] },
    );
  if (request.by === 'resident' && request.acceptanceChannel === undefined)
    throw new UnprocessableError(
      'ACCEPTANCE_CHANNEL_REQUIRED',
      'Say how the resident accepted: acceptanceChannel phone (a phone confirmation) or in_person (signed in front of you)',
      { field: 'acceptanceChannel', allowed: ['phone', 'in_person'] },
    );
  return request.acceptanceChannel ?? null;
}
