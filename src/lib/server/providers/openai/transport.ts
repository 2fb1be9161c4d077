import OpenAI from 'openai';
import { underDeadline, type Deadline } from '../kit/deadline';
import { fetchWithRetries } from '../kit/retries';
import type { ProviderCallSettings } from '../types';
import { isQuotaRefusal, vendorFailure } from './errors';
import { OPENAI_VENDOR } from './models';

export const OPENAI_API_URL = 'https://api.openai.com/v1';

export type OpenAIConnection = {
  apiKey: string;
  organization?: string;
  baseUrl?: string;
  calls: ProviderCallSettings;
  fetch?: typeof fetch;
};

/** One vendor call: an SDK client that counts this call's retries, under the call's deadline. */
export type VendorCall = {
  client: OpenAI;
  deadline: Deadline;
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

export function openVendorCall(connection: OpenAIConnection, deadline: Deadline): VendorCall {
  let retries = 0;
  const client = new OpenAI({
    apiKey: connection.apiKey,
    // Explicit, so the SDK does not fill them from OPENAI_* variables: config.ts is the only reader of the env.
    organization: connection.organization ?? null,
    project: null,
    baseURL: connection.baseUrl ?? OPENAI_API_URL,
    maxRetries: 0,
    timeout: deadline.timeoutMs,
    fetch: retryingFetch(connection, () => retries++)
  });
  return { client, deadline, retries: () => retries };
}

/** Sends one SDK request under the call's deadline and turns every failure into Atelier's error shape. */
export function send<T>(call: VendorCall, request: (client: OpenAI, signal: AbortSignal) => Promise<T>): Promise<T> {
  return underDeadline(
    call.deadline,
    OPENAI_VENDOR,
    (signal) => request(call.client, signal),
    (error) => vendorFailure(error, call.deadline.timeoutMs)
  );
}
