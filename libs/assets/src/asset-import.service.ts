import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { EstatesService, readWorkbook } from '@estate/estates';
import {
  BadRequestError,
  baseColumns,
  Clock,
  DomainError,
  LOCAL_DATE_PATTERN,
  startOfLocalDate,
  UnprocessableError,
} from '@estate/shared';
import { AssetCategoriesService } from './asset-categories.service';
import {
  ASSET_CONDITIONS,
  ASSET_ENTITY,
  AssetCondition,
  IMPORTANCE_LEVELS,
  Importance,
  KPI_GROUPS,
  KpiGroup,
  MEASURE_UNITS,
  MeasureUnit,
} from './asset.constants';
import { actorOf, AssetsService } from './assets.service';
import { CONDITION_OPEN_END } from './condition-sql';
import { Asset, AssetConditionRecord } from './entities';
import { parseQuantity } from './measure';

export interface AssetImportRowError {
  sheet: string;
  row: number;
  field?: string;
  message: string;
}

/** Header names accepted for each field (English or Chinese), compared without case or spaces. */
const HEADERS: Record<string, string[]> = {
  code: ['code', '编号', '设备编号'],
  name: ['name', '名称', '设备名称'],
  category: ['category', '类别', '分类'],
  kpiGroup: ['kpigroup', '指标组'],
  measure: ['measure', '数量', '面积', '长度'],
  unit: ['unit', 'measureunit', '单位'],
  location: ['location', '位置'],
  brand: ['brand', '品牌'],
  model: ['model', '型号'],
  serialNumber: ['serialnumber', 'serial', '序列号', '出厂编号'],
  installedDate: ['installeddate', '安装日期'],
  warrantyEndDate: ['warrantyenddate', '保修截止'],
  importance: ['importance', '重要等级'],
  responsiblePerson: ['responsibleperson', '责任人'],
  condition: ['condition', '完好状况', '状况'],
};

const UNIT_ALIASES: Record<string, MeasureUnit> = {
  m2: 'm2',
  'm²': 'm2',
  平方米: 'm2',
  m: 'm',
  米: 'm',
  count: 'count',
  个: 'count',
  台: 'count',
  座: 'count',
};

function field(values: Record<string, string>, key: string): string {
  for (const [header, value] of Object.entries(values))
    if (HEADERS[key].includes(header.replace(/\s+/g, '').toLowerCase())) return value.trim();
  return '';
}

/**
 * Bulk import of assets from the first sheet of an .xlsx (or a sheet named Assets / 设备台账). Every row
 * is checked first with the same rules as POST /assets; any bad row → 422 IMPORT_ROWS_INVALID listing
 * each row and reason, and nothing is written. A `condition` column writes a first condition record
 * (source manual) at import time.
 */
