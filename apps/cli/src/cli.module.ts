import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@estate/database';
import { DemoModule } from '@estate/demo';
import { AppConfigModule, CoreModule } from '@estate/shared';
import { FEATURE_MODULES } from '../../api/src/feature-modules';

/**
 * The same libraries as the API, without HTTP or the scheduler: operator commands call services
 * directly. Like the API, the embedded database migrates itself; MySQL is migrated explicitly.
 */
@Module({})
export class CliModule {
  static forRoot(): DynamicModule {
    return {
      module: CliModule,
      imports: [
        // Scheduled jobs belong to the API instances: a one-shot command must not start the report
        // catch-up in the background and close the pool under it when the command ends.
        AppConfigModule.forRoot({ ...process.env, SCHEDULER_ENABLED: 'false' }),
        CoreModule,
        DatabaseModule.forRoot(),
        DemoModule,
        ...FEATURE_MODULES,
      ],
    };
  }
}
