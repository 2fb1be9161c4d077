import Replicate from 'replicate';
import { downloadVendorImage } from '../download';
import type { JobNotifier } from '../jobs';
import type {
  CallWarning,
  EditCall,
  GenerateCall,
  GenerateResult,
  ImageProviderV1,
  ProviderCallSettings
} from '../types';
import { editInput } from './edit';
import { costOf, findReplicateModel, generateInput, outputUrls, shortfallWarnings, type PredictionInput } from './map';
import {
  REPLICATE_DEFAULT_MODEL,
  REPLICATE_DELIVERY_HOSTS,
  REPLICATE_LABEL,
  REPLICATE_MODELS,
  REPLICATE_PROVIDER_ID,
  type ReplicateModel
} from './models';
import { callLimits, runPrediction, type CallLimits, type WebhookListener } from './run';
import { createVendorFetch } from './transport';

export type ReplicateProviderOptions = {
  apiToken: string;
  /** Defaults to https://api.replicate.com/v1; tests point it at the fake. */
  baseUrl?: string;
  calls: ProviderCallSettings;
  /** Where Replicate posts finished predictions; used together with `notifier`, else predictions are polled. */
  webhook?: { url: string };
  notifier?: JobNotifier;
  /** Between polls of an unfinished prediction (ten times longer as the backstop of a webhook). */
  pollIntervalMs?: number;
  fetch?: typeof fetch;
};

const DEFAULT_POLL_INTERVAL_MS = 1000;

type PredictionCall = {
  model: ReplicateModel;
  operation: 'generate' | 'edit';
  input: PredictionInput;
  warnings: CallWarning[];
  requested: { count: number; width: number; height: number; seed?: number };
  signal?: AbortSignal;
  onJobStarted?: (jobId: string) => Promise<void>;
};

/** Replicate's hosted models through the official SDK: predictions by name or pinned version. */
export function createReplicateProvider(options: ReplicateProviderOptions): ImageProviderV1 {
  const vendorFetch = options.fetch ?? globalThis.fetch;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const listener: WebhookListener | undefined =
    options.webhook && options.notifier ? { url: options.webhook.url, notifier: options.notifier } : undefined;

  function client(onRetry: () => void, retry: Pick<ProviderCallSettings, 'maxRetries' | 'maxRetryDelayMs'>) {
    return new Replicate({
      auth: options.apiToken,
      baseUrl: options.baseUrl,
      useFileOutput: false,
      fetch: createVendorFetch({ fetch: vendorFetch, retry, onRetry })
    });
  }

  async function download(urls: string[], limits: CallLimits) {
    try {
      return await Promise.all(
        urls.map((url) =>
          downloadVendorImage(REPLICATE_PROVIDER_ID, REPLICATE_LABEL, url, {
            signal: limits.job,
            fetch: vendorFetch,
            deliveryHosts: REPLICATE_DELIVERY_HOSTS
          })
        )
      );
    } catch (error) {
      throw limits.job.aborted ? limits.timedOut(error) : error;
    }
  }

  async function predict(call: PredictionCall): Promise<GenerateResult> {
    const { model, requested } = call;
    let retries = 0;
    const limits = callLimits(options.calls, call.operation, call.signal);
    const { prediction, finishedBy } = await runPrediction(
      { client: client(() => retries++, options.calls), pollIntervalMs, listener },
      { target: model.target, input: call.input, onJobStarted: call.onJobStarted },
      limits
    );
    const produced = await download(outputUrls(prediction), limits);
    const seed = model.knobs.includes('seed') ? requested.seed : undefined;
    const images = produced.map((image) => (seed === undefined ? image : { ...image, seed }));
    const { costUsd, ...costBasis } = costOf(model, prediction, requested, images.length);
    return {
      images,
      warnings: [...call.warnings, ...shortfallWarnings(model, requested.count, images.length)],
      costUsd,
      providerMetadata: { vendorRequestId: prediction.id, retries, finishedBy, ...costBasis }
    };
  }

  return {
    specificationVersion: 'v1',
    id: REPLICATE_PROVIDER_ID,
    label: REPLICATE_LABEL,
    kind: 'hosted diffusion and upscaling models (FLUX, SDXL, Real-ESRGAN) run as Replicate predictions',
    models: REPLICATE_MODELS,
    defaultModel: REPLICATE_DEFAULT_MODEL,
    async generate(call: GenerateCall) {
      const model = findReplicateModel(call.model);
      const { input, warnings } = generateInput(model, call);
      return predict({
        model,
        operation: 'generate',
        input,
        warnings,
        requested: { count: call.count, width: call.width, height: call.height, seed: call.seed },
        signal: call.signal,
        onJobStarted: call.onJobStarted
      });
    },
    async edit(call: EditCall) {
      const model = findReplicateModel(call.model);
      const { input, warnings } = editInput(model, call);
      return predict({
        model,
        operation: 'edit',
        input,
        warnings,
        requested: { count: call.count, width: call.image.width, height: call.image.height, seed: call.seed },
        signal: call.signal,
        onJobStarted: call.onJobStarted
      });
    },
    async cancelJob(jobId: string) {
      await client(() => undefined, options.calls).predictions.cancel(jobId, {
        signal: AbortSignal.timeout(options.calls.timeoutsMs.generate)
      });
    },
    async checkReachable(signal: AbortSignal) {
      try {
        const account = await client(() => undefined, { maxRetries: 0, maxRetryDelayMs: 0 }).accounts.current({
          signal
        });
        return { reachable: true, detail: `Signed in as ${account.username}.` };
      } catch (error) {
        return { reachable: false, detail: error instanceof Error ? error.message : 'the account check failed' };
      }
    }
  };
}
