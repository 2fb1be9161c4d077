import { randomInt } from 'node:crypto';
import { AppError } from '../../errors';
import { MAX_SEED } from '../../providers/types';
import type { ResolvedModel } from '../../providers/registry';
import type {
  CallWarning,
  GenerateCall,
  GenerateResult,
  ImageProviderV1,
  ModelCapabilities
} from '../../providers/types';
import { unsupportedSettingWarnings } from '../../providers/warnings';
import { usdToMicros } from '../budgets';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { checkGenerationPolicy } from './policy';
import type { GenerateRequest, OperationRequest } from './request';

/** One vendor call of a plan: which images (rows `first … first + count - 1`) and the first one's seed. */
export type PlannedCall = { first: number; count: number; seed?: number };

/** What the pipeline hands a call besides its images: the signal and where to note a long job's id. */
export type CallControl = Pick<GenerateCall, 'signal' | 'onJobStarted'>;

/**
 * Everything decided before a row exists or a cent is spent; validated once here, so adapters trust it.
 * `invoke` is the operation's only own step: the rest of the pipeline is the same for every operation.
 */
export type OperationPlan = {
  operation: OperationRequest['operation'];
  provider: ImageProviderV1;
  model: ModelCapabilities;
  size: string;
  width: number;
  height: number;
  count: number;
  /** Per image: the seed the pipeline asks for (undefined where the model takes none). */
  seeds: (number | undefined)[];
  calls: PlannedCall[];
  /** What each row records before its call. */
  row: {
    prompt: string;
    negativePrompt?: string;
    quality?: string;
    style?: string;
    steps?: number;
    cfgScale?: number;
  };
  /** Known before the call: lifecycle, alias translations and knobs the model ignores. */
  warnings: CallWarning[];
  perImageUsd: number;
  estimateMicros: number;
  invoke(call: PlannedCall, control: CallControl): Promise<GenerateResult>;
};

export function planOperation(deps: Pick<Deps, 'providers'>, actor: Actor, request: OperationRequest): OperationPlan {
  switch (request.operation) {
    case 'generate':
      return planGeneration(deps, actor, request);
  }
}

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
): OperationPlan {
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
      cfgScale: request.cfgScale
    },
    warnings: [...resolved.warnings, ...(translated?.warnings ?? []), ...unsupportedSettingWarnings(model, settings)],
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

/**
 * Image i gets seed + i. A model that takes seeds always gets one (drawn when the request has none), so
 * every image it makes can be made again; a model without the knob gets none (its warning says so).
 */
function seedsFor(model: ModelCapabilities, count: number, requested: number | undefined): (number | undefined)[] {
  if (!model.knobs.includes('seed')) return Array.from({ length: count }, () => undefined);
  const first = requested ?? randomInt(0, MAX_SEED - count + 2);
  return Array.from({ length: count }, (_, index) => first + index);
}

/**
 * Calls of at most the model's images per call; one call per image where the vendor stamps one seed on a
 * whole call (`oneSeedPerCall`), so that image i really is seed + i.
 */
function planCalls(model: ModelCapabilities, count: number, seeds: (number | undefined)[]): PlannedCall[] {
  const perCall = model.oneSeedPerCall && seeds[0] !== undefined ? 1 : model.maxImagesPerCall;
  let first = 0;
  return splitIntoBatches(count, perCall).map((batchCount) => {
    const call = { first, count: batchCount, seed: seeds[first] };
    first += batchCount;
    return call;
  });
}
