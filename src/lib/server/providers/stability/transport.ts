import { unreachableError } from '../errors';
import { readJson } from '../kit/answers';
import { afterAcceptance } from '../kit/acceptance';
import { failureUnder, type Deadline } from '../kit/deadline';
import { fetchWithRetries, sleep } from '../kit/retries';
import type { ProviderCallSettings } from '../types';
import { expiredJobMessage, hintedDelayMs, refusalError } from './errors';
import { jobIdOf, type VendorRequest } from './map';
import { STABILITY_VENDOR } from './models';

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
 * as the vendor asks; any other non-2xx answer, a timeout or a lost connection becomes a ProviderError, and
 * the caller's own abort is passed on unchanged. A 2xx is never sent again.
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
    throw failureUnder(deadline, STABILITY_VENDOR, error, (cause) => unreachableError(STABILITY_VENDOR, cause));
  }
}

export type JobOptions = {
  /** For the POST that starts the job; polls get the rest of `deadline`. */
  startTimeoutMs: number;
  pollIntervalMs: number;
  onJobStarted?: (jobId: string) => Promise<void>;
  onRetry: () => void;
};

type Poll = { done: false } | { done: true; answer: unknown };

/**
 * An async Stability job (creative upscale, shared/providers/stability.md "Upscale"): the POST answers
 * `{id}`, which is handed to `onJobStarted` before waiting; then `GET /v2beta/results/{id}` answers 202 while
 * it runs and 200 with the image when done. Stability offers no way to cancel a job, so a timeout or the
 * caller's abort only stops the waiting.
 */
export async function runJob(
  connection: StabilityConnection,
  request: VendorRequest,
  deadline: Deadline,
  options: JobOptions
): Promise<{ jobId: string; answer: unknown }> {
  const jobId = await exchange(
    connection,
    request,
    deadline.within(options.startTimeoutMs),
    async (response) => jobIdOf(await readJson(STABILITY_VENDOR, response, 'the new job')),
    options.onRetry
  );
  try {
    await options.onJobStarted?.(jobId);
    for (;;) {
      await sleep(options.pollIntervalMs, deadline.signal);
      const poll = await exchange<Poll>(
        connection,
        { path: `/v2beta/results/${encodeURIComponent(jobId)}` },
        deadline,
        async (response) => {
          if (response.status !== 202) {
            return { done: true, answer: await readJson(STABILITY_VENDOR, response, 'the finished job') };
          }
          await response.body?.cancel();
          return { done: false };
        },
        options.onRetry
      );
      if (poll.done) return { jobId, answer: poll.answer };
    }
  } catch (error) {
    throw afterAcceptance(failureUnder(deadline, STABILITY_VENDOR, error), jobId, expiredJobMessage(jobId));
  }
}
