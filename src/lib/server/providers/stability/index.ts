import { readJson } from '../kit/answers';
import { startDeadline, type Deadline } from '../kit/deadline';
import { findModel } from '../kit/find-model';
import { probeReachability } from '../kit/reachability';
import type { EditCall, GenerateCall, GenerateResult, ImageProviderV1, ProviderCallSettings } from '../types';
import {
  artifactsOutcome,
  creditsOf,
  imageOutcome,
  planEdit,
  planGenerate,
  type Outcome,
  type PlannedRequest
} from './map';
import {
  creditValue,
  formatUsd,
  STABILITY_DEFAULT_MODEL,
  STABILITY_VENDOR,
  stabilityModels,
  type StabilityModel
} from './models';
import { exchange, runJob, type StabilityConnection } from './transport';

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

function result(outcome: Outcome, retries: number, vendorRequestId?: string): GenerateResult {
  return {
    images: outcome.images,
    warnings: outcome.warnings,
    costUsd: outcome.costUsd,
    providerMetadata: { credits: outcome.credits, retries, ...(vendorRequestId && { vendorRequestId }) }
  };
}

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

  async function send(model: StabilityModel, planned: PlannedRequest, deadline: Deadline): Promise<GenerateResult> {
    let retries = 0;
    const outcome = await exchange(
      connection,
      planned.request,
      deadline,
      async (response) => {
        const body = await readJson(STABILITY_VENDOR, response, 'the answer');
        return model.api === 'v1'
          ? artifactsOutcome(body, { model }, planned.warnings)
          : imageOutcome(body, { model }, planned.warnings);
      },
      () => retries++
    );
    return result(outcome, retries);
  }

  async function sendJob(model: StabilityModel, planned: PlannedRequest, call: EditCall): Promise<GenerateResult> {
    let retries = 0;
    const { jobId, answer } = await runJob(connection, planned.request, startDeadline(timeoutsMs.job, call.signal), {
      startTimeoutMs: timeoutsMs.edit,
      pollIntervalMs,
      onJobStarted: call.onJobStarted,
      onRetry: () => retries++
    });
    return result(imageOutcome(answer, { model, vendorRequestId: jobId }, planned.warnings), retries, jobId);
  }

  return {
    specificationVersion: 'v1',
    id: STABILITY_VENDOR.providerId,
    label: STABILITY_VENDOR.label,
    kind: "Stability AI's hosted Stable Image and Stable Diffusion 3.5 models: generation, edits and upscales",
    models,
    defaultModel: STABILITY_DEFAULT_MODEL,

    async generate(call: GenerateCall) {
      const model = findModel(STABILITY_VENDOR.label, models, call.model);
      const planned = planGenerate(model, call);
      return send(model, planned, startDeadline(timeoutsMs.generate, call.signal));
    },

    async edit(call: EditCall) {
      const model = findModel(STABILITY_VENDOR.label, models, call.model);
      const planned = planEdit(model, call);
      return model.async
        ? sendJob(model, planned, call)
        : send(model, planned, startDeadline(timeoutsMs.edit, call.signal));
    },

    checkReachable: (signal: AbortSignal) =>
      probeReachability(async () => {
        const credits = await exchange(
          { ...connection, retry: { maxRetries: 0, maxRetryDelayMs: 0 } },
          { path: '/v1/user/balance' },
          startDeadline(timeoutsMs.generate, signal),
          async (response) => creditsOf(await readJson(STABILITY_VENDOR, response, 'the balance'))
        );
        return `${credits} credits left (≈ ${formatUsd(creditValue(options.usdPerCredit)(credits))}).`;
      })
  };
}
