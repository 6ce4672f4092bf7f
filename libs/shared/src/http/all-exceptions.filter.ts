import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OptimisticLockVersionMismatchError } from 'typeorm';
import { DomainError, HTTP_STATUS_BY_KIND } from '../errors/domain-error';
import { isConnectionError, isForeignKeyViolation, isUniqueViolation } from '../errors/database-errors';
import { UnsafeMoneyError } from '../money/money';
import { ErrorBody } from './error-body';
import { RefusedJsonKeyError } from './json-body';
import { requestIdOf } from './request-context';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Maps every error to `{ statusCode, code, message, details?, requestId }`.
 * Unknown errors become a 500 whose message hides internals; the log keeps the stack and request id.
 */
/** A body the JSON parser refused: broken JSON, or well-formed JSON with a key we refuse (named). */
function malformedBody(error: unknown): ErrorBody {
  const key = RefusedJsonKeyError.keyIn(error);
  if (key !== null)
    return {
      statusCode: 400,
      code: 'BODY_KEY_NOT_ALLOWED',
      message: (error as Error).message,
      details: { key },
    };
  return { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const body = this.toBody(exception);
    body.requestId = requestIdOf(request);
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId: body.requestId, path: request.path },
        `${request.method} ${request.path} failed: ${body.code}`,
      );
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    // A wait the client must keep (ACCOUNT_LOCKED …) is also said the HTTP way.
    const retryAfter =
      body.statusCode === 429
        ? (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
        : undefined;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: HTTP_STATUS_BY_KIND[exception.kind],
        code: exception.code,
        message: exception.message,
        ...(exception.details === undefined ? {} : { details: exception.details }),
      };
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    if (exception instanceof OptimisticLockVersionMismatchError) {
      return {
        statusCode: 409,
        code: 'CONCURRENT_MODIFICATION',
        message: 'Someone else changed this record at the same time; reload it and try again',
      };
    }
    if (exception instanceof UnsafeMoneyError) {
      return { statusCode: 400, code: 'INVALID_AMOUNT', message: exception.message };
    }
    if (isUniqueViolation(exception)) {
      return {
        statusCode: 409,
        code: 'ALREADY_EXISTS',
        message: 'A record with the same unique values already exists',
      };
    }
    if (isForeignKeyViolation(exception)) {
      return {
        statusCode: 422,
        code: 'REFERENCE_INVALID',
        message: 'A referenced record does not exist or is still in use',
      };
    }
    if (isConnectionError(exception)) {
      return {
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: 'The database is unavailable; try again shortly',
      };
    }
    const bodyParserError = exception as { type?: string; status?: number } | undefined;
    if (bodyParserError?.type === 'entity.too.large') {
      return {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than allowed',
      };
    }
    if (bodyParserError?.type === 'entity.parse.failed') return malformedBody(exception);
    return {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side; quote the request id',
    };
  }

  private fromHttpException(exception: HttpException): ErrorBody {
    const statusCode = exception.getStatus();
    const payload = exception.getResponse();
    const fields =
      typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
    const rawMessage = fields.message ?? exception.message;
    if (statusCode === HttpStatus.BAD_REQUEST && Array.isArray(rawMessage)) {
      return {
        statusCode,
        code: 'VALIDATION_FAILED',
        message: `Invalid request: ${rawMessage.slice(0, 5).join('; ')}${rawMessage.length > 5 ? ' …' : ''}`,
        details: { errors: rawMessage },
      };
    }
    const cause = (exception as { cause?: { type?: string } }).cause;
    if (
      statusCode === HttpStatus.BAD_REQUEST &&
      (cause?.type === 'entity.parse.failed' ||
        /JSON/.test(String(rawMessage)) ||
        RefusedJsonKeyError.keyIn(exception) !== null)
    ) {
      return malformedBody(cause ?? exception);
    }
    if (statusCode === 413 || cause?.type === 'entity.too.large') {
      return {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than allowed',
      };
    }
    return {
      statusCode,
      code:
        typeof fields.code === 'string' ? fields.code : (CODE_BY_STATUS[statusCode] ?? `HTTP_${statusCode}`),
      message: typeof rawMessage === 'string' ? rawMessage : exception.message,
    };
  }
}
