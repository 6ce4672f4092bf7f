import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SURVEY_ENTITIES } from './survey.entity';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

/** Satisfaction surveys (满意度调查) and KPI #25. */
@Module({
  imports: [TypeOrmModule.forFeature(SURVEY_ENTITIES)],
  controllers: [SurveysController],
  providers: [SurveysService],
  exports: [SurveysService],
})
export class SurveysModule {}
