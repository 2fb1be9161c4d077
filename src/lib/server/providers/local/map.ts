import { AppError } from '../../errors';
import type { CallWarning, GenerateCall, Knob, ModelCapabilities } from '../types';
import { DEFAULT_STYLE, isLocalStyle, LOCAL_STYLES, type LocalStyle } from './look';
import type { RenderRequest } from './render';

/** Seeds fit a Postgres `integer` column, like the other providers' seeds. */
export const MAX_SEED = 2 ** 31 - 1;

function unhonouredKnobs(call: GenerateCall, model: ModelCapabilities): CallWarning[] {
  const given: Record<Exclude<Knob, 'seed' | 'style'>, boolean> = {
    negativePrompt: call.negativePrompt !== undefined && call.negativePrompt.trim() !== '',
    steps: call.steps !== undefined,
    cfgScale: call.cfgScale !== undefined,
    quality: call.quality !== undefined
  };
  return (Object.keys(given) as (keyof typeof given)[])
    .filter((knob) => given[knob] && !model.knobs.includes(knob))
    .map((setting) => ({ type: 'unsupported', setting }));
}

function chooseStyle(style: string | undefined): { style: LocalStyle; warnings: CallWarning[] } {
  if (style === undefined || isLocalStyle(style)) return { style: style ?? DEFAULT_STYLE, warnings: [] };
  return {
    style: DEFAULT_STYLE,
    warnings: [
      {
        type: 'unsupported',
        setting: 'style',
        details: `Unknown style "${style}"; used "${DEFAULT_STYLE}". Available styles: ${LOCAL_STYLES.join(', ')}.`
      }
    ]
  };
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
  const { style, warnings: styleWarnings } = chooseStyle(call.style);
  const firstSeed = call.seed ?? randomSeed();
  const renders = Array.from({ length: call.count }, (_, index) => ({
    prompt: call.prompt,
    seed: (firstSeed + index) % (MAX_SEED + 1),
    width: call.width,
    height: call.height,
    style
  }));
  return { renders, warnings: [...unhonouredKnobs(call, model), ...styleWarnings] };
}
