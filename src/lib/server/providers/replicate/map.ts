import { z } from 'zod';
import { AppError } from '../../errors';
import { malformedAnswerError } from '../errors';
import { assertMaskFits, assertStrength, unusedEditInputWarnings, type EditInput } from '../kit/edit-inputs';
import { fitToRange } from '../kit/ranges';
import type { CallWarning, EditCall, GenerateCall, InputImage, OutputFormat } from '../types';
import { unsupportedSettingWarnings } from '../warnings';
import { endedWithoutImages } from './errors';
import { REPLICATE_VENDOR, type InputFamily, type ReplicateModel } from './models';

/** A model's `input` object, sent as is. */
export type PredictionInput = Record<string, unknown>;

/** Flux spells JPEG `jpg`. */
const FLUX_OUTPUT_FORMATS: Record<OutputFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

/**
 * Our generate call as the model's `input` (shared/providers/replicate.md, "Model inputs"); size, count
 * and seed were checked by the service's plan.
 */
export function generateInput(
  model: ReplicateModel,
  call: GenerateCall
): { input: PredictionInput; warnings: CallWarning[] } {
  const warnings = unsupportedSettingWarnings(model, call);
  const steps = fitToRange(model, 'steps', call.steps, warnings);
  const guidance = fitToRange(model, 'cfgScale', call.cfgScale, warnings);
  const seed = model.knobs.includes('seed') ? call.seed : undefined;
  if (model.family === 'flux') {
    const outputFormat =
      call.outputFormat && model.outputFormats?.includes(call.outputFormat) ? call.outputFormat : undefined;
    return {
      input: {
        prompt: call.prompt,
        aspect_ratio: model.aspectRatios?.[`${call.width}x${call.height}`],
        ...(model.maxImagesPerCall > 1 && { num_outputs: call.count }),
        ...(steps !== undefined && { num_inference_steps: steps }),
        ...(guidance !== undefined && { guidance }),
        ...(seed !== undefined && { seed }),
        ...(outputFormat && { output_format: FLUX_OUTPUT_FORMATS[outputFormat] })
      },
      warnings
    };
  }
  return {
    input: {
      prompt: call.prompt,
      width: call.width,
      height: call.height,
      num_outputs: call.count,
      ...(call.negativePrompt && { negative_prompt: call.negativePrompt }),
      ...(steps !== undefined && { num_inference_steps: steps }),
      ...(guidance !== undefined && { guidance_scale: guidance }),
      ...(seed !== undefined && { seed })
    },
    warnings
  };
}

// --- edits: Real-ESRGAN upscales, SDXL inpaints ---

/** Real-ESRGAN's own default factor. */
const DEFAULT_UPSCALE = 4;

/** The edit inputs each family has a field for. */
const INPUTS_USED: Record<Exclude<InputFamily, 'flux'>, EditInput[]> = {
  sdxl: ['prompt', 'mask', 'strength'],
  esrgan: ['scale', 'faceEnhance']
};

/**
 * Replicate takes input files as URLs or data URIs; a data URI keeps the image off Replicate's file store
 * (recommended below ~1 MB, accepted up to the SDK's 10 MB inline limit).
 */
function dataUri(image: InputImage): string {
  return `data:${image.mediaType};base64,${Buffer.from(image.bytes).toString('base64')}`;
}

function upscaleInput(call: EditCall): PredictionInput {
  return { image: dataUri(call.image), scale: call.scale ?? DEFAULT_UPSCALE, face_enhance: call.faceEnhance === true };
}

/** SDXL inpainting: the mask is already ours and Replicate's convention (white = repaint, black = keep). */
function inpaintInput(model: ReplicateModel, call: EditCall): PredictionInput {
  const { image, mask } = call;
  if (!mask) throw new AppError('validation', `${model.id} inpaints the white area of a mask; send a mask.`);
  assertMaskFits(call);
  const prompt = call.prompt?.trim();
  if (!prompt) throw new AppError('validation', 'A prompt describing what to paint into the masked area is required.');
  assertStrength(call.strength);
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
  const { family } = model;
  if (family === 'flux') throw new AppError('unsupported', `${model.id} does not edit images.`);
  const warnings = unusedEditInputWarnings(model, call, INPUTS_USED[family]);
  const input = family === 'esrgan' ? upscaleInput(call) : inpaintInput(model, call);
  const { negativePrompt, seed, quality, style, outputFormat } = call;
  return {
    input,
    warnings: [
      ...unsupportedSettingWarnings(model, { negativePrompt, seed, quality, style, outputFormat }),
      ...warnings
    ]
  };
}

// --- the prediction and its outputs (shared/providers/replicate.md, "Creating predictions", "Output shapes") ---

/** The fields of a prediction Atelier reads (shared/providers/replicate.md, "Creating predictions"). */
export const ZReplicatePrediction = z.looseObject({
  id: z.string().min(1),
  status: z.enum(['starting', 'processing', 'succeeded', 'failed', 'canceled', 'aborted']),
  input: z.record(z.string(), z.unknown()).optional(),
  /** An array of URLs or a single URL for the image models of our catalog. */
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  metrics: z.looseObject({ predict_time: z.number().nonnegative().optional() }).nullish()
});

export type ReplicatePrediction = z.infer<typeof ZReplicatePrediction>;

export function isFinished(prediction: ReplicatePrediction): boolean {
  return prediction.status !== 'starting' && prediction.status !== 'processing';
}

/** A prediction from the API or a webhook; anything else is an answer we cannot use. */
export function parsePrediction(value: unknown, where: string): ReplicatePrediction {
  const parsed = ZReplicatePrediction.safeParse(value);
  if (!parsed.success) {
    throw malformedAnswerError(REPLICATE_VENDOR, `${where} is not a prediction`, parsed.error);
  }
  return parsed.data;
}

/** The SDK's `FileOutput` (from `replicate.run()` with `useFileOutput`): a stream that also knows its URL. */
function isFileOutput(value: unknown): value is { url(): URL } {
  return typeof value === 'object' && value !== null && 'url' in value && typeof value.url === 'function';
}

/**
 * The image URLs (https:, or data: in sync mode) of a finished prediction: one (flux-1.1-pro, Real-ESRGAN)
 * or a list, as strings or the SDK's `FileOutput`s, whose URL is read the same bounded way as a string's.
 */
export function outputUrls(prediction: ReplicatePrediction): string[] {
  if (prediction.status !== 'succeeded') throw endedWithoutImages(prediction);
  const { output } = prediction;
  const entries = Array.isArray(output) ? output : output == null ? [] : [output];
  const urls = entries.map((entry) => (isFileOutput(entry) ? entry.url().href : entry));
  if (urls.length === 0 || !urls.every((url): url is string => typeof url === 'string')) {
    throw malformedAnswerError(REPLICATE_VENDOR, 'the prediction succeeded without image URLs');
  }
  return urls;
}

/** Flux's safety checker drops unsafe images from a batch instead of failing it. */
export function shortfallWarnings(model: ReplicateModel, requested: number, returned: number): CallWarning[] {
  if (returned >= requested) return [];
  return [
    {
      type: 'other',
      message: `${model.id} returned ${returned} of ${requested} images; its safety checker may have removed some.`
    }
  ];
}

/** The seed a call really used: the one sent in its input (Replicate reports none back). */
export function seedSent(input: PredictionInput): number | undefined {
  return typeof input.seed === 'number' ? input.seed : undefined;
}
