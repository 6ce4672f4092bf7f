export * from './surveys.module';
export * from './surveys.service';
export * from './survey.entity';
export * from './survey-maths';
export * from './survey.mapper';
export * from './dto/survey.dto';
