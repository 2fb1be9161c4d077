import { malformedAnswerError } from '../errors';
import { fetchWithRetries } from '../http';
import type { ProviderCallSettings } from '../types';
import { failureOf, hintedDelayMs, refusalError, type Deadline } from './errors';
import type { VendorRequest } from './map';
import { STABILITY_LABEL, STABILITY_PROVIDER_ID } from './models';

export type StabilityConnection = {
  apiKey: string;
  baseUrl: string;
  fetch: typeof fetch;
  retry: Pick<ProviderCallSettings, 'maxRetries' | 'maxRetryDelayMs'>;
};

/** A POST with its body, or a GET (result polls, balance) when there is none. */
export type Outgoing = VendorRequest | { path: string };

function requestInit(outgoing: Outgoing, apiKey: string, signal: AbortSignal): RequestInit {
  // JSON rather than image bytes: the seed and finish_reason come back in the body, not in headers.
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };
  if ('form' in outgoing) return { method: 'POST', headers, body: outgoing.form, signal };
  if ('json' in outgoing) {
    return {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(outgoing.json),
      signal
    };
  }
  return { method: 'GET', headers, signal };
}

/**
 * Sends one request and reads its 2xx answer with `read`. Refusals before paid work (429, 5xx) are retried
 * as the vendor asks; any other non-2xx answer, a timeout or a lost connection becomes a ProviderError.
 * A 2xx is never sent again.
 */
export async function exchange<T>(
  connection: StabilityConnection,
  outgoing: Outgoing,
  deadline: Deadline,
  read: (response: Response) => Promise<T>,
  onRetry: () => void = () => undefined
): Promise<T> {
  const url = `${connection.baseUrl.replace(/\/+$/, '')}${outgoing.path}`;
  try {
    const response = await fetchWithRetries(
      () => connection.fetch(url, requestInit(outgoing, connection.apiKey, deadline.signal)),
      { ...connection.retry, hintedDelayMs, onRetry, signal: deadline.signal }
    );
    if (!response.ok) throw await refusalError(response);
    return await read(response);
  } catch (error) {
    throw failureOf(error, deadline);
  }
}

export async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw malformedAnswerError(STABILITY_PROVIDER_ID, STABILITY_LABEL, `${what} is not JSON`, error);
  }
}
