import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { Building, EstatesService, formatUnitLabel, Unit } from '@estate/estates';
import { addDaysToLocalDate, BadRequestError, maskPhone, safeRow, startOfLocalDate } from '@estate/shared';
import { LabelLocale, labelOf, textOf } from '@estate/labels';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { DateTime } from 'luxon';
import { ExportQuery } from './dto/work-order.dto';
import { WorkOrder } from './entities';
import { WorkOrdersService } from './work-orders.service';

const BATCH = 500;
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';
const MONEY_FORMAT = '#,##0.00';

interface ExportColumn {
  zh: string;
  en: string;
  width: number;
  format?: string;
  value: (
    order: WorkOrder,
    unitLabel: string | null,
    toLocal: (date: Date | null) => Date | null,
    locale: LabelLocale,
  ) => unknown;
}

const COLUMNS: ExportColumn[] = [
  { zh: '工单编号', en: 'Code', width: 18, value: (o) => o.code },
  { zh: '状态', en: 'Status', width: 12, value: (o, _u, _t, l) => labelOf('workOrderStatus', o.status, l) },
  {
    zh: '优先级',
    en: 'Priority',
    width: 10,
    value: (o, _u, _t, l) => labelOf('workOrderPriority', o.priority, l),
  },
  {
    zh: '类别',
    en: 'Category',
    width: 12,
    value: (o, _u, _t, l) => labelOf('workOrderCategory', o.category, l),
  },
  {
    zh: '渠道',
    en: 'Channel',
    width: 12,
    value: (o, _u, _t, l) => labelOf('workOrderChannel', o.channel, l),
  },
  { zh: '房号', en: 'Unit', width: 12, value: (_o, unit) => unit },
  { zh: '位置', en: 'Location', width: 20, value: (o) => o.locationText },
  { zh: '报修内容', en: 'Description', width: 40, value: (o) => o.description },
  { zh: '报修人', en: 'Reporter', width: 12, value: (o) => o.reporterName },
  { zh: '联系电话', en: 'Phone', width: 14, value: (o) => maskPhone(o.reporterPhone) },
  { zh: '报修时间', en: 'Reported at', width: 17, format: DATE_FORMAT, value: (o, _u, t) => t(o.reportedAt) },
  {
    zh: '到场时限',
    en: 'Arrival due',
    width: 17,
    format: DATE_FORMAT,
    value: (o, _u, t) => t(o.arrivalDueAt),
  },
  { zh: '到场时间', en: 'Arrived at', width: 17, format: DATE_FORMAT, value: (o, _u, t) => t(o.arrivedAt) },
  { zh: '完成时限', en: 'Due at', width: 17, format: DATE_FORMAT, value: (o, _u, t) => t(o.dueAt) },
  {
    zh: '首次完成时间',
    en: 'First completed at',
    width: 17,
    format: DATE_FORMAT,
    value: (o, _u, t) => t(o.firstCompletedAt),
  },
  { zh: '关闭时间', en: 'Closed at', width: 17, format: DATE_FORMAT, value: (o, _u, t) => t(o.closedAt) },
  { zh: '维修人员', en: 'Assignee', width: 12, value: (o) => o.assigneeName },
  { zh: '返工次数', en: 'Rework count', width: 10, value: (o) => o.reworkCount },
  {
    zh: '验收结果',
    en: 'Acceptance',
    width: 10,
    value: (o, _u, _t, l) => labelOf('acceptanceResult', o.acceptanceResult, l),
  },
  {
    zh: '满意度',
    en: 'Satisfaction',
    width: 14,
    value: (o, _u, _t, l) => labelOf('satisfaction', o.satisfaction, l),
  },
  { zh: '工时(分钟)', en: 'Labour minutes', width: 10, value: (o) => o.labourMinutes },
  {
    zh: '是否收费',
    en: 'Chargeable',
    width: 10,
    value: (o, _u, _t, l) => labelOf('yesNo', o.chargeable ? 'yes' : 'no', l),
  },
  {
    zh: '收费金额(元)',
    en: 'Amount (yuan)',
    width: 14,
    format: MONEY_FORMAT,
    value: (o) => (o.amountFen === null ? null : o.amountFen / 100),
  },
];

