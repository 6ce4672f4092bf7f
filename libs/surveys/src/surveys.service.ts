import { Injectable } from '@nestjs/common';
import { assertRecordVisible, AuthenticatedUser, restrictToVisibleEstates } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { EstatesService, OccupancyService, Unit } from '@estate/estates';
import {
  BadRequestError,
  Clock,
  ConflictError,
  ForbiddenError,
  InstantRange,
  isUniqueViolation,
  lastDateOfPeriod,
  localDateOf,
  notFound,
  Page,
  pageOfQuery,
  PaginationQuery,
  trailingTwelveMonthsRange,
  UnprocessableError,
} from '@estate/shared';
import { EntityManager } from 'typeorm';
import {
  CreateResponseRequest,
  CreateSurveyRequest,
  RatingBreakdown,
  ResponseDto,
  SurveyQuery,
  SurveyResponseDto,
  SurveyResultsResponse,
} from './dto/survey.dto';
import { coverage, emptyCounts, RatingCounts, satisfactionRate } from './survey-maths';
import { SURVEY_RATINGS, Survey, SurveyRating, SurveyResponse, SurveyService } from './survey.entity';
import { toResponseDto, toSurveyDto } from './survey.mapper';

/** KPI #25 with its sample size. */
export interface OverallSatisfactionResult {
  /** satisfied + basically satisfied */
  numerator: number;
  /** valid responses */
  denominator: number;
  percent: number | null;
  respondingHouseholds: number;
  households: number;
  coveragePercent: number | null;
  lowConfidence: boolean;
  range: InstantRange;
}

function breakdown(counts: RatingCounts): RatingBreakdown {
  const rate = satisfactionRate(counts);
  return {
    responses: rate.denominator,
    satisfied: counts.satisfied,
    basicallySatisfied: counts.basically_satisfied,
    dissatisfied: counts.dissatisfied,
    satisfactionPercent: rate.percent,
  };
}

