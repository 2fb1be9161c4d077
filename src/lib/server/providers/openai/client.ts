import OpenAI from 'openai';
import { fetchWithRetries } from '../http';
import type { ProviderCallSettings } from '../types';
import { isQuotaRefusal } from './errors';

export const OPENAI_API_URL = 'https://api.openai.com/v1';

export type OpenAIConnection = {
  apiKey: string;
  organization?: string;
  baseUrl?: string;
  calls: ProviderCallSettings;
  fetch?: typeof fetch;
};

/** One vendor call: an SDK client that counts this call's retries, and the call's abort signal. */
export type VendorCall = {
  client: OpenAI;
  /** The caller's signal or the timeout, whichever fires first. */
  signal: AbortSignal;
  timeoutSignal: AbortSignal;
  timeoutMs: number;
  retries: () => number;
};

/**
 * Retries happen here, not in the SDK (its `maxRetries` is 0): `fetchWithRetries` caps a server's
 * retry-after at `maxRetryDelayMs` where the SDK would sleep for any value, and counts the retries of
 * this one call. A 429 for exhausted quota is final.
 */
function retryingFetch(connection: OpenAIConnection, onRetry: () => void): typeof fetch {
  const send = connection.fetch ?? fetch;
  return (input, init) => {
    const quotaRefusals = new WeakSet<Response>();
    return fetchWithRetries(
      async () => {
        const response = await send(input, init);
        if (response.status === 429 && (await isQuotaRefusal(response.clone()))) quotaRefusals.add(response);
        return response;
      },
      {
        maxRetries: connection.calls.maxRetries,
        maxRetryDelayMs: connection.calls.maxRetryDelayMs,
        isRetryable: (response) => (response.status === 429 || response.status >= 500) && !quotaRefusals.has(response),
        onRetry,
        signal: init?.signal ?? undefined
      }
    );
  };
}

export function openVendorCall(
  connection: OpenAIConnection,
  timeoutMs: number,
  callerSignal?: AbortSignal
): VendorCall {
  let retries = 0;
  const timeoutSignal = AbortSignal.timeout(timeoutMs);
  const client = new OpenAI({
    apiKey: connection.apiKey,
    // Explicit, so the SDK does not fill them from OPENAI_* variables: config.ts is the only reader of the env.
    organization: connection.organization ?? null,
    project: null,
    baseURL: connection.baseUrl ?? OPENAI_API_URL,
    maxRetries: 0,
    timeout: timeoutMs,
    fetch: retryingFetch(connection, () => retries++)
  });
  return {
    client,
    signal: callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal,
    timeoutSignal,
    timeoutMs,
    retries: () => retries
  };
}
