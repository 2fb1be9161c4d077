import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../errors';
import { malformedAnswerError, ProviderError } from '../errors';
import { decodeBase64Image, parseAnswer } from '../kit/answers';
import {
  assertMaskFits,
  assertRequiredEditInputs,
  assertStrength,
  inputFileName,
  unusedEditInputWarnings,
  type EditInput
} from '../kit/edit-inputs';
import { fitToRange } from '../kit/ranges';
import {
  MAX_SEED,
  type CallWarning,
  type EditCall,
  type GenerateCall,
  type InputImage,
  type ProducedImage
} from '../types';
import { unsupportedSettingWarnings } from '../warnings';
import { ChargedRefusalError } from './errors';
import { describeCredits, STABILITY_PROMPT_LENGTH, STABILITY_VENDOR, type StabilityModel } from './models';

function assertPromptLength(what: string, text: string | undefined): void {
  if (text !== undefined && text.length > STABILITY_PROMPT_LENGTH) {
    throw new AppError(
      'validation',
      `The ${what} has ${text.length} characters; Stability takes at most ${STABILITY_PROMPT_LENGTH}.`
    );
  }
}

/** An enumerated value the model knows, else nothing (`unsupportedSettingWarnings` has said so). */
function knownValue<T extends string>(allowed: readonly T[] | undefined, value: T | undefined): T | undefined {
  return value !== undefined && allowed?.includes(value) ? value : undefined;
}

/** One POST to Stability: multipart for every v2beta endpoint (even without files), JSON for the v1 API. */
export type VendorRequest = { path: string; form: FormData } | { path: string; json: Record<string, unknown> };

export type PlannedRequest = { request: VendorRequest; warnings: CallWarning[] };

/** Undefined fields are left out, so Stability applies its own defaults. */
function formOf(fields: Record<string, string | number | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) form.append(name, String(value));
  }
  return form;
}

function appendImage(form: FormData, name: string, image: InputImage): void {
  form.append(name, new Blob([new Uint8Array(image.bytes)], { type: image.mediaType }), inputFileName(image, name));
}

/**
 * Without a seed we draw one rather than let Stability pick: its seeds go up to 4294967294, which the seed
 * column cannot hold, and a seed we know keeps every image reproducible.
 */
function drawSeed(): number {
  return randomInt(1, MAX_SEED + 1);
}

/** SDXL on the v1 API: a negative prompt is a second text prompt with weight −1. */
function sdxlRequest(model: StabilityModel, call: GenerateCall, seed: number, warnings: CallWarning[]): VendorRequest {
  const steps = fitToRange(model, 'steps', call.steps, warnings);
  const cfgScale = fitToRange(model, 'cfgScale', call.cfgScale, warnings);
  const style = knownValue(model.styles, call.style);
  return {
    path: model.endpoint,
    json: {
      text_prompts: [
        { text: call.prompt, weight: 1 },
        ...(call.negativePrompt ? [{ text: call.negativePrompt, weight: -1 }] : [])
      ],
      width: call.width,
      height: call.height,
      samples: call.count,
      seed,
      ...(steps !== undefined && { steps }),
      ...(cfgScale !== undefined && { cfg_scale: cfgScale }),
      ...(style !== undefined && { style_preset: style })
    }
  };
}

/** Core, Ultra and SD 3.5 (shared/providers/stability.md, "Generate"): sized by `aspect_ratio`. */
function stableImageRequest(
  model: StabilityModel,
  call: GenerateCall,
  seed: number,
  warnings: CallWarning[]
): VendorRequest {
  const isSd3 = model.api === 'sd3';
  const cfgScale = isSd3 ? fitToRange(model, 'cfgScale', call.cfgScale, warnings) : undefined;
  return {
    path: model.endpoint,
    form: formOf({
      prompt: call.prompt,
      negative_prompt: call.negativePrompt || undefined,
      aspect_ratio: model.aspectRatios?.[`${call.width}x${call.height}`],
      seed,
      output_format: knownValue(model.outputFormats, call.outputFormat),
      style_preset: knownValue(model.styles, call.style),
      ...(isSd3 && { model: model.id, mode: 'text-to-image', cfg_scale: cfgScale })
    })
  };
}

/** Our generate call (size, count and seed already checked by the service's plan) as Stability's request. */
export function planGenerate(model: StabilityModel, call: GenerateCall): PlannedRequest {
  assertPromptLength('prompt', call.prompt);
  assertPromptLength('negative prompt', call.negativePrompt);
  const warnings = unsupportedSettingWarnings(model, call);
  const seed = call.seed ?? drawSeed();
  const request =
    model.api === 'v1' ? sdxlRequest(model, call, seed, warnings) : stableImageRequest(model, call, seed, warnings);
  return { request, warnings };
}

