import { METRIC_BY_CODE, PortfolioResponse } from '@estate/kpi';
import { ReportLocale } from '../report.entities';
import { formatDateTime, formatNumber, formatPercent, formatPeriod } from './format';
import { messagesFor } from './messages';
import { ReportPdf } from './pdf-document';
import { PERCENT_FORMAT, ReportWorkbook } from './monthly-report-xlsx';

export interface PortfolioOptions {
  locale: ReportLocale;
  generatedAt: Date;
  timeZone: string;
}

const failingNames = (codes: string[], locale: ReportLocale): string[] =>
  codes.map((code) => {
    const metric = METRIC_BY_CODE.get(code);
    if (!metric) return code;
    return `${metric.number}. ${locale === 'en' ? metric.nameEn : metric.nameZh}`;
  });

/** One row per estate the caller can see; failing metrics named and highlighted in red. */
export async function renderPortfolioPdf(
  portfolio: PortfolioResponse,
  options: PortfolioOptions,
): Promise<Buffer> {
  const { t } = messagesFor(options.locale);
  const locale = options.locale;
  const period = formatPeriod(portfolio.period, locale);
  const pdf = new ReportPdf({
    title: `${t('portfolioTitle')} ${period}`,
    subject: `portfolio ${portfolio.period}`,
    author: 'Estate Ops',
    createdAt: options.generatedAt,
  });
  pdf.heading(`${t('portfolioTitle')} · ${period}`);
  pdf.table(
    [
      { header: t('estateCode'), width: 62 },
      { header: t('estate'), width: 100 },
      { header: t('compliance'), width: 58, align: 'right' },
      { header: t('passCount'), width: 40, align: 'right' },
      { header: t('failingCount'), width: 40, align: 'right' },
      { header: t('noDataCount'), width: 40, align: 'right' },
      { header: t('failingMetrics'), width: pdf.width - 340 },
    ],
    portfolio.rows.map((row) => [
      { text: row.estateCode },
      { text: row.estateName },
      { text: formatPercent(row.summary.compliancePercent, locale) },
      { text: formatNumber(row.summary.pass, locale, 0) },
      row.summary.fail > 0
        ? { text: formatNumber(row.summary.fail, locale, 0), tone: 'fail' as const }
        : { text: '0', tone: 'pass' as const },
      { text: formatNumber(row.summary.noData, locale, 0) },
      row.failing.length
        ? { text: failingNames(row.failing, locale).join('\n'), tone: 'fail' as const }
        : { text: t('noneFailing') },
    ]),
  );
  return pdf.finish(
    () => [t('portfolioTitle'), period],
    (page, pages) => [
      `${t('generatedAt')} ${formatDateTime(options.generatedAt, options.timeZone, locale)}`,
      t('page', { page, pages }),
    ],
  );
}

export async function renderPortfolioXlsx(
  portfolio: PortfolioResponse,
  options: PortfolioOptions,
): Promise<Buffer> {
  const { t } = messagesFor(options.locale);
  const book = new ReportWorkbook(options.generatedAt, 'Estate Ops');
  book.sheet(
    t('sheetPortfolio'),
    [
      { header: t('estateCode'), width: 14 },
      { header: t('estate'), width: 24 },
      { header: t('period'), width: 10 },
      { header: t('compliance'), width: 12, numFmt: PERCENT_FORMAT },
      { header: t('passCount'), width: 10 },
      { header: t('failingCount'), width: 10 },
      { header: t('noDataCount'), width: 10 },
      { header: t('failingMetrics'), width: 60 },
    ],
    portfolio.rows.map((row) => [
      row.estateCode,
      row.estateName,
      portfolio.period,
      row.summary.compliancePercent === null ? null : row.summary.compliancePercent / 100,
      row.summary.pass,
      row.summary.fail,
      row.summary.noData,
      failingNames(row.failing, options.locale).join('; '),
    ]),
    (sheet, lastRow) => {
      if (lastRow < 2) return;
      sheet.addConditionalFormatting({
        ref: `A2:H${lastRow}`,
        rules: [
          {
            type: 'expression',
            priority: 1,
            formulae: ['$F2>0'],
            style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFDE2DF' } } },
          },
        ],
      });
    },
  );
  return book.finish();
}
