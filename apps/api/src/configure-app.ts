import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { maxHeaderSize, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import type { Socket } from 'node:net';
import { INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  AllExceptionsFilter,
  EnvironmentVariables,
  ErrorResponse,
  refusePrototypeKeys,
} from '@estate/shared';
import type { NextFunction, Request, Response as ExpressResponse } from 'express';
import helmet from 'helmet';
import { enrichOpenApi } from './openapi';

export const API_PREFIX = 'api/v1';

/**
 * Everything that makes an HTTP app ours, shared by main.ts and the e2e tests so tests exercise the
 * real configuration: /api/v1 prefix, whitelisting validation, one error shape, security headers,
 * CORS, body limits, request time-out and OpenAPI at /docs.
 */
export function configureApp(app: INestApplication, config: EnvironmentVariables): OpenAPIObject {
  const express = app as NestExpressApplication;
  express.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  express.useBodyParser('json', { limit: config.BODY_LIMIT, reviver: refusePrototypeKeys });
  express.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  express.use(helmet({ contentSecurityPolicy: false }));
  express.disable('x-powered-by');
  express.enableCors({
    origin: config.CORS_ORIGINS ? config.CORS_ORIGINS.split(',').map((origin) => origin.trim()) : false,
    exposedHeaders: ['X-Request-Id', 'Content-Disposition'],
  });
  express.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
    }),
  );
  express.useGlobalFilters(new AllExceptionsFilter());
  serveWebApp(express, resolve(config.WEB_DIST));
  express.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    express,
    new DocumentBuilder()
      .setTitle('Estate Ops API')
      .setDescription(
        'Property-management resident services: work orders, fees, field operations, assets, complaints, staff, surveys, the 25-metric KPI scorecard and monthly compliance reports. Money is integer fen; times are UTC ISO 8601; periods are YYYY-MM in the estate time zone.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorResponse] },
  );
  // Roles, error responses and enum meanings, read from the handlers (docs/api.md).
  enrichOpenApi(express, document);
  SwaggerModule.setup('docs', express, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}

/** Paths the API, its docs and the health check own; everything else may be a screen of the web app. */
const API_PATHS = /^\/(api|docs|docs-json|health)(\/|$)/;

/**
 * The web app (apps/web, built to dist/web) at `/`, same origin as the API: hashed assets cached for
 * a year, index.html never cached, and every other GET that asks for HTML (a client route such as
 * /e/SUNSHINE/work-orders/…, typed or reloaded) answered with index.html. Assets are sent Brotli- or
 * gzip-compressed when the browser accepts it, from the copies `npm run build:web` writes beside
 * them (scripts/compress-web.js) — nothing is compressed per request. Without a build the API runs
 * as before.
 */
export function serveWebApp(express: NestExpressApplication, directory: string): boolean {
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile);
  const assets = join(directory, 'assets');
  const immutable = 'public, max-age=31536000, immutable';
  // Which assets have precompressed copies, read once: a request can only name a file listed here.
  const compressed = new Map<string, Set<string>>();
  for (const name of existsSync(assets) ? readdirSync(assets) : []) {
    const match = /^(.+)\.(br|gz)$/.exec(name);
    if (!match) continue;
    const encodings = compressed.get(match[1]) ?? new Set<string>();
    encodings.add(match[2] === 'br' ? 'br' : 'gzip');
    compressed.set(match[1], encodings);
  }
  express.use('/assets', (request: Request, response: ExpressResponse, next: NextFunction) => {
    const name = request.path.slice(1);
    const encodings = compressed.get(name);
    if (!encodings || (request.method !== 'GET' && request.method !== 'HEAD')) return next();
    response.setHeader('Vary', 'Accept-Encoding');
    // Brotli whenever it is accepted (browsers list gzip first with the same weight), else gzip.
    const accepted = [...encodings]
      .sort()
      .find((encoding) => request.acceptsEncodings(encoding) === encoding);
    if (!accepted) return next();
    response.setHeader('Content-Encoding', accepted);
    response.setHeader('Cache-Control', immutable);
    response.type(extname(name));
    response.sendFile(join(assets, `${name}.${accepted === 'br' ? 'br' : 'gz'}`));
  });
  express.useStaticAssets(directory, {
    index: false,
    setHeaders: (response, path) => {
      response.setHeader('Cache-Control', path.startsWith(assets) ? immutable : 'no-cache');
    },
  });
  express.use((request: Request, response: ExpressResponse, next: NextFunction) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !API_PATHS.test(request.path) &&
      !/\.[A-Za-z0-9]+$/.test(request.path) &&
      request.accepts('html') === 'html';
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html').send(indexHtml);
  });
  return true;
}