/**
 * Streams the work orders the list's filters select (WorkOrdersService.filter — the same code the
 * list runs), optionally within a local date range, to xlsx in reported order, reading keyset
 * batches. Headers and codes (status, priority, category …) are written in the query's locale
 * (@estate/labels).
 */
@Injectable()
export class WorkOrderExportService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly workOrders: WorkOrdersService,
  ) {}

  async export(user: AuthenticatedUser, query: ExportQuery, response: Response): Promise<void> {
    const estate = await this.estates.accessibleEstate(user, query.estateId);
    if (query.from && query.to && query.to < query.from)
      throw new BadRequestError('DATE_RANGE_INVALID', '`to` must not be before `from`');
    const start = query.from ? startOfLocalDate(query.from, estate.timeZone) : null;
    const end = query.to ? startOfLocalDate(addDaysToLocalDate(query.to, 1), estate.timeZone) : null;
    // Excel has no time zones: write the estate's wall-clock time.
    const toLocal = (date: Date | null): Date | null => {
      if (!date) return null;
      const local = DateTime.fromJSDate(date, { zone: estate.timeZone });
      return new Date(
        Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second),
      );
    };

    const locale = query.locale;
    const range = [query.from, query.to].filter(Boolean).join('-');
    const filename = `work-orders-${estate.code}${range ? `-${range}` : ''}.xlsx`;
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(locale === 'en' ? filename : `工单-${filename}`)}`,
    );
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: response, useStyles: true });
    const sheet = workbook.addWorksheet(textOf({ zh: '工单', en: 'Work orders' }, locale), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = COLUMNS.map((column) => ({
      width: column.width,
      style: column.format ? { numFmt: column.format } : {},
    }));
    const header = sheet.addRow(safeRow(COLUMNS.map((column) => textOf(column, locale))));
    header.font = { bold: true };
    header.commit();

    const manager = this.transactions.dataSource.manager;
    let after: { reportedAt: Date; id: string } | null = null;
    for (;;) {
      const builder = manager
        .createQueryBuilder(WorkOrder, 'wo')
        .leftJoin(Unit, 'unit', 'unit.id = wo.unit_id')
        .leftJoin(Building, 'building', 'building.id = unit.building_id')
        .addSelect('building.number', 'building_number')
        .addSelect('unit.number', 'unit_number');
      this.workOrders.filter(builder, user, { ...query, estateId: estate.id });
      if (start) builder.andWhere('wo.reported_at >= :start', { start });
      if (end) builder.andWhere('wo.reported_at < :end', { end });
      if (after)
        builder.andWhere('(wo.reported_at > :afterAt OR (wo.reported_at = :afterAt AND wo.id > :afterId))', {
          afterAt: after.reportedAt,
          afterId: after.id,
        });
      const { entities, raw } = await builder
        .orderBy('wo.reported_at', 'ASC')
        .addOrderBy('wo.id', 'ASC')
        .limit(BATCH)
        .getRawAndEntities<Record<string, unknown>>();
      if (!entities.length) break;
      const labels = new Map(
        raw.map((row) => [
          String(row.wo_id),
          row.unit_number === null || row.unit_number === undefined
            ? null
            : formatUnitLabel(String(row.building_number), String(row.unit_number)),
        ]),
      );
      for (const order of entities) {
        sheet
          .addRow(
            safeRow(
              COLUMNS.map((column) => column.value(order, labels.get(order.id) ?? null, toLocal, locale)),
            ),
          )
          .commit();
      }
      const last = entities[entities.length - 1];
      after = { reportedAt: last.reportedAt, id: last.id };
      if (entities.length < BATCH) break;
    }
    sheet.commit();
    await workbook.commit();
  }
}
