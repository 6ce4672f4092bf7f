import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { EstatesService } from '@estate/estates';
import { IncidentResponse } from '@estate/safety';
import { ApiFileResponse, Page, PageDto, replayStatus, XLSX_CONTENT_TYPE } from '@estate/shared';
import type { Response } from 'express';
import {
  CheckpointResponse,
  CoverageQuery,
  CoverageResponse,
  CreateCheckpointRequest,
  CreateIncidentFromScanRequest,
  CreateWorkOrderFromScanRequest,
  FindingWorkOrderResponse,
  CreateRouteRequest,
  EstateListQuery,
  FindingQuery,
  FindingResponse,
  FinishRoundRequest,
  RoundExportQuery,
  RoundQuery,
  RoundResponse,
  RouteResponse,
  ScanRequest,
  ScanResponse,
  StartRoundRequest,
} from './dto/patrol.dto';
import { PatrolCoverageService } from './patrol-coverage.service';
import { PatrolService } from './patrol.service';

const READERS = ['admin', 'manager', 'front_desk', 'security'] as const;
const GUARDS = ['admin', 'security'] as const;

@ApiTags('patrol')
@ApiBearerAuth()
@Controller('patrol')
export class PatrolController {
  constructor(
    private readonly patrol: PatrolService,
    private readonly coverageService: PatrolCoverageService,
    private readonly estates: EstatesService,
  ) {}

  @Roles('admin', 'manager')
  @Post('checkpoints')
  @ApiCreatedResponse({ type: CheckpointResponse })
  createCheckpoint(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateCheckpointRequest,
  ): Promise<CheckpointResponse> {
    return this.patrol.createCheckpoint(user, body);
  }

  @Roles(...READERS)
  @Get('checkpoints')
  @ApiOkResponse({ type: PageDto(CheckpointResponse) })
  listCheckpoints(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: EstateListQuery,
  ): Promise<Page<CheckpointResponse>> {
    return this.patrol.listCheckpoints(user, query);
  }

  @Roles('admin', 'manager')
  @Post('routes')
  @ApiCreatedResponse({ type: RouteResponse })
  createRoute(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateRouteRequest,
  ): Promise<RouteResponse> {
    return this.patrol.createRoute(user, body);
  }

  @Roles(...READERS)
  @Get('routes')
  @ApiOkResponse({ type: PageDto(RouteResponse) })
  listRoutes(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: EstateListQuery,
  ): Promise<Page<RouteResponse>> {
    return this.patrol.listRoutes(user, query);
  }

  /** Start a round (201), or get the first record back for a known clientId (200). */
  @Roles(...GUARDS)
  @Post('rounds')
  @ApiCreatedResponse({ type: RoundResponse })
  @ApiOkResponse({ type: RoundResponse, description: 'The clientId was already recorded' })
  async startRound(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: StartRoundRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RoundResponse> {
    return replayStatus(response, await this.patrol.startRound(user, body));
  }

  @Roles(...READERS)
  @Get('rounds')
  @ApiOkResponse({ type: PageDto(RoundResponse) })
  listRounds(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: RoundQuery,
  ): Promise<Page<RoundResponse>> {
    return this.patrol.listRounds(user, query);
  }

  /** The round log as a streamed .xlsx. */
  @Roles(...READERS)
  @Get('rounds/export')
  @ApiFileResponse('Patrol rounds as a streamed .xlsx workbook', XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'An .xlsx file' })
  exportRounds(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: RoundExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    return this.patrol.exportRounds(user, query, response);
  }

  @Roles(...READERS)
  @Get('rounds/:id')
  @ApiOkResponse({ type: RoundResponse })
  getRound(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<RoundResponse> {
    return this.patrol.getRound(user, id);
  }

  /** Scan a checkpoint (201), or get the first record back for a known clientId (200). */
  @Roles(...GUARDS)
  @Post('rounds/:id/scans')
  @ApiCreatedResponse({ type: ScanResponse })
  @ApiOkResponse({ type: ScanResponse, description: 'The clientId was already recorded' })
  async scan(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ScanRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScanResponse> {
    return replayStatus(response, await this.patrol.scan(user, id, body));
  }

  @Roles(...GUARDS)
  @Post('rounds/:id/finish')
  @ApiCreatedResponse({ type: RoundResponse })
  finishRound(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: FinishRoundRequest,
  ): Promise<RoundResponse> {
    return this.patrol.finishRound(user, id, body);
  }

  @Roles(...READERS)
  @Get('findings')
  @ApiOkResponse({ type: PageDto(FindingResponse) })
  listFindings(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: FindingQuery,
  ): Promise<Page<FindingResponse>> {
    return this.patrol.listFindings(user, query);
  }

  /** Turn an abnormal finding into a safety incident (201), or get the one already made (200). */
  @Roles('admin', 'security', 'manager', 'front_desk')
  @Post('scans/:id/incident')
  @ApiCreatedResponse({ type: IncidentResponse })
  @ApiOkResponse({ type: IncidentResponse, description: 'The finding already has an incident' })
  async createIncident(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateIncidentFromScanRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IncidentResponse> {
    return replayStatus(response, await this.patrol.createIncidentFromScan(user, id, body));
  }

  /** Turn an abnormal finding into a work order (channel patrol) in one step (201), or get the one already made (200). */
  @Roles('admin', 'security', 'manager', 'front_desk')
  @Post('scans/:id/work-order')
  @ApiCreatedResponse({ type: FindingWorkOrderResponse })
  @ApiOkResponse({ type: FindingWorkOrderResponse, description: 'The finding already has a work order' })
  async createWorkOrder(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateWorkOrderFromScanRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FindingWorkOrderResponse> {
    return replayStatus(response, await this.patrol.createWorkOrderFromScan(user, id, body));
  }

  @Roles('admin', 'manager', 'front_desk', 'security')
  @Get('coverage')
  @ApiOkResponse({ type: CoverageResponse })
  async coverage(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CoverageQuery,
  ): Promise<CoverageResponse> {
    const estate = await this.estates.accessibleEstate(user, query.estateId);
    return this.coverageService.coverage(estate.id, query.period);
  }
}
