import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { BadRequestError, isPeriod } from '@estate/shared';
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
  @Get('trend')
  @ApiOkResponse({ type: TrendResponse })
  trend(@CurrentUser() user: AuthenticatedUser, @Query() query: TrendQuery): Promise<TrendResponse> {
    return this.scorecards.trend(user, query.estateId, query.code, query.from, query.to);
  }

  /** One row per estate the caller can see, sortable. */
  @Roles(...READERS)
  @Get('portfolio')
  @ApiOkResponse({ type: PortfolioResponse })
  portfolio(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PortfolioQuery,
  ): Promise<PortfolioResponse> {
    return this.scorecards.portfolio(user, query);
  }

  @Roles(...READERS)
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
