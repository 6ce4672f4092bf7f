import { Injectable } from '@nestjs/common';
import { AuthenticatedUser, assertRecordVisible, User, UsersService } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { areaToHundredths, EstatesService } from '@estate/estates';
import {
  assertClientInstant,
  BadRequestError,
  Clock,
  ConflictError,
  createOnce,
  DATE_TIME_FORMAT,
  daysBetweenLocalDates,
  ExportColumn,
  firstDateOfPeriod,
  lastDateOfPeriod,
  localDateOf,
  localWallClock,
  Page,
  pageOfQuery,
  periodRange,
  Recorded,
  streamXlsx,
  UnprocessableError,
} from '@estate/shared';
import type { Response } from 'express';
import { EntityManager, In } from 'typeorm';
import { CleaningKpiService, PassRateGroup } from './cleaning-kpi.service';
import { scheduledCleanings } from './cleaning-schedule';
import { CleaningInspection, CleaningLog, CleaningZone, FollowUpState } from './cleaning.entities';
import { toCleaningLogResponse, toInspectionResponse, toZoneResponse } from './cleaning.mapper';
import {
  CleaningExportQuery,
  CleaningLogQuery,
  CleaningLogResponse,
  CleaningSummaryResponse,
  CreateCleaningLogRequest,
  CreateInspectionRequest,
  CreateZoneRequest,
  InspectionQuery,
  InspectionResponse,
  PassRateRow,
  ZoneQuery,
  ZoneResponse,
} from './dto/cleaning.dto';
import { initialFollowUp, nextFollowUpState } from './inspection-follow-up-state';

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10000) / 100 : null;

