/**
 * Domain errors carry a stable machine code (UPPER_SNAKE) and a message a person can act on.
 * One exception filter maps them to HTTP; services never throw HttpExceptions themselves.
 */
export type DomainErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unprocessable'
  | 'too_many_requests'
  | 'unavailable';

export const HTTP_STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
};

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('bad_request', code, message, details);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(code: string, message: string) {
    super('unauthorized', code, message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('forbidden', code, message, details);
  }
}
export class NotFoundError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('not_found', code, message, details);
  }
}
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('conflict', code, message, details);
  }
}
/** 413: the request (or what an upload unpacks to) is larger than a documented limit. */
export class PayloadTooLargeError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('too_large', code, message, details);
  }
}
export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('unprocessable', code, message, details);
  }
}
export class TooManyRequestsError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('too_many_requests', code, message, details);
  }
}
export class ServiceUnavailableError extends DomainError {
  constructor(code: string, message: string) {
    super('unavailable', code, message);
  }
}

/** `NotFoundError` for an entity, with a uniform code such as `WORK_ORDER_NOT_FOUND`. */
export function notFound(entity: string, id: string): NotFoundError {
  const code = `${entity
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toUpperCase()}_NOT_FOUND`;
  return new NotFoundError(code, `${entity} ${id} does not exist or is not visible to you`, { id });
}

/** A refused state transition: 409 with the moves that are allowed from the current state. */
export class TransitionNotAllowedError extends ConflictError {
  constructor(entity: string, from: string, action: string, allowed: readonly string[]) {
    super(
      'TRANSITION_NOT_ALLOWED',
      `Cannot ${action} a ${entity} that is ${from}; allowed from ${from}: ${allowed.length ? allowed.join(', ') : 'nothing (final state)'}`,
      { from, action, allowed },
    );
  }
}
