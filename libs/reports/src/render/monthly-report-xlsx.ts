import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { DATE_TIME_FORMAT, fenToYuan, localWallClock, safeRow, YUAN_FORMAT } from '@estate/shared';
import { ReportData } from '../report-data.service';
import { ReportKind, ReportLocale } from '../report.entities';
import { formatDateTime, formatPeriod, formatTarget } from './format';
import { Messages, messagesFor } from './messages';
import { statusLabel } from './monthly-report-pdf';

export const PERCENT_FORMAT = '0.00%';
type CellValue = string | number | boolean | Date | null;

export interface SheetColumn {
  header: string;
  width?: number;
  numFmt?: string;
}

const PASS_FILL = 'FFD7F2DD';
const FAIL_FILL = 'FFFDE2DF';
const NO_DATA_FILL = 'FFE4E7EB';

/**
 * A streaming workbook (exceljs WorkbookWriter) collected into a Buffer: rows are committed one by
 * one, every sheet has a bold frozen header row, an autofilter and set widths.
 */
export class ReportWorkbook {
  private readonly stream = new PassThrough();
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;

  constructor(createdAt: Date, creator: string) {
    this.done = new Promise((resolve, reject) => {
      this.stream.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.stream.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.stream.on('error', reject);
    });
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: this.stream,
      useStyles: true,
      useSharedStrings: false,
    });
    this.workbook.creator = creator;
    this.workbook.created = createdAt;
    this.workbook.modified = createdAt;
  }

  /** Adds a sheet and writes its rows; `decorate` may add conditional formats before it is committed. */
  sheet(
    name: string,
    columns: SheetColumn[],
    rows: Iterable<CellValue[]>,
    decorate?: (sheet: ExcelJS.Worksheet, lastRow: number) => void,
    rowStyle?: (row: ExcelJS.Row, index: number) => void,
  ): void {
    const sheet = this.workbook.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((column, index) => ({
      header: column.header,
      key: `c${index}`,
      width: column.width ?? 16,
      style: column.numFmt ? { numFmt: column.numFmt } : {},
    }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
    let count = 1;
    for (const values of rows) {
      const row = sheet.addRow(safeRow(values));
      rowStyle?.(row, count - 1);
      row.commit();
      count++;
    }
    decorate?.(sheet, count);
    sheet.commit();
  }

  async finish(): Promise<Buffer> {
    await this.workbook.commit();
    return this.done;
  }
}

/** Status fills on a column through conditional formatting (they follow the cell if a reader edits it). */
export function statusFills(
  sheet: ExcelJS.Worksheet,
  column: string,
  lastRow: number,
  messages: Messages,
): void {
  if (lastRow < 2) return;
  const rule = (label: string, argb: string, priority: number): ExcelJS.ConditionalFormattingRule => ({
    type: 'expression',
    priority,
    formulae: [`$${column}2="${label}"`],
    style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb } } },
  });
  sheet.addConditionalFormatting({
    ref: `A2:${column}${lastRow}`,
    rules: [
      rule(messages.t('pass'), PASS_FILL, 1),
      rule(messages.t('fail'), FAIL_FILL, 2),
      rule(messages.t('noData'), NO_DATA_FILL, 3),
    ],
  });
}

/** A metric's value as a spreadsheet number: percentages as fractions (98% → 0.98), counts as they are. */
export function sheetValue(unit: string, value: number | null): number | null {
  if (value === null) return null;
  return unit === 'percent' ? value / 100 : value;
}

const percentFraction = (percent: number | null | undefined) =>
  percent === null || percent === undefined ? null : percent / 100;

export interface WorkbookOptions {
  locale: ReportLocale;
  kind: ReportKind;
  generatedAt: Date;
}

