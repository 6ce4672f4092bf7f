/**
 * A JSON body key that would set an object's prototype (`__proto__`, or `prototype` holding an
 * object): class-transformer would build the DTO with it and the unknown-field check would not see
 * it. Thrown by the body parser's reviver; answered 400 `BODY_KEY_NOT_ALLOWED` naming the key.
 */
export class RefusedJsonKeyError extends SyntaxError {
  constructor(readonly key: string) {
    super(
      `The request body has the key "${key}", which is not allowed (it would set an object's prototype); remove it`,
    );
    this.name = 'RefusedJsonKeyError';
  }

  /**
   * The refused key of an error that carries this error's message, else null. Nest turns a
   * body-parser error into a BadRequestException with the message only (no cause), so the message
   * is what reaches the exception filter.
   */
  static keyIn(error: unknown): string | null {
    if (error instanceof RefusedJsonKeyError) return error.key;
    const message = error instanceof Error ? error.message : '';
    return /^The request body has the key "([^"]+)", which is not allowed/.exec(message)?.[1] ?? null;
  }
}

/** The JSON reviver of the API's body parser: refuses prototype-setting keys before anything reads the body. */
export function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || (key === 'prototype' && typeof value === 'object'))
    throw new RefusedJsonKeyError(key);
  return value;
}
