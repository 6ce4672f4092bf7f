import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, ROLES, Roles } from '@estate/auth';
import { ApiErrors, IsId } from '@estate/shared';
import type { Request, Response } from 'express';
import { EventStreamsService } from './event-streams.service';

export class EventStreamQuery {
  @IsId({ description: 'The estate whose events to receive (you must belong to it)' }) estateId: string;
}

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly streams: EventStreamsService) {}

  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Live changes of an estate (实时事件流)',
    description:
      'A Server-Sent Events stream of work-order and complaint changes in one estate the caller belongs to; residents receive only events about their own unit. Refusals come as JSON before streaming starts.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'Server-Sent Events: `work-order.changed` and `complaint.changed` with data `{ id, estateId, code, status, action }`; ' +
      'a `: heartbeat` comment every 15 s. Staff receive their estate’s events, residents those of their own unit. ' +
      'Send the usual Authorization header (read it with fetch streaming, not EventSource).',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          example:
            'event: work-order.changed\ndata: {"id":"…","estateId":"…","code":"WO-2026-000123","status":"assigned","action":"assign"}\n\n',
        },
      },
    },
  })
  async stream(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: EventStreamQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.streams.stream(user, query.estateId, request, response);
  }
}
