import type { Response } from 'express';
import type { Recorded } from './client-records';

/** 201 for a new record, 200 when a resubmitted clientId returned the existing one. */
export function replayStatus<T>(response: Response, recorded: Recorded<T>): T {
  response.status(recorded.created ? 201 : 200);
  return recorded.record;
}
