import { randomInt } from 'node:crypto';
import { AppError } from '../../errors';
import type { CallWarning, GenerateCall, InputImage } from '../types';
import { unsupportedSettingWarnings } from '../warnings';
import { assertCount, assertOperation, assertSeed, assertSize, fitToRange, MAX_SEED } from '../call-checks';
import { assertPromptLength, knownValue } from './checks';
import type { StabilityModel } from './models';

/** One POST to Stability: multipart for every v2beta endpoint (even without files), JSON for the v1 API. */
export type VendorRequest = { path: string; form: FormData } | { path: string; json: Record<string, unknown> };

export type PlannedRequest = { request: VendorRequest; warnings: CallWarning[] };

/** Undefined fields are left out, so Stability applies its own defaults. */
export function formOf(fields: Record<string, string | number | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) form.append(name, String(value));
  }
  return form;
}

const EXTENSIONS: Record<InputImage['mediaType'], string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp'
};

export function appendImage(form: FormData, name: string, image: InputImage): void {
  form.append(
    name,
    new Blob([new Uint8Array(image.bytes)], { type: image.mediaType }),
    `${name}.${EXTENSIONS[image.mediaType]}`
  );
}

/**
 * Without a seed we draw one rather than let Stability pick: its seeds go up to 4294967294, which the seed
 * column cannot hold, and a seed we know keeps every image reproducible.
 */
export function drawSeed(): number {
  return randomInt(1, MAX_SEED + 1);
}

function assertGeneratable(model: StabilityModel, call: GenerateCall): void {
  assertOperation(model, 'generate');
  if (call.prompt.trim() === '') throw new AppError('validation', 'A prompt is required to generate an image.');
  assertPromptLength('prompt', call.prompt);
  assertPromptLength('negative prompt', call.negativePrompt);
  assertSize(model, call.width, call.height);
  assertCount(model, call.count);
  assertSeed(call.seed);
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

/** Our generate call as Stability's request, after every check that does not need Stability. */
export function planGenerate(model: StabilityModel, call: GenerateCall): PlannedRequest {
  assertGeneratable(model, call);
  const warnings = unsupportedSettingWarnings(model, call);
  const seed = call.seed ?? drawSeed();
  const request =
    model.api === 'v1' ? sdxlRequest(model, call, seed, warnings) : stableImageRequest(model, call, seed, warnings);
  return { request, warnings };
}
