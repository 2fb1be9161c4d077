/**
 * The one error shape every door speaks (DESIGN.md "Errors"): `{ code, kind, message, retryAfterMs? }`.
 * Services throw `AppError`; tRPC, REST and MCP translate it at their edge.
 */
export const ERROR_KINDS = [
  'validation',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'budget_exceeded',
  'content_policy',
  'provider_unavailable',
  'provider_error',
  'too_large',
  'unsupported',
  'internal'
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** HTTP status per kind; also the `code` field of the error shape. */
export const HTTP_STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  rate_limited: 429,
  budget_exceeded: 402,
  content_policy: 422,
  provider_unavailable: 503,
  provider_error: 502,
  too_large: 413,
  unsupported: 422,
  internal: 500
};

export type ErrorBody = { code: number; kind: ErrorKind; message: string; retryAfterMs?: number };

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly retryAfterMs?: number;

  constructor(kind: ErrorKind, message: string, options: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: HTTP_STATUS[this.kind], kind: this.kind, message: this.message };
    if (this.retryAfterMs !== undefined) body.retryAfterMs = this.retryAfterMs;
    return body;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
