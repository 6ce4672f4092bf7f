import { Global, Module } from '@nestjs/common';
import { EventStreamsService } from './event-streams.service';
import { EventsController } from './events.controller';
import { InProcessLiveEvents, LiveEvents } from './live-events';

/**
 * Live events (docs/api.md "Live events"): the `LiveEvents` bus other libraries publish to after
 * commit, and the SSE endpoint. Global so work orders and complaints inject the bus directly.
 */
@Global()
@Module({
  controllers: [EventsController],
  providers: [{ provide: LiveEvents, useClass: InProcessLiveEvents }, EventStreamsService],
  exports: [LiveEvents],
})
export class EventsModule {}
