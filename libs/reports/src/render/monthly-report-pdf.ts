import { MetricResult } from '@estate/kpi';
import { ReportData, TrendPoint } from '../report-data.service';
import { ReportKind, ReportLocale } from '../report.entities';
import {
  formatDateTime,
  formatFraction,
  formatMetricValue,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatTarget,
  NO_VALUE,
} from './format';
import { Messages, messagesFor } from './messages';
import { Cell, COLOURS, ReportPdf } from './pdf-document';

/** Long lists in the PDF stop here; the workbook has them all. */
export const PDF_LIST_LIMIT = 10;

export interface RenderOptions {
  locale: ReportLocale;
  kind: ReportKind;
  generatedAt: Date;
}

const percentOf = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : (numerator * 100) / denominator;

export function statusLabel(status: string, messages: Messages): string {
  return status === 'pass'
    ? messages.t('pass')
    : status === 'fail'
      ? messages.t('fail')
      : messages.t('noData');
}

export function metricName(metric: Pick<MetricResult, 'nameZh' | 'nameEn'>, locale: ReportLocale): Cell {
  return locale === 'en' ? { text: metric.nameEn } : { text: metric.nameZh, sub: metric.nameEn };
}

/** The monthly compliance report as a PDF (A4): cover, summary with trend, scorecard, evidence. */
export async function renderMonthlyReportPdf(data: ReportData, options: RenderOptions): Promise<Buffer> {
  const messages = messagesFor(options.locale);
  const { t } = messages;
  const locale = options.locale;
  const zone = data.estate.timeZone;
  const period = formatPeriod(data.period, locale);
  const pdf = new ReportPdf({
    title: `${data.estate.name} ${period} ${t('reportTitle')}`,
    subject: `${data.estate.code} ${data.period} ${options.kind}`,
    author: data.estate.name,
    createdAt: options.generatedAt,
  });
  const doc = pdf.doc;
  const metrics = data.scorecard.metrics;

  // Cover ----------------------------------------------------------------------------------------
  doc.y = 150;
  doc
    .font('bold')
    .fontSize(26)
    .fillColor(COLOURS.text)
    .text(data.estate.name, pdf.left, doc.y, { width: pdf.width, align: 'center' });
  doc.moveDown(0.3);
  doc.font('bold').fontSize(20).text(t('reportTitle'), { width: pdf.width, align: 'center' });
  doc.moveDown(0.3);
  doc
    .font('regular')
    .fontSize(14)
    .fillColor(COLOURS.muted)
    .text(period, { width: pdf.width, align: 'center' });
  doc.moveDown(1);
  const badge = options.kind === 'final' ? t('final') : t('draft');
  const badgeWidth = 120;
  const badgeY = doc.y;
  doc
    .roundedRect(pdf.left + (pdf.width - badgeWidth) / 2, badgeY, badgeWidth, 28, 4)
    .lineWidth(1.5)
    .stroke(options.kind === 'final' ? COLOURS.pass : COLOURS.fail);
  doc
    .font('bold')
    .fontSize(14)
    .fillColor(options.kind === 'final' ? COLOURS.pass : COLOURS.fail)
    .text(badge, pdf.left, badgeY + 6, { width: pdf.width, align: 'center' });
  doc.y = badgeY + 60;
  doc.fillColor(COLOURS.text);
  pdf.figures([
    [t('estate'), `${data.estate.name} (${data.estate.code})`],
    [t('period'), period],
    [t('status'), badge],
    [t('generatedAt'), formatDateTime(options.generatedAt, zone, locale)],
    [t('scorecardSource'), data.scorecard.source === 'snapshot' ? t('sourceSnapshot') : t('sourceLive')],
    [t('timeZone'), zone],
  ]);
  doc.moveDown(2);
  pdf.subheading(t('signOff'));
  const signY = doc.y + 6;
  const boxWidth = (pdf.width - 20) / 3;
  [t('preparedBy'), t('reviewedBy'), t('approvedBy')].forEach((label, index) => {
    const x = pdf.left + index * (boxWidth + 10);
    doc.rect(x, signY, boxWidth, 90).lineWidth(0.8).stroke(COLOURS.rule);
    doc
      .font('bold')
      .fontSize(10)
      .fillColor(COLOURS.text)
      .text(label, x + 8, signY + 8, { width: boxWidth - 16 });
    doc.font('regular').fontSize(8.5).fillColor(COLOURS.muted);
    doc.text(`${t('signature')}:`, x + 8, signY + 40, { width: boxWidth - 16 });
    doc.text(`${t('date')}:`, x + 8, signY + 66, { width: boxWidth - 16 });
    doc
      .moveTo(x + 50, signY + 52)
      .lineTo(x + boxWidth - 8, signY + 52)
      .lineWidth(0.5)
      .stroke(COLOURS.rule);
    doc
      .moveTo(x + 50, signY + 78)
      .lineTo(x + boxWidth - 8, signY + 78)
      .lineWidth(0.5)
      .stroke(COLOURS.rule);
  });
  doc.fillColor(COLOURS.text);

  // Summary ----------------------------------------------------------------------------------------
  doc.addPage();
  pdf.heading(t('summary'));
  const summary = data.scorecard.summary;
  pdf.figures([
    [t('compliance'), formatPercent(summary.compliancePercent, locale)],
    [t('pass'), formatNumber(summary.pass, locale, 0)],
    [t('fail'), formatNumber(summary.fail, locale, 0)],
    [t('noData'), formatNumber(summary.noData, locale, 0)],
  ]);
  pdf.subheading(t('failingMetrics'));
  const failing = metrics.filter((metric) => metric.status === 'fail');
  if (failing.length === 0) pdf.paragraph(t('noneFailing'));
  else
    pdf.table(
      [
        { header: t('number'), width: 36, align: 'center' },
        { header: t('metric'), width: pdf.width - 36 - 90 - 90 - 80 },
        { header: t('actual'), width: 90, align: 'right' },
        { header: t('target'), width: 90, align: 'right' },
        { header: t('result'), width: 80, align: 'center' },
      ],
      failing.map((metric) => [
        { text: String(metric.number) },
        metricName(metric, locale),
        { text: formatMetricValue(metric, metric.value, locale) },
        { text: formatTarget(metric, locale) },
        { text: t('fail'), tone: 'fail' },
      ]),
    );
  pdf.subheading(t('trendTitle'));
  drawTrendChart(pdf, data.trend, locale);

  // Scorecard ----------------------------------------------------------------------------------------
  doc.addPage();
  pdf.heading(t('scorecard'));
  const fixed = 26 + 56 + 58 + 104 + 58 + 60;
  pdf.table(
    [
      { header: t('number'), width: 26, align: 'center' },
      { header: t('metric'), width: pdf.width - fixed },
      { header: t('target'), width: 56, align: 'right' },
      { header: t('actual'), width: 58, align: 'right' },
      { header: t('fraction'), width: 104, align: 'right' },
      { header: t('previous'), width: 58, align: 'right' },
      { header: t('result'), width: 60, align: 'center' },
    ],
    metrics.map((metric) => [
      { text: String(metric.number) },
      metricName(metric, locale),
      { text: formatTarget(metric, locale) },
      {
        text: formatMetricValue(metric, metric.value, locale),
        sub: metric.lowConfidence ? t('lowConfidence') : undefined,
      },
      { text: formatFraction(metric, locale) },
      { text: formatMetricValue(metric, metric.previousValue, locale) },
      { text: statusLabel(metric.status, messages), tone: metric.status },
    ]),
  );

  // Evidence ----------------------------------------------------------------------------------------
  doc.addPage();
  evidence(pdf, data, messages);

  return pdf.finish(
    (page) => (page === 1 ? ['', ''] : [`${data.estate.name} · ${t('reportTitle')}`, `${period} · ${badge}`]),
    (page, pages) => [
      `${t('generatedAt')} ${formatDateTime(options.generatedAt, zone, locale)}`,
      t('page', { page, pages }),
    ],
  );
}

