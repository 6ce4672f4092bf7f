import { maskPhone } from '@estate/shared';
import { hundredthsToArea } from './area';
import { BuildingResponse } from './dto/building.dto';
import { EstateResponse } from './dto/estate.dto';
import { ResidentResponse } from './dto/resident.dto';
import { UnitResponse } from './dto/unit.dto';
import { Building, Estate, Resident, Unit } from './entities';
import { settingsOf } from './estate-settings';

export function toEstateResponse(estate: Estate): EstateResponse {
  return {
    id: estate.id,
    code: estate.code,
    name: estate.name,
    address: estate.address,
    timeZone: estate.timeZone,
    settings: settingsOf(estate.settings) as unknown as Record<string, unknown>,
    active: estate.active,
    createdAt: estate.createdAt.toISOString(),
  };
}

export function toBuildingResponse(building: Building): BuildingResponse {
  return {
    id: building.id,
    estateId: building.estateId,
    number: building.number,
    name: building.name,
    floors: building.floors,
    floorArea: hundredthsToArea(building.floorAreaHundredths),
    createdAt: building.createdAt.toISOString(),
  };
}

export function toUnitResponse(unit: Unit, buildingNumber: string): UnitResponse {
  return {
    id: unit.id,
    estateId: unit.estateId,
    buildingId: unit.buildingId,
    buildingNumber,
    number: unit.number,
    floor: unit.floor,
    floorArea: unit.floorAreaHundredths / 100,
    type: unit.type,
    createdAt: unit.createdAt.toISOString(),
  };
}

export function toResidentResponse(
  resident: Resident,
  options: { unmaskPhone?: boolean; unitLabel: string | null },
): ResidentResponse {
  return {
    id: resident.id,
    estateId: resident.estateId,
    unitId: resident.unitId,
    unitLabel: options.unitLabel,
    name: resident.name,
    phone: options.unmaskPhone ? resident.phone : maskPhone(resident.phone),
    relation: resident.relation,
    moveInDate: resident.moveInDate,
    moveOutDate: resident.moveOutDate,
    createdAt: resident.createdAt.toISOString(),
  };
}
