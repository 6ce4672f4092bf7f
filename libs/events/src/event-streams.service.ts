import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { AuthenticatedUser, canSeeEstate } from '@estate/auth';
import { EstatesService } from '@estate/estates';
import { EnvironmentVariables } from '@estate/shared';
import type { Request, Response } from 'express';
import { LiveEvent, LiveEvents } from './live-events';

/** Whether this caller, streaming this estate, may receive the event. */
export function mayReceive(user: AuthenticatedUser, estateId: string, event: LiveEvent): boolean {
  if (event.payload.estateId !== estateId || !canSeeEstate(user, estateId)) return false;
  if (user.role === 'resident') return user.unitId !== null && event.audience.unitId === user.unitId;
  return event.audience.staffRoles.includes(user.role);
}

/**
 * Server-Sent Event streams (`GET /api/v1/events`): one subscription to the bus per open stream,
 * filtered by estate and role, a heartbeat comment every EVENTS_HEARTBEAT_MS, cleaned up when the
 * client goes away or the application shuts down.
 */
@Injectable()
export class EventStreamsService implements BeforeApplicationShutdown {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly estates: EstatesService,
    private readonly live: LiveEvents,
    private readonly config: EnvironmentVariables,
  ) {}

  /** Checks the estate (403/404 as JSON before anything is streamed), then streams until closed. */
  async stream(
    user: AuthenticatedUser,
    estateId: string,
    request: Request,
    response: Response,
  ): Promise<void> {
    await this.estates.accessibleEstate(user, estateId);
    // The server's idle-socket limit (REQUEST_TIMEOUT_MS, applyServerTimeouts) is for requests that
    // should finish; a stream is meant to stay open, and the heartbeat shows it is alive.
    request.socket.setTimeout(0);
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
    response.flushHeaders();
    response.write(': connected\nretry: 5000\n\n');

    const unsubscribe = this.live.subscribe((event) => {
      if (mayReceive(user, estateId, event))
        response.write(`event: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), this.config.EVENTS_HEARTBEAT_MS);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(close);
      if (!response.writableEnded) response.end();
    };
    this.open.add(close);
    request.on('close', close);
    response.on('error', close);
  }

  /** Ends every stream, so the HTTP server can close (it waits for open connections). */
  beforeApplicationShutdown(): void {
    for (const close of [...this.open]) close();
  }

  get openStreams(): number {
    return this.open.size;
  }
}
