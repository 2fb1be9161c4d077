import { AppError, type ErrorKind } from '../errors';

/** Who a vendor failure is about: the provider id stored on rows and the name messages use. */
export type Vendor = { providerId: string; label: string };

export type ProviderErrorDetails = {
  providerId: string;
  /**
   * True when the vendor refused before doing anything it bills for (401, 402, 429, 5xx before
   * acceptance, content policy): only then may a request fall back to another provider.
   */
  beforePaidWork: boolean;
  status?: number;
  /** The vendor's own words, kept for the row and the logs. */
  reason?: string;
  /** The vendor's request or prediction id, for support. */
  vendorRequestId?: string;
  retryAfterMs?: number;
  /** What the vendor billed although the call failed (a filtered output, a prediction that ran). */
  costUsd?: number;
  cause?: unknown;
};

/** A vendor failure in the DESIGN.md error shape, with what fallback and support need to know. */
export class ProviderError extends AppError {
  readonly providerId: string;
  readonly beforePaidWork: boolean;
  readonly status?: number;
  readonly reason?: string;
  readonly vendorRequestId?: string;
  readonly costUsd: number;

  constructor(kind: ErrorKind, message: string, details: ProviderErrorDetails) {
    super(kind, message, { retryAfterMs: details.retryAfterMs, cause: details.cause });
    this.name = 'ProviderError';
    this.providerId = details.providerId;
    this.beforePaidWork = details.beforePaidWork;
    this.status = details.status;
    this.reason = details.reason;
    this.vendorRequestId = details.vendorRequestId;
    this.costUsd = details.costUsd ?? 0;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

/**
 * The common HTTP status → error kind rule; adapters first pick out what only they can recognise
 * (OpenAI's `moderation_blocked`, Stability's 403, a Replicate NSFW failure) and call this for the rest.
 */
export function providerErrorFromStatus(
  { providerId, label }: Vendor,
  status: number,
  details: {
    reason?: string;
    vendorRequestId?: string;
    retryAfterMs?: number;
    quotaExhausted?: boolean;
    cause?: unknown;
  }
): ProviderError {
  const said = details.reason ? ` (${label} said: ${details.reason})` : '';
  const common = { providerId, status, ...details };
  if (status === 401 || status === 403) {
    return new ProviderError(
      'provider_unavailable',
      `${label} refused this server's credentials${said}; an administrator must check its API key.`,
      { ...common, beforePaidWork: true }
    );
  }
  if (status === 402 || details.quotaExhausted) {
    return new ProviderError(
      'provider_unavailable',
      `${label} has no credit or quota left for this server${said}; try another provider or ask an administrator.`,
      { ...common, beforePaidWork: true }
    );
  }
  if (status === 429) {
    return new ProviderError(
      'provider_unavailable',
      `${label} is rate limiting this server${said}; try again shortly.`,
      {
        ...common,
        beforePaidWork: true
      }
    );
  }
  if (status === 413) {
    return new ProviderError('too_large', `${label} refused the input as too large${said}.`, {
      ...common,
      beforePaidWork: true
    });
  }
  if (status >= 500) {
    return new ProviderError('provider_unavailable', `${label} is failing right now${said}; try again later.`, {
      ...common,
      beforePaidWork: true
    });
  }
  return new ProviderError('provider_error', `${label} refused the request${said}.`, {
    ...common,
    beforePaidWork: true
  });
}

/** The call ran out of time: the vendor may still have done (and billed) the work. */
export function providerTimeoutError({ providerId, label }: Vendor, timeoutMs: number, cause?: unknown) {
  return new ProviderError(
    'provider_unavailable',
    `${label} did not answer within ${Math.round(timeoutMs / 1000)} s; try again, or raise the timeout.`,
    { providerId, beforePaidWork: false, cause }
  );
}

/** The vendor answered 2xx with something we cannot use: it may have billed (`costUsd`, when known). */
export function malformedAnswerError({ providerId, label }: Vendor, what: string, cause?: unknown, costUsd?: number) {
  return new ProviderError('provider_error', `${label} sent an answer Atelier cannot read: ${what}.`, {
    providerId,
    beforePaidWork: false,
    cause,
    costUsd
  });
}

/** Error codes of a connection that was never made, so the vendor cannot have done (or billed) anything. */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether a failed fetch never reached the vendor (Node's fetch wraps the socket error as `cause`). */
function neverConnected(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = 'code' in cause ? cause.code : undefined;
    if (typeof code === 'string' && NOT_CONNECTED_CODES.has(code)) return true;
  }
  return false;
}

/** The request failed without an answer; before paid work only when the connection was never made. */
export function unreachableError({ providerId, label }: Vendor, cause: unknown, detail?: string): ProviderError {
  return new ProviderError(
    'provider_unavailable',
    `${label} could not be reached${detail ? ` (${detail})` : ''}; try again later.`,
    { providerId, beforePaidWork: neverConnected(cause), cause }
  );
}
