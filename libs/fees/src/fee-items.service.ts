import { Injectable } from '@nestjs/common';
import { AuthenticatedUser, assertRecordVisible } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { EstatesService, Unit } from '@estate/estates';
import { Clock, Page, UnprocessableError, notFound, pageOf } from '@estate/shared';
import { EntityManager } from 'typeorm';
import { CreateMeterReadingRequest, MeterReadingResponse } from './dto/payment.dto';
import {
  CreateFeeItemRequest,
  FeeItemQuery,
  FeeItemResponse,
  UpdateFeeItemRequest,
} from './dto/fee-item.dto';
import { FeeItem, MeterReading } from './entities';
import { toFeeItemResponse, toMeterReadingResponse } from './mappers';

const actorOf = (user: AuthenticatedUser) => ({ id: user.id, name: user.displayName });

/** Fee items (收费项目) and meter readings. */
@Injectable()
export class FeeItemsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Creates a fee item; metered items need a meter type, others must not have one. */
  async create(user: AuthenticatedUser, request: CreateFeeItemRequest): Promise<FeeItemResponse> {
    await this.estates.accessibleEstate(user, request.estateId);
    if ((request.basis === 'metered') !== Boolean(request.meterType))
      throw new UnprocessableError(
        'METER_TYPE_MISMATCH',
        'A metered fee item needs a meterType; other billing bases must not have one',
      );
    if (request.activeTo && request.activeTo < request.activeFrom)
      throw new UnprocessableError('ACTIVE_RANGE_INVALID', 'activeTo must not be before activeFrom');
    return this.transactions.run(async (manager) => {
      const item = manager.create(FeeItem, {
        estateId: request.estateId,
        name: request.name,
        category: request.category,
        basis: request.basis,
        priceCentiFen: request.priceCentiFen,
        unitTypes: request.unitTypes,
        meterType: request.meterType ?? null,
        activeFrom: request.activeFrom,
        activeTo: request.activeTo ?? null,
        active: true,
      });
      await manager.save(item);
      await this.audit.record(manager, {
        estateId: item.estateId,
        entityType: 'fee_item',
        entityId: item.id,
        action: 'create',
        actor: actorOf(user),
        toState: 'active',
        details: { category: item.category, basis: item.basis, priceCentiFen: item.priceCentiFen },
      });
      return toFeeItemResponse(item);
    });
  }

  async list(user: AuthenticatedUser, query: FeeItemQuery): Promise<Page<FeeItemResponse>> {
    await this.estates.accessibleEstate(user, query.estateId);
    const where = {
      estateId: query.estateId,
      ...(query.active === undefined ? {} : { active: query.active }),
    };
    const [items, total] = await this.transactions.dataSource.manager.findAndCount(FeeItem, {
      where,
      order: { name: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.pageSize,
    });
    return pageOf(items.map(toFeeItemResponse), total, query);
  }

  /** Price changes apply to later billing runs only; bills already issued keep their amounts. */
  async update(user: AuthenticatedUser, id: string, request: UpdateFeeItemRequest): Promise<FeeItemResponse> {
    return this.transactions.run(async (manager) => {
      const item = await manager.findOneBy(FeeItem, { id });
      if (!item) throw notFound('FeeItem', id);
      assertRecordVisible(user, item.estateId, notFound('FeeItem', id));
      const before = {
        name: item.name,
        priceCentiFen: item.priceCentiFen,
        activeTo: item.activeTo,
        active: item.active,
      };
      if (request.activeTo !== undefined && request.activeTo !== null && request.activeTo < item.activeFrom)
        throw new UnprocessableError('ACTIVE_RANGE_INVALID', 'activeTo must not be before activeFrom');
      Object.assign(item, {
        ...(request.name === undefined ? {} : { name: request.name }),
        ...(request.priceCentiFen === undefined ? {} : { priceCentiFen: request.priceCentiFen }),
        ...(request.activeTo === undefined ? {} : { activeTo: request.activeTo }),
        ...(request.active === undefined ? {} : { active: request.active }),
      });
      await manager.save(item);
      await this.audit.record(manager, {
        estateId: item.estateId,
        entityType: 'fee_item',
        entityId: item.id,
        action: 'update',
        actor: actorOf(user),
        details: { before, after: request as Record<string, unknown> },
      });
      return toFeeItemResponse(item);
    });
  }

  /**
   * Records a meter reading. Consumption is the delta to the latest earlier reading of the same
   * meter; a lower reading is refused (422 METER_READING_DECREASED) unless flagged as a meter
   * replacement, in which case the new meter's reading is the consumption since it was fitted.
   */
  async recordReading(
    user: AuthenticatedUser,
    request: CreateMeterReadingRequest,
  ): Promise<MeterReadingResponse> {
    return this.transactions.run(async (manager) => {
      const unit = await this.visibleUnitOr422(manager, user, request.unitId);
      if (request.readAt.getTime() > this.clock.now().getTime() + 5 * 60_000)
        throw new UnprocessableError('READ_AT_IN_FUTURE', 'readAt must not be in the future');
      const previous = await manager.findOne(MeterReading, {
        where: { unitId: unit.id, meterType: request.meterType },
        order: { readAt: 'DESC', id: 'DESC' },
      });
      if (previous && previous.readAt.getTime() >= request.readAt.getTime())
        throw new UnprocessableError(
          'METER_READING_OUT_OF_ORDER',
          `A later reading (${previous.readAt.toISOString()}) exists for this meter; readings are recorded in time order`,
        );
      const replacement = request.replacement ?? false;
      let consumption = request.readingHundredths;
      if (previous && !replacement) {
        if (request.readingHundredths < previous.readingHundredths)
          throw new UnprocessableError(
            'METER_READING_DECREASED',
            `The reading ${request.readingHundredths} is lower than the previous ${previous.readingHundredths}; flag replacement: true for a new meter`,
            { previousReadingHundredths: previous.readingHundredths },
          );
        consumption = request.readingHundredths - previous.readingHundredths;
      }
      if (!previous && !replacement) consumption = 0; // the first reading only sets the baseline
      const reading = manager.create(MeterReading, {
        estateId: unit.estateId,
        unitId: unit.id,
        meterType: request.meterType,
        readingHundredths: request.readingHundredths,
        consumptionHundredths: consumption,
        readAt: request.readAt,
        replacement,
        recordedById: user.id,
      });
      await manager.save(reading);
      await this.audit.record(manager, {
        estateId: unit.estateId,
        entityType: 'meter_reading',
        entityId: reading.id,
        action: 'record',
        actor: actorOf(user),
        details: { unitId: unit.id, readingHundredths: reading.readingHundredths, consumption, replacement },
      });
      return toMeterReadingResponse(reading);
    });
  }

  async readings(user: AuthenticatedUser, unitId: string): Promise<MeterReadingResponse[]> {
    const manager = this.transactions.dataSource.manager;
    const unit = await manager.findOneBy(Unit, { id: unitId });
    if (!unit) throw notFound('Unit', unitId);
    assertRecordVisible(user, unit.estateId, notFound('Unit', unitId));
    const readings = await manager.find(MeterReading, {
      where: { unitId },
      order: { readAt: 'DESC', id: 'DESC' },
      take: 200,
    });
    return readings.map(toMeterReadingResponse);
  }

  private async visibleUnitOr422(
    manager: EntityManager,
    user: AuthenticatedUser,
    unitId: string,
  ): Promise<Unit> {
    const unit = await manager.findOneBy(Unit, { id: unitId });
    if (!unit || (user.role !== 'admin' && !user.estateIds.includes(unit.estateId)))
      throw new UnprocessableError(
        'UNIT_NOT_FOUND',
        `Unit ${unitId} does not exist or is not visible to you`,
        {
          unitId,
        },
      );
    return unit;
  }
}