// --- edits and upscales (shared/providers/stability.md, "Edit", "Upscale") ---

/** Outpaint adds at most this many pixels per side (shared/providers/stability.md, "Edit"). */
const MAX_EXPAND = 2000;
const SIDES = ['left', 'right', 'up', 'down'] as const;
/** Fast upscale always enlarges 4x. */
const FAST_UPSCALE_FACTOR = 4;

function expansionOf(call: EditCall): Partial<Record<(typeof SIDES)[number], number>> {
  const expand = call.expand ?? {};
  for (const side of SIDES) {
    const pixels = expand[side];
    if (pixels !== undefined && (!Number.isInteger(pixels) || pixels < 0 || pixels > MAX_EXPAND)) {
      throw new AppError(
        'validation',
        `Outpainting adds 0 to ${MAX_EXPAND} whole pixels per side; ${side} was ${pixels}.`
      );
    }
  }
  if (!SIDES.some((side) => (expand[side] ?? 0) > 0)) {
    throw new AppError(
      'validation',
      'Outpainting needs at least one side (left, right, up, down) to grow by 1 pixel or more.'
    );
  }
  return Object.fromEntries(SIDES.filter((side) => (expand[side] ?? 0) > 0).map((side) => [side, expand[side]]));
}

/** The upscale mode is the model's; a different one asked for would bill and behave differently. */
function upscaleWarnings(model: StabilityModel, call: EditCall): CallWarning[] {
  if (call.upscaleMode !== undefined && call.upscaleMode !== model.upscaleMode) {
    throw new AppError(
      'validation',
      `${model.id} upscales in ${model.upscaleMode} mode; for ${call.upscaleMode} mode use the model upscale-${call.upscaleMode}.`
    );
  }
  if (model.upscaleMode === 'fast' && call.scale !== undefined && call.scale !== FAST_UPSCALE_FACTOR) {
    return [
      {
        type: 'other',
        message: `${model.id} always enlarges ${FAST_UPSCALE_FACTOR}x; ${call.scale}x was not possible.`
      }
    ];
  }
  return [];
}

/** Our edit call as a multipart request to the model's endpoint (shared/providers/stability.md, "Edit", "Upscale"). */
export function planEdit(model: StabilityModel, call: EditCall): PlannedRequest {
  const inputs = model.editInputs;
  if (!inputs) throw new AppError('unsupported', `${model.id} does not edit images.`);
  assertRequiredEditInputs(model, call, inputs.requires);
  assertPromptLength('prompt', call.prompt);
  assertPromptLength('negative prompt', call.negativePrompt);
  assertPromptLength('search prompt', call.searchPrompt);
  assertMaskFits(call);
  assertStrength(call.strength);
  const { negativePrompt, seed, quality, style, outputFormat } = call;
  const warnings = [
    ...unsupportedSettingWarnings(model, { negativePrompt, seed, quality, style, outputFormat }),
    ...unusedEditInputWarnings(model, call, inputs.uses),
    ...upscaleWarnings(model, call)
  ];
  const uses = (input: EditInput) => inputs.uses.includes(input);
  const honours = (knob: 'negativePrompt' | 'seed') => model.knobs.includes(knob);
  const form = formOf({
    prompt: uses('prompt') ? call.prompt?.trim() || undefined : undefined,
    search_prompt: uses('searchPrompt') ? call.searchPrompt : undefined,
    negative_prompt: honours('negativePrompt') ? negativePrompt || undefined : undefined,
    seed: honours('seed') ? (seed ?? drawSeed()) : undefined,
    creativity: uses('strength') ? call.strength : undefined,
    output_format: knownValue(model.outputFormats, outputFormat),
    style_preset: knownValue(model.styles, style),
    ...(uses('expand') && expansionOf(call))
  });
  appendImage(form, 'image', call.image);
  if (call.mask && uses('mask')) appendImage(form, 'mask', call.mask);
  return { request: { path: model.endpoint, form }, warnings };
}

// --- answers (shared/providers/stability.md, "Request conventions", "Legacy v1") ---

const ZSeed = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** v2beta with `Accept: application/json` (shared/providers/stability.md, "Request conventions"). */
const ZImageAnswer = z.object({ image: z.string().min(1), finish_reason: z.string(), seed: ZSeed.optional() });
const ZJobAnswer = z.object({ id: z.string().min(1) });
/** v1 text-to-image (shared/providers/stability.md, "Legacy v1"). */
const ZArtifactsAnswer = z.object({
  artifacts: z.array(z.object({ base64: z.string().optional(), seed: ZSeed.optional(), finishReason: z.string() }))
});
const ZBalance = z.object({ credits: z.number() });

