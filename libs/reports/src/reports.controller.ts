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
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { ApiFileResponse, PageDto, PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '@estate/shared';
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
  @Get()
  @ApiOkResponse({ type: PageDto(MonthlyReportResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ReportQuery) {
    return this.reports.list(user, query);
  }

  @Roles(...READERS)
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
