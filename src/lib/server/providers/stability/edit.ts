import { AppError } from '../../errors';
import type { CallWarning, EditCall } from '../types';
import { unsupportedSettingWarnings } from '../warnings';
import { assertCount, assertOperation, assertSeed } from '../call-checks';
import { assertPromptLength, knownValue } from './checks';
import { appendImage, drawSeed, formOf, type PlannedRequest } from './map';
import type { EditInput, StabilityModel } from './models';

/** Outpaint adds at most this many pixels per side (shared/providers/stability.md, "Edit"). */
const MAX_EXPAND = 2000;
const SIDES = ['left', 'right', 'up', 'down'] as const;
/** Fast upscale always enlarges 4x. */
const FAST_UPSCALE_FACTOR = 4;

const INPUT_NAMES: Record<EditInput, string> = {
  prompt: 'prompt',
  mask: 'mask',
  searchPrompt: 'search prompt',
  expand: 'expansion (left, right, up, down)',
  scale: 'scale',
  upscaleMode: 'upscale mode',
  strength: 'strength (creativity)',
  faceEnhance: 'face enhancement',
  extraImages: 'extra reference images'
};

function isSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim() !== '';
  return value !== undefined && value !== null && value !== false;
}

/** Inputs the endpoint has no field for: said, never dropped silently; a mask is refused (the result would be wrong). */
function unusedInputWarnings(model: StabilityModel, call: EditCall, uses: EditInput[]): CallWarning[] {
  if (call.mask && !uses.includes('mask')) {
    throw new AppError('validation', `${model.id} works on the whole image; it takes no mask.`);
  }
  return (Object.keys(INPUT_NAMES) as EditInput[])
    .filter((input) => !uses.includes(input) && isSet(call[input]))
    .map((input) => ({ type: 'other', message: `${model.id} takes no ${INPUT_NAMES[input]}; it was not sent.` }));
}

function assertRequiredInputs(model: StabilityModel, call: EditCall, requires: EditInput[]): void {
  const missing = requires.filter((input) => !isSet(call[input]));
  if (missing.length > 0) {
    throw new AppError(
      'validation',
      `${model.id} cannot work without: ${missing.map((input) => INPUT_NAMES[input]).join(', ')}.`
    );
  }
}

function assertMaskFits(call: EditCall): void {
  const { image, mask } = call;
  if (mask && (mask.width !== image.width || mask.height !== image.height)) {
    throw new AppError(
      'validation',
      `The mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}; they must match.`
    );
  }
}

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

function assertStrength(strength: number | undefined): void {
  if (strength !== undefined && !(strength >= 0 && strength <= 1)) {
    throw new AppError('validation', `Strength (creativity) must be from 0 to 1; got ${strength}.`);
  }
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
  assertOperation(model, call.operation);
  const inputs = model.editInputs;
  if (!inputs) throw new AppError('unsupported', `${model.id} does not edit images.`);
  assertCount(model, call.count);
  assertSeed(call.seed);
  assertRequiredInputs(model, call, inputs.requires);
  assertPromptLength('prompt', call.prompt);
  assertPromptLength('negative prompt', call.negativePrompt);
  assertPromptLength('search prompt', call.searchPrompt);
  assertMaskFits(call);
  assertStrength(call.strength);
  const { negativePrompt, seed, quality, style, outputFormat } = call;
  const warnings = [
    ...unsupportedSettingWarnings(model, { negativePrompt, seed, quality, style, outputFormat }),
    ...unusedInputWarnings(model, call, inputs.uses),
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
