import type { Request } from 'express';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Takes the caller's X-Request-Id when it is sane, or makes one. */
export function requestIdFor(request: Request): string {
  const header = request.headers[REQUEST_ID_HEADER];
  const offered = Array.isArray(header) ? header[0] : header;
  return offered && ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
}

export function requestIdOf(request: Request): string | undefined {
  const withId = request as Request & { id?: unknown };
  return typeof withId.id === 'string' ? withId.id : undefined;
}
