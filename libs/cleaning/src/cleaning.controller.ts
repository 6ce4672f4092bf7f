import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { ApiFileResponse, Page, PageDto, replayStatus, XLSX_CONTENT_TYPE } from '@estate/shared';
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
  @Post('zones')
  @ApiCreatedResponse({ type: ZoneResponse })
  createZone(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateZoneRequest): Promise<ZoneResponse> {
    return this.cleaning.createZone(user, body);
  }

  @Roles(...READERS)
  @Get('zones')
  @ApiOkResponse({ type: PageDto(ZoneResponse) })
  listZones(@CurrentUser() user: AuthenticatedUser, @Query() query: ZoneQuery): Promise<Page<ZoneResponse>> {
    return this.cleaning.listZones(user, query);
  }

  /** Log a cleaning (201), or get the first record back for a known clientId (200). */
  @Roles('admin', 'cleaner')
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
  @Get('summary')
  @ApiOkResponse({ type: CleaningSummaryResponse })
  summary(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CleaningSummaryQuery,
  ): Promise<CleaningSummaryResponse> {
    return this.cleaning.summary(user, query.estateId, query.period);
  }
}
