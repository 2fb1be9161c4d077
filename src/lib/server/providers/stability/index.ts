import type { EditCall, GenerateCall, GenerateResult, ImageProviderV1, ProviderCallSettings } from '../types';
import { artifactsOutcome, creditsOf, imageOutcome, type Outcome } from './answer';
import { findModel } from './checks';
import { planEdit } from './edit';
import { startDeadline, type Deadline } from './errors';
import { runJob } from './job';
import { planGenerate, type PlannedRequest } from './map';
import {
  formatUsd,
  STABILITY_DEFAULT_MODEL,
  STABILITY_LABEL,
  STABILITY_PROVIDER_ID,
  stabilityModels,
  type StabilityModel
} from './models';
import { exchange, readJson, type StabilityConnection } from './transport';

export type StabilityProviderOptions = {
  apiKey: string;
  /** Defaults to https://api.stability.ai; tests point it at the fake. */
  baseUrl?: string;
  /** USD per credit (STABILITY_USD_PER_CREDIT): prices and costs are credits × this. */
  usdPerCredit: number;
  calls: ProviderCallSettings;
  fetch?: typeof fetch;
  /** Between polls of an async job; Stability suggests about 10 s. */
  pollIntervalMs?: number;
};

export type StabilityProvider = ImageProviderV1 & Required<Pick<ImageProviderV1, 'edit' | 'checkReachable'>>;

const DEFAULT_BASE_URL = 'https://api.stability.ai';
const DEFAULT_POLL_INTERVAL_MS = 10_000;

/**
 * Stability AI's REST API with plain `fetch` (there is no official Node SDK): v2beta Stable Image
 * generation, edits and upscales, and SDXL 1.0 on the legacy v1 API. No `cancelJob`: Stability cannot
 * cancel a running job.
 */
export function createStabilityProvider(options: StabilityProviderOptions): StabilityProvider {
  const models = stabilityModels(options.usdPerCredit);
  const { timeoutsMs } = options.calls;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const connection: StabilityConnection = {
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    fetch: options.fetch ?? globalThis.fetch,
    retry: { maxRetries: options.calls.maxRetries, maxRetryDelayMs: options.calls.maxRetryDelayMs }
  };

  function result(outcome: Outcome, retries: number, vendorRequestId?: string): GenerateResult {
    return {
      images: outcome.images,
      warnings: outcome.warnings,
      costUsd: outcome.credits * options.usdPerCredit,
      providerMetadata: { credits: outcome.credits, retries, ...(vendorRequestId && { vendorRequestId }) }
    };
  }

  async function send(model: StabilityModel, planned: PlannedRequest, deadline: Deadline): Promise<GenerateResult> {
    let retries = 0;
    const context = { model, usdPerCredit: options.usdPerCredit };
    const outcome = await exchange(
      connection,
      planned.request,
      deadline,
      async (response) => {
        const body = await readJson(response, 'the answer');
        return model.api === 'v1'
          ? artifactsOutcome(body, context, planned.warnings)
          : imageOutcome(body, context, planned.warnings);
      },
      () => retries++
    );
    return result(outcome, retries);
  }

  async function sendJob(model: StabilityModel, planned: PlannedRequest, call: EditCall): Promise<GenerateResult> {
    let retries = 0;
    const limits = {
      start: startDeadline(Math.min(timeoutsMs.edit, timeoutsMs.job), call.signal),
      job: startDeadline(timeoutsMs.job, call.signal)
    };
    const { jobId, answer } = await runJob(connection, planned.request, limits, {
      pollIntervalMs,
      onJobStarted: call.onJobStarted,
      onRetry: () => retries++
    });
    const context = { model, usdPerCredit: options.usdPerCredit, vendorRequestId: jobId };
    return result(imageOutcome(answer, context, planned.warnings), retries, jobId);
  }

  return {
    specificationVersion: 'v1',
    id: STABILITY_PROVIDER_ID,
    label: STABILITY_LABEL,
    kind: "Stability AI's hosted Stable Image and Stable Diffusion 3.5 models: generation, edits and upscales",
    models,
    defaultModel: STABILITY_DEFAULT_MODEL,

    async generate(call: GenerateCall) {
      const model = findModel(models, call.model);
      const planned = planGenerate(model, call);
      return send(model, planned, startDeadline(timeoutsMs.generate, call.signal));
    },

    async edit(call: EditCall) {
      const model = findModel(models, call.model);
      const planned = planEdit(model, call);
      return model.async
        ? sendJob(model, planned, call)
        : send(model, planned, startDeadline(timeoutsMs.edit, call.signal));
    },

    async checkReachable(signal: AbortSignal) {
      try {
        const credits = await exchange(
          { ...connection, retry: { maxRetries: 0, maxRetryDelayMs: 0 } },
          { path: '/v1/user/balance' },
          startDeadline(timeoutsMs.generate, signal),
          async (response) => creditsOf(await readJson(response, 'the balance'))
        );
        return { reachable: true, detail: `${credits} credits left (≈ ${formatUsd(credits * options.usdPerCredit)}).` };
      } catch (error) {
        return { reachable: false, detail: error instanceof Error ? error.message : String(error) };
      }
    }
  };
}
