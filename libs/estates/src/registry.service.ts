import { Injectable } from '@nestjs/common';
import { assertRecordVisible, AuthenticatedUser, restrictToVisibleEstates } from '@estate/auth';
import { TransactionService } from '@estate/database';
import {
  BadRequestError,
  ConflictError,
  notFound,
  Page,
  pageOf,
  pageOfQuery,
  UnprocessableError,
} from '@estate/shared';
import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';
import { areaToHundredths } from './area';
import {
  BuildingQuery,
  BuildingResponse,
  CreateBuildingRequest,
  UpdateBuildingRequest,
} from './dto/building.dto';
import {
  CreateResidentRequest,
  ResidentQuery,
  ResidentResponse,
  UpdateResidentRequest,
} from './dto/resident.dto';
import { CreateUnitRequest, UnitQuery, UnitResponse, UpdateUnitRequest } from './dto/unit.dto';
import { Building, Estate, Resident, Unit } from './entities';
import { EstatesService } from './estates.service';
import { toBuildingResponse, toResidentResponse, toUnitResponse } from './mappers';
import { unitLabelOf, unitLabels } from './unit-labels';
import { OccupancyService } from './occupancy.service';

/** Buildings, units and residents of an estate. */
@Injectable()
export class RegistryService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
  ) {}

  private scope<T extends object>(
    builder: SelectQueryBuilder<T>,
    alias: string,
    user: AuthenticatedUser,
    estateId?: string,
  ): void {
    if (estateId) builder.andWhere(`${alias}.estate_id = :estateId`, { estateId });
    restrictToVisibleEstates(builder, alias, user);
  }

  // Buildings -------------------------------------------------------------------------------------

  async createBuilding(user: AuthenticatedUser, request: CreateBuildingRequest): Promise<BuildingResponse> {
    return this.transactions.run(async (manager) => {
      await this.estates.accessibleEstate(user, request.estateId, manager);
      await this.assertBuildingNumberFree(manager, request.estateId, request.number);
      const building = manager.create(Building, {
        estateId: request.estateId,
        number: request.number,
        name: request.name ?? request.number,
        floors: request.floors ?? null,
        floorAreaHundredths: request.floorArea === undefined ? null : areaToHundredths(request.floorArea),
      });
      await manager.save(building);
      return toBuildingResponse(building);
    });
  }

  async listBuildings(user: AuthenticatedUser, query: BuildingQuery): Promise<Page<BuildingResponse>> {
    if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
    const builder = this.transactions.dataSource.manager.createQueryBuilder(Building, 'building');
    this.scope(builder, 'building', user, query.estateId);
    if (query.q) {
      const like = `%${query.q}%`;
      builder.andWhere(
        new Brackets((where) =>
          where.where('building.number LIKE :like', { like }).orWhere('building.name LIKE :like', { like }),
        ),
      );
    }
    return pageOfQuery(builder, [['building.number', 'ASC']], query, toBuildingResponse);
  }

  async getBuilding(user: AuthenticatedUser, id: string): Promise<BuildingResponse> {
    return toBuildingResponse(await this.visibleBuilding(this.transactions.dataSource.manager, user, id));
  }

  async updateBuilding(
    user: AuthenticatedUser,
    id: string,
    request: UpdateBuildingRequest,
  ): Promise<BuildingResponse> {
    return this.transactions.run(async (manager) => {
      const building = await this.visibleBuilding(manager, user, id);
      if (request.number !== undefined && request.number !== building.number) {
        await this.assertBuildingNumberFree(manager, building.estateId, request.number);
        building.number = request.number;
      }
      if (request.name !== undefined) building.name = request.name;
      if (request.floors !== undefined) building.floors = request.floors;
      if (request.floorArea !== undefined) building.floorAreaHundredths = areaToHundredths(request.floorArea);
      await manager.save(building);
      return toBuildingResponse(building);
    });
  }

  private async visibleBuilding(
    manager: EntityManager,
    user: AuthenticatedUser,
    id: string,
  ): Promise<Building> {
    const building = await manager.findOneBy(Building, { id });
    if (!building) throw notFound('Building', id);
    assertRecordVisible(user, building.estateId, notFound('Building', id));
    return building;
  }

  private async assertBuildingNumberFree(
    manager: EntityManager,
    estateId: string,
    number: string,
  ): Promise<void> {
    if (await manager.existsBy(Building, { estateId, number })) {
      throw new ConflictError('BUILDING_NUMBER_TAKEN', `Building ${number} already exists in this estate`);
    }
  }

  // Units -----------------------------------------------------------------------------------------

  async createUnit(user: AuthenticatedUser, request: CreateUnitRequest): Promise<UnitResponse> {
    return this.transactions.run(async (manager) => {
      const building = await manager.findOneBy(Building, { id: request.buildingId });
      if (!building)
        throw new UnprocessableError('BUILDING_NOT_FOUND', `Building ${request.buildingId} does not exist`);
      assertRecordVisible(
        user,
        building.estateId,
        new UnprocessableError('BUILDING_NOT_FOUND', `Building ${request.buildingId} does not exist`),
      );
      await this.assertUnitNumberFree(manager, building.id, request.number);
      const unit = manager.create(Unit, {
        estateId: building.estateId,
        buildingId: building.id,
        number: request.number,
        floor: request.floor ?? null,
        floorAreaHundredths: areaToHundredths(request.floorArea),
        type: request.type ?? 'residential',
      });
      await manager.save(unit);
      return toUnitResponse(unit, building.number);
    });
  }

  async listUnits(user: AuthenticatedUser, query: UnitQuery): Promise<Page<UnitResponse>> {
    let estate: Estate | undefined;
    if (query.estateId) estate = await this.estates.accessibleEstate(user, query.estateId);
    const builder = this.transactions.dataSource.manager
      .createQueryBuilder(Unit, 'unit')
      .innerJoin(Building, 'building', 'building.id = unit.building_id')
      .addSelect('building.number', 'building_number');
    this.scope(builder, 'unit', user, query.estateId);
    if (query.buildingId)
      builder.andWhere('unit.building_id = :buildingId', { buildingId: query.buildingId });
    if (query.type) builder.andWhere('unit.type = :type', { type: query.type });
    if (query.q) builder.andWhere('unit.number LIKE :like', { like: `%${query.q}%` });
    if (query.occupied !== undefined) {
      if (!estate) throw new BadRequestError('ESTATE_REQUIRED', 'Filtering by occupancy needs estateId');
      const date = query.asOf ?? this.estates.today(estate);
      const exists = `EXISTS (SELECT 1 FROM residents resident WHERE resident.unit_id = unit.id AND ${OccupancyService.livingOnCondition('resident')})`;
      builder.andWhere(query.occupied ? exists : `NOT ${exists}`, { date });
    }
    const total = await builder.getCount();
    const { entities, raw } = await builder
      .orderBy('building.number', 'ASC')
      .addOrderBy('unit.number', 'ASC')
      .offset(query.offset)
      .limit(query.pageSize)
      .getRawAndEntities();
    const numberById = new Map<string, string>(
      raw.map((row: Record<string, string>) => [row.unit_id, row.building_number]),
    );
    return pageOf(
      entities.map((unit) => toUnitResponse(unit, numberById.get(unit.id) ?? '')),
      total,
      query,
    );
  }

  async getUnit(user: AuthenticatedUser, id: string): Promise<UnitResponse> {
    const manager = this.transactions.dataSource.manager;
    const unit = await this.visibleUnit(manager, user, id);
    const building = await manager.findOneByOrFail(Building, { id: unit.buildingId });
    return toUnitResponse(unit, building.number);
  }

  async updateUnit(user: AuthenticatedUser, id: string, request: UpdateUnitRequest): Promise<UnitResponse> {
    return this.transactions.run(async (manager) => {
      const unit = await this.visibleUnit(manager, user, id);
      if (request.number !== undefined && request.number !== unit.number) {
        await this.assertUnitNumberFree(manager, unit.buildingId, request.number);
        unit.number = request.number;
      }
      if (request.floor !== undefined) unit.floor = request.floor;
      if (request.floorArea !== undefined) unit.floorAreaHundredths = areaToHundredths(request.floorArea);
      if (request.type !== undefined) unit.type = request.type;
      await manager.save(unit);
      const building = await manager.findOneByOrFail(Building, { id: unit.buildingId });
      return toUnitResponse(unit, building.number);
    });
  }

  /** The unit, or 404 when it does not exist or lies in an estate the caller cannot see. */
  async visibleUnit(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<Unit> {
    const unit = await manager.findOneBy(Unit, { id });
    if (!unit) throw notFound('Unit', id);
    assertRecordVisible(user, unit.estateId, notFound('Unit', id));
    return unit;
  }

  private async assertUnitNumberFree(
    manager: EntityManager,
    buildingId: string,
    number: string,
  ): Promise<void> {
    if (await manager.existsBy(Unit, { buildingId, number })) {
      throw new ConflictError('UNIT_NUMBER_TAKEN', `Unit ${number} already exists in this building`);
    }
  }

  // Residents -------------------------------------------------------------------------------------

  async createResident(user: AuthenticatedUser, request: CreateResidentRequest): Promise<ResidentResponse> {
    assertDateOrder(request.moveInDate, request.moveOutDate);
    return this.transactions.run(async (manager) => {
      const unit = await manager.findOneBy(Unit, { id: request.unitId });
      const missing = new UnprocessableError('UNIT_NOT_FOUND', `Unit ${request.unitId} does not exist`);
      if (!unit) throw missing;
      assertRecordVisible(user, unit.estateId, missing);
      const resident = manager.create(Resident, {
        estateId: unit.estateId,
        unitId: unit.id,
        name: request.name,
        phone: request.phone ?? null,
        relation: request.relation,
        moveInDate: request.moveInDate,
        moveOutDate: request.moveOutDate ?? null,
      });
      await manager.save(resident);
      return toResidentResponse(resident, {
        unmaskPhone: true,
        unitLabel: await unitLabelOf(manager, resident.unitId),
      });
    });
  }

  async listResidents(user: AuthenticatedUser, query: ResidentQuery): Promise<Page<ResidentResponse>> {
    if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
    const builder = this.transactions.dataSource.manager.createQueryBuilder(Resident, 'resident');
    this.scope(builder, 'resident', user, query.estateId);
    if (query.unitId) builder.andWhere('resident.unit_id = :unitId', { unitId: query.unitId });
    if (query.buildingId)
      builder.andWhere(
        'resident.unit_id IN (SELECT unit.id FROM units unit WHERE unit.building_id = :buildingId)',
        { buildingId: query.buildingId },
      );
    if (query.q) {
      const like = `%${query.q}%`;
      builder.andWhere(
        new Brackets((where) =>
          where.where('resident.name LIKE :like', { like }).orWhere('resident.phone LIKE :like', { like }),
        ),
      );
    }
    if (query.livingOn)
      builder.andWhere(OccupancyService.livingOnCondition('resident'), { date: query.livingOn });
    const page = await pageOfQuery(
      builder,
      [
        ['resident.name', 'ASC'],
        ['resident.id', 'ASC'],
      ],
      query,
      (resident) => resident,
    );
    const labels = await unitLabels(
      this.transactions.dataSource.manager,
      page.items.map((resident) => resident.unitId),
    );
    return {
      ...page,
      items: page.items.map((resident) =>
        toResidentResponse(resident, { unitLabel: labels.get(resident.unitId)?.label ?? null }),
      ),
    };
  }

  async getResident(user: AuthenticatedUser, id: string): Promise<ResidentResponse> {
    const manager = this.transactions.dataSource.manager;
    const resident = await this.visibleResident(manager, user, id);
    return toResidentResponse(resident, {
      unmaskPhone: true,
      unitLabel: await unitLabelOf(manager, resident.unitId),
    });
  }

  async updateResident(
    user: AuthenticatedUser,
    id: string,
    request: UpdateResidentRequest,
  ): Promise<ResidentResponse> {
    return this.transactions.run(async (manager) => {
      const resident = await this.visibleResident(manager, user, id);
      const moveInDate = request.moveInDate ?? resident.moveInDate;
      const moveOutDate = request.moveOutDate ?? resident.moveOutDate ?? undefined;
      assertDateOrder(moveInDate, moveOutDate);
      Object.assign(resident, {
        ...(request.name !== undefined && { name: request.name }),
        ...(request.phone !== undefined && { phone: request.phone }),
        ...(request.relation !== undefined && { relation: request.relation }),
        moveInDate,
        moveOutDate: moveOutDate ?? null,
      });
      await manager.save(resident);
      return toResidentResponse(resident, {
        unmaskPhone: true,
        unitLabel: await unitLabelOf(manager, resident.unitId),
      });
    });
  }

  private async visibleResident(
    manager: EntityManager,
    user: AuthenticatedUser,
    id: string,
  ): Promise<Resident> {
    const resident = await manager.findOneBy(Resident, { id });
    if (!resident) throw notFound('Resident', id);
    assertRecordVisible(user, resident.estateId, notFound('Resident', id));
    return resident;
  }
}

function assertDateOrder(moveInDate: string, moveOutDate: string | undefined): void {
  if (moveOutDate !== undefined && moveOutDate <= moveInDate) {
    throw new BadRequestError(
      'MOVE_OUT_BEFORE_MOVE_IN',
      `The move-out date ${moveOutDate} must be after the move-in date ${moveInDate}`,
    );
  }
}
