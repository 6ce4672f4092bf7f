import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { ApiErrors, Page, PageDto, PaginationQuery } from '@estate/shared';
import {
  CreateResponseRequest,
  CreateSurveyRequest,
  ResponseDto,
  SurveyQuery,
  SurveyResponseDto,
  SurveyResultsResponse,
} from './dto/survey.dto';
import { SurveysService } from './surveys.service';

const ORGANISERS = ['admin', 'manager', 'front_desk'] as const;

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Create a satisfaction survey (新建满意度调查)',
    description: 'A survey of the estate with its window and services; the window must be valid.',
  })
  @ApiErrors({ 400: ['SURVEY_WINDOW_INVALID'], 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Post()
  @ApiCreatedResponse({ type: SurveyResponseDto })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateSurveyRequest,
  ): Promise<SurveyResponseDto> {
    return this.surveys.create(user, body);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @ApiOperation({
    summary: 'List surveys (调查列表)',
    description: 'Surveys of an estate; residents see those of their estate.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN', 'RESIDENT_UNIT_REQUIRED'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(SurveyResponseDto) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SurveyQuery,
  ): Promise<Page<SurveyResponseDto>> {
    return this.surveys.list(user, query);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @ApiOperation({ summary: 'Get a survey (调查详情)', description: 'One survey with its services.' })
  @ApiErrors({ 404: ['SURVEY_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: SurveyResponseDto })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<SurveyResponseDto> {
    return this.surveys.get(user, id);
  }

  @Roles(...ORGANISERS, 'resident')
  @ApiOperation({
    summary: 'Answer a survey (提交调查问卷)',
    description:
      'One response per unit, within the window; residents answer for their own unit, staff enter paper forms.',
  })
  @ApiErrors({
    400: ['SERVICE_NOT_IN_SURVEY', 'UNIT_REQUIRED'],
    403: ['UNIT_FORBIDDEN'],
    404: ['SURVEY_NOT_FOUND'],
    409: ['RESPONSE_EXISTS'],
    422: ['COLLECTED_IN_FUTURE', 'COLLECTED_OUTSIDE_WINDOW', 'UNIT_NOT_FOUND'],
  })
  @Post(':id/responses')
  @ApiCreatedResponse({ type: ResponseDto })
  respond(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateResponseRequest,
  ): Promise<ResponseDto> {
    return this.surveys.respond(user, id, body);
  }

  @Roles(...ORGANISERS, 'resident')
  @ApiOperation({
    summary: 'List survey responses (问卷列表)',
    description: 'The responses of a survey; residents see their own.',
  })
  @ApiErrors({ 404: ['SURVEY_NOT_FOUND'] })
  @Get(':id/responses')
  @ApiOkResponse({ type: PageDto(ResponseDto) })
  responses(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    // The survey fixes the estate: an estateId filter here would be silently ignored, so it is refused.
    @Query() query: PaginationQuery,
  ): Promise<Page<ResponseDto>> {
    return this.surveys.responses(user, id, query);
  }

  @Roles(...ORGANISERS)
  @ApiOperation({
    summary: 'Survey results (调查结果)',
    description: 'Satisfaction per service and overall, with coverage (KPI #25).',
  })
  @ApiErrors({ 404: ['ESTATE_NOT_FOUND', 'SURVEY_NOT_FOUND'] })
  @Get(':id/results')
  @ApiOkResponse({ type: SurveyResultsResponse })
  results(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<SurveyResultsResponse> {
    return this.surveys.results(user, id);
  }
}
