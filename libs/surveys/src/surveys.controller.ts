import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { Page, PageDto, PaginationQuery } from '@estate/shared';
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
  @Post()
  @ApiCreatedResponse({ type: SurveyResponseDto })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateSurveyRequest,
  ): Promise<SurveyResponseDto> {
    return this.surveys.create(user, body);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @Get()
  @ApiOkResponse({ type: PageDto(SurveyResponseDto) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SurveyQuery,
  ): Promise<Page<SurveyResponseDto>> {
    return this.surveys.list(user, query);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @Get(':id')
  @ApiOkResponse({ type: SurveyResponseDto })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<SurveyResponseDto> {
    return this.surveys.get(user, id);
  }

  @Roles(...ORGANISERS, 'resident')
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
  @Get(':id/results')
  @ApiOkResponse({ type: SurveyResultsResponse })
  results(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<SurveyResultsResponse> {
    return this.surveys.results(user, id);
  }
}
