import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { AuthenticatedUser, assertRecordVisible, restrictToVisibleEstates } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { Estate, EstatesService } from '@estate/estates';
import { ScorecardResponse, ScorecardService } from '@estate/kpi';
import {
  BadRequestError,
  Clock,
  ConflictError,
  isUniqueViolation,
  notFound,
  NotFoundError,
  Page,
  pageOf,
  PDF_CONTENT_TYPE,
  periodOf,
  TransitionNotAllowedError,
  XLSX_CONTENT_TYPE,
} from '@estate/shared';
import { In } from 'typeorm';
import { CreateMonthlyReportRequest, MonthlyReportResponse, ReportQuery } from './dto/report.dto';
import { ReportDataService } from './report-data.service';
import { REPORT_FILE_STORE, ReportFileContent, ReportFileStore } from './report-file-store';
import { allowedActions } from './report-state';
import {
  MonthlyReport,
  ReportFile,
  ReportFormat,
  ReportKind,
  ReportLocale,
  ReportOrigin,
} from './report.entities';
import { messagesFor } from './render/messages';
import { renderMonthlyReportPdf } from './render/monthly-report-pdf';
import { renderMonthlyReportXlsx } from './render/monthly-report-xlsx';

export const CONTENT_TYPES: Record<ReportFormat, string> = { pdf: PDF_CONTENT_TYPE, xlsx: XLSX_CONTENT_TYPE };

