import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { ApiFileResponse, Page, PageDto, replayStatus, XLSX_CONTENT_TYPE } from '@estate/shared';
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
  @Get('summary')
  @ApiOkResponse({ type: SafetySummaryResponse })
  summary(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SafetySummaryQuery,
  ): Promise<SafetySummaryResponse> {
    return this.safety.summary(user, query.estateId, query.period);
  }

  @Roles(...READERS)
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
