import { Global, Module } from '@nestjs/common';
import { Clock } from './time/clock';

/** The clock and other process-wide singletons. Tests replace `Clock` with a `FixedClock`. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class CoreModule {}
