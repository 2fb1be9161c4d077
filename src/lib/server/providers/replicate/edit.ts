import { AppError } from '../../errors';
import type { CallWarning, EditCall, InputImage } from '../types';
import { unsupportedSettingWarnings } from '../warnings';
import { assertCount, assertOperation, assertSeed } from '../call-checks';
import type { PredictionInput } from './map';
import type { InputFamily, ReplicateModel } from './models';

/** Real-ESRGAN's own default factor. */
const DEFAULT_UPSCALE = 4;

type EditExtra =
  'prompt' | 'strength' | 'scale' | 'faceEnhance' | 'upscaleMode' | 'extraImages' | 'searchPrompt' | 'expand';

const EXTRA_NAMES: Record<EditExtra, string> = {
  prompt: 'a prompt',
  strength: 'a strength',
  scale: 'a scale',
  faceEnhance: 'face enhancement',
  upscaleMode: 'an upscale mode',
  extraImages: 'extra reference images',
  searchPrompt: 'a search prompt',
  expand: 'an expansion'
};

const EXTRAS_USED: Record<Exclude<InputFamily, 'flux'>, EditExtra[]> = {
  sdxl: ['prompt', 'strength'],
  esrgan: ['scale', 'faceEnhance']
};

/**
 * Replicate takes input files as URLs or data URIs; a data URI keeps the image off Replicate's file store
 * (recommended below ~1 MB, accepted up to the SDK's 10 MB inline limit).
 */
function dataUri(image: InputImage): string {
  return `data:${image.mediaType};base64,${Buffer.from(image.bytes).toString('base64')}`;
}

function isSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== '' && value !== false;
}

/** Edit fields this model has no input for: said, never dropped silently. */
function ignoredExtraWarnings(model: ReplicateModel, family: keyof typeof EXTRAS_USED, call: EditCall): CallWarning[] {
  const used = EXTRAS_USED[family];
  return (Object.keys(EXTRA_NAMES) as EditExtra[])
    .filter((extra) => !used.includes(extra) && isSet(call[extra]))
    .map((extra) => ({ type: 'other', message: `${model.id} takes no ${EXTRA_NAMES[extra]}; it was ignored.` }));
}

function upscaleInput(model: ReplicateModel, call: EditCall): PredictionInput {
  if (call.mask) throw new AppError('validation', `${model.id} upscales the whole image; it takes no mask.`);
  return { image: dataUri(call.image), scale: call.scale ?? DEFAULT_UPSCALE, face_enhance: call.faceEnhance === true };
}

/** SDXL inpainting: the mask is already ours and Replicate's convention (white = repaint, black = keep). */
function inpaintInput(model: ReplicateModel, call: EditCall): PredictionInput {
  const { image, mask } = call;
  if (!mask) throw new AppError('validation', `${model.id} inpaints the white area of a mask; send a mask.`);
  if (mask.width !== image.width || mask.height !== image.height) {
    throw new AppError(
      'validation',
      `The mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}; they must match.`
    );
  }
  const prompt = call.prompt?.trim();
  if (!prompt) throw new AppError('validation', 'A prompt describing what to paint into the masked area is required.');
  if (call.strength !== undefined && (call.strength < 0 || call.strength > 1)) {
    throw new AppError('validation', `Strength must be from 0 to 1; got ${call.strength}.`);
  }
  return {
    prompt,
    image: dataUri(image),
    mask: dataUri(mask),
    num_outputs: call.count,
    ...(call.negativePrompt && { negative_prompt: call.negativePrompt }),
    ...(call.strength !== undefined && { prompt_strength: call.strength }),
    ...(call.seed !== undefined && { seed: call.seed })
  };
}

/** Our edit call as the model's `input`: Real-ESRGAN upscales, SDXL inpaints. */
export function editInput(model: ReplicateModel, call: EditCall): { input: PredictionInput; warnings: CallWarning[] } {
  assertOperation(model, call.operation);
  assertCount(model, call.count);
  assertSeed(call.seed);
  const { family } = model;
  if (family === 'flux') throw new AppError('unsupported', `${model.id} does not edit images.`);
  const input = family === 'esrgan' ? upscaleInput(model, call) : inpaintInput(model, call);
  const { negativePrompt, seed, quality, style, outputFormat } = call;
  return {
    input,
    warnings: [
      ...unsupportedSettingWarnings(model, { negativePrompt, seed, quality, style, outputFormat }),
      ...ignoredExtraWarnings(model, family, call)
    ]
  };
}
