import { Injectable } from '@nestjs/common';
import { AuthenticatedUser, assertRecordVisible } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { IncidentResponse, SafetyIncident, SafetyService, toIncidentResponse } from '@estate/safety';
import { WorkOrder, WorkOrdersService } from '@estate/work-orders';
import {
  assertClientInstant,
  BadRequestError,
  Clock,
  ConflictError,
  createOnce,
  DATE_TIME_FORMAT,
  ExportColumn,
  localWallClock,
  notFound,
  Page,
  pageOf,
  pageOfQuery,
  Recorded,
  streamXlsx,
  UnprocessableError,
} from '@estate/shared';
import type { Response } from 'express';
import { EntityManager, In } from 'typeorm';
import {
  CheckpointResponse,
  CreateCheckpointRequest,
  CreateIncidentFromScanRequest,
  CreateWorkOrderFromScanRequest,
  FindingWorkOrderResponse,
  CreateRouteRequest,
  EstateListQuery,
  FindingQuery,
  FindingResponse,
  FinishRoundRequest,
  RoundExportQuery,
  RoundQuery,
  RoundResponse,
  RouteResponse,
  ScanRequest,
  ScanResponse,
  StartRoundRequest,
} from './dto/patrol.dto';
import { matchSlot, roundOutcome } from './patrol-schedule';
import { toCheckpointResponse, toRoundResponse, toRouteResponse, toScanResponse } from './patrol.mapper';
import {
  PatrolCheckpoint,
  PatrolRound,
  PatrolRoundMiss,
  PatrolRoute,
  PatrolRouteCheckpoint,
  PatrolScan,
} from './patrol.entities';
import { nextRoundState } from './round-state';

const actorOf = (user: AuthenticatedUser) => ({ id: user.id, name: user.displayName });
export const normaliseTag = (tag: string) => tag.trim().toUpperCase();

