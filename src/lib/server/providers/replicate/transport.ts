import Replicate from 'replicate';
import { malformedAnswerError, ProviderError, unreachableError } from '../errors';
import { afterAcceptance } from '../kit/acceptance';
import { failureUnder, type Deadline } from '../kit/deadline';
import { fetchWithRetries, sleep } from '../kit/retries';
import type { JobNotifier } from '../jobs';
import type { ProviderCallSettings } from '../types';
import { hintedDelayMs, refusalError } from './errors';
import { isFinished, parsePrediction, type PredictionInput, type ReplicatePrediction } from './map';
import { REPLICATE_VENDOR, type PredictionTarget } from './models';

/** `Prefer: wait` holds a create for at most 60 s (shared/providers/replicate.md, "Creating predictions"). */
const MAX_HOLD_SECONDS = 60;
/** With a webhook, polling is only the backstop for a delivery that reached another instance. */
const BACKSTOP_POLL_FACTOR = 10;
const CANCEL_TIMEOUT_MS = 10_000;

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
function createVendorFetch(options: VendorFetchOptions): typeof fetch {
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
      const failure =
        error instanceof ProviderError || init?.signal?.aborted ? error : unreachableError(REPLICATE_VENDOR, error);
      if (init) outcomes.set(init, failure);
      throw failure;
    }
  };
}

/** The official SDK, talking through `createVendorFetch`. */
export function replicateClient(
  connection: { apiToken: string; baseUrl?: string; fetch: typeof fetch },
  retry: VendorFetchOptions['retry'],
  onRetry: () => void = () => undefined
): Replicate {
  return new Replicate({
    auth: connection.apiToken,
    baseUrl: connection.baseUrl,
    useFileOutput: false,
    fetch: createVendorFetch({ fetch: connection.fetch, retry, onRetry })
  });
}

export type WebhookListener = { url: string; notifier: JobNotifier };

export type RunContext = {
  client: Replicate;
  pollIntervalMs: number;
  listener?: WebhookListener;
};

export type PredictionRequest = {
  target: PredictionTarget;
  input: PredictionInput;
  /** The create request's own limit, inside the call's deadline. */
  createTimeoutMs: number;
  onJobStarted?: (jobId: string) => Promise<void>;
};

export type FinishedPrediction = {
  prediction: ReplicatePrediction;
  /** How the final state arrived: in the create answer, by polling, or by webhook. */
  finishedBy: 'answer' | 'poll' | 'webhook';
};

/** The SDK parses JSON itself; a body that is not JSON surfaces as a SyntaxError. */
async function readPrediction(answer: Promise<unknown>, where: string): Promise<ReplicatePrediction> {
  try {
    return parsePrediction(await answer, where);
  } catch (error) {
    if (error instanceof SyntaxError) throw malformedAnswerError(REPLICATE_VENDOR, `${where} is not JSON`, error);
    throw error;
  }
}

async function polledPrediction(
  client: Replicate,
  id: string,
  intervalMs: number,
  signal: AbortSignal
): Promise<ReplicatePrediction> {
  for (;;) {
    await sleep(intervalMs, signal);
    const prediction = await readPrediction(client.predictions.get(id, { signal }), 'the polled prediction');
    if (isFinished(prediction)) return prediction;
  }
}

async function deliveredPrediction(
  notifier: JobNotifier,
  id: string,
  signal: AbortSignal
): Promise<ReplicatePrediction> {
  for (;;) {
    const prediction = parsePrediction(await notifier.waitFor(id, signal), 'the webhook delivery');
    if (isFinished(prediction)) return prediction;
  }
}

/**
 * Waits for an accepted prediction: by webhook when one is configured (listening starts before
 * `onJobStarted`, so an early delivery is not missed) with slow polling as the backstop, else by polling.
 */
async function awaitFinish(
  context: RunContext,
  id: string,
  onJobStarted: PredictionRequest['onJobStarted'],
  deadline: AbortSignal
): Promise<FinishedPrediction> {
  const stop = new AbortController();
  const signal = AbortSignal.any([deadline, stop.signal]);
  const { listener } = context;
  const webhook = listener
    ? deliveredPrediction(listener.notifier, id, signal).then((prediction) => ({
        prediction,
        finishedBy: 'webhook' as const
      }))
    : undefined;
  const started = Promise.resolve(onJobStarted?.(id));
  const intervalMs = listener ? context.pollIntervalMs * BACKSTOP_POLL_FACTOR : context.pollIntervalMs;
  const polled = started
    .then(() => polledPrediction(context.client, id, intervalMs, signal))
    .then((prediction) => ({ prediction, finishedBy: 'poll' as const }));
  try {
    const finished = await Promise.race(webhook ? [webhook, polled] : [polled]);
    await started;
    return finished;
  } finally {
    stop.abort();
  }
}

async function cancelQuietly(client: Replicate, id: string): Promise<void> {
  await client.predictions.cancel(id, { signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS) }).catch(() => undefined);
}

/**
 * Creates one prediction and brings it to a final state under the call's deadline. The create is sent
 * once (never again after Replicate accepted it) and asks Replicate to hold it a second less than its
 * own limit, so the prediction's id always comes back first; an unfinished prediction is followed by
 * its id, and canceled at Replicate when the deadline ends (a timeout, or the caller's abort) or it
 * cannot be followed any more.
 */
export async function runPrediction(
  context: RunContext,
  request: PredictionRequest,
  deadline: Deadline
): Promise<FinishedPrediction> {
  const create = deadline.within(request.createTimeoutMs);
  const holdSeconds = Math.min(MAX_HOLD_SECONDS, Math.floor(create.timeoutMs / 1000) - 1);
  let created: ReplicatePrediction;
  try {
    created = await readPrediction(
      context.client.predictions.create({
        ...request.target,
        input: request.input,
        wait: holdSeconds >= 1 ? holdSeconds : false,
        ...(context.listener && { webhook: context.listener.url, webhook_events_filter: ['completed'] }),
        signal: create.signal
      }),
      'the new prediction'
    );
  } catch (error) {
    throw failureUnder(create, REPLICATE_VENDOR, error);
  }
  if (isFinished(created)) return { prediction: created, finishedBy: 'answer' };
  try {
    return await awaitFinish(context, created.id, request.onJobStarted, deadline.signal);
  } catch (error) {
    await cancelQuietly(context.client, created.id);
    throw afterAcceptance(failureUnder(deadline, REPLICATE_VENDOR, error), created.id);
  }
}
