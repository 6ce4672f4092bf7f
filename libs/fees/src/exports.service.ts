import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { EstatesService, unitLabels } from '@estate/estates';
import {
  BadRequestError,
  addDaysToLocalDate,
  formatLocalDateTime,
  safeRow,
  startOfLocalDate,
} from '@estate/shared';
import { Label, LabelLocale, labelOf, textOf } from '@estate/labels';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { AGING_BUCKETS } from './calculations/aging';
import { ArrearsService } from './arrears.service';
import { Bill, Payment } from './entities';

const PAGE = 1000;
const YUAN_FORMAT = '#,##0.00';

interface ColumnSpec {
  header: Label;
  key: string;
  width: number;
  money?: boolean;
}

/** An export being streamed: set the headers, then `write(stream)`. */
export interface XlsxExport {
  filename: string;
  write(stream: Writable): Promise<void>;
}

/**
 * Streaming finance exports (exceljs WorkbookWriter): rows are read in keyset pages and committed
 * one by one, so memory stays flat however many rows there are. Money cells are numbers in yuan
 * (fen / 100, only here at the edge) with a `#,##0.00` format; the header row is frozen; a totals
 * row (sums in fen, converted once) ends each sheet. Headers and codes (category, method, status)
 * are written in the requested locale (@estate/labels).
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly arrears: ArrearsService,
  ) {}

  async bills(
    user: AuthenticatedUser,
    estateId: string,
    period: string,
    locale: LabelLocale = 'zh-CN',
  ): Promise<XlsxExport> {
    const estate = await this.estates.accessibleEstate(user, estateId);
    const manager = this.transactions.dataSource.manager;
    const columns: ColumnSpec[] = [
      { header: { zh: '楼栋', en: 'Building' }, key: 'building', width: 12 },
      { header: { zh: '房号', en: 'Unit' }, key: 'unit', width: 12 },
      { header: { zh: '收费项目', en: 'Fee item' }, key: 'item', width: 22 },
      { header: { zh: '类别', en: 'Category' }, key: 'category', width: 18 },
      { header: { zh: '账期', en: 'Period' }, key: 'period', width: 10 },
      { header: { zh: '到期日', en: 'Due date' }, key: 'dueDate', width: 12 },
      { header: { zh: '计费天数', en: 'Days' }, key: 'days', width: 10 },
      { header: { zh: '应收(¥)', en: 'Amount (¥)' }, key: 'amount', width: 14, money: true },
      { header: { zh: '减免(¥)', en: 'Waived (¥)' }, key: 'waived', width: 14, money: true },
      { header: { zh: '已收(¥)', en: 'Paid (¥)' }, key: 'paid', width: 14, money: true },
      { header: { zh: '欠费(¥)', en: 'Outstanding (¥)' }, key: 'outstanding', width: 16, money: true },
    ];
    return {
      filename: `bills-${estate.code}-${period}.xlsx`,
      write: (stream) =>
        writeSheet(stream, { zh: '账单', en: 'Bills' }, columns, locale, async function* () {
          let afterId = '';
          for (;;) {
            const bills = await manager
              .createQueryBuilder(Bill, 'bill')
              .where('bill.estate_id = :estateId AND bill.period = :period AND bill.id > :afterId', {
                estateId,
                period,
                afterId,
              })
              .orderBy('bill.id', 'ASC')
              .take(PAGE)
              .getMany();
            if (!bills.length) return;
            afterId = bills[bills.length - 1].id;
            const labels = await unitLabels(
              manager,
              bills.map((bill) => bill.unitId),
            );
            for (const bill of bills)
              yield {
                building: labels.get(bill.unitId)?.buildingNumber ?? '',
                unit: labels.get(bill.unitId)?.unitNumber ?? '',
                item: bill.itemName,
                category: labelOf('feeCategory', bill.category, locale),
                period: bill.period,
                dueDate: bill.dueDate,
                days: `${bill.billedDays}/${bill.daysInPeriod}`,
                amount: bill.amountFen,
                waived: bill.waivedFen,
                paid: bill.paidFen,
                outstanding: bill.amountFen - bill.waivedFen - bill.paidFen,
              };
          }
        }),
    };
  }

  /** Payments with paidAt in [from, to] (local dates), reversal rows included, for bank reconciliation. */
  async payments(
    user: AuthenticatedUser,
    estateId: string,
    from: string,
    to: string,
    locale: LabelLocale = 'zh-CN',
  ): Promise<XlsxExport> {
    if (to < from) throw new BadRequestError('DATE_RANGE_INVALID', '`to` must not be before `from`');
    const estate = await this.estates.accessibleEstate(user, estateId);
    const manager = this.transactions.dataSource.manager;
    const start = startOfLocalDate(from, estate.timeZone);
    const end = startOfLocalDate(addDaysToLocalDate(to, 1), estate.timeZone);
    const columns: ColumnSpec[] = [
      { header: { zh: '收据编号', en: 'Receipt No.' }, key: 'receiptCode', width: 18 },
      { header: { zh: '收款时间', en: 'Paid at' }, key: 'paidAt', width: 18 },
      { header: { zh: '楼栋', en: 'Building' }, key: 'building', width: 12 },
      { header: { zh: '房号', en: 'Unit' }, key: 'unit', width: 12 },
      { header: { zh: '缴款人', en: 'Payer' }, key: 'payer', width: 14 },
      { header: { zh: '方式', en: 'Method' }, key: 'method', width: 14 },
      { header: { zh: '交易流水号', en: 'Reference' }, key: 'reference', width: 28 },
      { header: { zh: '状态', en: 'Status' }, key: 'status', width: 12 },
      { header: { zh: '金额(¥)', en: 'Amount (¥)' }, key: 'amount', width: 14, money: true },
      { header: { zh: '转预存(¥)', en: 'To credit (¥)' }, key: 'credit', width: 14, money: true },
    ];
    return {
      filename: `payments-${estate.code}-${from}-${to}.xlsx`,
      write: (stream) =>
        writeSheet(stream, { zh: '收款', en: 'Payments' }, columns, locale, async function* () {
          let after: { paidAt: Date; id: string } | null = null;
          for (;;) {
            const builder = manager
              .createQueryBuilder(Payment, 'payment')
              .where(
                'payment.estate_id = :estateId AND payment.paid_at >= :start AND payment.paid_at < :end',
                {
                  estateId,
                  start,
                  end,
                },
              );
            if (after)
              builder.andWhere(
                '(payment.paid_at > :afterPaidAt OR (payment.paid_at = :afterPaidAt AND payment.id > :afterId))',
                { afterPaidAt: after.paidAt, afterId: after.id },
              );
            const payments = await builder
              .orderBy('payment.paid_at', 'ASC')
              .addOrderBy('payment.id', 'ASC')
              .take(PAGE)
              .getMany();
            if (!payments.length) return;
            const last = payments[payments.length - 1];
            after = { paidAt: last.paidAt, id: last.id };
            const labels = await unitLabels(
              manager,
              payments.map((payment) => payment.unitId),
            );
            for (const payment of payments)
              yield {
                receiptCode: payment.receiptCode,
                paidAt: formatLocalDateTime(payment.paidAt, estate.timeZone, true),
                building: labels.get(payment.unitId)?.buildingNumber ?? '',
                unit: labels.get(payment.unitId)?.unitNumber ?? '',
                payer: payment.payerName ?? '',
                method: labelOf('paymentMethod', payment.method, locale),
                reference: payment.reference ?? '',
                status: labelOf('paymentStatus', payment.status, locale),
                amount: payment.amountFen,
                credit: payment.creditFen,
              };
          }
        }),
    };
  }

  async arrearsExport(
    user: AuthenticatedUser,
    estateId: string,
    asOf: string,
    locale: LabelLocale = 'zh-CN',
  ): Promise<XlsxExport> {
    const scope = await this.arrears.scope(user, estateId, asOf);
    const manager = this.transactions.dataSource.manager;
    const arrears = this.arrears;
    const columns: ColumnSpec[] = [
      { header: { zh: '楼栋', en: 'Building' }, key: 'building', width: 12 },
      { header: { zh: '房号', en: 'Unit' }, key: 'unit', width: 12 },
      { header: { zh: '联系人', en: 'Contact' }, key: 'contact', width: 12 },
      { header: { zh: '电话', en: 'Phone' }, key: 'phone', width: 14 },
      { header: { zh: '欠费笔数', en: 'Bills' }, key: 'bills', width: 10 },
      ...AGING_BUCKETS.map((bucket) => ({
        header: {
          zh: `${labelOf('arrearsAgingBucket', bucket, 'zh-CN')}(¥)`,
          en: `${labelOf('arrearsAgingBucket', bucket, 'en')} (¥)`,
        },
        key: bucket,
        width: 14,
        money: true,
      })),
      { header: { zh: '合计(¥)', en: 'Total (¥)' }, key: 'total', width: 14, money: true },
      { header: { zh: '滞纳金(¥)', en: 'Late fee (¥)' }, key: 'lateFee', width: 14, money: true },
      { header: { zh: '最近缴费', en: 'Last payment' }, key: 'lastPayment', width: 18 },
    ];
    return {
      filename: `arrears-${scope.estate.code}-${asOf}.xlsx`,
      write: (stream) =>
        writeSheet(stream, { zh: '欠费', en: 'Arrears' }, columns, locale, async function* () {
          let afterUnitId: string | undefined;
          for (;;) {
            const rows = await arrears.unitRows(manager, scope, { afterUnitId, limit: PAGE });
            if (!rows.length) return;
            afterUnitId = rows[rows.length - 1].unitId;
            for (const row of rows) {
              const buckets = Object.fromEntries(
                AGING_BUCKETS.map((bucket) => [bucket, row.outstanding[bucket]]),
              );
              yield {
                building: row.buildingNumber,
                unit: row.unitNumber,
                contact: row.contactName ?? '',
                phone: row.contactPhone ?? '',
                bills: row.billCount,
                ...buckets,
                total: row.outstanding.totalFen,
                lateFee: row.lateFeeFen,
                lastPayment: row.lastPaymentAt
                  ? formatLocalDateTime(new Date(row.lastPaymentAt), scope.estate.timeZone)
                  : '',
              };
            }
          }
        }),
    };
  }
}