/** Compliance % per month as a line over a 0–100% grid, drawn with vector graphics. */
function drawTrendChart(pdf: ReportPdf, points: TrendPoint[], locale: ReportLocale): void {
  const doc = pdf.doc;
  pdf.ensureSpace(200);
  const top = doc.y + 8;
  const left = pdf.left + 34;
  const width = pdf.width - 44;
  const height = 140;
  doc.font('regular').fontSize(7).fillColor(COLOURS.muted);
  for (const tick of [0, 25, 50, 75, 100]) {
    const y = top + height - (tick / 100) * height;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.4)
      .stroke(COLOURS.rule);
    doc.text(`${tick}%`, pdf.left, y - 4, { width: 30, align: 'right', lineBreak: false });
  }
  const step = width / points.length;
  const xOf = (index: number) => left + step * index + step / 2;
  const yOf = (value: number) => top + height - (value / 100) * height;
  let drawing = false;
  points.forEach((point, index) => {
    if (point.compliancePercent === null) {
      drawing = false;
      return;
    }
    const x = xOf(index);
    const y = yOf(point.compliancePercent);
    if (drawing) doc.lineTo(x, y);
    else doc.moveTo(x, y);
    drawing = true;
  });
  doc.lineWidth(1.6).stroke(COLOURS.accent);
  points.forEach((point, index) => {
    const x = xOf(index);
    doc.fillColor(COLOURS.muted).text(point.period.slice(2), x - step / 2, top + height + 4, {
      width: step,
      align: 'center',
      lineBreak: false,
    });
    if (point.compliancePercent === null) {
      doc.text(NO_VALUE, x - step / 2, top + height - 12, { width: step, align: 'center', lineBreak: false });
      return;
    }
    const y = yOf(point.compliancePercent);
    doc.circle(x, y, 2.6).fill(index === points.length - 1 ? COLOURS.fail : COLOURS.accent);
    doc.fillColor(COLOURS.text).text(formatNumber(point.compliancePercent, locale, 0), x - step / 2, y - 13, {
      width: step,
      align: 'center',
      lineBreak: false,
    });
  });
  doc.y = top + height + 22;
  doc.x = pdf.left;
  doc.fillColor(COLOURS.text).fontSize(9);
}

