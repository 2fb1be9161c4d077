import { AppError } from '../../errors';
import { malformedAnswerError, ProviderError } from '../errors';
import type { CallWarning, GenerateCall, Knob, OutputFormat } from '../types';
import { unsupportedSettingWarnings } from '../warnings';
import { REPLICATE_LABEL, REPLICATE_MODELS, REPLICATE_PROVIDER_ID, type ReplicateModel } from './models';
import type { ReplicatePrediction } from './prediction';

/** Seeds fit a Postgres `integer` column, like the other providers' seeds. */
export const MAX_SEED = 2 ** 31 - 1;

/** A model's `input` object, sent as is. */
export type PredictionInput = Record<string, unknown>;

/** Flux spells JPEG `jpg`. */
const FLUX_OUTPUT_FORMATS: Record<OutputFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

/** Safety checkers fail the prediction in their own words ("NSFW content detected", "…contained NSFW content"). */
const SAFETY_FAILURE = /nsfw|safety|unsafe|sensitive|inappropriate|explicit/i;

export function findReplicateModel(modelId: string): ReplicateModel {
  const model = REPLICATE_MODELS.find((candidate) => candidate.id === modelId);
  if (!model) {
    throw new AppError(
      'validation',
      `Replicate has no model "${modelId}" in Atelier. Available models: ${REPLICATE_MODELS.map((m) => m.id).join(', ')}.`
    );
  }
  return model;
}

export function assertOperation(model: ReplicateModel, operation: ReplicateModel['operations'][number]): void {
  if (!model.operations.includes(operation)) {
    throw new AppError('unsupported', `${model.id} cannot ${operation}; it can ${model.operations.join(', ')}.`);
  }
}

export function assertCount(model: ReplicateModel, count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > model.maxImagesPerCall) {
    throw new AppError('validation', `${model.id} makes 1 to ${model.maxImagesPerCall} images per call; got ${count}.`);
  }
}

export function assertSeed(seed: number | undefined): void {
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)) {
    throw new AppError('validation', `Seed must be a whole number from 0 to ${MAX_SEED}; got ${seed}.`);
  }
}

/** A numeric knob the model honours, brought into its range (with a warning saying so). */
function fitKnob(
  model: ReplicateModel,
  knob: Extract<Knob, 'steps' | 'cfgScale'>,
  value: number | undefined,
  warnings: CallWarning[]
): number | undefined {
  const range = knob === 'steps' ? model.stepsRange : model.cfgScaleRange;
  if (value === undefined || !model.knobs.includes(knob) || !range) return undefined;
  const bounded = Math.min(range.max, Math.max(range.min, value));
  const fitted = knob === 'steps' ? Math.round(bounded) : bounded;
  if (fitted !== value) {
    const name = knob === 'steps' ? 'steps' : 'guidance (cfg scale)';
    warnings.push({
      type: 'other',
      message: `${model.id} takes ${name} from ${range.min} to ${range.max}; ${fitted} was used instead of ${value}.`
    });
  }
  return fitted;
}

function assertGeneratable(model: ReplicateModel, call: GenerateCall): void {
  assertOperation(model, 'generate');
  if (call.prompt.trim() === '') throw new AppError('validation', 'A prompt is required to generate an image.');
  if (!model.sizes.includes(`${call.width}x${call.height}`)) {
    throw new AppError(
      'validation',
      `${model.id} does not render ${call.width}x${call.height}. Choose one of: ${model.sizes.join(', ')}.`
    );
  }
  assertCount(model, call.count);
  assertSeed(call.seed);
}

/** Our generate call as the model's `input` (shared/providers/replicate.md, "Model inputs"). */
export function generateInput(
  model: ReplicateModel,
  call: GenerateCall
): { input: PredictionInput; warnings: CallWarning[] } {
  assertGeneratable(model, call);
  const warnings = unsupportedSettingWarnings(model, call);
  const steps = fitKnob(model, 'steps', call.steps, warnings);
  const guidance = fitKnob(model, 'cfgScale', call.cfgScale, warnings);
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

function errorText(prediction: ReplicatePrediction): string {
  if (typeof prediction.error === 'string' && prediction.error.trim() !== '') return prediction.error.trim();
  return prediction.error ? JSON.stringify(prediction.error) : 'no reason given';
}

/** A prediction that ended without images, as the error the request answers with (the model ran). */
function endedWithoutImages(prediction: ReplicatePrediction): ProviderError {
  const details = { providerId: REPLICATE_PROVIDER_ID, beforePaidWork: false, vendorRequestId: prediction.id };
  if (prediction.status === 'failed') {
    const reason = errorText(prediction);
    if (SAFETY_FAILURE.test(reason)) {
      return new ProviderError(
        'content_policy',
        `The model's safety checker refused the result ("${reason}"); rephrase the prompt or use another image.`,
        { ...details, reason }
      );
    }
    return new ProviderError('provider_error', `${REPLICATE_LABEL}'s model failed: ${reason}`, { ...details, reason });
  }
  return new ProviderError(
    'provider_error',
    `The ${REPLICATE_LABEL} prediction ${prediction.id} was canceled before it finished.`,
    { ...details, reason: prediction.status }
  );
}

/** The image URLs of a finished prediction: one string (flux-1.1-pro, Real-ESRGAN) or a list. */
export function outputUrls(prediction: ReplicatePrediction): string[] {
  if (prediction.status !== 'succeeded') throw endedWithoutImages(prediction);
  const { output } = prediction;
  const urls = typeof output === 'string' ? [output] : Array.isArray(output) ? output : undefined;
  if (!urls || urls.length === 0 || !urls.every((url): url is string => typeof url === 'string')) {
    throw malformedAnswerError(REPLICATE_PROVIDER_ID, REPLICATE_LABEL, 'the prediction succeeded without image URLs');
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

/**
 * The actual cost: per image for official models, `metrics.predict_time` × $/s for per-second ones (the
 * estimate when Replicate did not report the time, flagged in `costEstimated`).
 */
export function costOf(
  model: ReplicateModel,
  prediction: ReplicatePrediction,
  image: { width: number; height: number },
  imageCount: number
): { costUsd: number; predictTimeS?: number; costEstimated?: true } {
  const { billing } = model;
  if (billing.per === 'image') return { costUsd: billing.usd * imageCount };
  const predictTimeS = prediction.metrics?.predict_time;
  if (predictTimeS === undefined) {
    return { costUsd: model.price.perImageUsd(image) * imageCount, costEstimated: true };
  }
  return { costUsd: predictTimeS * billing.usdPerSecond, predictTimeS };
}
