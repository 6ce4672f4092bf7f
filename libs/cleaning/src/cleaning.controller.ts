import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { ApiErrors, ApiFileResponse, Page, PageDto, XLSX_CONTENT_TYPE, replayStatus } from '@estate/shared';
import type { Response } from 'express';
import { CleaningService } from './cleaning.service';
import {
  CleaningExportQuery,
  CleaningLogQuery,
  CleaningLogResponse,
  CleaningSummaryQuery,
  CleaningSummaryResponse,
  CreateCleaningLogRequest,
  CreateInspectionRequest,
  CreateZoneRequest,
  InspectionQuery,
  InspectionResponse,
  ZoneQuery,
  ZoneResponse,
} from './dto/cleaning.dto';

const READERS = ['admin', 'manager', 'front_desk', 'cleaner'] as const;

@ApiTags('cleaning')
@ApiBearerAuth()
@Controller('cleaning')
export class CleaningController {
  constructor(private readonly cleaning: CleaningService) {}

  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Create a cleaning zone (新建保洁区域)',
    description: 'A zone with its assigned cleaner; names are unique in an estate.',
  })
  @ApiErrors({
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    409: ['ZONE_NAME_TAKEN'],
    422: ['CLEANER_NOT_FOUND'],
  })
  @Post('zones')
  @ApiCreatedResponse({ type: ZoneResponse })
  createZone(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateZoneRequest): Promise<ZoneResponse> {
    return this.cleaning.createZone(user, body);
  }

  @Roles(...READERS)
  @ApiOperation({ summary: 'List cleaning zones (保洁区域)', description: "An estate's zones." })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('zones')
  @ApiOkResponse({ type: PageDto(ZoneResponse) })
  listZones(@CurrentUser() user: AuthenticatedUser, @Query() query: ZoneQuery): Promise<Page<ZoneResponse>> {
    return this.cleaning.listZones(user, query);
  }

  /** Log a cleaning (201), or get the first record back for a known clientId (200). */
  @Roles('admin', 'cleaner')
  @ApiOperation({
    summary: 'Log a cleaning (保洁记录)',
    description:
      'A cleaner records a zone cleaned (or a re-clean after a failed inspection); idempotent by `clientId`.',
  })
  @ApiErrors({
    400: ['TIME_IN_FUTURE'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['INSPECTION_NOT_FOUND', 'TIME_TOO_FAR_BACK', 'ZONE_MISMATCH', 'ZONE_NOT_FOUND'],
  })
  @Post('logs')
  @ApiCreatedResponse({ type: CleaningLogResponse })
  @ApiOkResponse({ type: CleaningLogResponse, description: 'The clientId was already recorded' })
  async createLog(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateCleaningLogRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CleaningLogResponse> {
    return replayStatus(response, await this.cleaning.createLog(user, body));
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: 'List cleaning logs (保洁记录列表)',
    description: 'Logs by estate, zone and time.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('logs')
  @ApiOkResponse({ type: PageDto(CleaningLogResponse) })
  listLogs(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CleaningLogQuery,
  ): Promise<Page<CleaningLogResponse>> {
    return this.cleaning.listLogs(user, query);
  }

  /** Record a spot check (201), or get the first record back for a known clientId (200). */
  @Roles('admin', 'manager', 'front_desk')
  @ApiOperation({
    summary: 'Record a cleaning spot check (保洁抽查)',
    description: 'Pass or fail with issues for a zone; idempotent by `clientId`. Feeds KPI #6.',
  })
  @ApiErrors({
    400: ['ISSUES_REQUIRED', 'TIME_IN_FUTURE'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['INSPECTION_NOT_FOUND', 'TIME_TOO_FAR_BACK', 'ZONE_MISMATCH', 'ZONE_NOT_FOUND'],
  })
  @Post('inspections')
  @ApiCreatedResponse({ type: InspectionResponse })
  @ApiOkResponse({ type: InspectionResponse, description: 'The clientId was already recorded' })
  async createInspection(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateInspectionRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InspectionResponse> {
    return replayStatus(response, await this.cleaning.createInspection(user, body));
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: 'List cleaning inspections (抽查记录)',
    description: 'Inspections by estate, zone, result and time.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('inspections')
  @ApiOkResponse({ type: PageDto(InspectionResponse) })
  listInspections(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: InspectionQuery,
  ): Promise<Page<InspectionResponse>> {
    return this.cleaning.listInspections(user, query);
  }

  /** The inspection log as a streamed .xlsx. */
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Export cleaning inspections as .xlsx (导出抽查记录)',
    description: 'The inspection log, streamed as a workbook.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('inspections/export')
  @ApiFileResponse('Cleaning inspections as a streamed .xlsx workbook', XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'An .xlsx file' })
  exportInspections(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CleaningExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    return this.cleaning.exportInspections(user, query, response);
  }

  @Roles('admin', 'manager', 'front_desk')
  @ApiOperation({
    summary: 'Cleaning figures of a month (保洁统计)',
    description: 'Inspections, passes and the pass rate (KPI #6) for an estate and period.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('summary')
  @ApiOkResponse({ type: CleaningSummaryResponse })
  summary(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CleaningSummaryQuery,
  ): Promise<CleaningSummaryResponse> {
    return this.cleaning.summary(user, query.estateId, query.period);
  }
}
