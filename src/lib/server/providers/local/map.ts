import { AppError } from '../../errors';
import type { CallWarning, GenerateCall, ModelCapabilities } from '../types';
import { unsupportedSettingWarnings } from '../warnings';
import { DEFAULT_STYLE, isLocalStyle, type LocalStyle } from './look';
import type { RenderRequest } from './render';

/** Seeds fit a Postgres `integer` column, like the other providers' seeds. */
export const MAX_SEED = 2 ** 31 - 1;

/** An unknown style falls back to the default; `unsupportedSettingWarnings` reports it. */
function chooseStyle(style: string | undefined): LocalStyle {
  return style !== undefined && isLocalStyle(style) ? style : DEFAULT_STYLE;
}

function assertRenderable(call: GenerateCall, model: ModelCapabilities): void {
  if (!model.sizes.includes(`${call.width}x${call.height}`)) {
    throw new AppError(
      'validation',
      `${model.id} does not render ${call.width}x${call.height}. Choose one of: ${model.sizes.join(', ')}.`
    );
  }
  if (!Number.isInteger(call.count) || call.count < 1 || call.count > model.maxImagesPerCall) {
    throw new AppError(
      'validation',
      `${model.id} renders 1 to ${model.maxImagesPerCall} images per call; got ${call.count}.`
    );
  }
  if (call.seed !== undefined && (!Number.isInteger(call.seed) || call.seed < 0 || call.seed > MAX_SEED)) {
    throw new AppError('validation', `Seed must be a whole number from 0 to ${MAX_SEED}; got ${call.seed}.`);
  }
}

/**
 * Turns a call into one render per image. Without a seed a random one is drawn (and reported back), so every
 * image can be reproduced; image i of a call uses seed + i.
 */
export function planRenders(
  call: GenerateCall,
  model: ModelCapabilities,
  randomSeed: () => number
): { renders: RenderRequest[]; warnings: CallWarning[] } {
  assertRenderable(call, model);
  const style = chooseStyle(call.style);
  const firstSeed = call.seed ?? randomSeed();
  const renders = Array.from({ length: call.count }, (_, index) => ({
    prompt: call.prompt,
    seed: (firstSeed + index) % (MAX_SEED + 1),
    width: call.width,
    height: call.height,
    style
  }));
  return { renders, warnings: unsupportedSettingWarnings(model, call) };
}
