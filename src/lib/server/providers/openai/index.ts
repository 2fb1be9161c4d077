import { startDeadline } from '../kit/deadline';
import { findModel } from '../kit/find-model';
import { probeReachability } from '../kit/reachability';
import type { EditCall, GenerateCall, GenerateResult, ImageProviderV1, ProviderCallSettings } from '../types';
import { initialModels, readModelList, refreshedModels, servesOpenAIItself, type CatalogSource } from './catalog';
import { planEdit, planGenerate, readImagesAnswer } from './map';
import { OPENAI_DEFAULT_MODEL, OPENAI_VENDOR, type OpenAIModel } from './models';
import { openVendorCall, send, type OpenAIConnection } from './transport';

export type OpenAIProviderOptions = {
  apiKey: string;
  /** Sent as `OpenAI-Organization` (OPENAI_ORG_ID). */
  organization?: string;
  /** OpenAI itself when unset; otherwise an OpenAI-compatible server (OPENAI_BASE_URL). */
  baseUrl?: string;
  /** The model ids to offer (OPENAI_MODELS); unset on a self-hosted server, `refreshCatalog` discovers them. */
  models?: string[];
  calls: ProviderCallSettings;
  fetch?: typeof fetch;
  /** The clock lifecycle dates are compared with. */
  now?: () => number;
};

export type OpenAIProvider = ImageProviderV1 &
  Required<Pick<ImageProviderV1, 'edit' | 'checkReachable'>> & {
    /**
     * Reads `GET /models`: applies OpenAI's announced shutdown dates and, on a self-hosted server without
     * configured models, learns which models it serves.
     */
    refreshCatalog(signal?: AbortSignal): Promise<void>;
  };

/** OpenAI's image API (GPT image models, legacy DALL·E) or a self-hosted server speaking it. */
export function createOpenAIProvider(options: OpenAIProviderOptions): OpenAIProvider {
  const connection: OpenAIConnection = options;
  const source: CatalogSource = { baseUrl: options.baseUrl, models: options.models };
  const now = options.now ?? Date.now;
  const { timeoutsMs } = options.calls;
  let models: readonly OpenAIModel[] = initialModels(source);

  function listModels(signal?: AbortSignal) {
    const vendor = openVendorCall(connection, startDeadline(timeoutsMs.generate, signal));
    return send(vendor, async (client, signal) => readModelList(await client.models.list({ signal }).asResponse()));
  }

  return {
    specificationVersion: 'v1',
    id: OPENAI_VENDOR.providerId,
    label: OPENAI_VENDOR.label,
    kind: servesOpenAIItself(source)
      ? "OpenAI's hosted image models (GPT image, legacy DALL·E)"
      : 'a self-hosted server speaking the OpenAI image API',
    get models() {
      return models;
    },
    get defaultModel() {
      return models.some((model) => model.id === OPENAI_DEFAULT_MODEL)
        ? OPENAI_DEFAULT_MODEL
        : (models[0]?.id ?? OPENAI_DEFAULT_MODEL);
    },

    async generate(call: GenerateCall): Promise<GenerateResult> {
      const model = findModel(OPENAI_VENDOR.label, models, call.model);
      const { params, warnings, pricedAs } = planGenerate(call, model);
      const vendor = openVendorCall(connection, startDeadline(timeoutsMs.generate, call.signal));
      return send(vendor, async (client, signal) => {
        const response = await client.images.generate(params, { signal }).asResponse();
        return readImagesAnswer(response, { model, vendor, warnings, pricedAs, fetch: options.fetch });
      });
    },

    async edit(call: EditCall): Promise<GenerateResult> {
      const model = findModel(OPENAI_VENDOR.label, models, call.model);
      const plan = await planEdit(call, model);
      const vendor = openVendorCall(connection, startDeadline(timeoutsMs.edit, call.signal));
      return send(vendor, async (client, signal) => {
        const response =
          plan.endpoint === 'variation'
            ? await client.images.createVariation(plan.params, { signal }).asResponse()
            : await client.images.edit(plan.params, { signal }).asResponse();
        return readImagesAnswer(response, {
          model,
          vendor,
          warnings: plan.warnings,
          pricedAs: plan.pricedAs,
          fetch: options.fetch
        });
      });
    },

    checkReachable: (signal: AbortSignal) => probeReachability(async () => void (await listModels(signal))),

    async refreshCatalog(signal?: AbortSignal) {
      const listing = await listModels(signal);
      models = refreshedModels(models, listing, source, now());
    }
  };
}
