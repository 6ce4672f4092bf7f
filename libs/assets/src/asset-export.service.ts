import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { Clock } from '@estate/shared';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { AssetsService } from './assets.service';
import { AssetQuery } from './dto/asset.dto';
import { Asset } from './entities';

const BATCH = 500;

const COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: '编号 Code', key: 'code', width: 16 },
  { header: '名称 Name', key: 'name', width: 24 },
  { header: '类别 Category', key: 'category', width: 18 },
  { header: '指标组 KPI group', key: 'kpiGroup', width: 14 },
  { header: '数量 Measure', key: 'measure', width: 14, style: { numFmt: '#,##0.00' } },
  { header: '单位 Unit', key: 'unit', width: 8 },
  { header: '位置 Location', key: 'location', width: 24 },
  { header: '品牌 Brand', key: 'brand', width: 14 },
  { header: '型号 Model', key: 'model', width: 14 },
  { header: '出厂编号 Serial', key: 'serial', width: 16 },
  { header: '安装日期 Installed', key: 'installed', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
  { header: '保修截止 Warranty end', key: 'warranty', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
  { header: '重要等级 Importance', key: 'importance', width: 10 },
  { header: '责任人 Responsible', key: 'responsible', width: 14 },
  { header: '状态 Status', key: 'status', width: 14 },
  { header: '完好状况 Condition', key: 'condition', width: 14 },
  { header: '记录时间 Recorded at', key: 'recordedAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
];

/** A local date as an Excel date (midnight UTC, shown as the same calendar date). */
function excelDate(localDate: string | null): Date | null {
  return localDate ? new Date(`${localDate}T00:00:00Z`) : null;
}

/** The ledger as a streaming .xlsx: rows read in keyset batches and committed one by one. */
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

  async write(user: AuthenticatedUser, query: AssetQuery, output: Writable): Promise<void> {
    const manager = this.transactions.dataSource.manager;
    const now = this.clock.now();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
    const sheet = workbook.addWorksheet('设备台账 Assets', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS;
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
      for (const asset of batch) {
        const record = latest.get(asset.id);
        sheet
          .addRow({
            code: asset.code,
            name: asset.name,
            category: asset.categoryCode,
            kpiGroup: asset.kpiGroup ?? '',
            measure: asset.measureHundredths / 100,
            unit: asset.measureUnit,
            location: asset.locationText ?? '',
            brand: asset.brand ?? '',
            model: asset.model ?? '',
            serial: asset.serialNumber ?? '',
            installed: excelDate(asset.installedDate),
            warranty: excelDate(asset.warrantyEndDate),
            importance: asset.importance,
            responsible: asset.responsiblePerson ?? '',
            status: asset.status,
            condition: record?.condition ?? '',
            recordedAt: record?.recordedAt ?? null,
          })
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  }
}
