import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { BadRequestError, baseColumns, LOCAL_DATE_PATTERN, UnprocessableError } from '@estate/shared';
import { EntityManager } from 'typeorm';
import {
  Building,
  RESIDENT_RELATIONS,
  Resident,
  ResidentRelation,
  Unit,
  UNIT_TYPES,
  UnitType,
} from '../entities';
import { EstatesService } from '../estates.service';
import { assertHasRows, readCsvFile, readWorkbook, TabularSheet } from './tabular-file';

export type ImportKind = 'buildings' | 'units' | 'residents';
export const IMPORT_KINDS: ImportKind[] = ['buildings', 'units', 'residents'];

export interface ImportRowError {
  sheet: string;
  row: number;
  field?: string;
  message: string;
}

export interface ImportResult {
  buildings: number;
  units: number;
  residents: number;
}

/** Header names accepted for each field (English or Chinese), compared without case or spaces. */
const HEADERS: Record<string, string[]> = {
  number: ['number', '编号', '楼栋号', '房号'],
  building: ['building', 'buildingnumber', '楼栋', '楼栋号'],
  unit: ['unit', 'unitnumber', '房号', '单元'],
  name: ['name', '名称', '姓名'],
  floors: ['floors', '层数'],
  floor: ['floor', '楼层'],
  floorArea: ['floorarea', 'area', '面积', '建筑面积'],
  type: ['type', '类型'],
  phone: ['phone', '电话', '手机'],
  relation: ['relation', '关系'],
  moveInDate: ['moveindate', '入住日期'],
  moveOutDate: ['moveoutdate', '迁出日期'],
};

const SHEET_KINDS: Record<string, ImportKind> = {
  buildings: 'buildings',
  楼栋: 'buildings',
  units: 'units',
  房屋: 'units',
  residents: 'residents',
  住户: 'residents',
};

function field(values: Record<string, string>, key: string, kind: ImportKind): string {
  const aliases =
    kind === 'buildings' && key === 'number'
      ? ['number', '编号', '楼栋号']
      : kind === 'units' && key === 'number'
        ? ['number', '编号', '房号']
        : HEADERS[key];
  for (const [header, value] of Object.entries(values)) {
    if (aliases.includes(header.replace(/\s+/g, '').toLowerCase())) return value;
  }
  return '';
}

function parseArea(text: string): number | null {
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const [whole, decimals = ''] = text.split('.');
  const hundredths = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return hundredths > 0 && Number.isSafeInteger(hundredths) ? hundredths : null;
}

/**
 * Bulk import of buildings, units and residents from an .xlsx workbook (sheets named
 * Buildings/Units/Residents or 楼栋/房屋/住户) or a CSV of one kind. Every row is checked first; a file
 * with any bad row imports nothing and answers 422 listing each row and reason. Good files are
 * inserted in one transaction, buildings before units before residents, so a workbook may refer to
 * buildings and units it creates itself.
 */
