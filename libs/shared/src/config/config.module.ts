import { Global, Module } from '@nestjs/common';
import { EnvironmentVariables, validateEnvironment } from './environment';

/**
 * Provides the validated `EnvironmentVariables`. Apps call `AppConfigModule.forRoot()` once;
 * tests pass explicit values. Validation happens here, so a bad value stops start-up at once.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(values: Record<string, unknown> = process.env) {
    const config = validateEnvironment(values);
    return {
      module: AppConfigModule,
      providers: [{ provide: EnvironmentVariables, useValue: config }],
      exports: [EnvironmentVariables],
    };
  }
}
