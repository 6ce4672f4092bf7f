import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { ApiErrors, ApiFileResponse, Page, PageDto, XLSX_CONTENT_TYPE, replayStatus } from '@estate/shared';
import type { Response } from 'express';
import {
  AddIncidentActionRequest,
  CloseIncidentRequest,
  CreateIncidentRequest,
  HandleViolationRequest,
  IncidentExportQuery,
  IncidentQuery,
  IncidentResponse,
  RectifyViolationRequest,
  SafetySummaryQuery,
  SafetySummaryResponse,
} from './dto/incident.dto';
import { SafetyService } from './safety.service';

const READERS = ['admin', 'manager', 'front_desk', 'security'] as const;
const HANDLERS = ['admin', 'manager', 'front_desk'] as const;

@ApiTags('safety')
@ApiBearerAuth()
@Controller('safety')
export class SafetyController {
  constructor(private readonly safety: SafetyService) {}

  /** Record an incident (201), or get the first record back for a known clientId (200). */
  @Roles('admin', 'security', 'manager', 'front_desk')
  @ApiOperation({
    summary: 'Record a safety incident (登记安全事件)',
    description:
      'A criminal case, public-order case, fire, alarm or violation; idempotent by `clientId` (200 with the first record). Times follow the field-device rule.',
  })
  @ApiErrors({
    400: ['TIME_IN_FUTURE', 'VIOLATION_SUBTYPE_NOT_ALLOWED', 'VIOLATION_SUBTYPE_REQUIRED'],
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    422: ['TIME_TOO_FAR_BACK', 'UNIT_NOT_FOUND'],
  })
  @Post('incidents')
  @ApiCreatedResponse({ type: IncidentResponse })
  @ApiOkResponse({ type: IncidentResponse, description: 'The clientId was already recorded' })
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateIncidentRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IncidentResponse> {
    return replayStatus(response, await this.safety.create(user, body));
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: 'List safety incidents (安全事件列表)',
    description: 'Incidents by estate, type, status and time.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('incidents')
  @ApiOkResponse({ type: PageDto(IncidentResponse) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: IncidentQuery,
  ): Promise<Page<IncidentResponse>> {
    return this.safety.list(user, query);
  }

  /** The incident log as a streamed .xlsx. */
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Export safety incidents as .xlsx (导出安全事件)',
    description: 'The incident log, streamed as a workbook.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('incidents/export')
  @ApiFileResponse('Safety incidents as a streamed .xlsx workbook', XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'An .xlsx file' })
  exportIncidents(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: IncidentExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    return this.safety.exportIncidents(user, query, response);
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: 'Safety figures of a month (安全统计)',
    description: 'Counts by type and handling for an estate and period (KPIs #13, #14 and #16–#19).',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('summary')
  @ApiOkResponse({ type: SafetySummaryResponse })
  summary(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SafetySummaryQuery,
  ): Promise<SafetySummaryResponse> {
    return this.safety.summary(user, query.estateId, query.period);
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: 'Get a safety incident (安全事件详情)',
    description: 'One incident with its actions.',
  })
  @ApiErrors({ 404: ['SAFETY_INCIDENT_NOT_FOUND'] })
  @Get('incidents/:id')
  @ApiOkResponse({ type: IncidentResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<IncidentResponse> {
    return this.safety.get(user, id);
  }

  /** Record a step taken (who/when/what). Security may add steps; the state does not change. */
  @Roles('admin', 'manager', 'front_desk', 'security')
  @ApiOperation({
    summary: 'Note a step taken on an incident (记录处置过程)',
    description: 'Records who did what and when; the status does not change.',
  })
  @ApiErrors({
    400: ['TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    404: ['SAFETY_INCIDENT_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['TIME_TOO_FAR_BACK'],
  })
  @Post('incidents/:id/actions')
  @ApiCreatedResponse({ type: IncidentResponse })
  addAction(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AddIncidentActionRequest,
  ): Promise<IncidentResponse> {
    return this.safety.addAction(user, id, body);
  }

  @Roles(...HANDLERS)
  @ApiOperation({
    summary: 'Record how an incident was handled (处置)',
    description: 'Sets the handling outcome and moves the incident on.',
  })
  @ApiErrors({
    400: ['TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    404: ['SAFETY_INCIDENT_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['TIME_TOO_FAR_BACK'],
  })
  @Post('incidents/:id/handle')
  @ApiCreatedResponse({ type: IncidentResponse })
  handle(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: HandleViolationRequest,
  ): Promise<IncidentResponse> {
    return this.safety.handle(user, id, body);
  }

  @Roles(...HANDLERS)
  @ApiOperation({
    summary: 'Record rectification of an incident (整改)',
    description: 'Records the rectification done.',
  })
  @ApiErrors({
    400: ['TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    404: ['SAFETY_INCIDENT_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['TIME_TOO_FAR_BACK'],
  })
  @Post('incidents/:id/rectify')
  @ApiCreatedResponse({ type: IncidentResponse })
  rectify(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RectifyViolationRequest,
  ): Promise<IncidentResponse> {
    return this.safety.rectify(user, id, body);
  }

  @Roles(...HANDLERS)
  @ApiOperation({
    summary: 'Close a safety incident (结案)',
    description: 'Closes the incident; closed incidents take no further steps.',
  })
  @ApiErrors({
    400: ['TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    404: ['SAFETY_INCIDENT_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['TIME_TOO_FAR_BACK'],
  })
  @Post('incidents/:id/close')
  @ApiCreatedResponse({ type: IncidentResponse })
  close(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CloseIncidentRequest,
  ): Promise<IncidentResponse> {
    return this.safety.close(user, id, body);
  }
}
