import { AppError } from '../errors';
import type { ImageProviderV1, ModelCapabilities } from './types';

export type ResolvedModel = { provider: ImageProviderV1; model: ModelCapabilities };

export type ProviderRegistry = {
  list(): readonly ImageProviderV1[];
  /** The provider and model a request names; defaults to the first provider's default model. */
  resolve(providerId?: string, modelId?: string): ResolvedModel;
};

export function createProviderRegistry(providers: readonly ImageProviderV1[]): ProviderRegistry {
  if (providers.length === 0) throw new Error('At least one image provider must be configured.');
  const byId = new Map(providers.map((provider) => [provider.id, provider]));

  return {
    list: () => providers,
    resolve(providerId, modelId) {
      const provider = providerId ? byId.get(providerId) : providers[0];
      if (!provider) {
        throw new AppError(
          'validation',
          `Unknown provider "${providerId}". Available providers: ${[...byId.keys()].join(', ')}.`
        );
      }
      const wanted = modelId ?? provider.defaultModel;
      const model = provider.models.find((candidate) => candidate.id === wanted);
      if (!model) {
        throw new AppError(
          'validation',
          `Provider "${provider.id}" has no model "${wanted}". Available models: ${provider.models.map((m) => m.id).join(', ')}.`
        );
      }
      return { provider, model };
    }
  };
}
