import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { session } from '../auth/session';

export type Schemas = components['schemas'];

/** An API error as the API sends it: `{ statusCode, code, message, details?, requestId }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly requestId?: string,
  ) {
    super(message);
  }

  /**
   * Validation messages by the field they name. class-validator messages start with the property
   * ("reporterPhone must be a phone number", "appointment.startTime must be HH:mm"), so the first
   * word is the field; messages that name no field stay under "".
   */
  fieldErrors(): Record<string, string> {
    const errors = this.details?.errors;
    const result: Record<string, string> = {};
    if (!Array.isArray(errors)) return result;
    for (const message of errors.map(String)) {
      const match = /^(?:property )?([A-Za-z][\w.]*)\b/.exec(message);
      const field = match ? (match[1].split('.').pop() ?? '') : '';
      result[field] = result[field] ? `${result[field]}; ${message}` : message;
    }
    return result;
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    // A wrong password at sign-in or at a password change is a 401 too, but not the end of the session.
    if (
      response.status === 401 &&
      !/\/auth\/(login|password)$/.test(new URL(request.url).pathname) &&
      session.token()
    ) {
      session.expire();
    }
    return response;
  },
};

export const client = createClient<paths>({ baseUrl: '' });
client.use(auth);

interface ErrorBody {
  statusCode?: number;
  code?: string;
  message?: string | string[];
  details?: Record<string, unknown>;
  requestId?: string;
}

export function toApiError(response: Response, body: unknown): ApiError {
  const error = (body ?? {}) as ErrorBody;
  const message = Array.isArray(error.message)
    ? error.message.join('; ')
    : (error.message ?? response.statusText);
  return new ApiError(
    response.status,
    error.code ?? `HTTP_${response.status}`,
    message,
    error.details,
    error.requestId,
  );
}

/** openapi-fetch's `{ data, error, response }` → the data, or a thrown ApiError. */
export async function call<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await promise;
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'Network error');
  }
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.response, result.error);
  return result.data as T;
}

/** For endpoints that answer a file (xlsx, pdf): the blob and its file name. */
export async function download(path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${session.token() ?? ''}` } });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => ({}));
    throw toApiError(response, body);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fileName;
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