/** `阳光花园-2026-10-月度考核报告.pdf` / `Sunshine-2026-10-monthly-compliance-report-final.pdf`. */
export function reportFileName(
  estateName: string,
  period: string,
  locale: ReportLocale,
  kind: ReportKind,
  format: ReportFormat,
): string {
  const safeName = estateName.replace(/[\\/:*?"<>|\s]+/g, '_');
  const suffix = kind === 'final' ? (locale === 'en' ? '-final' : '-定稿') : '';
  return `${safeName}-${period}-${messagesFor(locale).t('fileSuffix')}${suffix}.${format}`;
}

interface Requester {
  id: string | null;
  name: string;
}

/**
 * Monthly compliance reports: records, generation (off the request path), the archive and
 * finalising. Generation reads everything first, renders, then writes the files and the `ready`
 * status in ONE transaction; any error leaves the record `failed` with the reason and no file.
 */
@Injectable()
export class ReportsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportsService.name);
  /** Generations started by this process and not finished yet (awaited on shutdown). */
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly scorecards: ScorecardService,
    private readonly data: ReportDataService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(REPORT_FILE_STORE) private readonly store: ReportFileStore,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** POST /reports/monthly: records the request and generates in the background (202). */
  async request(
    user: AuthenticatedUser,
    request: CreateMonthlyReportRequest,
  ): Promise<MonthlyReportResponse> {
    const estate = await this.estates.accessibleEstate(user, request.estateId);
    this.assertPeriodStarted(estate, request.period);
    const report = await this.createRecord(estate, request.period, {
      locale: request.locale,
      formats: request.formats,
      kind: 'draft',
      origin: 'request',
      requester: { id: user.id, name: user.displayName },
    });
    this.inBackground(report.id);
    return this.toResponse(report, []);
  }

  async list(user: AuthenticatedUser, query: ReportQuery): Promise<Page<MonthlyReportResponse>> {
    if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
    const builder = this.transactions.dataSource.manager.createQueryBuilder(MonthlyReport, 'report');
    if (query.estateId) builder.andWhere('report.estate_id = :estateId', { estateId: query.estateId });
    else restrictToVisibleEstates(builder, 'report', user);
    if (query.period) builder.andWhere('report.period = :period', { period: query.period });
    const [reports, total] = await builder
      .orderBy('report.requested_at', 'DESC')
      .addOrderBy('report.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const files = reports.length
      ? await this.transactions.dataSource.manager.findBy(ReportFile, {
          reportId: In(reports.map((report) => report.id)),
        })
      : [];
    return pageOf(
      reports.map((report) =>
        this.toResponse(
          report,
          files.filter((file) => file.reportId === report.id),
        ),
      ),
      total,
      query,
    );
  }

  async get(user: AuthenticatedUser, id: string): Promise<MonthlyReportResponse> {
    const report = await this.visible(user, id);
    return this.toResponse(report, await this.filesOf(report.id));
  }

  /** The stored bytes of one format of a ready report. */
  async download(
    user: AuthenticatedUser,
    id: string,
    format: ReportFormat,
  ): Promise<{ file: ReportFile; bytes: Buffer }> {
    const report = await this.visible(user, id);
    if (report.status !== 'ready')
      throw new TransitionNotAllowedError(
        'report',
        report.status,
        'download',
        allowedActions(report.status, report.kind),
      );
    const stored = await this.store.read(report.id, format);
    if (!stored)
      throw new NotFoundError(
        'REPORT_FILE_NOT_FOUND',
        `Report ${id} has no ${format} file; it was made as ${report.formats.join(', ')}`,
      );
    return stored;
  }

  /**
   * POST /reports/:id/finalize: closes the KPI month (if not closed yet) and makes the final report
   * from its snapshot, once per estate, period and locale. The draft stays as it was.
   */
  async finalize(user: AuthenticatedUser, id: string): Promise<MonthlyReportResponse> {
    const draft = await this.visible(user, id);
    if (!allowedActions(draft.status, draft.kind).includes('finalize'))
      throw new TransitionNotAllowedError(
        `${draft.kind} report`,
        draft.status,
        'finalize',
        allowedActions(draft.status, draft.kind),
      );
    const estate = await this.estates.accessibleEstate(user, draft.estateId);
    const existing = await this.transactions.dataSource.manager.findOneBy(MonthlyReport, {
      uniqueKey: finalKey(estate.id, draft.period, draft.locale),
    });
    if (existing)
      throw new ConflictError(
        'REPORT_ALREADY_FINAL',
        `${draft.period} already has a final ${draft.locale} report (${existing.id}); a final report never changes`,
        { reportId: existing.id },
      );
    if (!(await this.scorecards.isClosed(estate.id, draft.period)))
      await this.scorecards.close(user, estate.id, draft.period);
    const report = await this.createRecord(estate, draft.period, {
      locale: draft.locale,
      formats: draft.formats,
      kind: 'final',
      origin: 'finalize',
      requester: { id: user.id, name: user.displayName },
    });
    this.inBackground(report.id);
    return this.toResponse(report, []);
  }

  /**
   * The scheduled path (and its catch-up): the previous month's draft, zh-CN, both formats, once per
   * estate and period (a unique key; the job ledger makes it once across instances as well).
   */
  async generateScheduled(estate: Estate, period: string): Promise<MonthlyReport> {
    const key = `scheduled:${estate.id}:${period}`;
    const existing = await this.transactions.dataSource.manager.findOneBy(MonthlyReport, { uniqueKey: key });
    if (existing?.status === 'ready') return existing;
    const report = await this.createRecord(estate, period, {
      locale: 'zh-CN',
      formats: ['pdf', 'xlsx'],
      kind: 'draft',
      origin: 'schedule',
      requester: { id: null, name: 'scheduler' },
      uniqueKey: key,
    });
    const done = await this.generate(report.id);
    if (done.status !== 'ready') throw new Error(`Report ${report.id} failed: ${done.error}`);
    return done;
  }

  /** The CLI path: same records and code as the API, generated in the foreground. */
  async generateNow(
    estate: Estate,
    period: string,
    options: { locale: ReportLocale; formats: ReportFormat[]; requesterName: string },
  ): Promise<{ report: MonthlyReport; files: ReportFileContent[] }> {
    this.assertPeriodStarted(estate, period);
    const report = await this.createRecord(estate, period, {
      locale: options.locale,
      formats: options.formats,
      kind: 'draft',
      origin: 'cli',
      requester: { id: null, name: options.requesterName },
    });
    const done = await this.generate(report.id);
    if (done.status !== 'ready')
      throw new BadRequestError('REPORT_FAILED', done.error ?? 'generation failed');
    const files: ReportFileContent[] = [];
    for (const format of done.formats) {
      const stored = (await this.store.read(done.id, format))!;
      files.push({
        format,
        contentType: stored.file.contentType,
        fileName: stored.file.fileName,
        bytes: stored.bytes,
      });
    }
    return { report: done, files };
  }

  /**
   * Renders a `generating` report and stores it. Never throws: a failure is recorded on the report.
   * Returns the report as it ends.
   */
  async generate(reportId: string): Promise<MonthlyReport> {
    const manager = this.transactions.dataSource.manager;
    const report = await manager.findOneByOrFail(MonthlyReport, { id: reportId });
    try {
      const estate = await this.estates.require(report.estateId);
      const scorecard = await this.scorecards.scorecardFor(estate, report.period);
      if (report.kind === 'final' && scorecard.source !== 'snapshot')
        throw new ConflictError(
          'PERIOD_NOT_CLOSED',
          `${report.period} is not closed; a final report needs its snapshot`,
        );
      const generatedAt = report.kind === 'final' ? new Date(scorecard.snapshot!.closedAt) : this.clock.now();
      const files = await this.render(estate, report, scorecard, generatedAt);
      return await this.transactions.run(async (writer) => {
        await this.store.save(writer, report.id, files);
        const result = await writer.update(
          MonthlyReport,
          { id: report.id, status: 'generating' },
          {
            status: 'ready',
            generatedAt,
            scorecardSource: scorecard.source,
            snapshotVersion: scorecard.snapshot?.version ?? null,
          },
        );
        if (!result.affected)
          throw new ConflictError('CONCURRENT_MODIFICATION', `Report ${report.id} is no longer generating`);
        await this.audit.record(writer, {
          estateId: report.estateId,
          entityType: 'monthly_report',
          entityId: report.id,
          action: 'generate',
          actor: { id: report.requestedById, name: report.requestedByName },
          fromState: 'generating',
          toState: 'ready',
          note: null,
          details: { period: report.period, kind: report.kind, files: files.map((file) => file.fileName) },
          at: this.clock.now(),
        });
        return writer.findOneByOrFail(MonthlyReport, { id: report.id });
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Report ${report.id} (${report.period}) failed: ${message}`);
      return this.transactions.run(async (writer) => {
        await writer.update(
          MonthlyReport,
          { id: report.id, status: 'generating' },
          // The unique key is released so the schedule or a new finalise can try again.
          { status: 'failed', error: message.slice(0, 4000), uniqueKey: null },
        );
        return writer.findOneByOrFail(MonthlyReport, { id: report.id });
      });
    }
  }

  private async render(
    estate: Estate,
    report: MonthlyReport,
    scorecard: ScorecardResponse,
    generatedAt: Date,
  ): Promise<ReportFileContent[]> {
    const data = await this.data.collect(estate, report.period, scorecard);
    const options = { locale: report.locale, kind: report.kind, generatedAt };
    const files: ReportFileContent[] = [];
    for (const format of report.formats) {
      const bytes =
        format === 'pdf'
          ? await renderMonthlyReportPdf(data, options)
          : await renderMonthlyReportXlsx(data, options);
      files.push({
        format,
        contentType: CONTENT_TYPES[format],
        fileName: reportFileName(estate.name, report.period, report.locale, report.kind, format),
        bytes,
      });
    }
    return files;
  }

  private async createRecord(
    estate: Estate,
    period: string,
    options: {
      locale: ReportLocale;
      formats: ReportFormat[];
      kind: ReportKind;
      origin: ReportOrigin;
      requester: Requester;
      uniqueKey?: string;
    },
  ): Promise<MonthlyReport> {
    const uniqueKey =
      options.uniqueKey ?? (options.kind === 'final' ? finalKey(estate.id, period, options.locale) : null);
    try {
      return await this.transactions.run(async (manager) => {
        const now = this.clock.now();
        const report = await manager.save(
          manager.create(MonthlyReport, {
            estateId: estate.id,
            period,
            locale: options.locale,
            formats: [...options.formats].sort(),
            status: 'generating',
            kind: options.kind,
            origin: options.origin,
            error: null,
            requestedById: options.requester.id,
            requestedByName: options.requester.name,
            requestedAt: now,
            generatedAt: null,
            scorecardSource: null,
            snapshotVersion: null,
            uniqueKey,
          }),
        );
        await this.audit.record(manager, {
          estateId: estate.id,
          entityType: 'monthly_report',
          entityId: report.id,
          action: 'request',
          actor: options.requester,
          fromState: null,
          toState: 'generating',
          note: null,
          details: { period, kind: options.kind, origin: options.origin, locale: options.locale },
          at: now,
        });
        return report;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError(
          options.kind === 'final' ? 'REPORT_ALREADY_FINAL' : 'REPORT_ALREADY_EXISTS',
          `A ${options.kind} report for ${period} already exists or is being made`,
        );
      throw error;
    }
  }

  private inBackground(reportId: string): void {
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.generate(reportId))
      .catch((error) => this.logger.error(`Report ${reportId}: ${String(error)}`));
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  private async visible(user: AuthenticatedUser, id: string): Promise<MonthlyReport> {
    const report = await this.transactions.dataSource.manager.findOneBy(MonthlyReport, { id });
    if (!report) throw notFound('Report', id);
    assertRecordVisible(user, report.estateId, notFound('Report', id));
    return report;
  }

  private filesOf(reportId: string): Promise<ReportFile[]> {
    return this.transactions.dataSource.manager.find(ReportFile, {
      where: { reportId },
      order: { format: 'ASC' },
    });
  }

  private assertPeriodStarted(estate: Estate, period: string): void {
    if (period > periodOf(this.clock.now(), estate.timeZone))
      throw new BadRequestError('PERIOD_IN_FUTURE', `${period} has not started yet in ${estate.timeZone}`);
  }

  private toResponse(report: MonthlyReport, files: ReportFile[]): MonthlyReportResponse {
    return {
      id: report.id,
      estateId: report.estateId,
      period: report.period,
      locale: report.locale,
      formats: report.formats,
      status: report.status,
      kind: report.kind,
      origin: report.origin,
      error: report.error,
      requestedByName: report.requestedByName,
      requestedAt: report.requestedAt.toISOString(),
      generatedAt: report.generatedAt?.toISOString() ?? null,
      scorecardSource: report.scorecardSource,
      snapshotVersion: report.snapshotVersion,
      files: files.map((file) => ({
        format: file.format,
        contentType: file.contentType,
        fileName: file.fileName,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        downloadPath: `/api/v1/reports/${report.id}/download/${file.format}`,
      })),
      allowedActions: allowedActions(report.status, report.kind),
    };
  }
}

function finalKey(estateId: string, period: string, locale: string): string {
  return `final:${estateId}:${period}:${locale}`;
}