/** Checkpoints, routes, rounds and scans (see docs/patrol.md). */
@Injectable()
export class PatrolService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly safety: SafetyService,
    private readonly workOrders: WorkOrdersService,
  ) {}

  // Checkpoints and routes ------------------------------------------------------------------------

  async createCheckpoint(
    user: AuthenticatedUser,
    request: CreateCheckpointRequest,
  ): Promise<CheckpointResponse> {
    const estate = await this.estates.accessibleEstate(user, request.estateId);
    const tagValue = normaliseTag(request.tagValue);
    return this.transactions.run(async (manager) => {
      if (await manager.existsBy(PatrolCheckpoint, { estateId: estate.id, tagValue }))
        throw new ConflictError(
          'TAG_TAKEN',
          `Tag ${tagValue} is already used by a checkpoint of this estate`,
        );
      const checkpoint = manager.create(PatrolCheckpoint, {
        estateId: estate.id,
        name: request.name,
        location: request.location ?? null,
        tagValue,
        active: true,
      });
      await manager.save(checkpoint);
      return toCheckpointResponse(checkpoint);
    });
  }

  async listCheckpoints(user: AuthenticatedUser, query: EstateListQuery): Promise<Page<CheckpointResponse>> {
    const builder = await this.estates.scopedQuery(user, PatrolCheckpoint, 'checkpoint', query.estateId);
    return pageOfQuery(
      builder,
      [
        ['checkpoint.name', 'ASC'],
        ['checkpoint.id', 'ASC'],
      ],
      query,
      toCheckpointResponse,
    );
  }

  async createRoute(user: AuthenticatedUser, request: CreateRouteRequest): Promise<RouteResponse> {
    const estate = await this.estates.accessibleEstate(user, request.estateId);
    if (new Set(request.checkpointIds).size !== request.checkpointIds.length)
      throw new BadRequestError('CHECKPOINT_REPEATED', 'A checkpoint may appear only once on a route');
    return this.transactions.run(async (manager) => {
      const found = await manager.findBy(PatrolCheckpoint, {
        id: In(request.checkpointIds),
        estateId: estate.id,
      });
      const missing = request.checkpointIds.filter((id) => !found.some((checkpoint) => checkpoint.id === id));
      if (missing.length)
        throw new UnprocessableError(
          'CHECKPOINT_NOT_FOUND',
          `Checkpoints not found in this estate: ${missing.join(', ')}`,
          { missing },
        );
      if (await manager.existsBy(PatrolRoute, { estateId: estate.id, name: request.name }))
        throw new ConflictError(
          'ROUTE_NAME_TAKEN',
          `A route named ${request.name} already exists in this estate`,
        );
      const route = manager.create(PatrolRoute, {
        estateId: estate.id,
        name: request.name,
        expectedDurationMinutes: request.expectedDurationMinutes,
        intervalMinutes: request.intervalMinutes,
        activeFrom: request.activeFrom,
        activeTo: request.activeTo,
        active: true,
        deactivatedAt: null,
        createdAt: this.clock.now(),
      });
      await manager.save(route);
      for (const [position, checkpointId] of request.checkpointIds.entries())
        await manager.save(
          manager.create(PatrolRouteCheckpoint, { routeId: route.id, checkpointId, position }),
        );
      return toRouteResponse(route, request.checkpointIds);
    });
  }

  async listRoutes(user: AuthenticatedUser, query: EstateListQuery): Promise<Page<RouteResponse>> {
    const builder = await this.estates.scopedQuery(user, PatrolRoute, 'route', query.estateId);
    const [rows, total] = await builder
      .orderBy('route.name', 'ASC')
      .addOrderBy('route.id', 'ASC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    const links = rows.length
      ? await this.transactions.dataSource.manager.find(PatrolRouteCheckpoint, {
          where: { routeId: In(rows.map((route) => route.id)) },
          order: { position: 'ASC' },
        })
      : [];
    return pageOf(
      rows.map((route) =>
        toRouteResponse(
          route,
          links.filter((link) => link.routeId === route.id).map((link) => link.checkpointId),
        ),
      ),
      total,
      query,
    );
  }

  // Rounds ----------------------------------------------------------------------------------------

  /** A guard starts a round; it is matched to its schedule slot and measured for lateness. */
  async startRound(user: AuthenticatedUser, request: StartRoundRequest): Promise<Recorded<RoundResponse>> {
    const route = await this.transactions.dataSource.manager.findOneBy(PatrolRoute, { id: request.routeId });
    const missing = new UnprocessableError('ROUTE_NOT_FOUND', `Route ${request.routeId} does not exist`);
    if (!route) throw missing;
    assertRecordVisible(user, route.estateId, missing);
    const estate = await this.estates.require(route.estateId);
    const result = await createOnce(
      request.clientId,
      () =>
        this.transactions.dataSource.manager.findOneBy(PatrolRound, {
          estateId: route.estateId,
          clientId: request.clientId,
        }),
      () =>
        this.transactions.run(async (manager) => {
          if (!route.active)
            throw new ConflictError('ROUTE_INACTIVE', `Route ${route.name} is no longer active`);
          assertClientInstant('startedAt', request.startedAt, this.clock.now());
          const checkpointIds = (
            await manager.find(PatrolRouteCheckpoint, {
              where: { routeId: route.id },
              order: { position: 'ASC' },
            })
          ).map((link) => link.checkpointId);
          const match = matchSlot(route, estate.timeZone, request.startedAt);
          const round = manager.create(PatrolRound, {
            estateId: route.estateId,
            clientId: request.clientId ?? null,
            routeId: route.id,
            guardId: user.id,
            guardName: user.displayName,
            status: 'in_progress',
            startedAt: request.startedAt,
            finishedAt: null,
            slotStart: match?.slot.start ?? null,
            lateMinutes: match?.lateMinutes ?? null,
            expectedCheckpointIds: checkpointIds,
            expectedCount: checkpointIds.length,
            scannedCount: 0,
            missedCount: 0,
            outOfOrderCount: 0,
          });
          await manager.save(round);
          return round;
        }),
    );
    return { created: result.created, record: toRoundResponse(result.record) };
  }

  /** A checkpoint scan; client time must lie between the round start and now + 5 min. */
  async scan(
    user: AuthenticatedUser,
    roundId: string,
    request: ScanRequest,
  ): Promise<Recorded<ScanResponse>> {
    const round = await this.visibleRound(this.transactions.dataSource.manager, user, roundId);
    const result = await createOnce(
      request.clientId,
      () =>
        this.transactions.dataSource.manager.findOneBy(PatrolScan, {
          estateId: round.estateId,
          clientId: request.clientId,
        }),
      () =>
        this.transactions.run(async (manager) => {
          const current = await manager.findOneByOrFail(PatrolRound, { id: round.id });
          nextRoundState(current.status, 'scan');
          if (request.abnormal && !request.abnormalDescription)
            throw new BadRequestError('ABNORMAL_DESCRIPTION_REQUIRED', 'Describe the abnormal finding');
          assertClientInstant('scannedAt', request.scannedAt, this.clock.now(), {
            instant: current.startedAt,
            code: 'TIME_BEFORE_ROUND_START',
            what: 'the round started',
          });
          const tagValue = normaliseTag(request.tagValue);
          const checkpoint = await manager.findOneBy(PatrolCheckpoint, {
            estateId: current.estateId,
            tagValue,
          });
          if (!checkpoint)
            throw new UnprocessableError(
              'CHECKPOINT_NOT_FOUND',
              `No checkpoint of this estate has tag ${tagValue}`,
            );
          if (!current.expectedCheckpointIds.includes(checkpoint.id))
            throw new UnprocessableError(
              'CHECKPOINT_NOT_ON_ROUTE',
              `Checkpoint ${checkpoint.name} is not on this round's route`,
            );
          const scan = manager.create(PatrolScan, {
            estateId: current.estateId,
            clientId: request.clientId ?? null,
            roundId: current.id,
            checkpointId: checkpoint.id,
            scannedAt: request.scannedAt,
            note: request.note ?? null,
            abnormal: request.abnormal ?? false,
            abnormalDescription: request.abnormal ? (request.abnormalDescription ?? null) : null,
            outOfOrder: false,
            incidentId: null,
            workOrderId: null,
          });
          await manager.save(scan);
          return scan;
        }),
    );
    return { created: result.created, record: toScanResponse(result.record) };
  }

  async finishRound(
    user: AuthenticatedUser,
    roundId: string,
    request: FinishRoundRequest,
  ): Promise<RoundResponse> {
    return this.transactions.run(async (manager) => {
      const round = await this.visibleRound(manager, user, roundId);
      const finishedAt = request.finishedAt ?? this.clock.now();
      nextRoundState(round.status, 'finish');
      assertClientInstant('finishedAt', finishedAt, this.clock.now(), {
        instant: round.startedAt,
        code: 'TIME_BEFORE_ROUND_START',
        what: 'the round started',
      });
      await this.closeRound(manager, round, 'finish', finishedAt, actorOf(user));
      return this.detail(manager, round);
    });
  }

  /**
   * Closes a round (guard's finish or the sweep's expiry): compares scans with the route, marks
   * out-of-order scans, records missed checkpoints, and stores the counts. One transaction.
   */
  async closeRound(
    manager: EntityManager,
    round: PatrolRound,
    action: 'finish' | 'expire',
    finishedAt: Date,
    actor: { id: string | null; name: string | null },
  ): Promise<void> {
    const toState = nextRoundState(round.status, action);
    const scans = await manager.find(PatrolScan, {
      where: { roundId: round.id },
      order: { scannedAt: 'ASC', id: 'ASC' },
    });
    const outcome = roundOutcome(round.expectedCheckpointIds, scans);
    const updated = await manager
      .createQueryBuilder()
      .update(PatrolRound)
      .set({
        status: toState,
        finishedAt,
        scannedCount: outcome.scannedCheckpointIds.length,
        missedCount: outcome.missedCheckpointIds.length,
        outOfOrderCount: outcome.outOfOrderScanIds.length,
        updatedAt: this.clock.now(),
      })
      .where('id = :id AND version = :version', { id: round.id, version: round.version })
      .execute();
    if (updated.affected !== 1)
      throw new ConflictError('CONCURRENT_MODIFICATION', 'The round changed meanwhile; reload and retry');
    if (outcome.outOfOrderScanIds.length)
      await manager.update(PatrolScan, { id: In(outcome.outOfOrderScanIds) }, { outOfOrder: true });
    for (const checkpointId of outcome.missedCheckpointIds)
      await manager.save(
        manager.create(PatrolRoundMiss, {
          estateId: round.estateId,
          roundId: round.id,
          routeId: round.routeId,
          checkpointId,
          guardId: round.guardId,
          roundStartedAt: round.startedAt,
        }),
      );
    await this.audit.record(manager, {
      estateId: round.estateId,
      entityType: 'patrol_round',
      entityId: round.id,
      action,
      actor,
      fromState: round.status,
      toState,
      details: { missed: outcome.missedCheckpointIds, outOfOrder: outcome.outOfOrderScanIds.length },
    });
    Object.assign(round, {
      status: toState,
      finishedAt,
      scannedCount: outcome.scannedCheckpointIds.length,
      missedCount: outcome.missedCheckpointIds.length,
      outOfOrderCount: outcome.outOfOrderScanIds.length,
      version: round.version + 1,
    });
  }

  async getRound(user: AuthenticatedUser, id: string): Promise<RoundResponse> {
    const manager = this.transactions.dataSource.manager;
    return this.detail(manager, await this.visibleRound(manager, user, id));
  }

  async listRounds(user: AuthenticatedUser, query: RoundQuery): Promise<Page<RoundResponse>> {
    const builder = await this.estates.scopedQuery(user, PatrolRound, 'round', query.estateId);
    if (query.routeId) builder.andWhere('round.route_id = :routeId', { routeId: query.routeId });
    if (query.guardId) builder.andWhere('round.guard_id = :guardId', { guardId: query.guardId });
    if (query.status) builder.andWhere('round.status = :status', { status: query.status });
    if (query.from) builder.andWhere('round.started_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('round.started_at < :to', { to: query.to });
    return pageOfQuery(
      builder,
      [
        ['round.started_at', 'DESC'],
        ['round.id', 'DESC'],
      ],
      query,
      toRoundResponse,
    );
  }

  /** Streams the round log of one estate as .xlsx (times in the estate's zone). */
  async exportRounds(user: AuthenticatedUser, query: RoundExportQuery, response: Response): Promise<void> {
    const estate = await this.estates.accessibleEstate(user, query.estateId);
    const manager = this.transactions.dataSource.manager;
    const routes = new Map(
      (await manager.findBy(PatrolRoute, { estateId: estate.id })).map((route) => [route.id, route.name]),
    );
    const builder = manager
      .createQueryBuilder(PatrolRound, 'round')
      .where('round.estate_id = :estateId', { estateId: estate.id });
    if (query.from) builder.andWhere('round.started_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('round.started_at < :to', { to: query.to });
    builder.orderBy('round.started_at', 'ASC').addOrderBy('round.id', 'ASC');
    const zone = estate.timeZone;
    const columns: ExportColumn<PatrolRound>[] = [
      { header: '路线 Route', width: 24, value: (row) => routes.get(row.routeId) ?? row.routeId },
      { header: '保安 Guard', value: (row) => row.guardName },
      { header: '班次 Slot', numFmt: DATE_TIME_FORMAT, value: (row) => localWallClock(row.slotStart, zone) },
      {
        header: '开始 Started',
        numFmt: DATE_TIME_FORMAT,
        value: (row) => localWallClock(row.startedAt, zone),
      },
      {
        header: '结束 Finished',
        numFmt: DATE_TIME_FORMAT,
        value: (row) => localWallClock(row.finishedAt, zone),
      },
      { header: '迟到(分) Late (min)', value: (row) => row.lateMinutes },
      { header: '状态 Status', value: (row) => row.status },
      { header: '应巡点 Expected', value: (row) => row.expectedCount },
      { header: '已巡点 Scanned', value: (row) => row.scannedCount },
      { header: '漏巡点 Missed', value: (row) => row.missedCount },
      { header: '顺序错误 Out of order', value: (row) => row.outOfOrderCount },
    ];
    await streamXlsx(
      response,
      `patrol-rounds-${estate.code}.xlsx`,
      '巡逻记录 Rounds',
      columns,
      (offset, limit) => builder.clone().skip(offset).take(limit).getMany(),
    );
  }

  // Abnormal findings -----------------------------------------------------------------------------

  /** Abnormal scans with what a follow-up needs: route, checkpoint, guard, description, time. */
  async listFindings(user: AuthenticatedUser, query: FindingQuery): Promise<Page<FindingResponse>> {
    const builder = await this.estates.scopedQuery(user, PatrolScan, 'scan', query.estateId);
    builder
      .innerJoin(PatrolRound, 'round', 'round.id = scan.round_id')
      .innerJoin(PatrolRoute, 'route', 'route.id = round.route_id')
      .innerJoin(PatrolCheckpoint, 'checkpoint', 'checkpoint.id = scan.checkpoint_id')
      .andWhere('scan.abnormal = 1');
    if (query.from) builder.andWhere('scan.scanned_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('scan.scanned_at < :to', { to: query.to });
    const total = await builder.getCount();
    const rows: Record<string, unknown>[] = await builder
      .select([
        'scan.id AS scanId',
        'scan.estate_id AS estateId',
        'scan.round_id AS roundId',
        'round.route_id AS routeId',
        'route.name AS routeName',
        'scan.checkpoint_id AS checkpointId',
        'checkpoint.name AS checkpointName',
        'round.guard_id AS guardId',
        'round.guard_name AS guardName',
        'scan.scanned_at AS scannedAt',
        'scan.abnormal_description AS description',
        'scan.incident_id AS incidentId',
        'scan.work_order_id AS workOrderId',
      ])
      .orderBy('scan.scanned_at', 'DESC')
      .addOrderBy('scan.id', 'DESC')
      .offset(query.offset)
      .limit(query.pageSize)
      .getRawMany();
    return pageOf(rows.map(toFinding), total, query);
  }

  /**
   * Turns an abnormal finding into a safety incident in one step (source `patrol`, occurredAt = the
   * scan time, location = the checkpoint). A second call returns the incident already created.
   */
  async createIncidentFromScan(
    user: AuthenticatedUser,
    scanId: string,
    request: CreateIncidentFromScanRequest,
  ): Promise<Recorded<IncidentResponse>> {
    const result = await this.transactions.run(async (manager) => {
      const scan = await manager.findOneBy(PatrolScan, { id: scanId });
      if (!scan) throw notFound('Patrol scan', scanId);
      assertRecordVisible(user, scan.estateId, notFound('Patrol scan', scanId));
      if (scan.incidentId)
        return {
          created: false,
          record: await manager.findOneByOrFail(SafetyIncident, { id: scan.incidentId }),
        };
      if (!scan.abnormal)
        throw new ConflictError('SCAN_NOT_ABNORMAL', 'Only an abnormal finding can become an incident');
      const estate = await this.estates.require(scan.estateId, manager);
      const checkpoint = await manager.findOneByOrFail(PatrolCheckpoint, { id: scan.checkpointId });
      const incident = await this.safety.record(manager, estate, user, {
        clientId: request.clientId ?? null,
        type: request.type,
        violationSubtype: request.violationSubtype ?? null,
        occurredAt: scan.scannedAt,
        location: [checkpoint.name, checkpoint.location].filter(Boolean).join(' · '),
        description: request.description ?? scan.abnormalDescription ?? checkpoint.name,
        source: 'patrol',
        patrolScanId: scan.id,
      });
      await manager.update(PatrolScan, { id: scan.id }, { incidentId: incident.id });
      return { created: true, record: incident };
    });
    return { created: result.created, record: toIncidentResponse(result.record) };
  }

  /**
   * Turn an abnormal finding into a work order (channel `patrol`) in one step, in the same
   * transaction that links it to the scan (201), or return the order already made (200).
   */
  async createWorkOrderFromScan(
    user: AuthenticatedUser,
    scanId: string,
    request: CreateWorkOrderFromScanRequest,
  ): Promise<Recorded<FindingWorkOrderResponse>> {
    return this.transactions.run(async (manager) => {
      const scan = await manager.findOneBy(PatrolScan, { id: scanId });
      if (!scan) throw notFound('Patrol scan', scanId);
      assertRecordVisible(user, scan.estateId, notFound('Patrol scan', scanId));
      if (scan.workOrderId) {
        const existing = await manager.findOneByOrFail(WorkOrder, { id: scan.workOrderId });
        return { created: false, record: { scanId, workOrderId: existing.id, workOrderCode: existing.code } };
      }
      if (!scan.abnormal)
        throw new ConflictError('SCAN_NOT_ABNORMAL', 'Only an abnormal finding can become a work order');
      const estate = await this.estates.require(scan.estateId, manager);
      if (
        request.category &&
        !this.estates.settingsOf(estate).workOrderCategories.includes(request.category)
      ) {
        throw new UnprocessableError(
          'CATEGORY_UNKNOWN',
          `${request.category} is not a work-order category of this estate`,
        );
      }
      const checkpoint = await manager.findOneByOrFail(PatrolCheckpoint, { id: scan.checkpointId });
      const order = await this.workOrders.createFromFinding(manager, {
        estateId: scan.estateId,
        channel: 'patrol',
        locationText: [checkpoint.name, checkpoint.location].filter(Boolean).join(' · '),
        description: request.description ?? scan.abnormalDescription ?? checkpoint.name,
        priority: request.priority ?? 'routine',
        category: request.category,
        actor: actorOf(user),
      });
      await manager.update(PatrolScan, { id: scan.id }, { workOrderId: order.id });
      return { created: true, record: { scanId, workOrderId: order.id, workOrderCode: order.code } };
    });
  }

  // Helpers ---------------------------------------------------------------------------------------

  private async detail(manager: EntityManager, round: PatrolRound): Promise<RoundResponse> {
    const scans = await manager.find(PatrolScan, {
      where: { roundId: round.id },
      order: { scannedAt: 'ASC', id: 'ASC' },
    });
    const misses = await manager.find(PatrolRoundMiss, { where: { roundId: round.id } });
    const missed = new Set(misses.map((miss) => miss.checkpointId));
    return toRoundResponse(round, {
      scans,
      missedCheckpointIds: round.expectedCheckpointIds.filter((id) => missed.has(id)),
    });
  }

  private async visibleRound(
    manager: EntityManager,
    user: AuthenticatedUser,
    id: string,
  ): Promise<PatrolRound> {
    const round = await manager.findOneBy(PatrolRound, { id });
    if (!round) throw notFound('Patrol round', id);
    assertRecordVisible(user, round.estateId, notFound('Patrol round', id));
    return round;
  }
}

function toFinding(row: Record<string, unknown>): FindingResponse {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  const scannedAt =
    row.scannedAt instanceof Date ? row.scannedAt : new Date(`${String(row.scannedAt).replace(' ', 'T')}Z`);
  return {
    scanId: String(row.scanId),
    estateId: String(row.estateId),
    roundId: String(row.roundId),
    routeId: String(row.routeId),
    routeName: String(row.routeName),
    checkpointId: String(row.checkpointId),
    checkpointName: String(row.checkpointName),
    guardId: String(row.guardId),
    guardName: String(row.guardName),
    scannedAt: scannedAt.toISOString(),
    description: text('description') ?? '',
    incidentId: text('incidentId'),
    workOrderId: text('workOrderId'),
  };
}
