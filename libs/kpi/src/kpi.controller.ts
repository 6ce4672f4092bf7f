import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { ApiErrors, BadRequestError, isPeriod } from '@estate/shared';
import {
  ClosePeriodRequest,
  DrillDownQuery,
  DrillDownResponse,
  PortfolioQuery,
  PortfolioResponse,
  ScorecardQuery,
  ScorecardResponse,
  SetTargetsRequest,
  TargetResponse,
  TrendQuery,
  TrendResponse,
} from './dto/kpi.dto';
import { KpiTargetsService } from './kpi-targets.service';
import { ScorecardService } from './scorecard.service';

/** Management reads scorecards; finance sees them too (fee collection is theirs). */
const READERS = ['admin', 'manager', 'finance'] as const;

@ApiTags('kpi')
@ApiBearerAuth()
@Controller('kpi')
export class KpiController {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly targets: KpiTargetsService,
  ) {}

  /** The 25 metrics of a month: live while open, the stored snapshot once closed. */
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The KPI scorecard of a month (分项指标考核)',
    description:
      'The 25 metrics of an estate and month: live while the month is open, the stored snapshot once closed. Future months are refused.',
  })
  @ApiErrors({ 400: ['PERIOD_IN_FUTURE'], 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('scorecard')
  @ApiOkResponse({ type: ScorecardResponse })
  scorecard(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ScorecardQuery,
  ): Promise<ScorecardResponse> {
    return this.scorecards.scorecard(user, query.estateId, query.period);
  }

  /** The records behind a metric (e.g. the late work orders for #2), paginated. */
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The records behind a metric (指标明细)',
    description:
      'Paginated records in the numerator, the denominator or failing (e.g. the late work orders for #2).',
  })
  @ApiErrors({
    400: ['PERIOD_IN_FUTURE'],
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND', 'METRIC_NOT_FOUND'],
  })
  @Get('scorecard/metrics/:code/records')
  @ApiOkResponse({ type: DrillDownResponse })
  records(
    @CurrentUser() user: AuthenticatedUser,
    @Param('code') code: string,
    @Query() query: DrillDownQuery,
  ): Promise<DrillDownResponse> {
    return this.scorecards.drillDown(user, code, query);
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: 'A metric over months (指标趋势)',
    description: 'One metric for each month of a range (at most a limited span).',
  })
  @ApiErrors({
    400: ['PERIOD_IN_FUTURE', 'PERIOD_RANGE_INVALID', 'PERIOD_RANGE_TOO_LONG'],
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
  })
  @Get('trend')
  @ApiOkResponse({ type: TrendResponse })
  trend(@CurrentUser() user: AuthenticatedUser, @Query() query: TrendQuery): Promise<TrendResponse> {
    return this.scorecards.trend(user, query.estateId, query.code, query.from, query.to);
  }

  /** One row per estate the caller can see, sortable. */
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Scorecards of all my estates (多项目汇总)',
    description: 'One row per estate the caller can see with pass/fail counts and failing metrics, sortable.',
  })
  @Get('portfolio')
  @ApiOkResponse({ type: PortfolioResponse })
  portfolio(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PortfolioQuery,
  ): Promise<PortfolioResponse> {
    return this.scorecards.portfolio(user, query);
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: "An estate's KPI targets (考核目标)",
    description: 'The target of each metric, default or overridden.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('targets/:estateId')
  @ApiOkResponse({ type: TargetResponse, isArray: true })
  currentTargets(
    @CurrentUser() user: AuthenticatedUser,
    @Param('estateId', new ParseUUIDPipe()) estateId: string,
  ): Promise<TargetResponse[]> {
    return this.targets.current(user, estateId);
  }

  /** Overrides take effect now; every change is audited (who, when, old, new). */
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Set KPI targets (设置考核目标)',
    description: 'Overrides take effect now; every change is audited (who, when, old, new).',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Put('targets/:estateId')
  @ApiOkResponse({ type: TargetResponse, isArray: true })
  setTargets(
    @CurrentUser() user: AuthenticatedUser,
    @Param('estateId', new ParseUUIDPipe()) estateId: string,
    @Body() body: SetTargetsRequest,
  ): Promise<TargetResponse[]> {
    return this.targets.set(user, estateId, body);
  }

  /** Closes a month into an immutable snapshot; an admin may recompute a closed month with a reason (new version). */
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Close a KPI month (月度关账)',
    description:
      'Freezes the month into an immutable snapshot. A month not over yet or already closed is refused; an admin may recompute a closed month with a reason (a new version).',
  })
  @ApiErrors({
    400: ['PERIOD_INVALID'],
    403: ['ESTATE_FORBIDDEN', 'ROLE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'PERIOD_ALREADY_CLOSED', 'PERIOD_NOT_OVER'],
  })
  @Post('periods/:estateId/:period/close')
  @ApiCreatedResponse({ type: ScorecardResponse })
  close(
    @CurrentUser() user: AuthenticatedUser,
    @Param('estateId', new ParseUUIDPipe()) estateId: string,
    @Param('period') period: string,
    @Body() body: ClosePeriodRequest,
  ): Promise<ScorecardResponse> {
    if (!isPeriod(period))
      throw new BadRequestError('PERIOD_INVALID', 'period must be a month written YYYY-MM');
    return this.scorecards.close(user, estateId, period, body.recomputeReason);
  }
}
