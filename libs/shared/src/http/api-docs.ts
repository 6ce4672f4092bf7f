import { SetMetadata } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody } from './error-body';

/**
 * OpenAPI documentation helpers (docs/api.md "How operations are documented"). The document is
 * finished in one place, `enrichOpenApi` in apps/api/src/openapi.ts: it reads the `@Roles`/`@Public`
 * metadata and the `@ApiErrors` codes of every handler and writes roles and error responses into
 * each operation, so a new route cannot forget them.
 */

/** The one error shape (`ErrorBody`, written by `AllExceptionsFilter`), as an OpenAPI schema. */
export class ErrorResponse implements ErrorBody {
  @ApiProperty({ example: 409, description: 'The HTTP status, repeated in the body' })
  statusCode!: number;

  @ApiProperty({
    example: 'TRANSITION_NOT_ALLOWED',
    description: 'A stable machine code (UPPER_SNAKE): branch on this, not on the message',
  })
  code!: string;

  @ApiProperty({
    example: 'Cannot assign a work order that is closed; allowed from closed: nothing (final state)',
    description: 'What went wrong, in words a person can act on (English)',
  })
  message!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Present where it helps: `errors` (validation, one message per field; imports `{ sheet, row, field, message }`), `allowed` (a refused transition), `required` (the roles a route needs), `period` (a closed month), `id` …',
  })
  details?: unknown;

  @ApiPropertyOptional({
    example: '0192f0c4-6b1e-7c3a-9d55-4f1e2a3b4c5d',
    description: 'The request id (also the X-Request-Id header): quote it when reporting a problem',
  })
  requestId?: string;
}

/** HTTP statuses an operation can refuse with. */
export type ApiErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 413 | 415 | 422 | 429 | 503;

/** The error codes an operation may answer, by status: `{ 404: ['WORK_ORDER_NOT_FOUND'], 409: [...] }`. */
export type ApiErrorCodes = Partial<Record<ApiErrorStatus, readonly string[]>>;

export const API_ERRORS_KEY = 'estate:apiErrors';

/**
 * The errors a route (or every route of a controller) may answer besides the common ones, with
 * their codes — written into the OpenAPI document as responses with the `ErrorResponse` schema.
 * 401 (signed-in routes), 403 `ROLE_FORBIDDEN` (role-limited routes), 400 `VALIDATION_FAILED`
 * (routes with a body, query or path parameters) and 413 (bodies) are added automatically.
 * Class- and method-level codes are merged.
 */
export function ApiErrors(errors: ApiErrorCodes): MethodDecorator & ClassDecorator {
  return SetMetadata(API_ERRORS_KEY, errors);
}

/** Merges error-code maps (class level, method level, common ones), each code once per status. */
export function mergeApiErrors(...maps: (ApiErrorCodes | undefined)[]): ApiErrorCodes {
  const merged: Partial<Record<ApiErrorStatus, string[]>> = {};
  for (const map of maps) {
    for (const [status, codes] of Object.entries(map ?? {}) as [`${ApiErrorStatus}`, readonly string[]][]) {
      const key = Number(status) as ApiErrorStatus;
      const list = (merged[key] ??= []);
      for (const code of codes) if (!list.includes(code)) list.push(code);
    }
  }
  return merged;
}

/**
 * A description of an enum's values: `meanings` maps each value to what it means. The OpenAPI
 * enrichment fills in enums whose values are all codes of a label domain (@estate/labels) by itself;
 * use this for the others, e.g. `@ApiProperty({ enum: SOURCES, description: enumDescription('Where
 * the figures come from', { live: 'computed now', snapshot: 'frozen at month close' }) })`.
 */
export function enumDescription(lead: string, meanings: Readonly<Record<string, string>>): string {
  const values = Object.entries(meanings).map(([value, meaning]) => `- \`${value}\` — ${meaning}`);
  return `${lead ? `${lead}\n\n` : ''}${values.join('\n')}`;
}
