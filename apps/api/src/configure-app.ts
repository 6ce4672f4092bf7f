import { INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AllExceptionsFilter, EnvironmentVariables } from '@estate/shared';
import helmet from 'helmet';

export const API_PREFIX = 'api/v1';

/**
 * Everything that makes an HTTP app ours, shared by main.ts and the e2e tests so tests exercise the
 * real configuration: /api/v1 prefix, whitelisting validation, one error shape, security headers,
 * CORS, body limits, request time-out and OpenAPI at /docs.
 */
export function configureApp(app: INestApplication, config: EnvironmentVariables): OpenAPIObject {
  const express = app as NestExpressApplication;
  express.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  express.useBodyParser('json', { limit: config.BODY_LIMIT });
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
  );
  SwaggerModule.setup('docs', express, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}

/** Long requests are cut off with 503 instead of hanging the client. */
export function applyServerTimeouts(app: INestApplication, config: EnvironmentVariables): void {
  const server = app.getHttpServer();
  server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(config.REQUEST_TIMEOUT_MS, 60_000);
  server.keepAliveTimeout = 65_000;
}