/** Cleaning zones, logs and inspections (see docs/cleaning.md). */
@Injectable()
export class CleaningService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly kpi: CleaningKpiService,
  ) {}

  async createZone(user: AuthenticatedUser, request: CreateZoneRequest): Promise<ZoneResponse> {
    const estate = await this.estates.accessibleEstate(user, request.estateId);
    return this.transactions.run(async (manager) => {
      if (
        request.cleanerId &&
        !(await this.users.isMemberWithRole(manager, request.cleanerId, estate.id, ['cleaner']))
      )
        throw new UnprocessableError(
          'CLEANER_NOT_FOUND',
          `User ${request.cleanerId} is not a cleaner of this estate`,
        );
      if (await manager.existsBy(CleaningZone, { estateId: estate.id, name: request.name }))
        throw new ConflictError(
          'ZONE_NAME_TAKEN',
          `A zone named ${request.name} already exists in this estate`,
        );
      const zone = manager.create(CleaningZone, {
        estateId: estate.id,
        name: request.name,
        type: request.type,
        areaHundredths: request.area === undefined ? null : areaToHundredths(request.area),
        standard: request.standard ?? null,
        frequencyTimes: request.frequencyTimes,
        frequencyUnit: request.frequencyUnit,
        cleanerId: request.cleanerId ?? null,
        active: true,
        createdAt: this.clock.now(),
      });
      await manager.save(zone);
      return toZoneResponse(zone);
    });
  }

  async listZones(user: AuthenticatedUser, query: ZoneQuery): Promise<Page<ZoneResponse>> {
    const builder = await this.estates.scopedQuery(user, CleaningZone, 'zone', query.estateId);
    return pageOfQuery(
      builder,
      [
        ['zone.name', 'ASC'],
        ['zone.id', 'ASC'],
      ],
      query,
      toZoneResponse,
    );
  }

  /** A cleaning by the caller; a re-clean moves the failed inspection on to "re-inspection required". */
  async createLog(
    user: AuthenticatedUser,
    request: CreateCleaningLogRequest,
  ): Promise<Recorded<CleaningLogResponse>> {
    const zone = await this.zoneFor(user, request.zoneId);
    const result = await createOnce(
      request.clientId,
      () =>
        this.transactions.dataSource.manager.findOneBy(CleaningLog, {
          estateId: zone.estateId,
          clientId: request.clientId,
        }),
      () =>
        this.transactions.run(async (manager) => {
          const now = this.clock.now();
          assertClientInstant('startedAt', request.startedAt, now);
          assertClientInstant('finishedAt', request.finishedAt, now, {
            instant: request.startedAt,
            code: 'FINISHED_BEFORE_STARTED',
            what: 'startedAt',
          });
          const inspection = request.reCleanForInspectionId
            ? await this.failedInspection(manager, zone, request.reCleanForInspectionId)
            : null;
          if (inspection)
            assertClientInstant('startedAt', request.startedAt, now, {
              instant: inspection.inspectedAt,
              code: 'TIME_BEFORE_INSPECTION',
              what: 'the failed inspection',
            });
          const log = manager.create(CleaningLog, {
            estateId: zone.estateId,
            clientId: request.clientId ?? null,
            zoneId: zone.id,
            cleanerId: user.id,
            cleanerName: user.displayName,
            startedAt: request.startedAt,
            finishedAt: request.finishedAt,
            tasks: request.tasks,
            note: request.note ?? null,
            reCleanForInspectionId: inspection?.id ?? null,
          });
          await manager.save(log);
          if (inspection)
            await this.advance(manager, user, inspection, 'record_reclean', { reCleanLogId: log.id });
          return log;
        }),
    );
    return { created: result.created, record: toCleaningLogResponse(result.record) };
  }

  async listLogs(user: AuthenticatedUser, query: CleaningLogQuery): Promise<Page<CleaningLogResponse>> {
    const builder = await this.estates.scopedQuery(user, CleaningLog, 'log', query.estateId);
    if (query.zoneId) builder.andWhere('log.zone_id = :zoneId', { zoneId: query.zoneId });
    if (query.from) builder.andWhere('log.started_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('log.started_at < :to', { to: query.to });
    return pageOfQuery(
      builder,
      [
        ['log.started_at', 'DESC'],
        ['log.id', 'DESC'],
      ],
      query,
      toCleaningLogResponse,
    );
  }

  /** A spot check; a re-inspection closes the follow-up of the failed inspection it checks again. */
  async createInspection(
    user: AuthenticatedUser,
    request: CreateInspectionRequest,
  ): Promise<Recorded<InspectionResponse>> {
    const zone = await this.zoneFor(user, request.zoneId);
    if (!request.passed && !request.issues?.length)
      throw new BadRequestError('ISSUES_REQUIRED', 'A failed inspection must list the issues found');
    const result = await createOnce(
      request.clientId,
      () =>
        this.transactions.dataSource.manager.findOneBy(CleaningInspection, {
          estateId: zone.estateId,
          clientId: request.clientId,
        }),
      () =>
        this.transactions.run(async (manager) => {
          const now = this.clock.now();
          assertClientInstant('inspectedAt', request.inspectedAt, now);
          const original = request.reInspectionOfId
            ? await this.failedInspection(manager, zone, request.reInspectionOfId)
            : null;
          if (original) {
            nextFollowUpState(original.followUp, 'record_reinspection');
            const reClean = await manager.findOneByOrFail(CleaningLog, {
              id: original.reCleanLogId as string,
            });
            assertClientInstant('inspectedAt', request.inspectedAt, now, {
              instant: reClean.finishedAt,
              code: 'TIME_BEFORE_RECLEAN',
              what: 'the re-clean finished',
            });
          }
          const inspection = manager.create(CleaningInspection, {
            estateId: zone.estateId,
            clientId: request.clientId ?? null,
            zoneId: zone.id,
            cleanerId: zone.cleanerId,
            inspectorId: user.id,
            inspectorName: user.displayName,
            inspectedAt: request.inspectedAt,
            passed: request.passed,
            score: request.score ?? null,
            issues: request.issues ?? [],
            followUp: initialFollowUp(request.passed),
            reInspectionOfId: original?.id ?? null,
            reCleanLogId: null,
          });
          await manager.save(inspection);
          if (original) await this.advance(manager, user, original, 'record_reinspection', {});
          await this.audit.record(manager, {
            estateId: zone.estateId,
            entityType: 'cleaning_inspection',
            entityId: inspection.id,
            action: 'inspect',
            actor: { id: user.id, name: user.displayName },
            toState: inspection.followUp,
            details: {
              passed: inspection.passed,
              score: inspection.score,
              reInspectionOfId: inspection.reInspectionOfId,
            },
          });
          return inspection;
        }),
    );
    return { created: result.created, record: toInspectionResponse(result.record) };
  }

  async listInspections(user: AuthenticatedUser, query: InspectionQuery): Promise<Page<InspectionResponse>> {
    const builder = await this.estates.scopedQuery(user, CleaningInspection, 'inspection', query.estateId);
    if (query.zoneId) builder.andWhere('inspection.zone_id = :zoneId', { zoneId: query.zoneId });
    if (query.passed !== undefined) builder.andWhere(`inspection.passed = ${query.passed ? 1 : 0}`);
    if (query.followUp) builder.andWhere('inspection.follow_up = :followUp', { followUp: query.followUp });
    if (query.from) builder.andWhere('inspection.inspected_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('inspection.inspected_at < :to', { to: query.to });
    return pageOfQuery(
      builder,
      [
        ['inspection.inspected_at', 'DESC'],
        ['inspection.id', 'DESC'],
      ],
      query,
      toInspectionResponse,
    );
  }

  /** Streams the inspection log of one estate as .xlsx (times in the estate's zone). */
  async exportInspections(
    user: AuthenticatedUser,
    query: CleaningExportQuery,
    response: Response,
  ): Promise<void> {
    const estate = await this.estates.accessibleEstate(user, query.estateId);
    const manager = this.transactions.dataSource.manager;
    const zones = new Map(
      (await manager.findBy(CleaningZone, { estateId: estate.id })).map((zone) => [zone.id, zone.name]),
    );
    const builder = manager
      .createQueryBuilder(CleaningInspection, 'inspection')
      .where('inspection.estate_id = :estateId', { estateId: estate.id });
    if (query.from) builder.andWhere('inspection.inspected_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('inspection.inspected_at < :to', { to: query.to });
    builder.orderBy('inspection.inspected_at', 'ASC').addOrderBy('inspection.id', 'ASC');
    const columns: ExportColumn<CleaningInspection>[] = [
      {
        header: '检查时间 Inspected',
        numFmt: DATE_TIME_FORMAT,
        value: (row) => localWallClock(row.inspectedAt, estate.timeZone),
      },
      { header: '区域 Zone', width: 24, value: (row) => zones.get(row.zoneId) ?? row.zoneId },
      { header: '检查人 Inspector', value: (row) => row.inspectorName },
      { header: '合格 Passed', value: (row) => (row.passed ? '合格 pass' : '不合格 fail') },
      { header: '得分 Score', value: (row) => row.score },
      { header: '问题 Issues', width: 40, value: (row) => (row.issues ?? []).join('; ') },
      { header: '复查 Re-inspection of', width: 38, value: (row) => row.reInspectionOfId },
      { header: '跟进 Follow-up', value: (row) => row.followUp },
    ];
    await streamXlsx(
      response,
      `cleaning-inspections-${estate.code}.xlsx`,
      '保洁检查 Inspections',
      columns,
      (offset, limit) => builder.clone().skip(offset).take(limit).getMany(),
    );
  }

  async summary(user: AuthenticatedUser, estateId: string, period: string): Promise<CleaningSummaryResponse> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    const range = periodRange(period, estate.timeZone);
    const manager = this.transactions.dataSource.manager;
    const [total, byZone, byCleaner] = await Promise.all([
      this.kpi.groupedPassRates(estate.id, range, null),
      this.kpi.groupedPassRates(estate.id, range, 'zone_id'),
      this.kpi.groupedPassRates(estate.id, range, 'cleaner_id'),
    ]);
    const zones = await manager
      .createQueryBuilder(CleaningZone, 'zone')
      .where('zone.estate_id = :estateId AND zone.created_at < :end', { estateId: estate.id, end: range.end })
      .orderBy('zone.name', 'ASC')
      .getMany();
    const logRows: { zoneId: string; regular: string | number; reCleans: string | number }[] = await manager
      .createQueryBuilder(CleaningLog, 'log')
      .select('log.zone_id', 'zoneId')
      .addSelect('SUM(CASE WHEN log.re_clean_for_inspection_id IS NULL THEN 1 ELSE 0 END)', 'regular')
      .addSelect('SUM(CASE WHEN log.re_clean_for_inspection_id IS NULL THEN 0 ELSE 1 END)', 'reCleans')
      .where('log.estate_id = :estateId', { estateId: estate.id })
      .andWhere('log.started_at >= :start AND log.started_at < :end', range)
      .groupBy('log.zone_id')
      .getRawMany();
    const logsByZone = new Map(logRows.map((row) => [row.zoneId, row]));
    const cleanerIds = byCleaner.map((row) => row.key).filter((id): id is string => id !== null);
    const cleaners = cleanerIds.length ? await manager.findBy(User, { id: In(cleanerIds) }) : [];
    const zoneNames = new Map(zones.map((zone) => [zone.id, zone.name]));
    const cleanerNames = new Map(cleaners.map((cleaner) => [cleaner.id, cleaner.displayName]));
    const row = (group: PassRateGroup, names: Map<string, string>): PassRateRow => ({
      id: group.key,
      name: group.key ? (names.get(group.key) ?? null) : null,
      inspections: group.inspections,
      passed: group.passed,
      passPercent: percent(group.passed, group.inspections),
    });
    const firstDate = firstDateOfPeriod(period);
    const lastDate = lastDateOfPeriod(period);
    return {
      estateId: estate.id,
      period,
      inspections: row(total[0] ?? { key: null, inspections: 0, passed: 0 }, new Map()),
      byZone: byZone.map((group) => row(group, zoneNames)),
      byCleaner: byCleaner.map((group) => row(group, cleanerNames)),
      cleanings: zones.map((zone) => {
        // A zone created mid-month is scheduled from its creation date (local) onwards.
        const created = localDateOf(zone.createdAt, estate.timeZone);
        const from = created > firstDate ? created : firstDate;
        const activeDays = daysBetweenLocalDates(from, lastDate) + 1;
        const scheduled = scheduledCleanings(zone.frequencyTimes, zone.frequencyUnit, activeDays);
        const logs = logsByZone.get(zone.id);
        const logged = Number(logs?.regular ?? 0);
        return {
          zoneId: zone.id,
          zoneName: zone.name,
          scheduled,
          logged,
          reCleans: Number(logs?.reCleans ?? 0),
          missed: Math.max(0, scheduled - logged),
        };
      }),
    };
  }

  /** The zone named in a body: 422 when it does not exist or lies in an estate the caller cannot see. */
  private async zoneFor(user: AuthenticatedUser, zoneId: string): Promise<CleaningZone> {
    const zone = await this.transactions.dataSource.manager.findOneBy(CleaningZone, { id: zoneId });
    const missing = new UnprocessableError('ZONE_NOT_FOUND', `Cleaning zone ${zoneId} does not exist`);
    if (!zone) throw missing;
    assertRecordVisible(user, zone.estateId, missing);
    return zone;
  }

  private async failedInspection(
    manager: EntityManager,
    zone: CleaningZone,
    id: string,
  ): Promise<CleaningInspection> {
    const inspection = await manager.findOneBy(CleaningInspection, { id });
    if (!inspection || inspection.estateId !== zone.estateId)
      throw new UnprocessableError('INSPECTION_NOT_FOUND', `Inspection ${id} does not exist`);
    if (inspection.zoneId !== zone.id)
      throw new UnprocessableError('ZONE_MISMATCH', `Inspection ${id} is for another zone`);
    return inspection;
  }

  private async advance(
    manager: EntityManager,
    user: AuthenticatedUser,
    inspection: CleaningInspection,
    action: 'record_reclean' | 'record_reinspection',
    changes: Partial<Pick<CleaningInspection, 'reCleanLogId'>>,
  ): Promise<void> {
    const fromState: FollowUpState = inspection.followUp;
    const toState = nextFollowUpState(fromState, action);
    const updated = await manager
      .createQueryBuilder()
      .update(CleaningInspection)
      .set({ followUp: toState, ...changes, updatedAt: this.clock.now() })
      .where('id = :id AND version = :version', { id: inspection.id, version: inspection.version })
      .execute();
    if (updated.affected !== 1)
      throw new ConflictError(
        'CONCURRENT_MODIFICATION',
        'The inspection changed meanwhile; reload and retry',
      );
    await this.audit.record(manager, {
      estateId: inspection.estateId,
      entityType: 'cleaning_inspection',
      entityId: inspection.id,
      action,
      actor: { id: user.id, name: user.displayName },
      fromState,
      toState,
    });
  }
}
