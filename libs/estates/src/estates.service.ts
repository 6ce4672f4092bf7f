import { Injectable } from '@nestjs/common';
import {
  assertEstateAccess,
  AuthenticatedUser,
  canSeeEstate,
  visibleEstateIds,
  restrictToVisibleEstates,
} from '@estate/auth';
import { ReadMemo, TransactionService } from '@estate/database';
import {
  BadRequestError,
  Clock,
  ConflictError,
  DEFAULT_TIME_ZONE,
  ForbiddenError,
  localDateOf,
  notFound,
  Page,
  pageOf,
  UnprocessableError,
} from '@estate/shared';
import { Brackets, EntityManager, EntityTarget, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CreateEstateRequest, EstateQuery, EstateResponse, UpdateEstateRequest } from './dto/estate.dto';
import { Estate, Unit } from './entities';
import { EstateSettings, mergeSettings, settingsOf } from './estate-settings';
import { toEstateResponse } from './mappers';

/** Estates: the unit of scope for every record and every KPI. */
@Injectable()
export class EstatesService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly clock: Clock,
  ) {}

  async create(request: CreateEstateRequest): Promise<EstateResponse> {
    const code = request.code.toUpperCase();
    return this.transactions.run(async (manager) => {
      if (await manager.existsBy(Estate, { code }))
        throw new ConflictError('ESTATE_CODE_TAKEN', `An estate with code ${code} already exists`);
      const estate = manager.create(Estate, {
        code,
        name: request.name,
        address: request.address ?? null,
        timeZone: request.timeZone ?? DEFAULT_TIME_ZONE,
        settings: request.settings ? mergeSettings(null, request.settings) : null,
        active: true,
      });
      await manager.save(estate);
      return toEstateResponse(estate);
    });
  }

  async list(user: AuthenticatedUser, query: EstateQuery): Promise<Page<EstateResponse>> {
    const builder = this.transactions.dataSource.manager.createQueryBuilder(Estate, 'estate');
    const visible = visibleEstateIds(user);
    if (visible) builder.where('estate.id IN (:...visible)', { visible: visible.length ? visible : ['-'] });
    if (query.q) {
      const like = `%${query.q}%`;
      builder.andWhere(
        new Brackets((where) =>
          where.where('estate.code LIKE :like', { like }).orWhere('estate.name LIKE :like', { like }),
        ),
      );
    }
    const [estates, total] = await builder
      .orderBy('estate.code', 'ASC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(estates.map(toEstateResponse), total, query);
  }

  async get(user: AuthenticatedUser, id: string): Promise<EstateResponse> {
    return toEstateResponse(await this.visibleEstate(user, id));
  }

  async update(user: AuthenticatedUser, id: string, request: UpdateEstateRequest): Promise<EstateResponse> {
    if (user.role !== 'admin' && (request.active !== undefined || request.timeZone !== undefined)) {
      throw new ForbiddenError(
        'ROLE_FORBIDDEN',
        'Only an admin may change an estate’s time zone or active flag',
      );
    }
    return this.transactions.run(async (manager) => {
      const estate = await manager.findOneBy(Estate, { id });
      if (!estate || !canSeeEstate(user, id)) throw notFound('Estate', id);
      if (request.name !== undefined) estate.name = request.name;
      if (request.address !== undefined) estate.address = request.address;
      if (request.timeZone !== undefined) estate.timeZone = request.timeZone;
      if (request.active !== undefined) estate.active = request.active;
      if (request.settings) estate.settings = mergeSettings(estate.settings, request.settings);
      await manager.save(estate);
      return toEstateResponse(estate);
    });
  }

  /** The estate, or 404 if it does not exist or the caller cannot see it. */
  async visibleEstate(
    user: AuthenticatedUser,
    id: string,
    manager: EntityManager = this.transactions.dataSource.manager,
  ): Promise<Estate> {
    const estate = await manager.findOneBy(Estate, { id });
    if (!estate || !canSeeEstate(user, id)) throw notFound('Estate', id);
    return estate;
  }

  /** For collection filters: 403 if the estate is not the caller's, 404 if it does not exist. */
  async accessibleEstate(
    user: AuthenticatedUser,
    id: string,
    manager: EntityManager = this.transactions.dataSource.manager,
  ): Promise<Estate> {
    assertEstateAccess(user, id);
    const estate = await manager.findOneBy(Estate, { id });
    if (!estate) throw notFound('Estate', id);
    return estate;
  }

  /**
   * The estate and unit of a new record (a work order, a complaint, a payment), by one rule for every
   * intake (docs/api.md "Estate and unit of a new record"): the estate comes from the unit when a unit
   * is given — `estateId` may then be left out, and if sent must be the unit's; without a unit the
   * estate must be named (400 ESTATE_REQUIRED). A resident's unit is their own (sent or not; another
   * → 403 UNIT_FORBIDDEN). A unit that does not exist, or is in an estate the caller cannot see, is
   * one answer, 422 UNIT_NOT_FOUND, so no one learns about units elsewhere.
   */
  async intakeScope(
    user: AuthenticatedUser,
    request: { estateId?: string | null; unitId?: string | null },
    manager: EntityManager = this.transactions.dataSource.manager,
  ): Promise<{ estate: Estate; unit: Unit | null }> {
    const unitId = request.unitId ?? null;
    if (user.role === 'resident') {
      // A resident's estate is their unit's (residents are not estate members).
      if (!user.unitId) throw new ForbiddenError('UNIT_FORBIDDEN', 'Your account is not linked to a unit');
      if (unitId && unitId !== user.unitId)
        throw new ForbiddenError('UNIT_FORBIDDEN', 'A resident may only do this for their own unit');
      const own = await manager.findOneBy(Unit, { id: user.unitId });
      if (!own) throw new ForbiddenError('UNIT_FORBIDDEN', 'Your account is not linked to a unit');
      if (request.estateId && request.estateId !== own.estateId)
        throw new ForbiddenError('ESTATE_FORBIDDEN', `You do not have access to estate ${request.estateId}`, {
          estateId: request.estateId,
        });
      return { estate: await this.require(own.estateId, manager), unit: own };
    }
    // A named estate is checked first: one that is not yours is 403, as everywhere.
    const named = request.estateId ? await this.accessibleEstate(user, request.estateId, manager) : null;
    if (!unitId) {
      if (!named)
        throw new BadRequestError(
          'ESTATE_REQUIRED',
          'Name the estate (estateId), or the unit (unitId) and the estate is taken from it',
        );
      return { estate: named, unit: null };
    }
    const unit = await manager.findOneBy(Unit, { id: unitId });
    const visible = unit !== null && (user.role === 'admin' || user.estateIds.includes(unit.estateId));
    if (!unit || !visible || (named && unit.estateId !== named.id))
      throw new UnprocessableError(
        'UNIT_NOT_FOUND',
        named
          ? `Unit ${unitId} does not exist in estate ${named.id}`
          : `Unit ${unitId} does not exist or is not visible to you`,
        { unitId },
      );
    return { estate: named ?? (await this.accessibleEstate(user, unit.estateId, manager)), unit };
  }

  /**
   * A list query over a table with an `estate_id` column, limited to what the caller may see: the
   * named estate (403 if not the caller's, 404 if unknown) or, without one, all their estates.
   */
  async scopedQuery<T extends ObjectLiteral>(
    user: AuthenticatedUser,
    entity: EntityTarget<T>,
    alias: string,
    estateId?: string,
  ): Promise<SelectQueryBuilder<T>> {
    if (estateId) await this.accessibleEstate(user, estateId);
    const builder = this.transactions.dataSource.manager.createQueryBuilder(entity, alias);
    if (estateId) builder.andWhere(`${alias}.estate_id = :estateId`, { estateId });
    return restrictToVisibleEstates(builder, alias, user);
  }

  /**
   * Any estate by id (for jobs and other modules), or 404. Without a manager, inside a ReadMemo scope
   * (a scorecard, a report) the row is read once and shared.
   */
  async require(id: string, manager?: EntityManager): Promise<Estate> {
    const read = async (reader: EntityManager) => {
      const estate = await reader.findOneBy(Estate, { id });
      if (!estate) throw notFound('Estate', id);
      return estate;
    };
    if (manager) return read(manager);
    return ReadMemo.remember(estateMemoKey(id), () => read(this.transactions.dataSource.manager));
  }

  async findByCode(code: string): Promise<Estate | null> {
    return this.transactions.dataSource.manager.findOneBy(Estate, { code: code.toUpperCase() });
  }

  async findByIds(ids: string[]): Promise<Estate[]> {
    return ids.length ? this.transactions.dataSource.manager.findBy(Estate, { id: In(ids) }) : [];
  }

  /** Every active estate (scheduled jobs iterate these). */
  async allActive(): Promise<Estate[]> {
    return this.transactions.dataSource.manager.find(Estate, {
      where: { active: true },
      order: { code: 'ASC' },
    });
  }

  settingsOf(estate: Estate): EstateSettings {
    return settingsOf(estate.settings);
  }

  /** Today's date in the estate's zone. */
  today(estate: Estate): string {
    return localDateOf(this.clock.now(), estate.timeZone);
  }
}

/** The ReadMemo key of an estate row (a computation that already holds the estate seeds it). */
export function estateMemoKey(id: string): string {
  return `estate:${id}`;
}
