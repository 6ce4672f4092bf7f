export * from './events.module';
export * from './live-events';
export * from './event-streams.service';
