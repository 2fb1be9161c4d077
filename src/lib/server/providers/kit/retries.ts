/**
 * Retries for vendor HTTP calls that were refused before any paid work (429, 503 and other 5xx), waiting
 * what the vendor asks (`retry-after-ms`, `retry-after` in seconds or as a date) or a short backoff.
 * A wait longer than `maxRetryDelayMs` is not taken: the refusal is returned so the caller can fail fast
 * with `retryAfterMs` (or fall back) instead of holding the request.
 */
export type RetryOptions = {
  maxRetries: number;
  maxRetryDelayMs: number;
  /** Which answers may be retried; the default is 429 and 5xx. */
  isRetryable?: (response: Response) => boolean;
  /** A vendor-specific hint when headers say nothing (Replicate writes "resets in ~30s" in the body). */
  hintedDelayMs?: (response: Response) => Promise<number | undefined>;
  onRetry?: (attempt: number, delayMs: number, response: Response) => void;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

const BASE_BACKOFF_MS = 500;

export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && Number.isFinite(Number(milliseconds))) return Math.max(0, Number(milliseconds));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function defaultRetryable(response: Response): boolean {
  return response.status === 429 || response.status >= 500;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Sends `request()` until it is not retryable, retries run out, or the vendor asks for too long a wait. */
export async function fetchWithRetries(request: () => Promise<Response>, options: RetryOptions): Promise<Response> {
  const isRetryable = options.isRetryable ?? defaultRetryable;
  const wait = options.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    const response = await request();
    if (!isRetryable(response) || attempt >= options.maxRetries) return response;
    const asked =
      retryAfterMs(response.headers) ??
      (options.hintedDelayMs ? await options.hintedDelayMs(response.clone()) : undefined);
    const delayMs = asked ?? BASE_BACKOFF_MS * 2 ** attempt;
    if (delayMs > options.maxRetryDelayMs) return response;
    // Not awaited: a cancelled clone's twin only settles once both are read or cancelled.
    void response.body?.cancel().catch(() => undefined);
    options.onRetry?.(attempt + 1, delayMs, response);
    await wait(delayMs, options.signal);
  }
}
