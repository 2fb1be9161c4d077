import { startDeadline, underDeadline, type Deadline } from '../kit/deadline';
import { downloadVendorImage } from '../kit/download';
import { findModel } from '../kit/find-model';
import { probeReachability } from '../kit/reachability';
import type { JobNotifier } from '../jobs';
import type {
  CallWarning,
  EditCall,
  GenerateCall,
  GenerateResult,
  ImageProviderV1,
  ProviderCallSettings
} from '../types';
import { editInput, generateInput, outputUrls, seedSent, shortfallWarnings, type PredictionInput } from './map';
import {
  REPLICATE_DEFAULT_MODEL,
  REPLICATE_DELIVERY_HOSTS,
  REPLICATE_MODELS,
  REPLICATE_VENDOR,
  type ReplicateModel
} from './models';
import { replicateClient, runPrediction, type WebhookListener } from './transport';

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
  requested: { count: number; width: number; height: number };
  signal?: AbortSignal;
  onJobStarted?: (jobId: string) => Promise<void>;
};

/** Replicate's hosted models through the official SDK: predictions by name or pinned version. */
export function createReplicateProvider(options: ReplicateProviderOptions): ImageProviderV1 {
  const connection = { apiToken: options.apiToken, baseUrl: options.baseUrl, fetch: options.fetch ?? globalThis.fetch };
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const listener: WebhookListener | undefined =
    options.webhook && options.notifier ? { url: options.webhook.url, notifier: options.notifier } : undefined;

  function download(urls: string[], deadline: Deadline) {
    return underDeadline(deadline, REPLICATE_VENDOR, (signal) =>
      Promise.all(
        urls.map((url) =>
          downloadVendorImage(REPLICATE_VENDOR, url, {
            signal,
            fetch: connection.fetch,
            deliveryHosts: REPLICATE_DELIVERY_HOSTS
          })
        )
      )
    );
  }

  /**
   * A prediction is a long job: the whole call gets `timeoutsMs.job`, its create request the operation's
   * timeout. Every image carries the seed the call sent: FLUX and SDXL use that one seed for the whole
   * call (`oneSeedPerCall`), and Replicate does not report it back.
   */
  async function predict(call: PredictionCall): Promise<GenerateResult> {
    const { model, requested } = call;
    const { timeoutsMs } = options.calls;
    let retries = 0;
    const deadline = startDeadline(timeoutsMs.job, call.signal);
    const { prediction, finishedBy } = await runPrediction(
      { client: replicateClient(connection, options.calls, () => retries++), pollIntervalMs, listener },
      {
        target: model.target,
        input: call.input,
        createTimeoutMs: timeoutsMs[call.operation],
        onJobStarted: call.onJobStarted
      },
      deadline
    );
    const produced = await download(outputUrls(prediction), deadline);
    const seed = seedSent(call.input);
    const images = produced.map((image) => (seed === undefined ? image : { ...image, seed }));
    const { costUsd, ...costBasis } = model.price.actualUsd({
      images: images.length,
      width: requested.width,
      height: requested.height,
      predictTimeS: prediction.metrics?.predict_time
    });
    return {
      images,
      warnings: [...call.warnings, ...shortfallWarnings(model, requested.count, images.length)],
      costUsd,
      providerMetadata: { vendorRequestId: prediction.id, retries, finishedBy, ...costBasis }
    };
  }

  return {
    specificationVersion: 'v1',
    id: REPLICATE_VENDOR.providerId,
    label: REPLICATE_VENDOR.label,
    kind: 'hosted diffusion and upscaling models (FLUX, SDXL, Real-ESRGAN) run as Replicate predictions',
    models: REPLICATE_MODELS,
    defaultModel: REPLICATE_DEFAULT_MODEL,
    async generate(call: GenerateCall) {
      const model = findModel(REPLICATE_VENDOR.label, REPLICATE_MODELS, call.model);
      const { input, warnings } = generateInput(model, call);
      return predict({
        model,
        operation: 'generate',
        input,
        warnings,
        requested: { count: call.count, width: call.width, height: call.height },
        signal: call.signal,
        onJobStarted: call.onJobStarted
      });
    },
    async edit(call: EditCall) {
      const model = findModel(REPLICATE_VENDOR.label, REPLICATE_MODELS, call.model);
      const { input, warnings } = editInput(model, call);
      return predict({
        model,
        operation: 'edit',
        input,
        warnings,
        requested: { count: call.count, width: call.image.width, height: call.image.height },
        signal: call.signal,
        onJobStarted: call.onJobStarted
      });
    },
    async cancelJob(jobId: string) {
      await replicateClient(connection, options.calls).predictions.cancel(jobId, {
        signal: AbortSignal.timeout(options.calls.timeoutsMs.generate)
      });
    },
    checkReachable: (signal: AbortSignal) =>
      probeReachability(async () => {
        const client = replicateClient(connection, { maxRetries: 0, maxRetryDelayMs: 0 });
        const account = await client.accounts.current({ signal });
        return `Signed in as ${account.username}.`;
      })
  };
}
