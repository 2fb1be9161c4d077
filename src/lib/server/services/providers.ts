import type { Deps } from './deps';
import type { ModelCapabilities } from '../providers/types';

/** A model's capabilities as JSON: the price rule becomes its description, optional lists become empty ones. */
export type ModelDto = Omit<ModelCapabilities, 'price' | 'qualities' | 'styles'> & {
  qualities: string[];
  styles: string[];
  price: string;
};

export type ProviderDto = { id: string; label: string; kind: string; defaultModel: string; models: ModelDto[] };

/** Configured providers with each model's capabilities, as shown to people and agents. */
export function listProviders(deps: Pick<Deps, 'providers'>): ProviderDto[] {
  return deps.providers.list().map((provider) => ({
    id: provider.id,
    label: provider.label,
    kind: provider.kind,
    defaultModel: provider.defaultModel,
    models: provider.models.map((model) => ({
      id: model.id,
      label: model.label,
      description: model.description,
      operations: [...model.operations],
      sizes: [...model.sizes],
      defaultSize: model.defaultSize,
      maxImagesPerCall: model.maxImagesPerCall,
      knobs: [...model.knobs],
      qualities: [...(model.qualities ?? [])],
      styles: [...(model.styles ?? [])],
      price: model.price.description,
      lifecycle: model.lifecycle
    }))
  }));
}
