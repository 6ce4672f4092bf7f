import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { DatabaseModule } from '@estate/database';
import { DemoModule } from '@estate/demo';
import { AppConfigModule, CoreModule, validateEnvironment } from '@estate/shared';
import { FEATURE_MODULES } from './feature-modules';
import { HealthController } from './health/health.controller';
import { SchedulerCatchUp } from './scheduler/scheduler-catch-up';
import { loggerParams } from './logging';

/** Composition only: configuration, logging, database, scheduler, the feature modules. */
@Module({})
export class AppModule {
  static forRoot(environment: Record<string, unknown> = process.env): DynamicModule {
    const config = validateEnvironment(environment);
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(environment),
        CoreModule,
        LoggerModule.forRoot(loggerParams(config.LOG_LEVEL)),
        DatabaseModule.forRoot(),
        ...(config.SCHEDULER_ENABLED ? [ScheduleModule.forRoot()] : []),
        DemoModule,
        ...FEATURE_MODULES,
      ],
      controllers: [HealthController],
      providers: config.SCHEDULER_ENABLED ? [SchedulerCatchUp] : [],
    };
  }
}
