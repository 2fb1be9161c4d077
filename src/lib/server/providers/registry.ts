import { AppError } from '../errors';
import { findModel } from './kit/find-model';
import type { CallWarning, ImageProviderV1, ModelCapabilities } from './types';

/** The knob values an alias may rewrite for its target model (the seed's `dalle3` quality and style). */
export type AliasSettings = { quality?: string; style?: string };

/** A provider id kept for old clients: it names a provider's model and translates the old knobs. */
export type ProviderAlias = {
  providerId: string;
  /** Unset: the provider's default model. */
  modelId?: string;
  translate?: (settings: AliasSettings, model: ModelCapabilities) => AliasSettings & { warnings: CallWarning[] };
};

export type ResolvedModel = {
  provider: ImageProviderV1;
  model: ModelCapabilities;
  /** Said before any call: the alias or lifecycle changed what was asked for. */
  warnings: CallWarning[];
  translate?: ProviderAlias['translate'];
};

export type ProviderRegistry = {
  list(): readonly ImageProviderV1[];
  /**
   * The provider and model a request names; defaults to the first provider's default model. Resolves
   * aliases, warns for deprecated models, and maps a shut-down model to its replacement (or refuses it).
   */
  resolve(providerId?: string, modelId?: string): ResolvedModel;
  /** The configured provider a request's provider id names: itself, or the target of an alias (`dalle3` → `openai`). */
  providerIdOf(providerId: string): string | undefined;
};

export type RegistryOptions = {
  aliases?: Record<string, ProviderAlias>;
  shutDownModels?: 'replace' | 'refuse';
};

function applyLifecycle(
  provider: ImageProviderV1,
  model: ModelCapabilities,
  shutDownModels: 'replace' | 'refuse'
): { model: ModelCapabilities; warnings: CallWarning[] } {
  const { lifecycle } = model;
  if (lifecycle.status === 'active') return { model, warnings: [] };
  const name = `${provider.id}/${model.id}`;
  const replacementId = lifecycle.replacement;
  if (lifecycle.status === 'deprecated') {
    const advice = replacementId ? ` Switch to ${replacementId}.` : '';
    return {
      model,
      warnings: [
        { type: 'other', message: `${name} is deprecated and shuts down on ${lifecycle.shutdownDate}.${advice}` }
      ]
    };
  }
  const replacement = replacementId ? provider.models.find((candidate) => candidate.id === replacementId) : undefined;
  if (shutDownModels === 'refuse' || !replacement) {
    const advice = replacementId ? ` Use ${replacementId} instead.` : ' Choose another model.';
    throw new AppError('unsupported', `${name} was shut down on ${lifecycle.shutdownDate}.${advice}`);
  }
  return {
    model: replacement,
    warnings: [
      {
        type: 'other',
        message: `${name} was shut down on ${lifecycle.shutdownDate}; ${provider.id}/${replacement.id} made this image instead.`
      }
    ]
  };
}

export function createProviderRegistry(
  providers: readonly ImageProviderV1[],
  options: RegistryOptions = {}
): ProviderRegistry {
  if (providers.length === 0) throw new Error('At least one image provider must be configured.');
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  const aliases = options.aliases ?? {};
  const shutDownModels = options.shutDownModels ?? 'replace';

  return {
    list: () => providers,
    providerIdOf(providerId) {
      const id = byId.has(providerId) ? providerId : aliases[providerId]?.providerId;
      return id !== undefined && byId.has(id) ? id : undefined;
    },
    resolve(providerId, modelId) {
      const alias = providerId === undefined || byId.has(providerId) ? undefined : aliases[providerId];
      const provider = alias ? byId.get(alias.providerId) : providerId ? byId.get(providerId) : providers[0];
      if (!provider) {
        const known = [...byId.keys(), ...Object.keys(aliases).filter((name) => byId.has(aliases[name]!.providerId))];
        const hint = alias ? ` "${providerId}" needs the ${alias.providerId} provider, which is not configured.` : '';
        throw new AppError(
          'validation',
          `Unknown provider "${providerId}".${hint} Available providers: ${known.join(', ')}.`
        );
      }
      const wanted = modelId ?? alias?.modelId ?? provider.defaultModel;
      const { model, warnings } = applyLifecycle(
        provider,
        findModel(`Provider "${provider.id}"`, provider.models, wanted),
        shutDownModels
      );
      return { provider, model, warnings, ...(alias?.translate && { translate: alias.translate }) };
    }
  };
}
