import { AppError } from '../errors';
import type { ResolvedModel } from '../providers/registry';
import type { CallWarning, GenerateCall, ImageProviderV1, ModelCapabilities, OutputFormat } from '../providers/types';
import { unsupportedSettingWarnings } from '../providers/warnings';
import { usdToMicros } from './budgets';
import type { Deps } from './deps';
import { checkGenerationPolicy } from './generation-policy';
import type { Actor } from './users';

export type GenerateRequest = {
  prompt: string;
  provider?: string;
  model?: string;
  size?: string;
  quality?: string;
  style?: string;
  negativePrompt?: string;
  steps?: number;
  cfgScale?: number;
  seed?: number;
  outputFormat?: OutputFormat;
  background?: string;
  count: number;
  /** Allows another configured provider when the chosen one refuses before doing paid work. */
  fallback?: boolean;
};

/** The knob values sent to the provider, after an alias translated the seed's ones. */
export type CallSettings = Pick<
  GenerateCall,
  'negativePrompt' | 'seed' | 'steps' | 'cfgScale' | 'quality' | 'style' | 'outputFormat' | 'background'
>;

/** Everything decided about a generation before a row exists or a cent is spent. */
export type GenerationPlan = {
  provider: ImageProviderV1;
  model: ModelCapabilities;
  size: string;
  width: number;
  height: number;
  count: number;
  settings: CallSettings;
  /** Known before the call: lifecycle, alias translations and knobs the model ignores. */
  warnings: CallWarning[];
  perImageUsd: number;
  estimateMicros: number;
};

/** Splits `count` into calls of at most `maxPerCall` images: 10 at 4 → [4, 4, 2]. */
export function splitIntoBatches(count: number, maxPerCall: number): number[] {
  const batches: number[] = [];
  for (let left = count; left > 0; left -= maxPerCall) batches.push(Math.min(left, maxPerCall));
  return batches;
}

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
): GenerationPlan {
  const { provider, model } = resolved;
  checkGenerationPolicy(actor.policy, { providerId: provider.id, modelId: model.id, count: request.count });
  if (!model.operations.includes('generate')) {
    throw new AppError(
      'unsupported',
      `${provider.id}/${model.id} cannot generate images from text; choose another model.`
    );
  }
  const size = request.size ?? model.defaultSize;
  if (!model.sizes.includes(size)) {
    throw new AppError(
      'validation',
      `Size ${size} is not available for ${provider.id}/${model.id}; choose one of ${model.sizes.join(', ')}.`
    );
  }
  const [width, height] = size.split('x').map(Number) as [number, number];
  const translated = resolved.translate?.({ quality: request.quality, style: request.style }, model);
  const settings: CallSettings = {
    negativePrompt: request.negativePrompt,
    seed: request.seed,
    steps: request.steps,
    cfgScale: request.cfgScale,
    quality: translated ? translated.quality : request.quality,
    style: translated ? translated.style : request.style,
    outputFormat: request.outputFormat,
    background: request.background
  };
  const perImageUsd = model.price.perImageUsd({ width, height, quality: settings.quality });
  return {
    provider,
    model,
    size,
    width,
    height,
    count: request.count,
    settings,
    warnings: [...resolved.warnings, ...(translated?.warnings ?? []), ...unsupportedSettingWarnings(model, settings)],
    perImageUsd,
    estimateMicros: request.count * usdToMicros(perImageUsd)
  };
}
