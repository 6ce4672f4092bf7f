import { Column, Entity } from 'typeorm';
import { BaseEntity, IdColumn, InstantColumn } from '@estate/shared';

export const SURVEY_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SurveyRating = (typeof SURVEY_RATINGS)[number];

export const SURVEY_SERVICES = ['repairs', 'cleaning', 'security', 'greenery', 'front_desk', 'fees'] as const;
export type SurveyService = (typeof SURVEY_SERVICES)[number];

export const RESPONSE_CHANNELS = ['paper', 'phone', 'online', 'door_to_door'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/** A satisfaction survey (满意度调查): the overall rating is always asked, per-service ratings optionally. */
@Entity('surveys')
export class Survey extends BaseEntity {
  @IdColumn() estateId: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  /** Responses are collected in [opensAt, closesAt). */
  @InstantColumn() opensAt: Date;
  @InstantColumn() closesAt: Date;
  /** The optional per-service questions this survey asks. */
  @Column({ type: 'simple-json' }) services: SurveyService[];
  @IdColumn({ nullable: true }) createdById: string | null;
}

/** One household's answer: at most one per unit and survey (a second is refused with 409). */
@Entity('survey_responses')
export class SurveyResponse extends BaseEntity {
  @IdColumn() estateId: string;
  @IdColumn() surveyId: string;
  @IdColumn() unitId: string;
  @Column({ type: 'varchar', length: 30 }) overall: SurveyRating;
  @Column({ type: 'simple-json', nullable: true }) serviceRatings: Partial<
    Record<SurveyService, SurveyRating>
  > | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'varchar', length: 20 }) channel: ResponseChannel;
  @InstantColumn() collectedAt: Date;
  @IdColumn({ nullable: true }) collectorId: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) collectorName: string | null;
}

export const SURVEY_ENTITIES = [Survey, SurveyResponse];
