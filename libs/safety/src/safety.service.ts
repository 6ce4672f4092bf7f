import { Injectable } from '@nestjs/common';
import { AuthenticatedUser, assertRecordVisible, restrictToVisibleEstates } from '@estate/auth';
import { AuditService, CodeCounterService, TransactionService } from '@estate/database';
import { Estate, EstatesService, Unit } from '@estate/estates';
import {
  assertClientInstant,
  BadRequestError,
  Clock,
  ConflictError,
  createOnce,
  DATE_TIME_FORMAT,
  ExportColumn,
  fenToYuan,
  localWallClock,
  notFound,
  Page,
  pageOfQuery,
  periodRange,
  Recorded,
  streamXlsx,
  UnprocessableError,
  yearToDateRange,
  YUAN_FORMAT,
} from '@estate/shared';
import { DateTime } from 'luxon';
import type { Response } from 'express';
import { EntityManager } from 'typeorm';
import {
  AddIncidentActionRequest,
  CloseIncidentRequest,
  CreateIncidentRequest,
  HandleViolationRequest,
  IncidentExportQuery,
  IncidentQuery,
  IncidentResponse,
  RectifyViolationRequest,
  SafetySummaryResponse,
} from './dto/incident.dto';
import { IncidentAction, nextState } from './incident-state';
import {
  ActionKind,
  IncidentSource,
  IncidentType,
  SafetyIncident,
  SafetyIncidentAction,
  ViolationSubtype,
} from './safety-incident.entity';
import { SafetyKpiService } from './safety-kpi.service';
import { toIncidentResponse } from './safety.mapper';

/** What another module (patrol) supplies to record an incident inside its own transaction. */
export interface NewIncident {
  clientId?: string | null;
  type: IncidentType;
  violationSubtype?: ViolationSubtype | null;
  occurredAt: Date;
  location?: string | null;
  unitId?: string | null;
  description: string;
  reportNumber?: string | null;
  lossesFen?: number | null;
  source: IncidentSource;
  patrolScanId?: string | null;
}

const actorOf = (user: AuthenticatedUser) => ({ id: user.id, name: user.displayName });

