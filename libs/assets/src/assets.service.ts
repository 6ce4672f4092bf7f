import { Injectable } from '@nestjs/common';
import { assertRecordVisible, AuthenticatedUser, restrictToVisibleEstates } from '@estate/auth';
import { AuditActor, AuditService, executeStatement, TransactionService } from '@estate/database';
import { Estate, EstatesService } from '@estate/estates';
import {
  Clock,
  ConflictError,
  uuidV7,
  notFound,
  Page,
  pageOf,
  startOfLocalDate,
  TransitionNotAllowedError,
  UnprocessableError,
} from '@estate/shared';
import { Brackets, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AssetCategoriesService } from './asset-categories.service';
import {
  ASSET_ENTITY,
  AssetCondition,
  ConditionSource,
  KPI_GROUP_UNITS,
  KpiGroup,
  MeasureUnit,
} from './asset.constants';
import { CONDITION_OPEN_END, latestConditionOn } from './condition-sql';
import {
  AssetQuery,
  AssetResponse,
  ConditionRecordResponse,
  CreateAssetRequest,
  CreateConditionRecordRequest,
  DecommissionAssetRequest,
  UpdateAssetRequest,
} from './dto/asset.dto';
import { Asset, AssetConditionRecord, AssetPlan, AssetTask } from './entities';
import { toAssetResponse, toConditionRecordResponse } from './mappers';
import { toHundredths, toMicroDegrees } from './measure';

export interface ConditionInput {
  condition: AssetCondition;
  recordedAt: Date;
  source: ConditionSource;
  note?: string | null;
  author: AuditActor;
  taskId?: string | null;
  workOrderId?: string | null;
}

export function actorOf(user: AuthenticatedUser): AuditActor {
  return { id: user.id, name: user.displayName };
}

