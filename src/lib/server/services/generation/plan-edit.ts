import { AppError } from '../../errors';
import { extendCanvas, MAX_IMAGE_PIXELS } from '../../images';
import type { EditCall, InputImage } from '../../providers/types';
import { unsupportedSettingWarnings } from '../../providers/warnings';
import { usdToMicros } from '../budgets';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { chooseEditModel } from './edit-model';
import { planCalls, seedsFor } from './batches';
import type { OperationPlan } from './plan';
import { checkGenerationPolicy } from './policy';
import type { EditRequest } from './request';

/**
 * Resolves and checks an edit: a model that can do it (refused before any row or cent otherwise), the
 * size of the result, seeds, calls and the price of each image at the size it comes out. An outpaint on a
 * model that only inpaints becomes an inpaint of the extended canvas with the mask of the added area.
 */
export function planEdit(deps: Pick<Deps, 'providers'>, actor: Actor, request: EditRequest): OperationPlan {
  if (request.operation === 'style' && !request.look && !request.styleImage && !request.prompt) {
    throw new AppError('validation', 'Say which style to apply: a look, a styleImage or a prompt.');
  }
  const resolved = chooseEditModel(deps, actor, request);
  const { provider, model } = resolved;
  const edit = provider.edit?.bind(provider);
  if (!edit) throw new AppError('unsupported', `${provider.id} cannot edit images.`);
  checkGenerationPolicy(actor.policy, { providerId: provider.id, modelId: model.id, count: request.count });
  const { source } = request;
  const { width, height } = outputSize(request);
  const viaInpaint = request.operation === 'outpaint' && !model.operations.includes('outpaint');
  let canvas: Promise<{ image: InputImage; mask: InputImage }> | undefined;
  const extendedCanvas = () => (canvas ??= extendCanvas(source.image, request.expand!));
  const seeds = seedsFor(model, request.count, request.seed);
  const perImageUsd = model.price.perImageUsd({ width, height });
  const prompt = request.prompt ?? source.prompt;
  return {
    operation: request.operation,
    provider,
    model,
    size: `${width}x${height}`,
    width,
    height,
    count: request.count,
    seeds,
    calls: planCalls(model, request.count, seeds),
    row: {
      prompt,
      negativePrompt: request.negativePrompt,
      style: request.look,
      parentImageId: source.id,
      editType: request.operation,
      strength: request.strength
    },
    mask: request.mask,
    warnings: [
      ...resolved.warnings,
      ...unsupportedSettingWarnings(model, {
        seed: request.seed,
        negativePrompt: request.negativePrompt,
        outputFormat: request.outputFormat
      })
    ],
    perImageUsd,
    estimateMicros: request.count * usdToMicros(perImageUsd),
    async invoke(call, control) {
      const inputs: Pick<EditCall, 'operation' | 'image' | 'mask' | 'expand'> = viaInpaint
        ? { operation: 'inpaint', ...(await extendedCanvas()) }
        : { operation: request.operation, image: source.image, mask: request.mask, expand: request.expand };
      return edit({
        ...inputs,
        ...control,
        model: model.id,
        extraImages: request.styleImage ? [request.styleImage] : undefined,
        prompt: request.prompt,
        negativePrompt: request.negativePrompt,
        searchPrompt: request.searchPrompt,
        scale: request.scale,
        strength: request.strength,
        faceEnhance: request.faceEnhance,
        style: request.look,
        outputFormat: request.outputFormat,
        count: call.count,
        seed: call.seed
      });
    }
  };
}

/** The result's size: the source's, larger by the scale of an upscale or the margins of an outpaint. */
function outputSize(request: EditRequest): { width: number; height: number } {
  const { width, height } = request.source.image;
  if (request.operation === 'upscale') {
    const scale = request.scale ?? 2;
    return checkedSize(width * scale, height * scale, `${scale}x upscale of a ${width}x${height} image`);
  }
  if (request.operation === 'outpaint') {
    const { left, right, up, down } = request.expand ?? { left: 0, right: 0, up: 0, down: 0 };
    if (left + right + up + down === 0) {
      throw new AppError(
        'validation',
        'Outpainting needs at least one side to extend: set expand.left, right, up or down.'
      );
    }
    return checkedSize(width + left + right, height + up + down, `outpainted ${width}x${height} image`);
  }
  return { width, height };
}

function checkedSize(width: number, height: number, what: string): { width: number; height: number } {
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError(
      'validation',
      `The ${what} would be ${width}x${height}, more than the ${MAX_IMAGE_PIXELS / 1_000_000} MP Atelier stores; use a smaller scale or image.`
    );
  }
  return { width, height };
}