/** Security cases, fire alarms, fires and violations, and their handling (see docs/safety.md). */
@Injectable()
export class SafetyService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly audit: AuditService,
    private readonly codes: CodeCounterService,
    private readonly clock: Clock,
    private readonly kpi: SafetyKpiService,
  ) {}

  /** Records an incident; the same clientId again returns the first record (`created: false`). */
  async create(user: AuthenticatedUser, request: CreateIncidentRequest): Promise<Recorded<IncidentResponse>> {
    const estate = await this.estates.accessibleEstate(user, request.estateId);
    const result = await createOnce(
      request.clientId,
      () => this.findByClientId(estate.id, request.clientId as string),
      () =>
        this.transactions.run((manager) =>
          this.record(manager, estate, user, { ...request, source: 'manual', patrolScanId: null }),
        ),
    );
    return { created: result.created, record: toIncidentResponse(result.record) };
  }

  /**
   * Validates and inserts an incident inside the caller's transaction (patrol uses this to turn an
   * abnormal scan into an incident in one step). Throws before writing anything on bad input.
   */
  async record(
    manager: EntityManager,
    estate: Estate,
    user: AuthenticatedUser,
    incident: NewIncident,
  ): Promise<SafetyIncident> {
    if (incident.type === 'violation' && !incident.violationSubtype)
      throw new BadRequestError('VIOLATION_SUBTYPE_REQUIRED', 'A violation needs a violationSubtype');
    if (incident.type !== 'violation' && incident.violationSubtype)
      throw new BadRequestError(
        'VIOLATION_SUBTYPE_NOT_ALLOWED',
        `violationSubtype is only for violations, not ${incident.type}`,
      );
    assertClientInstant('occurredAt', incident.occurredAt, this.clock.now());
    if (incident.unitId) {
      const unit = await manager.findOneBy(Unit, { id: incident.unitId });
      if (!unit || unit.estateId !== estate.id)
        throw new UnprocessableError(
          'UNIT_NOT_FOUND',
          `Unit ${incident.unitId} does not exist in this estate`,
        );
    }
    const year = DateTime.fromJSDate(incident.occurredAt, { zone: estate.timeZone }).year;
    const entity = manager.create(SafetyIncident, {
      estateId: estate.id,
      code: await this.codes.nextCode(manager, estate.id, 'SI', year),
      clientId: incident.clientId ?? null,
      type: incident.type,
      violationSubtype: incident.violationSubtype ?? null,
      status: 'open',
      occurredAt: incident.occurredAt,
      location: incident.location ?? null,
      unitId: incident.unitId ?? null,
      description: incident.description,
      reportedById: user.id,
      reportedByName: user.displayName,
      reportNumber: incident.reportNumber ?? null,
      lossesFen: incident.lossesFen ?? null,
      source: incident.source,
      patrolScanId: incident.patrolScanId ?? null,
      handledAt: null,
      handlingOutcome: null,
      rectifiedAt: null,
      closedAt: null,
    });
    await manager.save(entity);
    await this.audit.record(manager, {
      estateId: estate.id,
      entityType: 'safety_incident',
      entityId: entity.id,
      action: 'create',
      actor: actorOf(user),
      toState: 'open',
      details: { type: entity.type, source: entity.source },
    });
    return entity;
  }

  async list(user: AuthenticatedUser, query: IncidentQuery): Promise<Page<IncidentResponse>> {
    if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
    const builder = this.transactions.dataSource.manager.createQueryBuilder(SafetyIncident, 'incident');
    if (query.estateId) builder.andWhere('incident.estate_id = :estateId', { estateId: query.estateId });
    restrictToVisibleEstates(builder, 'incident', user);
    if (query.type?.length) builder.andWhere('incident.type IN (:...types)', { types: query.type });
    if (query.status?.length)
      builder.andWhere('incident.status IN (:...statuses)', { statuses: query.status });
    if (query.open === true) builder.andWhere("incident.status = 'open'");
    if (query.open === false) builder.andWhere("incident.status <> 'open'");
    if (query.from) builder.andWhere('incident.occurred_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('incident.occurred_at < :to', { to: query.to });
    return pageOfQuery(
      builder,
      [
        ['incident.occurred_at', 'DESC'],
        ['incident.id', 'DESC'],
      ],
      query,
      toIncidentResponse,
    );
  }

  async get(user: AuthenticatedUser, id: string): Promise<IncidentResponse> {
    const manager = this.transactions.dataSource.manager;
    const incident = await this.visibleIncident(manager, user, id);
    return toIncidentResponse(incident, await this.actionsOf(manager, id));
  }

  /** Violations: stopped / rectified / referred to the authority, at `handledAt`. */
  async handle(
    user: AuthenticatedUser,
    id: string,
    request: HandleViolationRequest,
  ): Promise<IncidentResponse> {
    return this.change(user, id, 'handle', request.handledAt, request.description, (incident, at) => {
      incident.handledAt = at;
      incident.handlingOutcome = request.outcome;
      if (request.outcome === 'rectified') {
        incident.status = nextState(incident.type, incident.status, 'rectify');
        incident.rectifiedAt = at;
      }
    });
  }

  /** Violations already handled (e.g. stopped): the party has now put it right. */
  async rectify(
    user: AuthenticatedUser,
    id: string,
    request: RectifyViolationRequest,
  ): Promise<IncidentResponse> {
    return this.change(user, id, 'rectify', request.rectifiedAt, request.description, (incident, at) => {
      incident.rectifiedAt = at;
    });
  }

  /** Non-violation incidents: dealt with. */
  async close(user: AuthenticatedUser, id: string, request: CloseIncidentRequest): Promise<IncidentResponse> {
    return this.change(user, id, 'close', request.closedAt, request.description, (incident, at) => {
      incident.closedAt = at;
    });
  }

  /** A step taken (who, when, what) without changing the state. */
  async addAction(
    user: AuthenticatedUser,
    id: string,
    request: AddIncidentActionRequest,
  ): Promise<IncidentResponse> {
    return this.change(user, id, 'note', request.at, request.description, () => undefined);
  }

  async summary(user: AuthenticatedUser, estateId: string, period: string): Promise<SafetySummaryResponse> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    const [month, yearToDate, households, handling] = await Promise.all([
      this.kpi.countsByType(estate.id, periodRange(period, estate.timeZone)),
      this.kpi.countsByType(estate.id, yearToDateRange(period, estate.timeZone)),
      this.kpi.households(estate.id, period),
      this.kpi.violationHandlingRate(estate.id, period),
    ]);
    const rate = (events: number) => ({
      events,
      households,
      percent: households > 0 ? Math.round((events / households) * 10000) / 100 : null,
    });
    return {
      estateId: estate.id,
      period,
      month,
      yearToDate,
      yearToDateRates: {
        fire_alarm: rate(yearToDate.fire_alarm),
        fire: rate(yearToDate.fire),
        violation: rate(yearToDate.violation),
      },
      violationBacklog: {
        openDuringMonth: handling.denominator,
        handledByPeriodEnd: handling.numerator,
        unhandledAtPeriodEnd: handling.denominator - handling.numerator,
        handlingPercent:
          handling.denominator > 0
            ? Math.round((handling.numerator / handling.denominator) * 10000) / 100
            : null,
      },
    };
  }

  /** Streams the incident log of one estate as .xlsx (times in the estate's zone, losses in yuan). */
  async exportIncidents(
    user: AuthenticatedUser,
    query: IncidentExportQuery,
    response: Response,
  ): Promise<void> {
    const estate = await this.estates.accessibleEstate(user, query.estateId);
    const zone = estate.timeZone;
    const builder = this.transactions.dataSource.manager
      .createQueryBuilder(SafetyIncident, 'incident')
      .where('incident.estate_id = :estateId', { estateId: estate.id });
    if (query.type?.length) builder.andWhere('incident.type IN (:...types)', { types: query.type });
    if (query.from) builder.andWhere('incident.occurred_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('incident.occurred_at < :to', { to: query.to });
    builder.orderBy('incident.occurred_at', 'ASC').addOrderBy('incident.id', 'ASC');
    const columns: ExportColumn<SafetyIncident>[] = [
      { header: '编号 Code', value: (row) => row.code },
      { header: '类型 Type', value: (row) => row.type },
      { header: '违章类别 Violation subtype', value: (row) => row.violationSubtype },
      {
        header: '发生时间 Occurred',
        numFmt: DATE_TIME_FORMAT,
        value: (row) => localWallClock(row.occurredAt, zone),
      },
      { header: '地点 Location', width: 24, value: (row) => row.location },
      { header: '描述 Description', width: 40, value: (row) => row.description },
      { header: '报告人 Reported by', value: (row) => row.reportedByName },
      { header: '报警编号 Report no.', value: (row) => row.reportNumber },
      { header: '损失(元) Losses (yuan)', numFmt: YUAN_FORMAT, value: (row) => fenToYuan(row.lossesFen) },
      { header: '状态 Status', value: (row) => row.status },
      { header: '处理结果 Outcome', value: (row) => row.handlingOutcome },
      {
        header: '处理时间 Handled',
        numFmt: DATE_TIME_FORMAT,
        value: (row) => localWallClock(row.handledAt, zone),
      },
      {
        header: '整改时间 Rectified',
        numFmt: DATE_TIME_FORMAT,
        value: (row) => localWallClock(row.rectifiedAt, zone),
      },
      {
        header: '关闭时间 Closed',
        numFmt: DATE_TIME_FORMAT,
        value: (row) => localWallClock(row.closedAt, zone),
      },
    ];
    await streamXlsx(
      response,
      `safety-incidents-${estate.code}.xlsx`,
      '安全事件 Incidents',
      columns,
      (offset, limit) => builder.clone().skip(offset).take(limit).getMany(),
    );
  }

  async findByClientId(estateId: string, clientId: string): Promise<SafetyIncident | null> {
    return this.transactions.dataSource.manager.findOneBy(SafetyIncident, { estateId, clientId });
  }

  private async change(
    user: AuthenticatedUser,
    id: string,
    action: IncidentAction,
    requestedAt: Date | undefined,
    description: string,
    apply: (incident: SafetyIncident, at: Date) => void,
  ): Promise<IncidentResponse> {
    return this.transactions.run(async (manager) => {
      const incident = await this.visibleIncident(manager, user, id);
      const fromState = incident.status;
      const toState = nextState(incident.type, fromState, action);
      const at = requestedAt ?? this.clock.now();
      const lowerBound =
        action === 'rectify' && incident.handledAt
          ? { instant: incident.handledAt, code: 'TIME_BEFORE_HANDLED', what: 'the handling' }
          : { instant: incident.occurredAt, code: 'TIME_BEFORE_OCCURRED', what: 'the incident occurred' };
      assertClientInstant(action === 'note' ? 'at' : `${action} time`, at, this.clock.now(), lowerBound);
      incident.status = toState;
      apply(incident, at);
      const updated = await manager
        .createQueryBuilder()
        .update(SafetyIncident)
        .set({
          status: incident.status,
          handledAt: incident.handledAt,
          handlingOutcome: incident.handlingOutcome,
          rectifiedAt: incident.rectifiedAt,
          closedAt: incident.closedAt,
          updatedAt: this.clock.now(),
        })
        .where('id = :id AND version = :version', { id: incident.id, version: incident.version })
        .execute();
      if (updated.affected !== 1)
        throw new ConflictError(
          'CONCURRENT_MODIFICATION',
          'The incident changed meanwhile; reload and retry',
        );
      incident.version += 1;
      await manager.save(
        manager.create(SafetyIncidentAction, {
          estateId: incident.estateId,
          incidentId: incident.id,
          kind: action as ActionKind,
          at,
          actorId: user.id,
          actorName: user.displayName,
          description,
        }),
      );
      if (action !== 'note')
        await this.audit.record(manager, {
          estateId: incident.estateId,
          entityType: 'safety_incident',
          entityId: incident.id,
          action,
          actor: actorOf(user),
          fromState,
          toState: incident.status,
          note: description,
          details: { at: at.toISOString(), outcome: incident.handlingOutcome },
        });
      return toIncidentResponse(incident, await this.actionsOf(manager, incident.id));
    });
  }

  private async visibleIncident(
    manager: EntityManager,
    user: AuthenticatedUser,
    id: string,
  ): Promise<SafetyIncident> {
    const incident = await manager.findOneBy(SafetyIncident, { id });
    if (!incident) throw notFound('Safety incident', id);
    assertRecordVisible(user, incident.estateId, notFound('Safety incident', id));
    return incident;
  }

  private actionsOf(manager: EntityManager, incidentId: string): Promise<SafetyIncidentAction[]> {
    return manager.find(SafetyIncidentAction, { where: { incidentId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
