import { ResponseDto, SurveyResponseDto } from './dto/survey.dto';
import { Survey, SurveyResponse } from './survey.entity';

export function toSurveyDto(survey: Survey): SurveyResponseDto {
  return {
    id: survey.id,
    estateId: survey.estateId,
    title: survey.title,
    opensAt: survey.opensAt.toISOString(),
    closesAt: survey.closesAt.toISOString(),
    services: survey.services,
    createdAt: survey.createdAt.toISOString(),
  };
}

export function toResponseDto(response: SurveyResponse): ResponseDto {
  return {
    id: response.id,
    surveyId: response.surveyId,
    unitId: response.unitId,
    overall: response.overall,
    serviceRatings: response.serviceRatings ?? {},
    comment: response.comment,
    channel: response.channel,
    collectedAt: response.collectedAt.toISOString(),
    collectorName: response.collectorName,
  };
}
