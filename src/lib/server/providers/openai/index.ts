import type { EditCall, GenerateCall, GenerateResult, ImageProviderV1, ProviderCallSettings } from '../types';
import { initialModels, readModelList, refreshedModels, servesOpenAIItself, type CatalogSource } from './catalog';
import { openVendorCall, type OpenAIConnection, type VendorCall } from './client';
import { planEdit } from './edit';
import { toProviderError } from './errors';
import { findModel, planGenerate } from './map';
import { OPENAI_DEFAULT_MODEL, OPENAI_LABEL, OPENAI_PROVIDER_ID, type OpenAIModel } from './models';
import { readImagesAnswer } from './response';

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

/** Runs one SDK request under the call's signal and turns every failure into Atelier's error shape. */
async function attempt<T>(vendor: VendorCall, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toProviderError(error, vendor);
  }
}

/** OpenAI's image API (GPT image models, legacy DALL·E) or a self-hosted server speaking it. */
export function createOpenAIProvider(options: OpenAIProviderOptions): OpenAIProvider {
  const connection: OpenAIConnection = options;
  const source: CatalogSource = { baseUrl: options.baseUrl, models: options.models };
  const now = options.now ?? Date.now;
  const { timeoutsMs } = options.calls;
  let models: readonly OpenAIModel[] = initialModels(source);

  async function listModels(signal?: AbortSignal) {
    const vendor = openVendorCall(connection, timeoutsMs.generate, signal);
    return attempt(vendor, async () => {
      const response = await vendor.client.models.list({ signal: vendor.signal }).asResponse();
      return readModelList(response);
    });
  }

  return {
    specificationVersion: 'v1',
    id: OPENAI_PROVIDER_ID,
    label: OPENAI_LABEL,
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
      const model = findModel(models, call.model);
      const { params, warnings, pricedAs } = planGenerate(call, model);
      const vendor = openVendorCall(connection, timeoutsMs.generate, call.signal);
      return attempt(vendor, async () => {
        const response = await vendor.client.images.generate(params, { signal: vendor.signal }).asResponse();
        return readImagesAnswer(response, { model, vendor, warnings, pricedAs, fetch: options.fetch });
      });
    },

    async edit(call: EditCall): Promise<GenerateResult> {
      const model = findModel(models, call.model);
      const plan = await planEdit(call, model);
      const vendor = openVendorCall(connection, timeoutsMs.edit, call.signal);
      return attempt(vendor, async () => {
        const requestOptions = { signal: vendor.signal };
        const response =
          plan.endpoint === 'variation'
            ? await vendor.client.images.createVariation(plan.params, requestOptions).asResponse()
            : await vendor.client.images.edit(plan.params, requestOptions).asResponse();
        return readImagesAnswer(response, {
          model,
          vendor,
          warnings: plan.warnings,
          pricedAs: plan.pricedAs,
          fetch: options.fetch
        });
      });
    },

    async checkReachable(signal: AbortSignal) {
      try {
        await listModels(signal);
        return { reachable: true };
      } catch (error) {
        return { reachable: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },

    async refreshCatalog(signal?: AbortSignal) {
      const listing = await listModels(signal);
      models = refreshedModels(models, listing, source, now());
    }
  };
}
