import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { hasLabel, Label, LabelLocale, labelOf, textOf } from '@estate/labels';
import { Clock, safeRow } from '@estate/shared';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { In } from 'typeorm';
import { AssetsService } from './assets.service';
import { AssetExportQuery, AssetQuery } from './dto/asset.dto';
import { Asset, AssetCategory } from './entities';

const BATCH = 500;

const COLUMNS: (Label & { key: string; width: number; numFmt?: string })[] = [
  { zh: '编号', en: 'Code', key: 'code', width: 16 },
  { zh: '名称', en: 'Name', key: 'name', width: 24 },
  { zh: '类别', en: 'Category', key: 'category', width: 18 },
  { zh: '指标组', en: 'KPI group', key: 'kpiGroup', width: 14 },
  { zh: '数量', en: 'Measure', key: 'measure', width: 14, numFmt: '#,##0.00' },
  { zh: '单位', en: 'Unit', key: 'unit', width: 8 },
  { zh: '位置', en: 'Location', key: 'location', width: 24 },
  { zh: '品牌', en: 'Brand', key: 'brand', width: 14 },
  { zh: '型号', en: 'Model', key: 'model', width: 14 },
  { zh: '出厂编号', en: 'Serial', key: 'serial', width: 16 },
  { zh: '安装日期', en: 'Installed', key: 'installed', width: 12, numFmt: 'yyyy-mm-dd' },
  { zh: '保修截止', en: 'Warranty end', key: 'warranty', width: 12, numFmt: 'yyyy-mm-dd' },
  { zh: '重要等级', en: 'Importance', key: 'importance', width: 10 },
  { zh: '责任人', en: 'Responsible', key: 'responsible', width: 14 },
  { zh: '状态', en: 'Status', key: 'status', width: 14 },
  { zh: '完好状况', en: 'Condition', key: 'condition', width: 14 },
  { zh: '记录时间', en: 'Recorded at', key: 'recordedAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
];

/**
 * A category as people call it: in Chinese the estate's stored name (an estate may rename or add
 * categories); in English the label of a default category, else the stored name.
 */
function categoryName(code: string, storedName: string | undefined, locale: LabelLocale): string {
  if (locale === 'en' && hasLabel('assetCategory', code)) return labelOf('assetCategory', code, locale);
  return storedName ?? labelOf('assetCategory', code, locale);
}

/** A local date as an Excel date (midnight UTC, shown as the same calendar date). */
function excelDate(localDate: string | null): Date | null {
  return localDate ? new Date(`${localDate}T00:00:00Z`) : null;
}

/**
 * The ledger as a streaming .xlsx: rows read in keyset batches and committed one by one. Headers
 * and codes are written in the query's locale (@estate/labels).
 */
@Injectable()
export class AssetExportService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly assets: AssetsService,
    private readonly clock: Clock,
  ) {}

  /** Checks access before anything is streamed (so refusals are still proper JSON errors). */
  async prepare(user: AuthenticatedUser, query: AssetQuery): Promise<string> {
    if (query.estateId) {
      const estate = await this.estates.accessibleEstate(user, query.estateId);
      return `assets-${estate.code}.xlsx`;
    }
    return 'assets.xlsx';
  }

  async write(user: AuthenticatedUser, query: AssetExportQuery, output: Writable): Promise<void> {
    const manager = this.transactions.dataSource.manager;
    const now = this.clock.now();
    const locale = query.locale;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
    const sheet = workbook.addWorksheet(textOf({ zh: '设备台账', en: 'Assets' }, locale), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = COLUMNS.map((column) => ({
      header: textOf(column, locale),
      key: column.key,
      width: column.width,
      style: column.numFmt ? { numFmt: column.numFmt } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let afterId = '';
    for (;;) {
      const builder = manager.createQueryBuilder(Asset, 'a');
      this.assets.filter(builder, user, query, now);
      const batch = await builder
        .andWhere('a.id > :afterId', { afterId })
        .orderBy('a.id', 'ASC')
        .limit(BATCH)
        .getMany();
      if (!batch.length) break;
      afterId = batch[batch.length - 1].id;
      const latest = await this.assets.latestConditions(
        manager,
        batch.map((asset) => asset.id),
        now,
      );
      const categories = await manager.find(AssetCategory, {
        where: {
          estateId: In([...new Set(batch.map((asset) => asset.estateId))]),
          code: In([...new Set(batch.map((asset) => asset.categoryCode))]),
        },
      });
      const stored = new Map(
        categories.map((category) => [`${category.estateId}:${category.code}`, category.name]),
      );
      for (const asset of batch) {
        const record = latest.get(asset.id);
        sheet
          .addRow(
            safeRow({
              code: asset.code,
              name: asset.name,
              category: categoryName(
                asset.categoryCode,
                stored.get(`${asset.estateId}:${asset.categoryCode}`),
                locale,
              ),
              kpiGroup: labelOf('assetKpiGroup', asset.kpiGroup, locale),
              measure: asset.measureHundredths / 100,
              unit: labelOf('assetMeasureUnit', asset.measureUnit, locale),
              location: asset.locationText ?? '',
              brand: asset.brand ?? '',
              model: asset.model ?? '',
              serial: asset.serialNumber ?? '',
              installed: excelDate(asset.installedDate),
              warranty: excelDate(asset.warrantyEndDate),
              importance: labelOf('assetImportance', asset.importance, locale),
              responsible: asset.responsiblePerson ?? '',
              status: labelOf('assetStatus', asset.status, locale),
              condition: labelOf('assetCondition', record?.condition, locale),
              recordedAt: record?.recordedAt ?? null,
            }),
          )
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  }
}