/** A list capped at PDF_LIST_LIMIT rows, with "and N more — see the workbook". */
function cappedTable(
  pdf: ReportPdf,
  messages: Messages,
  columns: { header: string; width: number; align?: 'left' | 'right' | 'center' }[],
  rows: Cell[][],
  total = rows.length,
): void {
  if (total === 0) {
    pdf.paragraph(messages.t('none'), COLOURS.muted);
    return;
  }
  pdf.table(columns, rows.slice(0, PDF_LIST_LIMIT));
  if (total > PDF_LIST_LIMIT)
    pdf.paragraph(messages.t('more', { count: total - PDF_LIST_LIMIT }), COLOURS.muted);
}

/** Distributes the page width over columns given as relative weights. */
function widths(pdf: ReportPdf, weights: number[]): number[] {
  const sum = weights.reduce((total, weight) => total + weight, 0);
  return weights.map((weight) => (pdf.width * weight) / sum);
}

function columnsOf(
  pdf: ReportPdf,
  spec: [string, number, ('left' | 'right' | 'center')?][],
): { header: string; width: number; align?: 'left' | 'right' | 'center' }[] {
  const sized = widths(
    pdf,
    spec.map(([, weight]) => weight),
  );
  return spec.map(([header, , align], index) => ({ header, width: sized[index], align }));
}

const rate = (numerator: number, denominator: number, locale: ReportLocale) =>
  `${formatPercent(percentOf(numerator, denominator), locale)} (${formatNumber(numerator, locale, 0)}/${formatNumber(denominator, locale, 0)})`;