/** What one answer produced, the credits Stability charged for it, and their cost by the model's price rule. */
export type Outcome = { images: ProducedImage[]; warnings: CallWarning[]; credits: number; costUsd: number };

export type AnswerContext = { model: StabilityModel; vendorRequestId?: string };

function charged(context: AnswerContext, images: number) {
  const credits = context.model.credits * images;
  return { credits, costUsd: context.model.price.usdOfCredits(credits) };
}

function decodeImage(base64: string, seed: number | undefined, warnings: CallWarning[]): ProducedImage {
  const image = decodeBase64Image(STABILITY_VENDOR, base64, 'the image');
  if (seed === undefined) return image;
  if (seed > MAX_SEED) {
    warnings.push({
      type: 'other',
      message: `Stability used seed ${seed}, above the largest seed Atelier stores (${MAX_SEED}); this image cannot be repeated by its seed.`
    });
    return image;
  }
  return { ...image, seed };
}

function filteredError(context: AnswerContext, filtered: number, billed: number): ChargedRefusalError {
  const { credits, costUsd } = charged(context, billed);
  const images = filtered === 1 ? 'the image' : `${filtered} images`;
  return new ChargedRefusalError(
    `${STABILITY_VENDOR.label}'s safety filter blurred ${images} (CONTENT_FILTERED), so nothing usable came back, but ${describeCredits(credits, costUsd)} were still charged. Rephrase the prompt or use other images.`,
    { credits, costUsd, vendorRequestId: context.vendorRequestId }
  );
}

function unfinishedError(context: AnswerContext, reason: string): ProviderError {
  return new ProviderError('provider_error', `${STABILITY_VENDOR.label} finished without an image (${reason}).`, {
    providerId: STABILITY_VENDOR.providerId,
    beforePaidWork: false,
    reason,
    vendorRequestId: context.vendorRequestId
  });
}

/** A v2beta image answer: `SUCCESS` gives the image, `CONTENT_FILTERED` was charged and is refused. */
export function imageOutcome(body: unknown, context: AnswerContext, warnings: CallWarning[]): Outcome {
  const answer = parseAnswer(STABILITY_VENDOR, ZImageAnswer, body, 'the image answer');
  if (answer.finish_reason === 'CONTENT_FILTERED') throw filteredError(context, 1, 1);
  if (answer.finish_reason !== 'SUCCESS') throw unfinishedError(context, answer.finish_reason);
  const outputWarnings = [...warnings];
  // Stability reports a seed even for endpoints that take none (upscales, background removal): not ours to keep.
  const seed = context.model.knobs.includes('seed') ? answer.seed : undefined;
  const image = decodeImage(answer.image, seed, outputWarnings);
  return { images: [image], warnings: outputWarnings, ...charged(context, 1) };
}

/**
 * A v1 answer with one artifact per sample; every sample is billed, filtered or not. Some filtered samples
 * are a warning beside the good ones; all filtered is a charged refusal.
 */
export function artifactsOutcome(body: unknown, context: AnswerContext, warnings: CallWarning[]): Outcome {
  const { artifacts } = parseAnswer(STABILITY_VENDOR, ZArtifactsAnswer, body, 'the text-to-image answer');
  const outputWarnings = [...warnings];
  const images = artifacts.flatMap((artifact) =>
    artifact.finishReason === 'SUCCESS' && artifact.base64
      ? [decodeImage(artifact.base64, artifact.seed, outputWarnings)]
      : []
  );
  const filtered = artifacts.filter((artifact) => artifact.finishReason === 'CONTENT_FILTERED').length;
  if (artifacts.length === 0) throw malformedAnswerError(STABILITY_VENDOR, 'the answer holds no artifacts');
  if (images.length === 0 && filtered > 0) throw filteredError(context, filtered, artifacts.length);
  if (images.length === 0)
    throw unfinishedError(context, artifacts.map((artifact) => artifact.finishReason).join(', '));
  const lost = artifacts.length - images.length;
  if (lost > 0) {
    outputWarnings.push({
      type: 'other',
      message: `${lost} of ${artifacts.length} images did not come back (${filtered} blurred by Stability's safety filter); all were charged.`
    });
  }
  return { images, warnings: outputWarnings, ...charged(context, artifacts.length) };
}

export function jobIdOf(body: unknown): string {
  return parseAnswer(STABILITY_VENDOR, ZJobAnswer, body, 'the new job').id;
}

export function creditsOf(body: unknown): number {
  return parseAnswer(STABILITY_VENDOR, ZBalance, body, 'the balance').credits;
}
