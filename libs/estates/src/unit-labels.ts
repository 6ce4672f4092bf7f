import type { EntityManager } from 'typeorm';
import { Building, Unit } from './entities';

/** How a unit is named to people: building number, unit number and the label `"<building>-<unit>"`. */
export interface UnitLabel {
  buildingId: string;
  buildingNumber: string;
  buildingName: string;
  unitNumber: string;
  /** `1-101`, `3栋-1203`: the building's number (unique in the estate) and the unit's number. */
  label: string;
}

/**
 * The one rule for a unit's human label, shared by every response that carries `unitLabel`, the
 * receipts and the exports: building number (unique in the estate, what people say and type — "3-12")
 * then the unit number, joined by `-`.
 */
export function formatUnitLabel(buildingNumber: string, unitNumber: string): string {
  return `${buildingNumber}-${unitNumber}`;
}

/**
 * Labels of many units in one statement (units joined to their buildings), for a page of records:
 * never one query per record. Null and repeated ids are ignored; an unknown id is absent from the map.
 */
export async function unitLabels(
  manager: EntityManager,
  unitIds: readonly (string | null | undefined)[],
): Promise<Map<string, UnitLabel>> {
  const ids = [...new Set(unitIds.filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (!ids.length) return new Map();
  const rows = await manager
    .createQueryBuilder(Unit, 'unit')
    .innerJoin(Building, 'building', 'building.id = unit.building_id')
    .select('unit.id', 'unitId')
    .addSelect('unit.number', 'unitNumber')
    .addSelect('building.id', 'buildingId')
    .addSelect('building.number', 'buildingNumber')
    .addSelect('building.name', 'buildingName')
    .where('unit.id IN (:...ids)', { ids })
    .getRawMany<{
      unitId: string;
      unitNumber: string;
      buildingId: string;
      buildingNumber: string;
      buildingName: string;
    }>();
  return new Map(
    rows.map((row) => [
      row.unitId,
      {
        buildingId: row.buildingId,
        buildingNumber: row.buildingNumber,
        buildingName: row.buildingName,
        unitNumber: row.unitNumber,
        label: formatUnitLabel(row.buildingNumber, row.unitNumber),
      },
    ]),
  );
}

/** The label of one unit (or null without a unit): for single-record responses. */
export async function unitLabelOf(manager: EntityManager, unitId: string | null): Promise<string | null> {
  if (!unitId) return null;
  return (await unitLabels(manager, [unitId])).get(unitId)?.label ?? null;
}
