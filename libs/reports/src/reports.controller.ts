import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseEnumPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { ApiErrors, ApiFileResponse, PDF_CONTENT_TYPE, PageDto, XLSX_CONTENT_TYPE } from '@estate/shared';
import {
  CreateMonthlyReportRequest,
  MonthlyReportResponse,
  PortfolioReportQuery,
  ReportQuery,
} from './dto/report.dto';
import { PortfolioReportService } from './portfolio-report.service';
import { REPORT_FORMATS, ReportFormat } from './report.entities';
import { ReportsService } from './reports.service';

const READERS = ['admin', 'manager', 'finance'] as const;

/** `attachment; filename="ascii"; filename*=UTF-8''…` so browsers keep the Chinese file name. */
function sendFile(response: Response, contentType: string, fileName: string, bytes: Buffer, sha256?: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  response.setHeader('Content-Type', contentType);
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  if (sha256) response.setHeader('ETag', `"${sha256}"`);
  return new StreamableFile(bytes, { length: bytes.length });
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly portfolio: PortfolioReportService,
  ) {}

  /** Starts a monthly report; answers at once (202) with the `generating` record to poll. */
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Request a monthly report (生成月度报告)',
    description:
      'Starts a draft report (PDF and/or xlsx) and answers 202 with the `generating` record to poll.',
  })
  @ApiErrors({
    400: ['PERIOD_IN_FUTURE'],
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'PERIOD_NOT_CLOSED', 'REPORT_ALREADY_EXISTS'],
  })
  @Post('monthly')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: MonthlyReportResponse })
  request(
    @CurrentUser() user: AuthenticatedUser,
    @Body() request: CreateMonthlyReportRequest,
  ): Promise<MonthlyReportResponse> {
    return this.reports.request(user, request);
  }

  /** Every estate the caller can see, one row each with the failing metrics highlighted. */
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Portfolio report as PDF (多项目汇总报告 PDF)',
    description: 'Every estate the caller can see, one row each with the failing metrics highlighted.',
  })
  @Get('portfolio.pdf')
  @ApiFileResponse('Portfolio compliance summary (PDF)', PDF_CONTENT_TYPE)
  async portfolioPdf(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PortfolioReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.portfolio.render(user, query, 'pdf');
    return sendFile(response, file.contentType, file.fileName, file.bytes);
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: 'Portfolio report as .xlsx (多项目汇总报告 Excel)',
    description: 'The same as the PDF, as a workbook.',
  })
  @Get('portfolio.xlsx')
  @ApiFileResponse('Portfolio compliance summary (XLSX)', XLSX_CONTENT_TYPE)
  async portfolioXlsx(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PortfolioReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.portfolio.render(user, query, 'xlsx');
    return sendFile(response, file.contentType, file.fileName, file.bytes);
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: 'List monthly reports (月度报告列表)',
    description: 'Reports by estate and period.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(MonthlyReportResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ReportQuery) {
    return this.reports.list(user, query);
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: 'Get a monthly report (月度报告详情)',
    description: 'One report with its status, files and allowed actions.',
  })
  @ApiErrors({ 404: ['REPORT_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: MonthlyReportResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<MonthlyReportResponse> {
    return this.reports.get(user, id);
  }

  /** The stored bytes: a final report downloads byte-identical every time. */
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Download a report file (下载月度报告)',
    description:
      'The stored bytes; a final report downloads byte-identical every time. A report not ready yet is refused.',
  })
  @ApiErrors({ 404: ['REPORT_FILE_NOT_FOUND', 'REPORT_NOT_FOUND'], 409: ['TRANSITION_NOT_ALLOWED'] })
  @Get(':id/download/:format')
  @ApiFileResponse('The report file', PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE)
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('format', new ParseEnumPipe(REPORT_FORMATS)) format: ReportFormat,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { file, bytes } = await this.reports.download(user, id, format);
    return sendFile(response, file.contentType, file.fileName, bytes, file.sha256);
  }

  /** Closes the KPI month if needed and makes the immutable final report from its snapshot (manager). */
  @Roles('manager')
  @ApiOperation({
    summary: 'Finalize a monthly report (月度报告定稿)',
    description:
      'Closes the KPI month if needed and makes the immutable final report from its snapshot; answers 202.',
  })
  @ApiErrors({
    403: ['ESTATE_FORBIDDEN', 'ROLE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND', 'REPORT_NOT_FOUND'],
    409: [
      'CONCURRENT_MODIFICATION',
      'PERIOD_ALREADY_CLOSED',
      'PERIOD_NOT_CLOSED',
      'PERIOD_NOT_OVER',
      'REPORT_ALREADY_FINAL',
      'TRANSITION_NOT_ALLOWED',
    ],
  })
  @Post(':id/finalize')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: MonthlyReportResponse })
  finalize(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<MonthlyReportResponse> {
    return this.reports.finalize(user, id);
  }
}