/** Writes one sheet: frozen header, rows committed as they come, money columns summed in fen for the totals row. */
async function writeSheet(
  stream: Writable,
  name: Label,
  columns: ColumnSpec[],
  locale: LabelLocale,
  rows: () => AsyncGenerator<Record<string, string | number>>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(textOf(name, locale), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: textOf(column.header, locale),
    key: column.key,
    width: column.width,
    style: column.money ? { numFmt: YUAN_FORMAT } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const totals = new Map(columns.filter((column) => column.money).map((column) => [column.key, 0]));
  let count = 0;
  for await (const row of rows()) {
    const values: Record<string, string | number> = { ...row };
    for (const key of totals.keys()) {
      const fen = Number(row[key] ?? 0);
      totals.set(key, totals.get(key)! + fen);
      values[key] = fen / 100;
    }
    sheet.addRow(safeRow(values)).commit();
    count++;
  }
  const totalsRow: Record<string, string | number> = {
    [columns[0].key]: `${textOf({ zh: '合计', en: 'Total' }, locale)} (${count})`,
  };
  for (const [key, fen] of totals) totalsRow[key] = fen / 100;
  const added = sheet.addRow(safeRow(totalsRow));
  added.font = { bold: true };
  added.commit();
  sheet.commit();
  await workbook.commit();
}