@Injectable()
export class RegistryImportService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
  ) {}

  async importFile(
    user: AuthenticatedUser,
    estateId: string,
    file: { buffer: Buffer; originalname: string },
    csvKind?: ImportKind,
  ): Promise<ImportResult> {
    await this.estates.accessibleEstate(user, estateId);
    const sheets = await this.sheetsOf(file, csvKind);
    return this.transactions.run(async (manager) => {
      const errors: ImportRowError[] = [];
      const plan = await this.plan(manager, estateId, sheets, errors);
      if (errors.length) {
        throw new UnprocessableError(
          'IMPORT_ROWS_INVALID',
          `${errors.length} row problem(s); nothing was imported. Fix the rows listed and upload again.`,
          { errors: errors.slice(0, 500) },
        );
      }
      for (let start = 0; start < plan.buildings.length; start += 500)
        await manager.insert(Building, plan.buildings.slice(start, start + 500) as never);
      for (let start = 0; start < plan.units.length; start += 500)
        await manager.insert(Unit, plan.units.slice(start, start + 500) as never);
      for (let start = 0; start < plan.residents.length; start += 500)
        await manager.insert(Resident, plan.residents.slice(start, start + 500) as never);
      return { buildings: plan.buildings.length, units: plan.units.length, residents: plan.residents.length };
    });
  }

  private async sheetsOf(
    file: { buffer: Buffer; originalname: string },
    csvKind?: ImportKind,
  ): Promise<{ kind: ImportKind; sheet: TabularSheet }[]> {
    const name = file.originalname.toLowerCase();
    if (name.endsWith('.csv')) {
      if (!csvKind)
        throw new BadRequestError(
          'IMPORT_KIND_REQUIRED',
          'A CSV holds one kind of record: add ?kind=buildings, units or residents',
        );
      return [{ kind: csvKind, sheet: readCsvFile(file.buffer, csvKind) }];
    }
    if (!name.endsWith('.xlsx'))
      throw new BadRequestError('FILE_TYPE_UNSUPPORTED', 'Upload an .xlsx workbook or a .csv file');
    const sheets = (await readWorkbook(file.buffer))
      .map((sheet) => ({
        kind: SHEET_KINDS[sheet.name.trim().toLowerCase()] ?? SHEET_KINDS[sheet.name.trim()],
        sheet,
      }))
      .filter((entry): entry is { kind: ImportKind; sheet: TabularSheet } => entry.kind !== undefined);
    if (!sheets.length)
      throw new BadRequestError(
        'IMPORT_NO_SHEETS',
        'The workbook has no sheet named Buildings, Units or Residents (楼栋, 房屋, 住户)',
      );
    assertHasRows(sheets.map((entry) => entry.sheet));
    return sheets;
  }

  private async plan(
    manager: EntityManager,
    estateId: string,
    sheets: { kind: ImportKind; sheet: TabularSheet }[],
    errors: ImportRowError[],
  ) {
    const now = new Date();
    const buildings: Partial<Building>[] = [];
    const units: Partial<Unit>[] = [];
    const residents: Partial<Resident>[] = [];
    const existingBuildings = await manager.find(Building, { where: { estateId } });
    const buildingIdByNumber = new Map(existingBuildings.map((building) => [building.number, building.id]));
    const existingUnits: { id: string; buildingId: string; number: string }[] = await manager.find(Unit, {
      where: { estateId },
      select: { id: true, buildingId: true, number: true },
    });
    const unitIdByKey = new Map(existingUnits.map((unit) => [`${unit.buildingId}/${unit.number}`, unit.id]));
    const ordered = [...sheets].sort(
      (left, right) => IMPORT_KINDS.indexOf(left.kind) - IMPORT_KINDS.indexOf(right.kind),
    );

    for (const { kind, sheet } of ordered) {
      for (const { rowNumber, values } of sheet.rows) {
        const fail = (message: string, fieldName?: string) =>
          errors.push({ sheet: sheet.name, row: rowNumber, ...(fieldName && { field: fieldName }), message });
        if (kind === 'buildings') {
          const number = field(values, 'number', kind);
          if (!number || number.length > 30) {
            fail('number is required (at most 30 characters)', 'number');
            continue;
          }
          if (buildingIdByNumber.has(number)) {
            fail(`building ${number} already exists`, 'number');
            continue;
          }
          const floorsText = field(values, 'floors', kind);
          const floors = floorsText === '' ? null : Number(floorsText);
          if (floors !== null && (!Number.isInteger(floors) || floors < 1 || floors > 200)) {
            fail('floors must be a whole number from 1 to 200', 'floors');
            continue;
          }
          const areaText = field(values, 'floorArea', kind);
          const area = areaText === '' ? null : parseArea(areaText);
          if (areaText !== '' && area === null) {
            fail('floorArea must be a positive number of m² with at most 2 decimals', 'floorArea');
            continue;
          }
          const row = {
            ...baseColumns(now),
            estateId,
            number,
            name: field(values, 'name', kind) || number,
            floors,
            floorAreaHundredths: area,
          };
          buildingIdByNumber.set(number, row.id);
          buildings.push(row);
        } else if (kind === 'units') {
          const buildingNumber = field(values, 'building', kind);
          const number = field(values, 'number', kind);
          const buildingId = buildingIdByNumber.get(buildingNumber);
          if (!buildingId) {
            fail(`building ${buildingNumber || '(blank)'} does not exist`, 'building');
            continue;
          }
          if (!number || number.length > 30) {
            fail('number is required (at most 30 characters)', 'number');
            continue;
          }
          if (unitIdByKey.has(`${buildingId}/${number}`)) {
            fail(`unit ${buildingNumber}-${number} already exists`, 'number');
            continue;
          }
          const area = parseArea(field(values, 'floorArea', kind));
          if (area === null) {
            fail('floorArea must be a positive number of m² with at most 2 decimals', 'floorArea');
            continue;
          }
          const floorText = field(values, 'floor', kind);
          const floor = floorText === '' ? null : Number(floorText);
          if (floor !== null && (!Number.isInteger(floor) || floor < -10 || floor > 200)) {
            fail('floor must be a whole number from -10 to 200', 'floor');
            continue;
          }
          const type = (field(values, 'type', kind) || 'residential') as UnitType;
          if (!UNIT_TYPES.includes(type)) {
            fail(`type must be one of ${UNIT_TYPES.join(', ')}`, 'type');
            continue;
          }
          const row = {
            ...baseColumns(now),
            estateId,
            buildingId,
            number,
            floor,
            floorAreaHundredths: area,
            type,
          };
          unitIdByKey.set(`${buildingId}/${number}`, row.id);
          units.push(row);
        } else {
          const buildingNumber = field(values, 'building', kind);
          const unitNumber = field(values, 'unit', kind);
          const unitId = unitIdByKey.get(`${buildingIdByNumber.get(buildingNumber)}/${unitNumber}`);
          if (!unitId) {
            fail(`unit ${buildingNumber}-${unitNumber} does not exist`, 'unit');
            continue;
          }
          const name = field(values, 'name', kind);
          if (!name || name.length > 100) {
            fail('name is required (at most 100 characters)', 'name');
            continue;
          }
          const relation = (field(values, 'relation', kind) || 'owner') as ResidentRelation;
          if (!RESIDENT_RELATIONS.includes(relation)) {
            fail(`relation must be one of ${RESIDENT_RELATIONS.join(', ')}`, 'relation');
            continue;
          }
          const moveInDate = field(values, 'moveInDate', kind);
          if (!LOCAL_DATE_PATTERN.test(moveInDate)) {
            fail('moveInDate must be a date written YYYY-MM-DD', 'moveInDate');
            continue;
          }
          const moveOutDate = field(values, 'moveOutDate', kind) || null;
          if (moveOutDate !== null && (!LOCAL_DATE_PATTERN.test(moveOutDate) || moveOutDate <= moveInDate)) {
            fail('moveOutDate must be a date after moveInDate', 'moveOutDate');
            continue;
          }
          const phone = field(values, 'phone', kind) || null;
          if (phone && phone.length > 30) {
            fail('phone is at most 30 characters', 'phone');
            continue;
          }
          residents.push({
            ...baseColumns(now),
            estateId,
            unitId,
            name,
            phone,
            relation,
            moveInDate,
            moveOutDate,
          });
        }
      }
    }
    return { buildings, units, residents };
  }
}
