import type { ImageGenerateParamsNonStreaming } from 'openai/resources/images';
import { AppError } from '../../errors';
import type { CallWarning, GenerateCall, Knob } from '../types';
import { unsupportedSettingWarnings, type KnobSettings } from '../warnings';
import { assertCount, assertOperation } from '../call-checks';
import { OPENAI_LABEL, type OpenAIModel } from './models';

/** The SDK's enumerations, so a value checked against the model is also typed for the request. */
const QUALITIES = ['standard', 'hd', 'low', 'medium', 'high', 'auto'] as const;
const BACKGROUNDS = ['transparent', 'opaque', 'auto'] as const;
const STYLES = ['vivid', 'natural'] as const;
export const OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;

export function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** What a model was asked to make, for the per-image price when the answer reports no token usage. */
export type PricedAs = { width: number; height: number; quality?: string };

export function findModel(models: readonly OpenAIModel[], modelId: string): OpenAIModel {
  const model = models.find((candidate) => candidate.id === modelId);
  if (!model) {
    throw new AppError(
      'validation',
      `${OPENAI_LABEL} has no model "${modelId}" here. Choose one of: ${models.map((known) => known.id).join(', ')}.`
    );
  }
  return model;
}

export function assertPrompt(model: OpenAIModel, prompt: string | undefined): string {
  const text = prompt?.trim() ?? '';
  if (text === '') throw new AppError('validation', `${model.id} needs a prompt describing the image.`);
  if (model.maxPromptLength !== undefined && text.length > model.maxPromptLength) {
    throw new AppError(
      'validation',
      `${model.id} takes prompts of at most ${model.maxPromptLength} characters; this one has ${text.length}. Shorten it.`
    );
  }
  return text;
}

/**
 * The warnings for a call's knobs, and the knob values to send: those no warning was given for, so what
 * is sent and what is reported come from one rule (`unsupportedSettingWarnings`).
 */
export function settleKnobs(model: OpenAIModel, settings: KnobSettings) {
  const warnings = unsupportedSettingWarnings(model, settings);
  const refused = new Set(warnings.flatMap((warning) => (warning.type === 'unsupported' ? [warning.setting] : [])));
  const honoured = (knob: Knob, value: string | undefined) =>
    value === undefined || value === '' || refused.has(knob) ? undefined : value;
  return { warnings, honoured };
}

/** OpenAI refuses a transparent background in a format without alpha; better said before the call. */
function assertBackgroundFits(model: OpenAIModel, background: string | undefined, outputFormat: string | undefined) {
  if (background === 'transparent' && outputFormat === 'jpeg') {
    throw new AppError(
      'validation',
      `${model.id} cannot make a transparent background as JPEG; choose PNG or WebP output, or an opaque background.`
    );
  }
}

/** A generate call as OpenAI's `POST /images/generations` body (shared/providers/openai-images.md). */
export function planGenerate(
  call: GenerateCall,
  model: OpenAIModel
): { params: ImageGenerateParamsNonStreaming; warnings: CallWarning[]; pricedAs: PricedAs } {
  assertOperation(model, 'generate');
  const prompt = assertPrompt(model, call.prompt);
  const size = `${call.width}x${call.height}`;
  if (!model.sizes.includes(size)) {
    throw new AppError(
      'validation',
      `${model.id} does not make ${size} images. Choose one of: ${model.sizes.join(', ')}.`
    );
  }
  assertCount(model, call.count);
  const { warnings, honoured } = settleKnobs(model, call);
  const quality = oneOf(QUALITIES, honoured('quality', call.quality));
  const outputFormat = oneOf(OUTPUT_FORMATS, honoured('outputFormat', call.outputFormat));
  const background = oneOf(BACKGROUNDS, honoured('background', call.background));
  const style = oneOf(STYLES, honoured('style', call.style));
  assertBackgroundFits(model, background, outputFormat);

  const base = { model: model.id, prompt, n: call.count, size };
  const params: ImageGenerateParamsNonStreaming =
    model.family === 'gpt-image'
      ? {
          ...base,
          ...(quality && { quality }),
          ...(outputFormat && { output_format: outputFormat }),
          ...(background && { background })
        }
      : // DALL·E and self-hosted servers answer with a URL unless asked for base64.
        { ...base, response_format: 'b64_json', ...(quality && { quality }), ...(style && { style }) };
  return {
    params,
    warnings,
    pricedAs: { width: call.width, height: call.height, ...(quality && { quality }) }
  };
}
