import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { BadRequestError } from '@estate/shared';
import { Brackets, EntityManager } from 'typeorm';
import { LookupResidentResponse, UnitLookupQuery, UnitLookupResponse } from './dto/unit-lookup.dto';
import { Building, Resident, Unit } from './entities';
import { EstatesService } from './estates.service';
import { OccupancyService } from './occupancy.service';
import { phoneDigits } from './resident-phone';
import { formatUnitLabel } from './unit-labels';
import { UnitRecordCounters } from './unit-record-counters';

const LIMIT = 20;
const RELATION_ORDER: Record<string, number> = { owner: 0, tenant: 1, family: 2 };
/** Words that end a building in typed Chinese: 3栋, 3号楼, 3幢, 3座, 3单元 is not a building. */
const BUILDING_SUFFIX = /^(.+?)(号楼|栋|幢|座|楼)\s*(.*)$/;
const SEPARATED = /^(\S+?)\s*[-－—/\s]\s*(\S+)$/;

interface RoomQuery {
  building: string | null;
  unitPrefix: string;
}

/** Splits `3-12`, `3 1203`, `3栋1203`, `3号楼`, `1203` into a building token and a unit-number prefix. */
export function parseRoomQuery(q: string): RoomQuery {
  const text = q.trim();
  const suffixed = BUILDING_SUFFIX.exec(text);
  if (suffixed)
    return { building: suffixed[1].trim(), unitPrefix: suffixed[3].replace(/^[-－—/\s]+/, '').trim() };
  const separated = SEPARATED.exec(text);
  if (separated) return { building: separated[1], unitPrefix: separated[2] };
  return { building: null, unitPrefix: text };
}

const likePrefix = (text: string) => `${text.replace(/[!%_]/g, (character) => `!${character}`)}%`;

/**
 * The front desk's caller lookup (docs/api.md "Caller lookup"): who is calling and from which unit,
 * by phone or by building/room, with the unit's residents and its open work orders and complaints.
 */
@Injectable()
export class UnitLookupService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly counters: UnitRecordCounters,
  ) {}

  /**
   * Up to 20 units. By phone: residents living there today whose number ends in the 4 digits, or
   * equals the full number — one range of (estate_id, phone_last4), the full number compared in code
   * on those few rows. By q: building number/name and the start of the unit number.
   */
  async lookup(user: AuthenticatedUser, query: UnitLookupQuery): Promise<UnitLookupResponse[]> {
    const estate = await this.estates.accessibleEstate(user, query.estateId);
    if ((query.phone === undefined) === (query.q === undefined))
      throw new BadRequestError('LOOKUP_QUERY_REQUIRED', 'Give either phone (full or last 4 digits) or q');
    const manager = this.transactions.dataSource.manager;
    const today = this.estates.today(estate);
    const unitIds =
      query.phone !== undefined
        ? await this.unitsByPhone(manager, estate.id, today, query.phone)
        : await this.unitsByRoom(manager, estate.id, query.q ?? '');
    if (!unitIds.length) return [];
    const rows = await manager
      .createQueryBuilder(Unit, 'unit')
      .innerJoin(Building, 'building', 'building.id = unit.building_id')
      .addSelect('building.number', 'building_number')
      .addSelect('building.name', 'building_name')
      .where('unit.id IN (:...unitIds)', { unitIds })
      .orderBy('building.number', 'ASC')
      .addOrderBy('unit.number', 'ASC')
      .getRawAndEntities<Record<string, unknown>>();
    const [residents, openWorkOrders, openComplaints] = await Promise.all([
      manager
        .createQueryBuilder(Resident, 'resident')
        .where('resident.unit_id IN (:...unitIds)', { unitIds })
        .andWhere(OccupancyService.livingOnCondition('resident'), { date: today })
        .orderBy('resident.name', 'ASC')
        .getMany(),
      this.counters.count('openWorkOrders', manager, estate.id, unitIds),
      this.counters.count('openComplaints', manager, estate.id, unitIds),
    ]);
    const buildingOf = new Map(
      rows.raw.map((row) => [
        String(row.unit_id),
        { number: String(row.building_number), name: String(row.building_name) },
      ]),
    );
    return rows.entities.map((unit) => {
      const building = buildingOf.get(unit.id) ?? { number: '', name: '' };
      return {
        id: unit.id,
        unitLabel: formatUnitLabel(building.number, unit.number),
        buildingId: unit.buildingId,
        buildingNumber: building.number,
        buildingName: building.name,
        number: unit.number,
        floor: unit.floor,
        floorArea: unit.floorAreaHundredths / 100,
        type: unit.type,
        residents: residents
          .filter((resident) => resident.unitId === unit.id)
          .sort((a, b) => (RELATION_ORDER[a.relation] ?? 9) - (RELATION_ORDER[b.relation] ?? 9))
          .map((resident): LookupResidentResponse => ({
            id: resident.id,
            name: resident.name,
            phone: resident.phone,
            relation: resident.relation,
            moveInDate: resident.moveInDate,
          })),
        openWorkOrders: openWorkOrders.get(unit.id) ?? 0,
        openComplaints: openComplaints.get(unit.id) ?? 0,
      };
    });
  }

  private async unitsByPhone(
    manager: EntityManager,
    estateId: string,
    today: string,
    phone: string,
  ): Promise<string[]> {
    const digits = phoneDigits(phone);
    if (digits.length !== 4 && digits.length < 7)
      throw new BadRequestError(
        'PHONE_INVALID',
        'Give the full phone number (at least 7 digits) or its last 4 digits',
      );
    const residents = await manager
      .createQueryBuilder(Resident, 'resident')
      .select(['resident.id', 'resident.unitId', 'resident.phone'])
      .where('resident.estate_id = :estateId AND resident.phone_last4 = :last4', {
        estateId,
        last4: digits.slice(-4),
      })
      .andWhere(OccupancyService.livingOnCondition('resident'), { date: today })
      .getMany();
    const matches =
      digits.length === 4
        ? residents
        : residents.filter((resident) => {
            // "+86 138…" typed for a stored "138…" (or the other way round) is the same number.
            const stored = phoneDigits(resident.phone);
            return stored.length >= 7 && (stored.endsWith(digits) || digits.endsWith(stored));
          });
    return [...new Set(matches.map((resident) => resident.unitId))].slice(0, LIMIT);
  }

  private async unitsByRoom(manager: EntityManager, estateId: string, q: string): Promise<string[]> {
    const { building, unitPrefix } = parseRoomQuery(q);
    if (!building && !unitPrefix)
      throw new BadRequestError('LOOKUP_QUERY_REQUIRED', 'Type a building and/or a room number');
    const builder = manager
      .createQueryBuilder(Unit, 'unit')
      .innerJoin(Building, 'building', 'building.id = unit.building_id')
      .select('unit.id', 'id')
      .where('unit.estate_id = :estateId', { estateId });
    if (unitPrefix)
      builder.andWhere("unit.number LIKE :unitPrefix ESCAPE '!'", { unitPrefix: likePrefix(unitPrefix) });
    if (building)
      builder.andWhere(
        new Brackets((where) =>
          where
            .where('building.number = :building', { building })
            .orWhere('building.name IN (:...buildingNames)', {
              buildingNames: [building, `${building}栋`, `${building}号楼`, `${building}幢`, `${building}座`],
            }),
        ),
      );
    const rows = await builder
      .orderBy('building.number', 'ASC')
      .addOrderBy('unit.number', 'ASC')
      .limit(LIMIT)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }
}
