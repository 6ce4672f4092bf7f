import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { Building, EstatesService, Unit } from '@estate/estates';
import { formatLocalDateTime, maskPhone, periodRange, safeRow } from '@estate/shared';
import { Label, labelOf, textOf } from '@estate/labels';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { Complaint } from './complaint.entity';
import { ComplaintExportQuery } from './dto/complaint.dto';

const BATCH_SIZE = 500;
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

const COLUMNS: (Label & { key: string; width: number; date?: boolean })[] = [
  { zh: '编号', en: 'Code', key: 'code', width: 18 },
  { zh: '受理时间', en: 'Received', key: 'receivedAt', width: 18, date: true },
  { zh: '房号', en: 'Unit', key: 'unit', width: 12 },
  { zh: '渠道', en: 'Channel', key: 'channel', width: 10 },
  { zh: '类别', en: 'Categories', key: 'categories', width: 24 },
  { zh: '内容', en: 'Description', key: 'description', width: 40 },
  { zh: '联系人', en: 'Contact', key: 'contactName', width: 12 },
  { zh: '电话', en: 'Phone', key: 'contactPhone', width: 14 },
  { zh: '状态', en: 'Status', key: 'status', width: 12 },
  { zh: '有效性', en: 'Validity', key: 'validity', width: 10 },
  { zh: '无效原因', en: 'Invalid reason', key: 'invalidReason', width: 18 },
  { zh: '判定时间', en: 'Judged', key: 'judgedAt', width: 18, date: true },
  { zh: '处理部门', en: 'Department', key: 'department', width: 14 },
  { zh: '处理人', en: 'Assignee', key: 'assignee', width: 12 },
  { zh: '解决时间', en: 'Resolved', key: 'resolvedAt', width: 18, date: true },
  { zh: '按时解决', en: 'On time', key: 'onTime', width: 10 },
  { zh: '回访满意度', en: 'Satisfaction', key: 'satisfaction', width: 16 },
  { zh: '关闭时间', en: 'Closed', key: 'closedAt', width: 18, date: true },
  { zh: '首次响应超时', en: 'First response overdue', key: 'firstOverdue', width: 12 },
  { zh: '解决超时', en: 'Resolution overdue', key: 'resolutionOverdue', width: 12 },
];

/** `2026-10-31 23:30` in the estate's zone as an Excel date (Excel dates carry no zone). */
function excelLocal(instant: Date | null, timeZone: string): Date | null {
  if (!instant) return null;
  return new Date(`${formatLocalDateTime(instant, timeZone, true).replace(' ', 'T')}Z`);
}

/**
 * Streams complaints of an estate (optionally one month by receivedAt) as .xlsx: rows read in keyset
 * batches of 500 and committed one by one, so memory stays flat however many rows there are.
 * Headers and codes are written in the query's locale (@estate/labels).
 */
@Injectable()
export class ComplaintExportService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
  ) {}

  async export(user: AuthenticatedUser, query: ComplaintExportQuery, response: Response): Promise<void> {
    // Checks first, so refusals are ordinary JSON errors before any byte of the file is sent.
    const estate = await this.estates.accessibleEstate(user, query.estateId);
    const range = query.period ? periodRange(query.period, estate.timeZone) : null;
    const locale = query.locale;
    const name = `${locale === 'en' ? 'complaints' : '投诉'}-${estate.code}${query.period ? `-${query.period}` : ''}.xlsx`;
    const yesNo = (value: boolean) => labelOf('yesNo', value ? 'yes' : 'no', locale);
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="complaints.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: response, useStyles: true });
    const sheet = workbook.addWorksheet(textOf({ zh: '投诉', en: 'Complaints' }, locale), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = COLUMNS.map((column) => ({
      header: textOf(column, locale),
      key: column.key,
      width: column.width,
      style: column.date ? { numFmt: DATE_FORMAT } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();

    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const builder = this.transactions.dataSource.manager
        .createQueryBuilder(Complaint, 'complaint')
        .leftJoin(Unit, 'unit', 'unit.id = complaint.unit_id')
        .leftJoin(Building, 'building', 'building.id = unit.building_id')
        .addSelect('building.number', 'building_number')
        .addSelect('unit.number', 'unit_number')
        .where('complaint.estate_id = :estateId', { estateId: estate.id });
      if (range) builder.andWhere('complaint.received_at >= :start AND complaint.received_at < :end', range);
      if (after)
        builder.andWhere(
          '(complaint.received_at > :afterAt OR (complaint.received_at = :afterAt AND complaint.id > :afterId))',
          { afterAt: after.at, afterId: after.id },
        );
      const { entities, raw } = await builder
        .orderBy('complaint.received_at', 'ASC')
        .addOrderBy('complaint.id', 'ASC')
        .limit(BATCH_SIZE)
        .getRawAndEntities();
      const unitById = new Map(
        raw.map((row: Record<string, string | null>) => [
          row.complaint_id,
          row.unit_number ? `${row.building_number}-${row.unit_number}` : '',
        ]),
      );
      for (const complaint of entities) {
        const zone = estate.timeZone;
        sheet
          .addRow(
            safeRow({
              code: complaint.code,
              receivedAt: excelLocal(complaint.receivedAt, zone),
              unit: unitById.get(complaint.id) ?? '',
              channel: labelOf('complaintChannel', complaint.channel, locale),
              categories: complaint.categories
                .map((category) => labelOf('complaintCategory', category, locale))
                .join(locale === 'en' ? ', ' : '、'),
              description: complaint.description,
              contactName: complaint.contactName ?? '',
              contactPhone: maskPhone(complaint.contactPhone) ?? '',
              status: labelOf('complaintStatus', complaint.status, locale),
              validity: labelOf('complaintValidity', complaint.validity, locale),
              invalidReason: labelOf('complaintInvalidReason', complaint.invalidReason, locale),
              judgedAt: excelLocal(complaint.judgedAt, zone),
              department: complaint.assigneeDepartment ?? '',
              assignee: complaint.assigneeName ?? '',
              resolvedAt: excelLocal(complaint.resolvedAt, zone),
              onTime: complaint.resolvedAt
                ? yesNo(complaint.resolvedAt.getTime() <= complaint.resolutionDueAt.getTime())
                : '',
              satisfaction: labelOf('satisfaction', complaint.satisfaction, locale),
              closedAt: excelLocal(complaint.closedAt, zone),
              firstOverdue: complaint.firstResponseOverdueAt ? yesNo(true) : '',
              resolutionOverdue: complaint.resolutionOverdueAt ? yesNo(true) : '',
            }),
          )
          .commit();
      }
      if (entities.length < BATCH_SIZE) break;
      const last = entities[entities.length - 1];
      after = { at: last.receivedAt, id: last.id };
    }
    await sheet.commit();
    await workbook.commit();
  }
}
