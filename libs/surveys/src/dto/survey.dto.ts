import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsObject, ValidateNested } from 'class-validator';
import { IsId, IsInstant, IsText, PaginationQuery, Optional } from '@estate/shared';
import {
  RESPONSE_CHANNELS,
  ResponseChannel,
  SURVEY_RATINGS,
  SURVEY_SERVICES,
  SurveyRating,
  SurveyService,
} from '../survey.entity';

export class CreateSurveyRequest {
  @IsId() estateId: string;
  @IsText({ max: 200, example: '2026 年度业主满意度调查' }) title: string;
  @IsInstant() opensAt: Date;
  @IsInstant({ description: 'Exclusive; after opensAt' }) closesAt: Date;
  @ApiPropertyOptional({
    enum: SURVEY_SERVICES,
    isArray: true,
    description: 'Optional per-service questions',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(SURVEY_SERVICES.length)
  @ArrayUnique()
  @IsIn(SURVEY_SERVICES, { each: true })
  services?: SurveyService[];
}

export class ServiceRatingsDto {
  @ApiPropertyOptional({ enum: SURVEY_RATINGS }) @Optional() @IsIn(SURVEY_RATINGS) repairs?: SurveyRating;
  @ApiPropertyOptional({ enum: SURVEY_RATINGS }) @Optional() @IsIn(SURVEY_RATINGS) cleaning?: SurveyRating;
  @ApiPropertyOptional({ enum: SURVEY_RATINGS }) @Optional() @IsIn(SURVEY_RATINGS) security?: SurveyRating;
  @ApiPropertyOptional({ enum: SURVEY_RATINGS }) @Optional() @IsIn(SURVEY_RATINGS) greenery?: SurveyRating;
  @ApiPropertyOptional({ enum: SURVEY_RATINGS })
  @Optional()
  @IsIn(SURVEY_RATINGS)
  front_desk?: SurveyRating;
  @ApiPropertyOptional({ enum: SURVEY_RATINGS }) @Optional() @IsIn(SURVEY_RATINGS) fees?: SurveyRating;
}

export class CreateResponseRequest {
  @IsId({ optional: true, description: 'Required for staff; a resident answers for their own unit' })
  unitId?: string;
  @ApiProperty({ enum: SURVEY_RATINGS }) @IsIn(SURVEY_RATINGS) overall: SurveyRating;
  @ApiPropertyOptional({ type: ServiceRatingsDto, description: 'Only services the survey asks about' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ServiceRatingsDto)
  serviceRatings?: ServiceRatingsDto;
  @IsText({ optional: true, max: 2000 }) comment?: string;
  @ApiPropertyOptional({ enum: RESPONSE_CHANNELS, description: 'Residents answer online' })
  @Optional()
  @IsIn(RESPONSE_CHANNELS)
  channel?: ResponseChannel;
  @IsInstant({ optional: true, description: 'Defaults to now; within the survey window, not in the future' })
  collectedAt?: Date;
}

export class SurveyQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
}

export class SurveyResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty({ enum: SURVEY_SERVICES, isArray: true }) services: SurveyService[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) surveyId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ enum: SURVEY_RATINGS }) overall: SurveyRating;
  @ApiProperty({ type: ServiceRatingsDto }) serviceRatings: Partial<Record<SurveyService, SurveyRating>>;
  @ApiPropertyOptional({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ enum: RESPONSE_CHANNELS }) channel: ResponseChannel;
  @ApiProperty({ format: 'date-time' }) collectedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) collectorName: string | null;
}

export class RatingBreakdown {
  @ApiProperty() responses: number;
  @ApiProperty() satisfied: number;
  @ApiProperty() basicallySatisfied: number;
  @ApiProperty() dissatisfied: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: '(satisfied + basically satisfied) / responses × 100',
  })
  satisfactionPercent: number | null;
}

export class ServiceBreakdown extends RatingBreakdown {
  @ApiProperty({ enum: SURVEY_SERVICES }) service: SurveyService;
}

export class SurveyComment {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ enum: SURVEY_RATINGS }) overall: SurveyRating;
  @ApiProperty() comment: string;
  @ApiProperty({ format: 'date-time' }) collectedAt: string;
}

export class SurveyResultsResponse {
  @ApiProperty({ format: 'uuid' }) surveyId: string;
  @ApiProperty({ type: RatingBreakdown, description: 'Overall rating' }) overall: RatingBreakdown;
  @ApiProperty({ description: 'Distinct responding units' }) respondingHouseholds: number;
  @ApiProperty({
    format: 'date',
    description: 'Households counted on this date (survey close, or today if open)',
  })
  householdsOn: string;
  @ApiProperty({ description: 'Occupied units on householdsOn' }) households: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) coveragePercent: number | null;
  @ApiProperty({ description: 'Coverage below the estate’s surveys.lowConfidenceCoveragePercent' })
  lowConfidence: boolean;
  @ApiProperty({ type: ServiceBreakdown, isArray: true }) services: ServiceBreakdown[];
  @ApiProperty({ type: SurveyComment, isArray: true }) comments: SurveyComment[];
}
