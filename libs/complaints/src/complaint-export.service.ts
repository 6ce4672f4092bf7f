import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { Building, EstatesService, Unit } from '@estate/estates';
import { formatLocalDateTime, maskPhone, periodRange } from '@estate/shared';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { Complaint } from './complaint.entity';
import { ComplaintExportQuery } from './dto/complaint.dto';

const BATCH_SIZE = 500;

/** `2026-10-31 23:30` in the estate's zone as an Excel date (Excel dates carry no zone). */
function excelLocal(instant: Date | null, timeZone: string): Date | null {
  if (!instant) return null;
  return new Date(`${formatLocalDateTime(instant, timeZone, true).replace(' ', 'T')}Z`);
}

/**
 * Streams complaints of an estate (optionally one month by receivedAt) as .xlsx: rows read in keyset
 * batches of 500 and committed one by one, so memory stays flat however many rows there are.
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
    const name = `投诉-${estate.code}${query.period ? `-${query.period}` : ''}.xlsx`;
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="complaints.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: response, useStyles: true });
    const sheet = workbook.addWorksheet('投诉 Complaints', { views: [{ state: 'frozen', ySplit: 1 }] });
    const dateFormat = 'yyyy-mm-dd hh:mm';
    sheet.columns = [
      { header: '编号 Code', key: 'code', width: 18 },
      { header: '受理时间 Received', key: 'receivedAt', width: 18, style: { numFmt: dateFormat } },
      { header: '房号 Unit', key: 'unit', width: 12 },
      { header: '渠道 Channel', key: 'channel', width: 10 },
      { header: '类别 Categories', key: 'categories', width: 24 },
      { header: '内容 Description', key: 'description', width: 40 },
      { header: '联系人 Contact', key: 'contactName', width: 12 },
      { header: '电话 Phone', key: 'contactPhone', width: 14 },
      { header: '状态 Status', key: 'status', width: 12 },
      { header: '有效性 Validity', key: 'validity', width: 10 },
      { header: '无效原因 Invalid reason', key: 'invalidReason', width: 18 },
      { header: '判定时间 Judged', key: 'judgedAt', width: 18, style: { numFmt: dateFormat } },
      { header: '处理部门 Department', key: 'department', width: 14 },
      { header: '处理人 Assignee', key: 'assignee', width: 12 },
      { header: '解决时间 Resolved', key: 'resolvedAt', width: 18, style: { numFmt: dateFormat } },
      { header: '按时解决 On time', key: 'onTime', width: 10 },
      { header: '回访满意度 Satisfaction', key: 'satisfaction', width: 16 },
      { header: '关闭时间 Closed', key: 'closedAt', width: 18, style: { numFmt: dateFormat } },
      { header: '首次响应超时 First response overdue', key: 'firstOverdue', width: 12 },
      { header: '解决超时 Resolution overdue', key: 'resolutionOverdue', width: 12 },
    ];
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
          .addRow({
            code: complaint.code,
            receivedAt: excelLocal(complaint.receivedAt, zone),
            unit: unitById.get(complaint.id) ?? '',
            channel: complaint.channel,
            categories: complaint.categories.join(', '),
            description: complaint.description,
            contactName: complaint.contactName ?? '',
            contactPhone: maskPhone(complaint.contactPhone) ?? '',
            status: complaint.status,
            validity: complaint.validity ?? '',
            invalidReason: complaint.invalidReason ?? '',
            judgedAt: excelLocal(complaint.judgedAt, zone),
            department: complaint.assigneeDepartment ?? '',
            assignee: complaint.assigneeName ?? '',
            resolvedAt: excelLocal(complaint.resolvedAt, zone),
            onTime: complaint.resolvedAt
              ? complaint.resolvedAt.getTime() <= complaint.resolutionDueAt.getTime()
                ? '是 yes'
                : '否 no'
              : '',
            satisfaction: complaint.satisfaction ?? '',
            closedAt: excelLocal(complaint.closedAt, zone),
            firstOverdue: complaint.firstResponseOverdueAt ? '是 yes' : '',
            resolutionOverdue: complaint.resolutionOverdueAt ? '是 yes' : '',
          })
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