function evidence(pdf: ReportPdf, data: ReportData, messages: Messages): void {
  const { t } = messages;
  const locale = messages.locale;
  const zone = data.estate.timeZone;
  const when = (instant: Date | string | null) => formatDateTime(instant, zone, locale);

  // Work orders
  pdf.heading(t('workOrders'));
  const stats = data.workOrders.stats;
  pdf.figures([
    [t('reported'), formatNumber(stats.reported, locale, 0)],
    [t('overdue'), formatNumber(stats.overdue, locale, 0)],
    [t('onTimeRate'), rate(stats.onTimeRate.numerator, stats.onTimeRate.denominator, locale)],
    [
      t('firstTimePassRate'),
      rate(stats.firstTimePassRate.numerator, stats.firstTimePassRate.denominator, locale),
    ],
    [t('returnVisitRate'), rate(stats.returnVisitRate.numerator, stats.returnVisitRate.denominator, locale)],
  ]);
  pdf.subheading(t('lateOrders'));
  const late = data.workOrders.counted.filter((order) => !order.inNumerator);
  cappedTable(
    pdf,
    messages,
    columnsOf(pdf, [
      [t('code'), 3],
      [t('priority'), 1.5],
      [t('reportedAt'), 3],
      [t('dueAt'), 3],
      [t('completedAt'), 3],
    ]),
    late.map((order) => [
      { text: order.code },
      { text: messages.code('workOrderPriority', order.priority) },
      { text: when(order.reportedAt) },
      { text: when(order.dueAt) },
      { text: when(order.firstCompletedAt) },
    ]),
  );

  // Fees
  pdf.heading(t('fees'));
  const collection = data.fees.collection;
  pdf.table(
    columnsOf(pdf, [
      [t('item'), 2],
      [t('receivable'), 2, 'right'],
      [t('collected'), 2, 'right'],
      [t('collectionRate'), 1.5, 'right'],
    ]),
    [
      [t('currentMonth'), collection.currentMonth],
      [t('yearToDate'), collection.yearToDate],
    ].map(([label, figures]) => {
      const values = figures as typeof collection.currentMonth;
      return [
        { text: label as string },
        { text: formatMoney(values.receivableFen) },
        { text: formatMoney(values.collectedFen) },
        { text: formatPercent(values.rate === null ? null : values.rate * 100, locale) },
      ];
    }),
  );
  pdf.paragraph(t('collectionRateNote'), COLOURS.muted);
  pdf.figures([
    [t('arrearsRecovered'), formatMoney(collection.arrearsRecoveredFen)],
    [t('unitsInArrears'), formatNumber(data.fees.unitCount, locale, 0)],
  ]);
  pdf.subheading(t('arrearsAging'));
  const aging = data.fees.agingTotal;
  pdf.table(
    columnsOf(pdf, [
      [t('aging0To30'), 1, 'right'],
      [t('aging31To90'), 1, 'right'],
      [t('aging91To180'), 1, 'right'],
      [t('aging181To365'), 1, 'right'],
      [t('agingOver365'), 1, 'right'],
      [t('total'), 1, 'right'],
    ]),
    [
      [
        aging.days0To30,
        aging.days31To90,
        aging.days91To180,
        aging.days181To365,
        aging.over365,
        aging.totalFen,
      ].map((fen) => ({ text: formatMoney(fen) })),
    ],
  );
  cappedTable(
    pdf,
    messages,
    columnsOf(pdf, [
      [t('building'), 1],
      [t('unit'), 1],
      [t('billCount'), 1, 'right'],
      [t('total'), 1.5, 'right'],
      [t('lastPaymentAt'), 2],
    ]),
    data.fees.units.map((row) => [
      { text: row.buildingNumber },
      { text: row.unitNumber },
      { text: formatNumber(row.billCount, locale, 0) },
      { text: formatMoney(row.outstanding.totalFen) },
      { text: when(row.lastPaymentAt) },
    ]),
    data.fees.unitCount,
  );

  // Patrol and cleaning
  pdf.heading(t('patrolCleaning'));
  const patrol = data.patrol;
  pdf.figures([
    [
      t('patrolSlots'),
      `${formatNumber(patrol.rounds.expected, locale, 0)} / ${formatNumber(patrol.rounds.covered, locale, 0)} / ${formatNumber(patrol.rounds.missed, locale, 0)}`,
    ],
    [t('checkpointCoverage'), formatPercent(patrol.checkpoints.coveragePercent, locale)],
    [t('lateRounds'), formatNumber(patrol.rounds.late, locale, 0)],
    [t('cleaningPassRate'), rate(data.cleaning.rate.numerator, data.cleaning.rate.denominator, locale)],
  ]);
  pdf.subheading(t('missedCheckpoints'));
  const missed = [...patrol.missedByCheckpoint].sort((left, right) => right.missed - left.missed);
  cappedTable(
    pdf,
    messages,
    columnsOf(pdf, [
      [t('name'), 3],
      [t('missed'), 1, 'right'],
    ]),
    missed.map((row) => [{ text: row.name }, { text: formatNumber(row.missed, locale, 0) }]),
  );
  pdf.subheading(t('failedInspections'));
  const failed = data.cleaning.inspections.filter((inspection) => !inspection.passed);
  cappedTable(
    pdf,
    messages,
    columnsOf(pdf, [
      [t('inspectedAt'), 2],
      [t('inspector'), 1.5],
      [t('score'), 1, 'right'],
      [t('issues'), 3],
    ]),
    failed.map((inspection) => [
      { text: when(inspection.inspectedAt) },
      { text: inspection.inspectorName },
      { text: inspection.score === null ? NO_VALUE : String(inspection.score) },
      { text: (inspection.issues ?? []).join(', ') },
    ]),
  );

  // Facilities
  pdf.heading(t('facilities'));
  const groups = Object.values(data.assets.summary.groups);
  pdf.table(
    columnsOf(pdf, [
      [t('kpiGroup'), 2],
      [t('assetCount'), 1, 'right'],
      [t('intactRate'), 1.2, 'right'],
      [t('unrecorded'), 1.3, 'right'],
    ]),
    [
      ...groups.map((group) => [
        { text: messages.code('assetKpiGroup', group.kpiGroup) },
        { text: formatNumber(group.assetCount, locale, 0) },
        {
          text: formatPercent(percentOf(group.intactMeasureHundredths, group.totalMeasureHundredths), locale),
        },
        { text: formatNumber(group.unrecordedCount, locale, 0) },
      ]),
      [
        { text: t('equipment') },
        { text: formatNumber(data.assets.summary.equipment.assetCount, locale, 0) },
        {
          text: formatPercent(
            percentOf(data.assets.summary.equipment.intactCount, data.assets.summary.equipment.assetCount),
            locale,
          ),
        },
        { text: formatNumber(data.assets.summary.equipment.unrecordedCount, locale, 0) },
      ],
    ],
  );
  pdf.subheading(t('nonIntactAssets'));
  cappedTable(
    pdf,
    messages,
    columnsOf(pdf, [
      [t('kpiGroup'), 1.5],
      [t('code'), 1.5],
      [t('asset'), 2.5],
      [t('condition'), 1.5],
    ]),
    data.assets.nonIntact.map((asset) => [
      { text: asset.kpiGroup ? messages.code('assetKpiGroup', asset.kpiGroup) : t('equipment') },
      { text: asset.code },
      { text: asset.name },
      { text: asset.condition ? messages.code('assetCondition', asset.condition) : t('unrecorded') },
    ]),
  );

  // Complaints
  pdf.heading(t('complaints'));
  const complaints = data.complaints.summary;
  pdf.figures([
    [t('received'), formatNumber(complaints.received, locale, 0)],
    [t('valid'), formatNumber(complaints.valid, locale, 0)],
    [t('invalid'), formatNumber(complaints.invalid, locale, 0)],
    [t('resolved'), formatNumber(complaints.resolved, locale, 0)],
    [t('resolvedOnTime'), formatNumber(complaints.resolvedOnTime, locale, 0)],
    [t('backlog'), formatNumber(complaints.backlog, locale, 0)],
    [t('validComplaintRate'), formatPercent(complaints.validComplaintRate.percent, locale)],
    [t('resolutionRate'), formatPercent(complaints.resolutionRate.percent, locale)],
  ]);
  cappedTable(
    pdf,
    messages,
    columnsOf(pdf, [
      [t('code'), 2],
      [t('receivedAt'), 2],
      [t('resolvedAt'), 2],
      [t('resolvedByEnd'), 1.3, 'center'],
    ]),
    data.complaints.openDuring.map((complaint) => [
      { text: complaint.code },
      { text: when(complaint.receivedAt) },
      { text: when(complaint.resolvedAt) },
      { text: complaint.resolvedByPeriodEnd ? t('yes') : t('no') },
    ]),
  );

  // Safety
  pdf.heading(t('safety'));
  pdf.table(
    columnsOf(pdf, [
      [t('incidentType'), 2],
      [t('thisMonth'), 1, 'right'],
      [t('yearToDate'), 1, 'right'],
    ]),
    (Object.keys(data.safety.yearToDate) as (keyof typeof data.safety.yearToDate)[]).map((type) => [
      { text: messages.code('safetyIncidentType', type) },
      { text: formatNumber(data.safety.month[type], locale, 0) },
      { text: formatNumber(data.safety.yearToDate[type], locale, 0) },
    ]),
  );
  pdf.subheading(t('openViolations'));
  cappedTable(
    pdf,
    messages,
    columnsOf(pdf, [
      [t('code'), 1.5],
      [t('occurredAt'), 2],
      [t('handledAt'), 2],
      [t('description'), 3],
    ]),
    data.safety.violationsOpen.map((incident) => [
      { text: incident.code },
      { text: when(incident.occurredAt) },
      { text: when(incident.handledAt) },
      { text: incident.description },
    ]),
  );

  // Staff
  pdf.heading(t('staff'));
  const { management, special } = data.staff;
  pdf.figures([
    [t('managementTraining'), rate(management.numerator, management.denominator, locale)],
    [t('specialOperations'), rate(special.numerator, special.denominator, locale)],
  ]);
  pdf.subheading(t('untrainedManagers'));
  cappedTable(
    pdf,
    messages,
    columnsOf(pdf, [
      [t('name'), 2],
      [t('employeeNumber'), 1.5],
    ]),
    management.nonCompliant.map((member) => [{ text: member.name }, { text: member.employeeNumber }]),
  );
  pdf.subheading(t('missingCertificates'));
  cappedTable(
    pdf,
    messages,
    columnsOf(pdf, [
      [t('name'), 2],
      [t('employeeNumber'), 1.5],
      [t('role'), 2],
      [t('requiredCertificate'), 2],
    ]),
    special.nonCompliant.map((member) => [
      { text: member.name },
      { text: member.employeeNumber },
      { text: messages.code('specialOperationRole', member.specialOperationRole) },
      { text: messages.code('certificateType', member.requiredCertificateType) },
    ]),
  );

  // Surveys
  pdf.heading(t('surveys'));
  const overall = data.surveys.overall;
  pdf.figures([
    [t('satisfactionRate'), formatPercent(overall.percent, locale)],
    [t('responses'), formatNumber(overall.denominator, locale, 0)],
    [
      t('respondingHouseholds'),
      `${formatNumber(overall.respondingHouseholds, locale, 0)} / ${formatNumber(overall.households, locale, 0)}`,
    ],
    [
      t('coverage'),
      `${formatPercent(overall.coveragePercent, locale)}${overall.lowConfidence ? ` (${t('lowConfidence')})` : ''}`,
    ],
  ]);
}
