import type { Deps } from './deps';

export { KNOBS, OPERATIONS } from '../providers/types';
import { allowsModel } from './generation';
import type { UserPolicy } from './users';

/**
 * The configured providers and models the account may use, with each model's capabilities as JSON: the price
 * rule becomes its description, optional lists become empty ones (`providers.list`'s output schema checks it).
 */
export function listProviders(
  deps: Pick<Deps, 'providers'>,
  policy: Pick<UserPolicy, 'allowedProviders' | 'allowedModels'>
) {
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
        maxPromptLength: model.maxPromptLength ?? null,
        textRendering: model.textRendering,
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
