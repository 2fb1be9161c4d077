import type { Deps } from './deps';
import type { ModelCapabilities, PriceRule } from '../providers/types';
import { allowsModel } from './generation';
import type { UserPolicy } from './users';

/** A model's capabilities as JSON: the price rule becomes its description, optional lists become empty ones. */
export type ModelDto = Omit<
  ModelCapabilities,
  'price' | 'qualities' | 'styles' | 'outputFormats' | 'backgrounds' | 'aspectRatios'
> & {
  qualities: string[];
  styles: string[];
  outputFormats: string[];
  backgrounds: string[];
  /** Size → the aspect ratio sent to the vendor; empty for models sized in pixels. */
  aspectRatios: Record<string, string>;
  price: string;
  priceUnit: PriceRule['unit'];
};

export type ProviderDto = { id: string; label: string; kind: string; defaultModel: string; models: ModelDto[] };

/** The configured providers and models the account may use, with each model's capabilities. */
export function listProviders(
  deps: Pick<Deps, 'providers'>,
  policy: Pick<UserPolicy, 'allowedProviders' | 'allowedModels'>
): ProviderDto[] {
  return deps.providers
    .list()
    .map((provider) => ({
      ...provider,
      models: provider.models.filter((model) => allowsModel(policy, provider.id, model.id))
    }))
    .filter((provider) => provider.models.length > 0)
    .map((provider) => ({
      id: provider.id,
      label: provider.label,
      kind: provider.kind,
      defaultModel: provider.models.some((model) => model.id === provider.defaultModel)
        ? provider.defaultModel
        : provider.models[0]!.id,
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
        outputFormats: [...(model.outputFormats ?? [])],
        backgrounds: [...(model.backgrounds ?? [])],
        aspectRatios: { ...model.aspectRatios },
        price: model.price.description,
        priceUnit: model.price.unit,
        lifecycle: model.lifecycle
      }))
    }));
}