/** The monthly report workbook: Summary, Scorecard, then one sheet of records per area. */
export async function renderMonthlyReportXlsx(data: ReportData, options: WorkbookOptions): Promise<Buffer> {
  const messages = messagesFor(options.locale);
  const { t } = messages;
  const locale = options.locale;
  const zone = data.estate.timeZone;
  const local = (instant: Date | string | null) =>
    instant === null ? null : localWallClock(new Date(instant), zone);
  const book = new ReportWorkbook(options.generatedAt, data.estate.name);
  const summary = data.scorecard.summary;
  const collection = data.fees.collection;

  book.sheet(
    t('sheetSummary'),
    [
      { header: t('item'), width: 34 },
      { header: t('value'), width: 40 },
    ],
    [
      [t('estate'), `${data.estate.name} (${data.estate.code})`],
      [t('period'), formatPeriod(data.period, locale)],
      [t('status'), options.kind === 'final' ? t('final') : t('draft')],
      [t('generatedAt'), formatDateTime(options.generatedAt, zone, locale)],
      [t('scorecardSource'), data.scorecard.source === 'snapshot' ? t('sourceSnapshot') : t('sourceLive')],
      [t('compliance'), percentFraction(summary.compliancePercent)],
      [t('pass'), summary.pass],
      [t('fail'), summary.fail],
      [t('noData'), summary.noData],
      [`${t('collectionRate')} · ${t('currentMonth')}`, collection.currentMonth.rate],
      [`${t('collectionRate')} · ${t('yearToDate')}`, collection.yearToDate.rate],
      [`${t('arrearsRecovered')} (${t('yuan')})`, fenToYuan(collection.arrearsRecoveredFen)],
      ...data.trend.map((point): CellValue[] => [
        `${t('trendTitle')} · ${point.period}`,
        percentFraction(point.compliancePercent),
      ]),
    ],
    undefined,
    (row, index) => {
      // rows 6, 10, 11 and the trend rows (index 12 on) are percentages
      if (index === 5 || index === 9 || index === 10 || index >= 12) row.getCell(2).numFmt = PERCENT_FORMAT;
      if (index === 11) row.getCell(2).numFmt = YUAN_FORMAT;
    },
  );

  const english = locale === 'en';
  book.sheet(
    t('sheetScorecard'),
    [
      { header: t('number'), width: 6 },
      { header: 'code', width: 28 },
      { header: t('metric'), width: english ? 44 : 30 },
      { header: english ? t('unitOfMeasure') : 'English', width: english ? 10 : 44 },
      { header: t('comparator'), width: 10 },
      { header: t('target'), width: 12 },
      { header: t('actual'), width: 12 },
      { header: t('numerator'), width: 14 },
      { header: t('denominator'), width: 14 },
      { header: t('previous'), width: 12 },
      { header: t('target'), width: 12 },
      { header: t('result'), width: 12 },
    ],
    data.scorecard.metrics.map((metric) => [
      metric.number,
      metric.code,
      english ? metric.nameEn : metric.nameZh,
      english ? (metric.unit === 'percent' ? t('percentUnit') : t('countUnit')) : metric.nameEn,
      metric.comparator === '>=' ? '≥' : '≤',
      sheetValue(metric.unit, metric.target),
      sheetValue(metric.unit, metric.value),
      metric.numerator,
      metric.denominator,
      sheetValue(metric.unit, metric.previousValue),
      formatTarget(metric, locale),
      statusLabel(metric.status, messages),
    ]),
    (sheet, lastRow) => statusFills(sheet, 'L', lastRow, messages),
    (row, index) => {
      if (data.scorecard.metrics[index].unit !== 'percent') return;
      for (const column of [6, 7, 10]) row.getCell(column).numFmt = PERCENT_FORMAT;
    },
  );

  book.sheet(
    t('sheetWorkOrders'),
    [
      { header: t('code'), width: 18 },
      { header: t('priority'), width: 10 },
      { header: t('category'), width: 14 },
      { header: t('reportedAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('dueAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('completedAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('closedAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('reworkCount'), width: 10 },
      { header: t('onTime'), width: 10 },
    ],
    data.workOrders.counted.map((order) => [
      order.code,
      messages.code('workOrderPriority', order.priority),
      messages.code('workOrderCategory', order.category),
      local(order.reportedAt),
      local(order.dueAt),
      local(order.firstCompletedAt),
      local(order.closedAt),
      order.reworkCount,
      order.inNumerator ? t('yes') : t('no'),
    ]),
  );

  book.sheet(
    t('sheetCollection'),
    [
      { header: t('item'), width: 24 },
      { header: `${t('receivable')} · ${t('currentMonth')}`, width: 18, numFmt: YUAN_FORMAT },
      { header: `${t('collected')} · ${t('currentMonth')}`, width: 18, numFmt: YUAN_FORMAT },
      { header: `${t('collectionRate')} · ${t('currentMonth')}`, width: 16, numFmt: PERCENT_FORMAT },
      { header: `${t('receivable')} · ${t('yearToDate')}`, width: 18, numFmt: YUAN_FORMAT },
      { header: `${t('collected')} · ${t('yearToDate')}`, width: 18, numFmt: YUAN_FORMAT },
      { header: `${t('collectionRate')} · ${t('yearToDate')}`, width: 16, numFmt: PERCENT_FORMAT },
    ],
    [
      [
        t('total'),
        fenToYuan(collection.currentMonth.receivableFen),
        fenToYuan(collection.currentMonth.collectedFen),
        collection.currentMonth.rate,
        fenToYuan(collection.yearToDate.receivableFen),
        fenToYuan(collection.yearToDate.collectedFen),
        collection.yearToDate.rate,
      ],
      ...[
        ...collection.byCategory.map((row) => ({ ...row, label: messages.code('feeCategory', row.key) })),
        ...collection.byBuilding,
      ].map((row): CellValue[] => [
        row.label ?? row.key,
        fenToYuan(row.currentMonth.receivableFen),
        fenToYuan(row.currentMonth.collectedFen),
        row.currentMonth.rate,
        fenToYuan(row.yearToDate.receivableFen),
        fenToYuan(row.yearToDate.collectedFen),
        row.yearToDate.rate,
      ]),
    ],
  );

  book.sheet(
    t('sheetArrears'),
    [
      { header: t('building'), width: 10 },
      { header: t('unit'), width: 10 },
      { header: t('billCount'), width: 10 },
      { header: t('aging0To30'), width: 14, numFmt: YUAN_FORMAT },
      { header: t('aging31To90'), width: 14, numFmt: YUAN_FORMAT },
      { header: t('aging91To180'), width: 14, numFmt: YUAN_FORMAT },
      { header: t('aging181To365'), width: 14, numFmt: YUAN_FORMAT },
      { header: t('agingOver365'), width: 14, numFmt: YUAN_FORMAT },
      { header: t('total'), width: 14, numFmt: YUAN_FORMAT },
      { header: t('lastPaymentAt'), width: 18, numFmt: DATE_TIME_FORMAT },
    ],
    data.fees.units.map((row) => [
      row.buildingNumber,
      row.unitNumber,
      row.billCount,
      fenToYuan(row.outstanding.days0To30),
      fenToYuan(row.outstanding.days31To90),
      fenToYuan(row.outstanding.days91To180),
      fenToYuan(row.outstanding.days181To365),
      fenToYuan(row.outstanding.over365),
      fenToYuan(row.outstanding.totalFen),
      local(row.lastPaymentAt),
    ]),
  );

  book.sheet(
    t('sheetPatrol'),
    [
      { header: t('guard'), width: 18 },
      { header: t('rounds'), width: 10 },
      { header: t('lateRounds'), width: 10 },
      { header: t('checkpointCoverage'), width: 14, numFmt: PERCENT_FORMAT },
      { header: t('missed'), width: 10 },
    ],
    data.patrol.guards.map((guard) => [
      guard.guardName,
      guard.rounds,
      guard.lateRounds,
      percentFraction(guard.coveragePercent),
      guard.missedCheckpoints,
    ]),
  );

  book.sheet(
    t('sheetCleaning'),
    [
      { header: t('inspectedAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('inspector'), width: 14 },
      { header: t('passed'), width: 8 },
      { header: t('score'), width: 8 },
      { header: t('issues'), width: 40 },
    ],
    data.cleaning.inspections.map((inspection) => [
      local(inspection.inspectedAt),
      inspection.inspectorName,
      inspection.passed ? t('yes') : t('no'),
      inspection.score,
      (inspection.issues ?? []).join(', '),
    ]),
  );

  book.sheet(
    t('sheetAssets'),
    [
      { header: t('kpiGroup'), width: 16 },
      { header: t('code'), width: 16 },
      { header: t('asset'), width: 28 },
      { header: t('condition'), width: 14 },
      { header: t('date'), width: 18, numFmt: DATE_TIME_FORMAT },
    ],
    data.assets.nonIntact.map((asset) => [
      asset.kpiGroup ? messages.code('assetKpiGroup', asset.kpiGroup) : t('equipment'),
      asset.code,
      asset.name,
      asset.condition ? messages.code('assetCondition', asset.condition) : t('unrecorded'),
      local(asset.recordedAt),
    ]),
  );

  book.sheet(
    t('sheetComplaints'),
    [
      { header: t('code'), width: 18 },
      { header: t('receivedAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('judgedAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('resolvedAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('resolvedByEnd'), width: 12 },
    ],
    data.complaints.openDuring.map((complaint) => [
      complaint.code,
      local(complaint.receivedAt),
      local(complaint.judgedAt),
      local(complaint.resolvedAt),
      complaint.resolvedByPeriodEnd ? t('yes') : t('no'),
    ]),
  );

  book.sheet(
    t('sheetSafety'),
    [
      { header: t('code'), width: 18 },
      { header: t('incidentType'), width: 16 },
      { header: t('occurredAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('handledAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('description'), width: 40 },
    ],
    data.safety.incidents.map((incident) => [
      incident.code,
      messages.code('safetyIncidentType', incident.type),
      local(incident.occurredAt),
      local(incident.handledAt),
      incident.description,
    ]),
  );

  book.sheet(
    t('sheetStaff'),
    [
      { header: t('item'), width: 22 },
      { header: t('name'), width: 16 },
      { header: t('employeeNumber'), width: 14 },
      { header: t('role'), width: 18 },
      { header: t('requiredCertificate'), width: 18 },
      { header: t('compliant'), width: 10 },
    ],
    [
      ...[
        ...data.staff.management.compliant.map((member) => ({ member, ok: true })),
        ...data.staff.management.nonCompliant.map((member) => ({ member, ok: false })),
      ].map(({ member, ok }): CellValue[] => [
        t('managementTraining'),
        member.name,
        member.employeeNumber,
        null,
        null,
        ok ? t('yes') : t('no'),
      ]),
      ...[
        ...data.staff.special.compliant.map((member) => ({ member, ok: true })),
        ...data.staff.special.nonCompliant.map((member) => ({ member, ok: false })),
      ].map(({ member, ok }): CellValue[] => [
        t('specialOperations'),
        member.name,
        member.employeeNumber,
        messages.code('specialOperationRole', member.specialOperationRole),
        messages.code('certificateType', member.requiredCertificateType),
        ok ? t('yes') : t('no'),
      ]),
    ],
  );

  book.sheet(
    t('sheetSurveys'),
    [
      { header: t('collectedAt'), width: 18, numFmt: DATE_TIME_FORMAT },
      { header: t('rating'), width: 12 },
      { header: t('channel'), width: 12 },
      { header: t('comment'), width: 40 },
    ],
    data.surveys.responses.map((response) => [
      local(response.collectedAt),
      messages.code('satisfaction', response.overall),
      messages.code('surveyResponseChannel', response.channel),
      response.comment,
    ]),
  );

  return book.finish();
}
