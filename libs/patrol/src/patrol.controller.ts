import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { EstatesService } from '@estate/estates';
import { IncidentResponse } from '@estate/safety';
import { ApiErrors, ApiFileResponse, Page, PageDto, XLSX_CONTENT_TYPE, replayStatus } from '@estate/shared';
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
  @ApiOperation({
    summary: 'Create a patrol checkpoint (新建巡更点)',
    description: 'A checkpoint with its tag; tags are unique in an estate.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'], 409: ['TAG_TAKEN'] })
  @Post('checkpoints')
  @ApiCreatedResponse({ type: CheckpointResponse })
  createCheckpoint(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateCheckpointRequest,
  ): Promise<CheckpointResponse> {
    return this.patrol.createCheckpoint(user, body);
  }

  @Roles(...READERS)
  @ApiOperation({ summary: 'List patrol checkpoints (巡更点)', description: "An estate's checkpoints." })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('checkpoints')
  @ApiOkResponse({ type: PageDto(CheckpointResponse) })
  listCheckpoints(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: EstateListQuery,
  ): Promise<Page<CheckpointResponse>> {
    return this.patrol.listCheckpoints(user, query);
  }

  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Create a patrol route (新建巡更路线)',
    description: 'An ordered list of distinct checkpoints of the estate; names are unique.',
  })
  @ApiErrors({
    400: ['CHECKPOINT_REPEATED'],
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    409: ['ROUTE_NAME_TAKEN'],
    422: ['CHECKPOINT_NOT_FOUND'],
  })
  @Post('routes')
  @ApiCreatedResponse({ type: RouteResponse })
  createRoute(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateRouteRequest,
  ): Promise<RouteResponse> {
    return this.patrol.createRoute(user, body);
  }

  @Roles(...READERS)
  @ApiOperation({ summary: 'List patrol routes (巡更路线)', description: "An estate's routes." })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
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
  @ApiOperation({
    summary: 'Start a patrol round (开始巡更)',
    description:
      'A guard starts a round on an active route; idempotent by `clientId` (200 with the first record).',
  })
  @ApiErrors({
    400: ['TIME_IN_FUTURE'],
    404: ['ESTATE_NOT_FOUND'],
    409: ['ROUTE_INACTIVE'],
    422: ['ROUTE_NOT_FOUND', 'TIME_TOO_FAR_BACK'],
  })
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
  @ApiOperation({
    summary: 'List patrol rounds (巡更记录)',
    description: 'Rounds by estate, route, guard and time.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
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
  @ApiOperation({
    summary: 'Export patrol rounds as .xlsx (导出巡更记录)',
    description: 'The round log, streamed as a workbook.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
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
  @ApiOperation({ summary: 'Get a patrol round (巡更详情)', description: 'One round with its scans.' })
  @ApiErrors({ 404: ['PATROL_ROUND_NOT_FOUND'] })
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
  @ApiOperation({
    summary: 'Scan a checkpoint (巡更打卡)',
    description:
      'Records a checkpoint of the route as normal or abnormal (with a description); idempotent by `clientId`.',
  })
  @ApiErrors({
    400: ['ABNORMAL_DESCRIPTION_REQUIRED', 'TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    404: ['PATROL_ROUND_NOT_FOUND'],
    409: ['TRANSITION_NOT_ALLOWED'],
    422: ['CHECKPOINT_NOT_FOUND', 'CHECKPOINT_NOT_ON_ROUTE', 'TIME_TOO_FAR_BACK'],
  })
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
  @ApiOperation({
    summary: 'Finish a patrol round (结束巡更)',
    description: 'Ends the round; missed checkpoints are recorded.',
  })
  @ApiErrors({
    400: ['TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    404: ['PATROL_ROUND_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['TIME_TOO_FAR_BACK'],
  })
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
  @ApiOperation({
    summary: 'List abnormal patrol findings (巡更异常)',
    description: 'Abnormal scans with what became of them (incident, work order).',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
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
  @ApiOperation({
    summary: 'Turn a finding into a safety incident (异常转安全事件)',
    description: 'Creates an incident from an abnormal scan (201), or returns the one already made (200).',
  })
  @ApiErrors({
    400: ['TIME_IN_FUTURE', 'VIOLATION_SUBTYPE_NOT_ALLOWED', 'VIOLATION_SUBTYPE_REQUIRED'],
    404: ['ESTATE_NOT_FOUND', 'PATROL_SCAN_NOT_FOUND'],
    409: ['SCAN_NOT_ABNORMAL'],
    422: ['TIME_TOO_FAR_BACK', 'UNIT_NOT_FOUND'],
  })
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
  @ApiOperation({
    summary: 'Turn a finding into a work order (异常转工单)',
    description:
      'Creates a work order (channel patrol) from an abnormal scan in one step (201), or returns the one already made (200).',
  })
  @ApiErrors({
    404: ['ESTATE_NOT_FOUND', 'PATROL_SCAN_NOT_FOUND'],
    409: ['SCAN_NOT_ABNORMAL'],
    422: ['CATEGORY_UNKNOWN'],
  })
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
  @ApiOperation({
    summary: 'Patrol coverage (巡更覆盖率)',
    description: 'Planned and scanned checkpoints per route over a period.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
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