@Injectable()
export class AssetImportService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly categories: AssetCategoriesService,
    private readonly assets: AssetsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async importFile(
    user: AuthenticatedUser,
    estateId: string,
    file: { buffer: Buffer; originalname: string },
  ): Promise<{ imported: number; conditionRecords: number }> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    if (!file.originalname.toLowerCase().endsWith('.xlsx'))
      throw new BadRequestError('FILE_TYPE_UNSUPPORTED', 'Upload an .xlsx workbook');
    const sheets = await readWorkbook(file.buffer);
    const sheet =
      sheets.find((candidate) => ['assets', '设备台账'].includes(candidate.name.trim().toLowerCase())) ??
      sheets[0];
    if (!sheet || !sheet.rows.length)
      throw new UnprocessableError('IMPORT_EMPTY', 'The workbook has no asset rows');
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const categories = await this.categories.categoriesOf(manager, estate.id);
      const existingCodes = new Set(
        (await manager.find(Asset, { where: { estateId }, select: { code: true } })).map(
          (asset) => asset.code,
        ),
      );
      const errors: AssetImportRowError[] = [];
      const assets: Partial<Asset>[] = [];
      const records: Partial<AssetConditionRecord>[] = [];
      for (const { rowNumber, values } of sheet.rows) {
        const fail = (message: string, fieldName?: string) =>
          errors.push({ sheet: sheet.name, row: rowNumber, ...(fieldName && { field: fieldName }), message });
        const code = field(values, 'code').toUpperCase();
        if (!code || code.length > 40) {
          fail('code is required (at most 40 characters)', 'code');
          continue;
        }
        if (existingCodes.has(code)) {
          fail(`asset ${code} already exists (in the estate or earlier in the file)`, 'code');
          continue;
        }
        const name = field(values, 'name');
        if (!name || name.length > 100) {
          fail('name is required (at most 100 characters)', 'name');
          continue;
        }
        const category = categories.find((candidate) => candidate.code === field(values, 'category'));
        if (!category) {
          fail(
            `category must be one of ${categories.map((candidate) => candidate.code).join(', ')}`,
            'category',
          );
          continue;
        }
        const groupText = field(values, 'kpiGroup');
        const kpiGroup =
          groupText === '' ? category.kpiGroup : groupText === 'none' ? null : (groupText as KpiGroup);
        if (kpiGroup !== null && !KPI_GROUPS.includes(kpiGroup)) {
          fail(`kpiGroup must be one of ${KPI_GROUPS.join(', ')} or none`, 'kpiGroup');
          continue;
        }
        const measure = parseQuantity(field(values, 'measure'));
        if (measure === null) {
          fail('measure must be a number greater than zero with at most 2 decimals', 'measure');
          continue;
        }
        const unit = UNIT_ALIASES[field(values, 'unit').toLowerCase()];
        if (!unit || !MEASURE_UNITS.includes(unit)) {
          fail('unit must be m2, m or count', 'unit');
          continue;
        }
        const installedDate = field(values, 'installedDate') || null;
        const warrantyEndDate = field(values, 'warrantyEndDate') || null;
        if (installedDate && !LOCAL_DATE_PATTERN.test(installedDate)) {
          fail('installedDate must be a date written YYYY-MM-DD', 'installedDate');
          continue;
        }
        if (warrantyEndDate && !LOCAL_DATE_PATTERN.test(warrantyEndDate)) {
          fail('warrantyEndDate must be a date written YYYY-MM-DD', 'warrantyEndDate');
          continue;
        }
        const importance = (field(values, 'importance').toUpperCase() || 'B') as Importance;
        if (!IMPORTANCE_LEVELS.includes(importance)) {
          fail('importance must be A, B or C', 'importance');
          continue;
        }
        const conditionText = field(values, 'condition');
        const condition = (conditionText || null) as AssetCondition | null;
        if (condition && !ASSET_CONDITIONS.includes(condition)) {
          fail(`condition must be one of ${ASSET_CONDITIONS.join(', ')}`, 'condition');
          continue;
        }
        try {
          this.assets.assertMeasure(kpiGroup, unit, measure);
          this.assets.assertDates(installedDate, warrantyEndDate);
          if (
            condition &&
            installedDate &&
            now.getTime() < startOfLocalDate(installedDate, estate.timeZone).getTime()
          )
            throw new UnprocessableError(
              'CONDITION_BEFORE_INSTALLATION',
              'a condition cannot be recorded before installedDate',
            );
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          fail(error.message);
          continue;
        }
        const optional = (key: string, max: number) => {
          const value = field(values, key);
          return value === '' ? null : value.slice(0, max);
        };
        const row: Partial<Asset> = {
          ...baseColumns(now),
          estateId,
          code,
          name,
          categoryCode: category.code,
          kpiGroup,
          measureHundredths: measure,
          measureUnit: unit,
          locationText: optional('location', 200),
          latitudeMicro: null,
          longitudeMicro: null,
          brand: optional('brand', 100),
          model: optional('model', 100),
          serialNumber: optional('serialNumber', 100),
          installedDate,
          warrantyEndDate,
          importance,
          responsiblePerson: optional('responsiblePerson', 100),
          status: 'in_service',
          registeredAt: now,
          decommissionedAt: null,
          decommissionReason: null,
          firstRecordedAt: condition ? now : null,
          version: 1,
        };
        existingCodes.add(code);
        assets.push(row);
        if (condition)
          records.push({
            ...baseColumns(now),
            estateId,
            assetId: row.id,
            condition,
            recordedAt: now,
            validUntil: CONDITION_OPEN_END, // a new asset's only record
            source: 'manual',
            note: 'Condition at import',
            authorId: user.id,
            authorName: user.displayName,
            taskId: null,
            workOrderId: null,
          });
      }
      if (errors.length)
        throw new UnprocessableError(
          'IMPORT_ROWS_INVALID',
          `${errors.length} row problem(s); nothing was imported. Fix the rows listed and upload again.`,
          { errors: errors.slice(0, 500) },
        );
      for (let start = 0; start < assets.length; start += 200)
        await manager.insert(Asset, assets.slice(start, start + 200) as never);
      for (let start = 0; start < records.length; start += 200)
        await manager.insert(AssetConditionRecord, records.slice(start, start + 200) as never);
      await this.audit.record(manager, {
        estateId,
        entityType: ASSET_ENTITY,
        entityId: estateId,
        action: 'import',
        actor: actorOf(user),
        details: { assets: assets.length, conditionRecords: records.length, file: file.originalname },
      });
      return { imported: assets.length, conditionRecords: records.length };
    });
  }
}
