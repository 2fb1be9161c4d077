import { AppError } from '../../errors';
import { malformedAnswerError, ProviderError } from '../errors';
import type { CallWarning, GenerateCall, OutputFormat } from '../types';
import { assertCount, assertOperation, assertSeed, assertSize, fitToRange } from '../call-checks';
import { unsupportedSettingWarnings } from '../warnings';
import { REPLICATE_LABEL, REPLICATE_MODELS, REPLICATE_PROVIDER_ID, type ReplicateModel } from './models';
import type { ReplicatePrediction } from './prediction';

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

function assertGeneratable(model: ReplicateModel, call: GenerateCall): void {
  assertOperation(model, 'generate');
  if (call.prompt.trim() === '') throw new AppError('validation', 'A prompt is required to generate an image.');
  assertSize(model, call.width, call.height);
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
