import type Replicate from 'replicate';
import { malformedAnswerError, ProviderError, providerTimeoutError } from '../errors';
import { sleep } from '../http';
import type { JobNotifier } from '../jobs';
import type { ProviderCallSettings } from '../types';
import type { PredictionInput } from './map';
import { REPLICATE_LABEL, REPLICATE_PROVIDER_ID, type PredictionTarget } from './models';
import { isFinished, parsePrediction, type ReplicatePrediction } from './prediction';

/** `Prefer: wait` holds a create for at most 60 s (shared/providers/replicate.md, "Creating predictions"). */
const MAX_HOLD_SECONDS = 60;
/** With a webhook, polling is only the backstop for a delivery that reached another instance. */
const BACKSTOP_POLL_FACTOR = 10;
const CANCEL_TIMEOUT_MS = 10_000;

export type WebhookListener = { url: string; notifier: JobNotifier };

export type RunContext = {
  client: Replicate;
  pollIntervalMs: number;
  listener?: WebhookListener;
};

/**
 * The time limits of one call. A prediction is a long job: the whole call gets `timeoutsMs.job`; the
 * create request gets the operation's timeout, and asks Replicate to hold it a second less, so the
 * prediction's id always comes back before we give up on the request.
 */
export type CallLimits = {
  job: AbortSignal;
  create: AbortSignal;
  holdSeconds: number;
  timedOut(cause?: unknown): ProviderError;
};

export function callLimits(
  settings: ProviderCallSettings,
  operation: 'generate' | 'edit',
  callSignal: AbortSignal | undefined
): CallLimits {
  const startedAt = Date.now();
  const jobTimeout = AbortSignal.timeout(settings.timeoutsMs.job);
  const job = callSignal ? AbortSignal.any([callSignal, jobTimeout]) : jobTimeout;
  const createMs = Math.min(settings.timeoutsMs[operation], settings.timeoutsMs.job);
  return {
    job,
    create: AbortSignal.any([job, AbortSignal.timeout(createMs)]),
    holdSeconds: Math.min(MAX_HOLD_SECONDS, Math.floor(createMs / 1000) - 1),
    timedOut: (cause) => providerTimeoutError(REPLICATE_PROVIDER_ID, REPLICATE_LABEL, Date.now() - startedAt, cause)
  };
}

export type PredictionRequest = {
  target: PredictionTarget;
  input: PredictionInput;
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
    if (error instanceof SyntaxError) {
      throw malformedAnswerError(REPLICATE_PROVIDER_ID, REPLICATE_LABEL, `${where} is not JSON`, error);
    }
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

async function cancelQuietly(client: Replicate, id: string): Promise<unknown> {
  try {
    await client.predictions.cancel(id, { signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS) });
    return undefined;
  } catch (error) {
    return error;
  }
}

/** After Replicate accepted the prediction, any failure may come after paid work. */
function afterAcceptance(error: unknown, id: string): unknown {
  if (!(error instanceof ProviderError)) return error;
  return new ProviderError(error.kind, error.message, {
    providerId: error.providerId,
    beforePaidWork: false,
    status: error.status,
    reason: error.reason,
    vendorRequestId: id,
    retryAfterMs: error.retryAfterMs,
    cause: error
  });
}

/**
 * Creates one prediction and brings it to a final state. The create is sent once (never again after
 * Replicate accepted it); an unfinished prediction is followed by its id, and canceled when the call
 * times out or cannot follow it any more.
 */
export async function runPrediction(
  context: RunContext,
  request: PredictionRequest,
  limits: CallLimits
): Promise<FinishedPrediction> {
  let created: ReplicatePrediction;
  try {
    created = await readPrediction(
      context.client.predictions.create({
        ...request.target,
        input: request.input,
        wait: limits.holdSeconds >= 1 ? limits.holdSeconds : false,
        ...(context.listener && { webhook: context.listener.url, webhook_events_filter: ['completed'] }),
        signal: limits.create
      }),
      'the new prediction'
    );
  } catch (error) {
    throw limits.create.aborted ? limits.timedOut(error) : error;
  }
  if (isFinished(created)) return { prediction: created, finishedBy: 'answer' };
  try {
    return await awaitFinish(context, created.id, request.onJobStarted, limits.job);
  } catch (error) {
    const cancelFailure = await cancelQuietly(context.client, created.id);
    if (limits.job.aborted) throw limits.timedOut(cancelFailure ?? error);
    throw afterAcceptance(error, created.id);
  }
}