/**
 * Time limits, all from the validated configuration (docs/operations.md):
 * - the whole request must arrive within REQUEST_TIMEOUT_MS, its headers within HEADERS_TIMEOUT_MS
 *   (Node answers 408 `REQUEST_TIMEOUT` and closes; checked as below, so slow clients cannot hold sockets);
 * - a socket with no traffic for REQUEST_TIMEOUT_MS — a stalled upload, or a handler that has not
 *   answered — is answered 408 (request still arriving) or 503 `REQUEST_TIMEOUT` (we are too slow)
 *   in the usual error shape and closed, instead of hanging the client;
 * - idle keep-alive connections close after KEEP_ALIVE_TIMEOUT_MS;
 * - Node checks the header and request limits every `connectionsCheckingInterval` (30 s by default,
 *   so a client trickling its headers held a socket for up to a minute): checked every quarter of
 *   the headers limit here (250 ms to 1 s), so a socket is closed within a second of its limit. Must
 *   be set before `listen`.
 * Errors Node answers before any handler runs (headers over 16 KiB, a malformed request, these time-outs)
 * get the usual JSON error shape too (answerClientError).
 */
export function applyServerTimeouts(app: INestApplication, config: EnvironmentVariables): void {
  const server: Server = app.getHttpServer();
  server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  server.headersTimeout = config.HEADERS_TIMEOUT_MS ?? config.REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = config.KEEP_ALIVE_TIMEOUT_MS;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    250,
    Math.min(1000, Math.floor(server.headersTimeout / 4)),
  );
  server.setTimeout(config.REQUEST_TIMEOUT_MS, answerTimedOut);
  server.on('clientError', answerClientError);
}

/** Node's limit on the request line and headers together (`--max-http-header-size`, 16 KiB by default). */
const MAX_HEADER_KIB = Math.round(maxHeaderSize / 1024);

function rawJsonResponse(statusCode: number, reason: string, code: string, message: string): string {
  const body = JSON.stringify({ statusCode, code, message });
  return (
    `HTTP/1.1 ${statusCode} ${reason}\r\n` +
    `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Connection: close\r\n\r\n${body}`
  );
}

/**
 * What Node's default `clientError` handler does, with JSON bodies: nothing is written when the
 * client is gone or a response has begun; otherwise 431 `HEADERS_TOO_LARGE`, 408 `REQUEST_TIMEOUT`
 * or 400 `MALFORMED_REQUEST`, then the socket is closed.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code !== 'ECONNRESET' && socket.writable && !response?.headersSent) {
    const raw =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? rawJsonResponse(
            431,
            'Request Header Fields Too Large',
            'HEADERS_TOO_LARGE',
            `The request line and headers are larger than ${MAX_HEADER_KIB} KiB: send long filters in a POST body or shorten the query`,
          )
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? rawJsonResponse(408, 'Request Timeout', 'REQUEST_TIMEOUT', 'The request took too long to arrive')
          : rawJsonResponse(400, 'Bad Request', 'MALFORMED_REQUEST', 'The request is not valid HTTP/1.1');
    socket.end(raw);
  }
  socket.destroy();
}

function answerTimedOut(socket: Socket): void {
  const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (response && !response.headersSent && !socket.destroyed) {
    const arrived = response.req?.complete ?? false;
    const statusCode = arrived ? 503 : 408;
    const body = JSON.stringify({
      statusCode,
      code: 'REQUEST_TIMEOUT',
      message: arrived
        ? 'The server took too long to answer; the request may or may not have taken effect'
        : 'The request took too long to arrive',
    });
    // Written raw so that a handler finishing later writes into a closed socket instead of throwing.
    socket.end(
      `HTTP/1.1 ${statusCode} ${arrived ? 'Service Unavailable' : 'Request Timeout'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  } else socket.destroy();
}