/** Satisfaction surveys (满意度调查), responses, results and KPI #25. */
@Injectable()
export class SurveysService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly occupancy: OccupancyService,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthenticatedUser, request: CreateSurveyRequest): Promise<SurveyResponseDto> {
    if (request.closesAt.getTime() <= request.opensAt.getTime())
      throw new BadRequestError('SURVEY_WINDOW_INVALID', 'closesAt must be after opensAt');
    return this.transactions.run(async (manager) => {
      await this.estates.accessibleEstate(user, request.estateId, manager);
      const survey = manager.create(Survey, {
        estateId: request.estateId,
        title: request.title,
        opensAt: request.opensAt,
        closesAt: request.closesAt,
        services: request.services ?? [],
        createdById: user.id,
        createdAt: this.clock.now(),
      });
      await manager.save(survey);
      return toSurveyDto(survey);
    });
  }

  async list(user: AuthenticatedUser, query: SurveyQuery): Promise<Page<SurveyResponseDto>> {
    const builder = this.transactions.dataSource.manager.createQueryBuilder(Survey, 'survey');
    if (user.role === 'resident') {
      builder.where('survey.estate_id = :ownEstate', { ownEstate: (await this.residentUnit(user)).estateId });
    } else {
      if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
      restrictToVisibleEstates(builder, 'survey', user);
    }
    if (query.estateId) builder.andWhere('survey.estate_id = :estateId', { estateId: query.estateId });
    return pageOfQuery(
      builder,
      [
        ['survey.opens_at', 'DESC'],
        ['survey.id', 'DESC'],
      ],
      query,
      toSurveyDto,
    );
  }

  async get(user: AuthenticatedUser, id: string): Promise<SurveyResponseDto> {
    return toSurveyDto(await this.visibleSurvey(this.transactions.dataSource.manager, user, id));
  }

  /**
   * Records one household's response. Staff name the unit (of the survey's estate) and may give the
   * collection time; a resident answers online for their own unit, now. One response per unit and
   * survey: a second is refused with 409 RESPONSE_EXISTS (the first stands).
   */
  async respond(
    user: AuthenticatedUser,
    surveyId: string,
    request: CreateResponseRequest,
  ): Promise<ResponseDto> {
    const now = this.clock.now();
    const resident = user.role === 'resident';
    if (resident && request.unitId && request.unitId !== user.unitId)
      throw new ForbiddenError('UNIT_FORBIDDEN', 'A resident may only answer for their own unit');
    const unitId = resident ? user.unitId : request.unitId;
    if (!unitId) throw new BadRequestError('UNIT_REQUIRED', 'unitId is required');
    const collectedAt = resident ? now : (request.collectedAt ?? now);
    if (collectedAt.getTime() > now.getTime())
      throw new UnprocessableError('COLLECTED_IN_FUTURE', 'collectedAt cannot be in the future');
    return this.transactions.run(async (manager) => {
      const survey = await this.visibleSurvey(manager, user, surveyId);
      const unit = await manager.findOneBy(Unit, { id: unitId });
      if (!unit || unit.estateId !== survey.estateId)
        throw new UnprocessableError(
          'UNIT_NOT_FOUND',
          `Unit ${unitId} does not exist in the survey's estate`,
        );
      if (collectedAt < survey.opensAt || collectedAt >= survey.closesAt)
        throw new UnprocessableError(
          'COLLECTED_OUTSIDE_WINDOW',
          `collectedAt must be within the survey window ${survey.opensAt.toISOString()} – ${survey.closesAt.toISOString()}`,
        );
      const ratings = Object.fromEntries(
        Object.entries(request.serviceRatings ?? {}).filter(([, value]) => value !== undefined),
      ) as Partial<Record<SurveyService, SurveyRating>>;
      const unasked = Object.keys(ratings).filter(
        (service) => !survey.services.includes(service as SurveyService),
      );
      if (unasked.length)
        throw new BadRequestError(
          'SERVICE_NOT_IN_SURVEY',
          `This survey does not ask about: ${unasked.join(', ')}`,
          {
            unasked,
          },
        );
      if (await manager.existsBy(SurveyResponse, { surveyId, unitId })) throw this.duplicate(unitId);
      const response = manager.create(SurveyResponse, {
        estateId: survey.estateId,
        surveyId,
        unitId,
        overall: request.overall,
        serviceRatings: ratings,
        comment: request.comment ?? null,
        channel: resident ? 'online' : (request.channel ?? 'paper'),
        collectedAt,
        collectorId: user.id,
        collectorName: user.displayName,
      });
      try {
        await manager.save(response);
      } catch (error) {
        if (isUniqueViolation(error)) throw this.duplicate(unitId);
        throw error;
      }
      return toResponseDto(response);
    });
  }

  private duplicate(unitId: string): ConflictError {
    return new ConflictError('RESPONSE_EXISTS', `Unit ${unitId} has already answered this survey`, {
      unitId,
    });
  }

  /** Responses of a survey (a resident sees only their own unit's). */
  async responses(
    user: AuthenticatedUser,
    surveyId: string,
    query: PaginationQuery,
  ): Promise<Page<ResponseDto>> {
    const manager = this.transactions.dataSource.manager;
    await this.visibleSurvey(manager, user, surveyId);
    const builder = manager
      .createQueryBuilder(SurveyResponse, 'response')
      .where('response.survey_id = :surveyId', { surveyId });
    if (user.role === 'resident')
      builder.andWhere('response.unit_id = :unitId', { unitId: user.unitId ?? '-' });
    return pageOfQuery(
      builder,
      [
        ['response.collected_at', 'ASC'],
        ['response.id', 'ASC'],
      ],
      query,
      toResponseDto,
    );
  }

  /**
   * Results: overall rating counts and satisfaction rate, coverage = responding units / units
   * occupied on the survey's last day (or today while it is open), per-service breakdown, comments.
   */
  async results(user: AuthenticatedUser, surveyId: string): Promise<SurveyResultsResponse> {
    const manager = this.transactions.dataSource.manager;
    const survey = await this.visibleSurvey(manager, user, surveyId);
    const estate = await this.estates.require(survey.estateId);
    const counts = await this.ratingCounts(manager, (builder) =>
      builder.where('response.survey_id = :surveyId', { surveyId }),
    );
    const responding = await this.distinctUnits(manager, (builder) =>
      builder.where('response.survey_id = :surveyId', { surveyId }),
    );
    const lastInstant = new Date(Math.min(this.clock.now().getTime(), survey.closesAt.getTime() - 1));
    const householdsOn = localDateOf(lastInstant, estate.timeZone);
    const households = await this.occupancy.occupiedUnitCount(survey.estateId, householdsOn);
    const threshold = this.estates.settingsOf(estate).surveys.lowConfidenceCoveragePercent;
    const cover = coverage(responding, households, threshold);

    // Per-service ratings live in a JSON column: read just that column for this one survey.
    const rows = await manager.find(SurveyResponse, {
      where: { surveyId },
      select: {
        id: true,
        unitId: true,
        overall: true,
        serviceRatings: true,
        comment: true,
        collectedAt: true,
      },
      order: { collectedAt: 'ASC', id: 'ASC' },
    });
    const services = survey.services.map((service) => {
      const serviceCounts = emptyCounts();
      for (const row of rows) {
        const rating = row.serviceRatings?.[service];
        if (rating) serviceCounts[rating]++;
      }
      return { service, ...breakdown(serviceCounts) };
    });
    return {
      surveyId,
      overall: breakdown(counts),
      respondingHouseholds: responding,
      householdsOn,
      households,
      coveragePercent: cover.percent,
      lowConfidence: cover.lowConfidence,
      services,
      comments: rows
        .filter((row) => row.comment)
        .map((row) => ({
          unitId: row.unitId,
          overall: row.overall,
          comment: row.comment as string,
          collectedAt: row.collectedAt.toISOString(),
        })),
    };
  }

  /**
   * KPI #25 (业主综合满意率, trailing 12 months): responses collected in [start of the month 11
   * months before, period end) across all surveys of the estate: (满意 + 基本满意) / responses.
   * Coverage = distinct responding units / households (occupied units on the last day of the
   * period); lowConfidence below `settings.surveys.lowConfidenceCoveragePercent`.
   */
  async overallSatisfaction(estateId: string, period: string): Promise<OverallSatisfactionResult> {
    const estate = await this.estates.require(estateId);
    const range = trailingTwelveMonthsRange(period, estate.timeZone);
    const manager = this.transactions.dataSource.manager;
    const inRange = (builder: ReturnType<EntityManager['createQueryBuilder']>) =>
      builder
        .where('response.estate_id = :estateId', { estateId })
        .andWhere('response.collected_at >= :start AND response.collected_at < :end', range);
    const rate = satisfactionRate(await this.ratingCounts(manager, inRange));
    const respondingHouseholds = await this.distinctUnits(manager, inRange);
    const households = await this.occupancy.occupiedUnitCount(estateId, lastDateOfPeriod(period));
    const cover = coverage(
      respondingHouseholds,
      households,
      this.estates.settingsOf(estate).surveys.lowConfidenceCoveragePercent,
    );
    return {
      ...rate,
      respondingHouseholds,
      households,
      coveragePercent: cover.percent,
      lowConfidence: cover.lowConfidence,
      range,
    };
  }

  /** Drill-down of KPI #25: the responses it counted. */
  async satisfactionResponses(estateId: string, period: string): Promise<ResponseDto[]> {
    const estate = await this.estates.require(estateId);
    const range = trailingTwelveMonthsRange(period, estate.timeZone);
    const rows = await this.transactions.dataSource.manager
      .createQueryBuilder(SurveyResponse, 'response')
      .where('response.estate_id = :estateId', { estateId })
      .andWhere('response.collected_at >= :start AND response.collected_at < :end', range)
      .orderBy('response.collected_at', 'ASC')
      .addOrderBy('response.id', 'ASC')
      .getMany();
    return rows.map(toResponseDto);
  }

  private async ratingCounts(
    manager: EntityManager,
    filter: (builder: ReturnType<EntityManager['createQueryBuilder']>) => unknown,
  ): Promise<RatingCounts> {
    const builder = manager.createQueryBuilder(SurveyResponse, 'response');
    filter(builder);
    const rows: { overall: SurveyRating; count: string | number }[] = await builder
      .select('response.overall', 'overall')
      .addSelect('COUNT(*)', 'count')
      .groupBy('response.overall')
      .getRawMany();
    const counts = emptyCounts();
    for (const row of rows) if (SURVEY_RATINGS.includes(row.overall)) counts[row.overall] = Number(row.count);
    return counts;
  }

  private async distinctUnits(
    manager: EntityManager,
    filter: (builder: ReturnType<EntityManager['createQueryBuilder']>) => unknown,
  ): Promise<number> {
    const builder = manager.createQueryBuilder(SurveyResponse, 'response');
    filter(builder);
    const row: { count: string | number } | undefined = await builder
      .select('COUNT(DISTINCT response.unit_id)', 'count')
      .getRawOne();
    return Number(row?.count ?? 0);
  }

  private async residentUnit(user: AuthenticatedUser): Promise<Unit> {
    const unit = user.unitId
      ? await this.transactions.dataSource.manager.findOneBy(Unit, { id: user.unitId })
      : null;
    if (!unit) throw new ForbiddenError('RESIDENT_UNIT_REQUIRED', 'Your account is not linked to a unit');
    return unit;
  }

  /** The survey, or 404 outside the caller's estates (a resident: outside their unit's estate). */
  private async visibleSurvey(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<Survey> {
    const survey = await manager.findOneBy(Survey, { id });
    if (!survey) throw notFound('Survey', id);
    if (user.role === 'resident') {
      const unit = user.unitId ? await manager.findOneBy(Unit, { id: user.unitId }) : null;
      if (!unit || unit.estateId !== survey.estateId) throw notFound('Survey', id);
    } else assertRecordVisible(user, survey.estateId, notFound('Survey', id));
    return survey;
  }
}
