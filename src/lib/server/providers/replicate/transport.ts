import { z } from 'zod';
import { neverConnected } from '../connection';
import { ProviderError, providerErrorFromStatus } from '../errors';
import { fetchWithRetries, retryAfterMs } from '../http';
import type { ProviderCallSettings } from '../types';
import { REPLICATE_LABEL, REPLICATE_PROVIDER_ID } from './models';

/** Replicate's error body (shared/providers/replicate.md, "Rate limits and errors"). */
const ZErrorBody = z.object({ detail: z.string().optional(), title: z.string().optional() });

/** `{"detail":"Request was throttled. Your rate limit resets in ~30s."}`: the wait is only in the text. */
const RESETS_IN = /resets in ~?\s*(\d+(?:\.\d+)?)\s*s/i;

function hintedWaitMs(text: string): number | undefined {
  const seconds = RESETS_IN.exec(text)?.[1];
  return seconds === undefined ? undefined : Number(seconds) * 1000;
}

export async function hintedDelayMs(response: Response): Promise<number | undefined> {
  return hintedWaitMs(await response.text().catch(() => ''));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function refusalError(response: Response): Promise<ProviderError> {
  const text = await response.text().catch(() => '');
  const body = ZErrorBody.safeParse(parseJson(text)).data;
  const reason = body?.detail ?? body?.title ?? (text.trim().slice(0, 300) || undefined);
  return providerErrorFromStatus(REPLICATE_PROVIDER_ID, REPLICATE_LABEL, response.status, {
    reason,
    retryAfterMs: retryAfterMs(response.headers) ?? hintedWaitMs(text)
  });
}

function unreachableError(error: unknown): ProviderError {
  return new ProviderError('provider_unavailable', `${REPLICATE_LABEL} could not be reached; try again later.`, {
    providerId: REPLICATE_PROVIDER_ID,
    beforePaidWork: neverConnected(error),
    cause: error
  });
}

export type VendorFetchOptions = {
  fetch: typeof fetch;
  retry: Pick<ProviderCallSettings, 'maxRetries' | 'maxRetryDelayMs'>;
  onRetry: () => void;
};

/**
 * The `fetch` handed to the Replicate SDK. The SDK retries 429s (and 5xx on GET) at once, ignoring
 * Retry-After, and swallows errors thrown by `fetch` to try again; so this function does the retrying
 * (honouring Retry-After or the body's "resets in ~Ns"), turns every refusal into a ProviderError, and
 * answers the SDK's repeats of a request (it passes the same `init` object again) with that same
 * outcome instead of sending it again. Creates are retried only on 429, as the SDK does: a 5xx may
 * come after the prediction was created, and a second create is billed.
 */
export function createVendorFetch(options: VendorFetchOptions): typeof fetch {
  const outcomes = new WeakMap<RequestInit, unknown>();
  return async (input, init) => {
    if (init && outcomes.has(init)) throw outcomes.get(init);
    const isGet = (init?.method ?? 'GET').toUpperCase() === 'GET';
    try {
      const response = await fetchWithRetries(() => options.fetch(input, init), {
        ...options.retry,
        isRetryable: (answer) => answer.status === 429 || (isGet && answer.status >= 500),
        hintedDelayMs,
        onRetry: () => options.onRetry(),
        signal: init?.signal ?? undefined
      });
      if (response.ok) return response;
      throw await refusalError(response);
    } catch (error) {
      const failure = error instanceof ProviderError || init?.signal?.aborted ? error : unreachableError(error);
      if (init) outcomes.set(init, failure);
      throw failure;
    }
  };
}