/** The ledger: assets, their condition history and lifecycle (in service → decommissioned). */
@Injectable()
export class AssetsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly categories: AssetCategoriesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // Rules shared with import and plans ---------------------------------------------------------------

  /**
   * Checks the KPI group, unit and measure of an asset: the unit must be the group's unit
   * (house m², drainage m, wells count …) and a count must be whole. Throws 422 otherwise.
   */
  assertMeasure(kpiGroup: KpiGroup | null, unit: MeasureUnit, measureHundredths: number): void {
    if (measureHundredths <= 0)
      throw new UnprocessableError('MEASURE_NOT_POSITIVE', 'measure must be greater than zero');
    if (kpiGroup && KPI_GROUP_UNITS[kpiGroup] !== unit)
      throw new UnprocessableError(
        'MEASURE_UNIT_MISMATCH',
        `Assets of KPI group ${kpiGroup} are measured in ${KPI_GROUP_UNITS[kpiGroup]}, not ${unit}`,
        { kpiGroup, expected: KPI_GROUP_UNITS[kpiGroup], given: unit },
      );
    if (unit === 'count' && measureHundredths % 100 !== 0)
      throw new UnprocessableError('MEASURE_NOT_WHOLE', 'A count must be a whole number');
  }

  /** Writes a condition record after checking it is not in the future, before installation or after decommissioning. */
  async recordCondition(
    manager: EntityManager,
    estate: Estate,
    asset: Asset,
    input: ConditionInput,
  ): Promise<AssetConditionRecord> {
    this.assertConditionTime(estate, asset, input.recordedAt);
    const recordedAt = input.recordedAt;
    // The asset row is the lock that serialises writers of its history (two records for one asset
    // at once must not both link to the same predecessor); the same statement keeps
    // first_recorded_at. Raw SQL so the asset's version is not bumped: a condition is not an edit.
    await executeStatement(
      manager,
      'UPDATE assets SET first_recorded_at = CASE WHEN first_recorded_at IS NULL OR first_recorded_at > :recordedAt ' +
        'THEN :recordedAt ELSE first_recorded_at END WHERE id = :assetId',
      { recordedAt, assetId: asset.id },
    );
    const record = manager.create(AssetConditionRecord, {
      id: uuidV7(),
      estateId: asset.estateId,
      assetId: asset.id,
      condition: input.condition,
      recordedAt,
      validUntil: CONDITION_OPEN_END,
      source: input.source,
      note: input.note ?? null,
      authorId: input.author.id,
      authorName: input.author.name,
      taskId: input.taskId ?? null,
      workOrderId: input.workOrderId ?? null,
    });
    // Its place in the asset's (recorded_at, id) order: the record after it bounds its interval, the
    // record before it now ends where it starts (a back-dated record splits an interval in two).
    const neighbour = (after: boolean) => {
      const builder = manager
        .createQueryBuilder(AssetConditionRecord, 'c')
        .where('c.asset_id = :assetId', { assetId: asset.id })
        .andWhere(
          after
            ? '(c.recorded_at > :recordedAt OR (c.recorded_at = :recordedAt AND c.id > :id))'
            : '(c.recorded_at < :recordedAt OR (c.recorded_at = :recordedAt AND c.id < :id))',
          { recordedAt, id: record.id },
        )
        .orderBy('c.recorded_at', after ? 'ASC' : 'DESC')
        .addOrderBy('c.id', after ? 'ASC' : 'DESC')
        .limit(1);
      // A locking read sees what writers that held the asset lock before us committed (a plain read
      // on MySQL would see this transaction's older snapshot). SQLite runs one transaction at a time.
      if (this.transactions.dialect === 'mysql') builder.setLock('pessimistic_write');
      return builder.getOne();
    };
    const next = await neighbour(true);
    const previous = await neighbour(false);
    record.validUntil = next ? next.recordedAt : CONDITION_OPEN_END;
    await manager.save(record);
    if (previous)
      await manager
        .createQueryBuilder()
        .update(AssetConditionRecord)
        .set({ validUntil: recordedAt })
        .where('id = :id', { id: previous.id })
        .execute();
    if (!asset.firstRecordedAt || asset.firstRecordedAt.getTime() > recordedAt.getTime())
      asset.firstRecordedAt = recordedAt;
    return record;
  }

  /** A statement with named parameters, bound by the driver as the query builder binds them (instants). */
  /** Null when a condition may be recorded at that instant, else the 422 that says why not. */
  conditionTimeProblem(estate: Estate, asset: Asset, recordedAt: Date): UnprocessableError | null {
    if (recordedAt.getTime() > this.clock.now().getTime())
      return new UnprocessableError(
        'CONDITION_RECORDED_IN_FUTURE',
        'A condition cannot be recorded for a time that has not come yet',
        { recordedAt: recordedAt.toISOString() },
      );
    if (
      asset.installedDate &&
      recordedAt.getTime() < startOfLocalDate(asset.installedDate, estate.timeZone).getTime()
    )
      return new UnprocessableError(
        'CONDITION_BEFORE_INSTALLATION',
        `Asset ${asset.code} was installed on ${asset.installedDate}; a condition cannot be dated before that`,
        { installedDate: asset.installedDate, recordedAt: recordedAt.toISOString() },
      );
    if (asset.decommissionedAt && recordedAt.getTime() >= asset.decommissionedAt.getTime())
      return new UnprocessableError(
        'CONDITION_AFTER_DECOMMISSION',
        `Asset ${asset.code} was decommissioned at ${asset.decommissionedAt.toISOString()}`,
      );
    return null;
  }

  private assertConditionTime(estate: Estate, asset: Asset, recordedAt: Date): void {
    const problem = this.conditionTimeProblem(estate, asset, recordedAt);
    if (problem) throw problem;
  }

  /** The asset by id, or 404 if it does not exist or lies in an estate the caller cannot see. */
  async visibleAsset(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<Asset> {
    const asset = await manager.findOneBy(Asset, { id });
    if (!asset) throw notFound('Asset', id);
    assertRecordVisible(user, asset.estateId, notFound('Asset', id));
    return asset;
  }

  /** The latest condition record of each asset at or before `asOf` (one SQL query). */
  async latestConditions(
    manager: EntityManager,
    assetIds: string[],
    asOf: Date,
  ): Promise<Map<string, AssetConditionRecord>> {
    if (!assetIds.length) return new Map();
    const records = await manager
      .createQueryBuilder(AssetConditionRecord, 'c')
      .innerJoin(Asset, 'a', latestConditionOn('a', 'c'), { asOf })
      .where('a.id IN (:...assetIds)', { assetIds })
      .getMany();
    return new Map(records.map((record) => [record.assetId, record]));
  }

  /** `conditionAsOf(asset, instant)`: the asset's latest condition record at or before the instant, or null. */
  async conditionAsOf(assetId: string, instant: Date): Promise<AssetConditionRecord | null> {
    return (
      (await this.latestConditions(this.transactions.dataSource.manager, [assetId], instant)).get(assetId) ??
      null
    );
  }

  // Use cases ----------------------------------------------------------------------------------------

  async create(user: AuthenticatedUser, request: CreateAssetRequest): Promise<AssetResponse> {
    return this.transactions.run(async (manager) => {
      const estate = await this.estates.accessibleEstate(user, request.estateId, manager);
      const categories = await this.categories.categoriesOf(manager, estate.id);
      const category = categories.find((candidate) => candidate.code === request.categoryCode);
      if (!category)
        throw new UnprocessableError(
          'CATEGORY_NOT_FOUND',
          `Category ${request.categoryCode} does not exist in this estate`,
          {
            allowed: categories.map((candidate) => candidate.code),
          },
        );
      const kpiGroup = request.kpiGroup === undefined ? category.kpiGroup : request.kpiGroup;
      const measureHundredths = toHundredths(request.measure);
      this.assertMeasure(kpiGroup, request.measureUnit, measureHundredths);
      this.assertDates(request.installedDate ?? null, request.warrantyEndDate ?? null);
      const code = request.code.toUpperCase();
      if (await manager.existsBy(Asset, { estateId: estate.id, code }))
        throw new ConflictError(
          'ASSET_CODE_TAKEN',
          `An asset with code ${code} already exists in this estate`,
        );
      const now = this.clock.now();
      const asset = manager.create(Asset, {
        estateId: estate.id,
        code,
        name: request.name,
        categoryCode: category.code,
        kpiGroup,
        measureHundredths,
        measureUnit: request.measureUnit,
        locationText: request.locationText ?? null,
        latitudeMicro: toMicroDegrees(request.latitude),
        longitudeMicro: toMicroDegrees(request.longitude),
        brand: request.brand ?? null,
        model: request.model ?? null,
        serialNumber: request.serialNumber ?? null,
        installedDate: request.installedDate ?? null,
        warrantyEndDate: request.warrantyEndDate ?? null,
        importance: request.importance ?? 'B',
        responsiblePerson: request.responsiblePerson ?? null,
        status: 'in_service',
        registeredAt: now,
        decommissionedAt: null,
        decommissionReason: null,
        firstRecordedAt: null,
      });
      await manager.save(asset);
      let latest: AssetConditionRecord | null = null;
      if (request.initialCondition)
        latest = await this.recordCondition(manager, estate, asset, {
          condition: request.initialCondition,
          recordedAt: now,
          source: 'manual',
          note: 'Condition at registration',
          author: actorOf(user),
        });
      await this.audit.record(manager, {
        estateId: estate.id,
        entityType: ASSET_ENTITY,
        entityId: asset.id,
        action: 'create',
        actor: actorOf(user),
        toState: 'in_service',
        details: { code },
      });
      return toAssetResponse(asset, latest);
    });
  }

  assertDates(installedDate: string | null, warrantyEndDate: string | null): void {
    if (installedDate && warrantyEndDate && warrantyEndDate < installedDate)
      throw new UnprocessableError(
        'WARRANTY_BEFORE_INSTALLATION',
        'warrantyEndDate cannot be before installedDate',
      );
  }

  async list(user: AuthenticatedUser, query: AssetQuery): Promise<Page<AssetResponse>> {
    if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
    const manager = this.transactions.dataSource.manager;
    const now = this.clock.now();
    const builder = manager.createQueryBuilder(Asset, 'a');
    this.filter(builder, user, query, now);
    const [assets, total] = await builder
      .orderBy('a.code', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    const latest = await this.latestConditions(
      manager,
      assets.map((asset) => asset.id),
      now,
    );
    return pageOf(
      assets.map((asset) => toAssetResponse(asset, latest.get(asset.id))),
      total,
      query,
    );
  }

  /** The WHERE of the list and the export (estate scope + filters). */
  filter(
    builder: SelectQueryBuilder<Asset>,
    user: AuthenticatedUser,
    query: Omit<AssetQuery, 'page' | 'pageSize' | 'offset'>,
    now: Date,
  ): void {
    if (query.estateId) builder.andWhere('a.estate_id = :estateId', { estateId: query.estateId });
    restrictToVisibleEstates(builder, 'a', user);
    if (query.category) builder.andWhere('a.category_code = :category', { category: query.category });
    if (query.kpiGroup === 'none') builder.andWhere('a.kpi_group IS NULL');
    else if (query.kpiGroup) builder.andWhere('a.kpi_group = :kpiGroup', { kpiGroup: query.kpiGroup });
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    if (query.condition === 'unrecorded')
      builder.andWhere(
        'NOT EXISTS (SELECT 1 FROM asset_condition_records cf WHERE cf.asset_id = a.id AND cf.recorded_at <= :asOf)',
        { asOf: now },
      );
    else if (query.condition)
      builder.andWhere(
        `EXISTS (SELECT 1 FROM asset_condition_records cf WHERE ${latestConditionOn('a', 'cf')} AND cf.condition_code = :condition)`,
        { asOf: now, condition: query.condition },
      );
    if (query.q) {
      const like = `%${query.q}%`;
      builder.andWhere(
        new Brackets((where) =>
          where
            .where('a.code LIKE :like', { like })
            .orWhere('a.name LIKE :like', { like })
            .orWhere('a.location_text LIKE :like', { like })
            .orWhere('a.serial_number LIKE :like', { like }),
        ),
      );
    }
  }

  async get(user: AuthenticatedUser, id: string): Promise<AssetResponse> {
    const manager = this.transactions.dataSource.manager;
    const asset = await this.visibleAsset(manager, user, id);
    const latest = await this.latestConditions(manager, [id], this.clock.now());
    return toAssetResponse(asset, latest.get(id));
  }

  async update(user: AuthenticatedUser, id: string, request: UpdateAssetRequest): Promise<AssetResponse> {
    return this.transactions.run(async (manager) => {
      const asset = await this.visibleAsset(manager, user, id);
      this.assertVersion(asset.version, request.version);
      if (request.categoryCode !== undefined && request.categoryCode !== asset.categoryCode) {
        const categories = await this.categories.categoriesOf(manager, asset.estateId);
        if (!categories.some((category) => category.code === request.categoryCode))
          throw new UnprocessableError(
            'CATEGORY_NOT_FOUND',
            `Category ${request.categoryCode} does not exist in this estate`,
          );
      }
      const changes: Partial<Asset> = {};
      const assign = <K extends keyof Asset>(key: K, value: Asset[K] | undefined) => {
        if (value !== undefined) changes[key] = value;
      };
      assign('name', request.name);
      assign('categoryCode', request.categoryCode);
      assign('kpiGroup', request.kpiGroup);
      assign('measureHundredths', request.measure === undefined ? undefined : toHundredths(request.measure));
      assign('measureUnit', request.measureUnit);
      assign('locationText', request.locationText);
      assign('brand', request.brand);
      assign('model', request.model);
      assign('serialNumber', request.serialNumber);
      assign('installedDate', request.installedDate);
      assign('warrantyEndDate', request.warrantyEndDate);
      assign('importance', request.importance);
      assign('responsiblePerson', request.responsiblePerson);
      const next = { ...asset, ...changes };
      this.assertMeasure(next.kpiGroup, next.measureUnit, next.measureHundredths);
      this.assertDates(next.installedDate, next.warrantyEndDate);
      if (changes.installedDate) {
        const estate = await this.estates.require(asset.estateId, manager);
        const first = await manager.findOne(AssetConditionRecord, {
          where: { assetId: id },
          order: { recordedAt: 'ASC', id: 'ASC' },
        });
        if (
          first &&
          first.recordedAt.getTime() < startOfLocalDate(changes.installedDate, estate.timeZone).getTime()
        )
          throw new UnprocessableError(
            'CONDITION_BEFORE_INSTALLATION',
            `The asset has a condition record dated ${first.recordedAt.toISOString()}, before ${changes.installedDate}`,
          );
      }
      await this.conditionalUpdate(manager, id, request.version, changes);
      await this.audit.record(manager, {
        estateId: asset.estateId,
        entityType: ASSET_ENTITY,
        entityId: id,
        action: 'update',
        actor: actorOf(user),
        details: { fields: Object.keys(changes) },
      });
      const updated = await manager.findOneByOrFail(Asset, { id });
      const latest = await this.latestConditions(manager, [id], this.clock.now());
      return toAssetResponse(updated, latest.get(id));
    });
  }

  async decommission(
    user: AuthenticatedUser,
    id: string,
    request: DecommissionAssetRequest,
  ): Promise<AssetResponse> {
    return this.transactions.run(async (manager) => {
      const asset = await this.visibleAsset(manager, user, id);
      if (asset.status === 'decommissioned')
        throw new TransitionNotAllowedError('asset', 'decommissioned', 'decommission', []);
      this.assertVersion(asset.version, request.version);
      const estate = await this.estates.require(asset.estateId, manager);
      const now = this.clock.now();
      const at = request.decommissionedAt ?? now;
      if (at.getTime() > now.getTime())
        throw new UnprocessableError('DECOMMISSIONED_IN_FUTURE', 'decommissionedAt cannot be in the future');
      if (
        asset.installedDate &&
        at.getTime() < startOfLocalDate(asset.installedDate, estate.timeZone).getTime()
      )
        throw new UnprocessableError(
          'DECOMMISSIONED_BEFORE_INSTALLATION',
          'decommissionedAt is before installedDate',
        );
      const later = await manager
        .createQueryBuilder(AssetConditionRecord, 'c')
        .where('c.asset_id = :id AND c.recorded_at >= :at', { id, at })
        .getCount();
      if (later)
        throw new UnprocessableError(
          'CONDITION_AFTER_DECOMMISSION',
          'The asset has condition records at or after that instant; decommission it later',
        );
      await this.conditionalUpdate(manager, id, request.version, {
        status: 'decommissioned',
        decommissionedAt: at,
        decommissionReason: request.reason,
      });
      await this.audit.record(manager, {
        estateId: asset.estateId,
        entityType: ASSET_ENTITY,
        entityId: id,
        action: 'decommission',
        actor: actorOf(user),
        fromState: 'in_service',
        toState: 'decommissioned',
        note: request.reason,
        details: { decommissionedAt: at.toISOString() },
      });
      const updated = await manager.findOneByOrFail(Asset, { id });
      return toAssetResponse(updated, (await this.latestConditions(manager, [id], now)).get(id));
    });
  }

  /** Deleting is for mistakes only: an asset with history (conditions, tasks, plans) is decommissioned instead. */
  async remove(user: AuthenticatedUser, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const asset = await this.visibleAsset(manager, user, id);
      const history =
        (await manager.countBy(AssetConditionRecord, { assetId: id })) +
        (await manager.countBy(AssetTask, { assetId: id })) +
        (await manager.countBy(AssetPlan, { assetId: id }));
      if (history)
        throw new ConflictError(
          'ASSET_HAS_HISTORY',
          'This asset has condition records, tasks or plans; decommission it instead of deleting it',
        );
      await manager.delete(Asset, { id });
      await this.audit.record(manager, {
        estateId: asset.estateId,
        entityType: ASSET_ENTITY,
        entityId: id,
        action: 'delete',
        actor: actorOf(user),
        details: { code: asset.code },
      });
    });
  }

  private assertVersion(current: number, given: number): void {
    if (current !== given)
      throw new ConflictError(
        'CONCURRENT_MODIFICATION',
        `The asset changed since you read it (version ${given}, now ${current}); reload and try again`,
      );
  }

  private async conditionalUpdate(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<Asset>,
  ) {
    const result = await manager
      .createQueryBuilder()
      .update(Asset)
      .set({ ...changes, updatedAt: this.clock.now() })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    if (result.affected !== 1)
      throw new ConflictError(
        'CONCURRENT_MODIFICATION',
        'The asset changed since you read it; reload and try again',
      );
  }

  // Condition records --------------------------------------------------------------------------------

  async addCondition(
    user: AuthenticatedUser,
    id: string,
    request: CreateConditionRecordRequest,
  ): Promise<ConditionRecordResponse> {
    return this.transactions.run(async (manager) => {
      const asset = await this.visibleAsset(manager, user, id);
      const estate = await this.estates.require(asset.estateId, manager);
      const record = await this.recordCondition(manager, estate, asset, {
        condition: request.condition,
        recordedAt: request.recordedAt ?? this.clock.now(),
        source: 'manual',
        note: request.note ?? null,
        author: actorOf(user),
      });
      return toConditionRecordResponse(record);
    });
  }

  async conditions(user: AuthenticatedUser, id: string): Promise<ConditionRecordResponse[]> {
    const manager = this.transactions.dataSource.manager;
    await this.visibleAsset(manager, user, id);
    const records = await manager.find(AssetConditionRecord, {
      where: { assetId: id },
      order: { recordedAt: 'DESC', id: 'DESC' },
    });
    return records.map(toConditionRecordResponse);
  }

  async findByIds(manager: EntityManager, ids: string[]): Promise<Asset[]> {
    return ids.length ? manager.findBy(Asset, { id: In(ids) }) : [];
  }
}
