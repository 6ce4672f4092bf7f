import { RequestMethod } from '@nestjs/common';
import type { Request } from 'express';
import type { Params } from 'nestjs-pino';
import { requestIdFor } from '@estate/shared';

/**
 * Structured JSON logs (pino). Each request gets an id (the caller's X-Request-Id when sane),
 * echoed in the response header and written on every line. Credentials and tokens are redacted.
 */
export function loggerParams(level: string): Params {
  return {
    // Nest 11 (path-to-regexp 8) syntax for "every route"; nestjs-pino's default '*' made Nest warn
    // "Unsupported route path /api/v1/*" at every start-up.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      genReqId: (request, response) => {
        const id = requestIdFor(request as Request);
        response.setHeader('X-Request-Id', id);
        return id;
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.body.password',
          'req.body.currentPassword',
          'req.body.newPassword',
          '*.password',
          '*.passwordHash',
          '*.accessToken',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url,
        }),
      },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (request) => request.url === '/health' },
    },
  };
}
