import { AppError } from '../../errors';
import type { ResolvedModel } from '../../providers/registry';
import type { CallWarning } from '../../providers/types';
import { unsupportedSettingWarnings } from '../../providers/warnings';
import { nearestSize } from './aspect-ratio';
import { usdToMicros } from '../budgets';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { planCalls, seedsFor } from './batches';
import { generateCacheKey } from './cache';
import type { OperationPlan } from './plan';
import { checkGenerationPolicy } from './policy';
import type { GenerateRequest } from './request';

/**
 * Resolves and checks a text-to-image request: the account may use the model, the model can generate at
 * that size, and the price rule gives the estimate the budget reserves. `images.estimate` shows exactly
 * this, so the hint before Generate and the reservation cannot disagree.
 */
export function planGeneration(
  deps: Pick<Deps, 'providers'>,
  actor: Actor,
  request: GenerateRequest,
  resolved: ResolvedModel = deps.providers.resolve(request.provider, request.model)
): OperationPlan {
  const { provider, model } = resolved;
  checkGenerationPolicy(actor.policy, { providerId: provider.id, modelId: model.id, count: request.count });
  if (!model.operations.includes('generate')) {
    throw new AppError(
      'unsupported',
      `${provider.id}/${model.id} cannot generate images from text; choose another model.`
    );
  }
  const { size, warnings: sizeWarnings } = chooseSize(request, resolved);
  if (!model.sizes.includes(size)) {
    throw new AppError(
      'validation',
      `Size ${size} is not available for ${provider.id}/${model.id}; choose one of ${model.sizes.join(', ')}.`
    );
  }
  const [width, height] = size.split('x').map(Number) as [number, number];
  const translated = resolved.translate?.({ quality: request.quality, style: request.style }, model);
  const settings = {
    negativePrompt: request.negativePrompt,
    seed: request.seed,
    steps: request.steps,
    cfgScale: request.cfgScale,
    quality: translated ? translated.quality : request.quality,
    style: translated ? translated.style : request.style,
    outputFormat: request.outputFormat,
    background: request.background
  };
  const seeds = seedsFor(model, request.count, request.seed);
  const perImageUsd = model.price.perImageUsd({ width, height, quality: settings.quality });
  // Only a seed the model takes makes the result repeatable; without one the request asks for new images.
  const cacheKey =
    request.seed !== undefined && seeds[0] !== undefined
      ? generateCacheKey({
          ...settings,
          prompt: request.prompt,
          provider: provider.id,
          model: model.id,
          size,
          count: request.count,
          seed: request.seed
        })
      : undefined;
  return {
    operation: 'generate',
    provider,
    model,
    size,
    width,
    height,
    count: request.count,
    seeds,
    calls: planCalls(model, request.count, seeds),
    row: {
      prompt: request.prompt,
      negativePrompt: request.negativePrompt,
      quality: settings.quality,
      style: settings.style,
      steps: request.steps,
      cfgScale: request.cfgScale,
      cacheKey
    },
    warnings: [
      ...sizeWarnings,
      ...resolved.warnings,
      ...(translated?.warnings ?? []),
      ...unsupportedSettingWarnings(model, settings)
    ],
    perImageUsd,
    estimateMicros: request.count * usdToMicros(perImageUsd),
    invoke: (call, control) =>
      provider.generate({
        ...settings,
        ...control,
        model: model.id,
        prompt: request.prompt,
        width,
        height,
        count: call.count,
        seed: call.seed
      })
  };
}

/** The asked size, or the model's size nearest the asked aspect ratio (said in a warning), or its default. */
function chooseSize(
  request: GenerateRequest,
  { provider, model }: ResolvedModel
): { size: string; warnings: CallWarning[] } {
  if (request.size || !request.aspectRatio) return { size: request.size ?? model.defaultSize, warnings: [] };
  const size = nearestSize([model.defaultSize, ...model.sizes], request.aspectRatio);
  const message = `aspectRatio ${request.aspectRatio} became ${size}, the nearest size ${provider.id}/${model.id} has.`;
  return { size, warnings: [{ type: 'other', message }] };
}
