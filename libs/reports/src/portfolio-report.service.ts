import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { ScorecardService } from '@estate/kpi';
import { Clock, DEFAULT_TIME_ZONE } from '@estate/shared';
import { PortfolioReportQuery } from './dto/report.dto';
import { ReportFileContent } from './report-file-store';
import { ReportFormat } from './report.entities';
import { CONTENT_TYPES } from './reports.service';
import { messagesFor } from './render/messages';
import { renderPortfolioPdf, renderPortfolioXlsx } from './render/portfolio';

/** The portfolio report (all estates the caller can see), rendered on request and not archived. */
@Injectable()
export class PortfolioReportService {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly clock: Clock,
  ) {}

  async render(
    user: AuthenticatedUser,
    query: PortfolioReportQuery,
    format: ReportFormat,
  ): Promise<ReportFileContent> {
    const portfolio = await this.scorecards.portfolio(user, {
      period: query.period,
      sort: 'code',
      order: 'asc',
    });
    const options = { locale: query.locale, generatedAt: this.clock.now(), timeZone: DEFAULT_TIME_ZONE };
    const bytes =
      format === 'pdf'
        ? await renderPortfolioPdf(portfolio, options)
        : await renderPortfolioXlsx(portfolio, options);
    return {
      format,
      contentType: CONTENT_TYPES[format],
      fileName: `${query.period}-${messagesFor(query.locale).t('portfolioFileSuffix')}.${format}`,
      bytes,
    };
  }
}
