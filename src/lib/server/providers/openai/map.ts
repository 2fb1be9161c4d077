import { toFile } from 'openai';
import type {
  ImageCreateVariationParams,
  ImageEditParamsNonStreaming,
  ImageGenerateParamsNonStreaming
} from 'openai/resources/images';
import { z } from 'zod';
import { AppError } from '../../errors';
import { maskToEditAlpha } from '../../images';
import { malformedAnswerError } from '../errors';
import { decodeBase64Image, parseAnswer, readJson } from '../kit/answers';
import { downloadVendorImage } from '../kit/download';
import { inputFileName } from '../kit/edit-inputs';
import type { CallWarning, EditCall, GenerateCall, GenerateResult, InputImage, Knob, ProducedImage } from '../types';
import { unsupportedSettingWarnings, type KnobSettings } from '../warnings';
import { OPENAI_VENDOR, type OpenAIModel } from './models';
import { actualCostUsd, type PricedAs } from './pricing';
import type { VendorCall } from './transport';

/** The SDK's enumerations, so a value checked against the model is also typed for the request. */
const QUALITIES = ['standard', 'hd', 'low', 'medium', 'high', 'auto'] as const;
const EDIT_QUALITIES = ['standard', 'low', 'medium', 'high', 'auto'] as const;
const BACKGROUNDS = ['transparent', 'opaque', 'auto'] as const;
const STYLES = ['vivid', 'natural'] as const;
const OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;
/** dall-e-2 takes one square PNG under 4 MB (shared/providers/openai-images.md, "POST /images/edits"). */
const DALL_E_2_MAX_BYTES = 4 * 1024 * 1024;
const DALL_E_2_SIZES = ['256x256', '512x512', '1024x1024'] as const;

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((candidate) => candidate === value);
}

function assertPrompt(model: OpenAIModel, prompt: string | undefined): string {
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
function settleKnobs(model: OpenAIModel, settings: KnobSettings) {
  const warnings = unsupportedSettingWarnings(model, settings);
  const refused = new Set(warnings.flatMap((warning) => (warning.type === 'unsupported' ? [warning.setting] : [])));
  const honoured = (knob: Knob, value: string | undefined) =>
    value === undefined || value === '' || refused.has(knob) ? undefined : value;
  return { warnings, honoured };
}

// --- generate: POST /images/generations (shared/providers/openai-images.md) ---

/** OpenAI refuses a transparent background in a format without alpha; better said before the call. */
function assertBackgroundFits(model: OpenAIModel, background: string | undefined, outputFormat: string | undefined) {
  if (background === 'transparent' && outputFormat === 'jpeg') {
    throw new AppError(
      'validation',
      `${model.id} cannot make a transparent background as JPEG; choose PNG or WebP output, or an opaque background.`
    );
  }
}

/** A generate call (size and count already checked by the service's plan) as OpenAI's request body. */
export function planGenerate(
  call: GenerateCall,
  model: OpenAIModel
): { params: ImageGenerateParamsNonStreaming; warnings: CallWarning[]; pricedAs: PricedAs } {
  const prompt = assertPrompt(model, call.prompt);
  const { warnings, honoured } = settleKnobs(model, call);
  const quality = oneOf(QUALITIES, honoured('quality', call.quality));
  const outputFormat = oneOf(OUTPUT_FORMATS, honoured('outputFormat', call.outputFormat));
  const background = oneOf(BACKGROUNDS, honoured('background', call.background));
  const style = oneOf(STYLES, honoured('style', call.style));
  assertBackgroundFits(model, background, outputFormat);

  const base = { model: model.id, prompt, n: call.count, size: `${call.width}x${call.height}` };
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

// --- edit: POST /images/edits (inpaint, style) or POST /images/variations (dall-e-2), as multipart ---

type Planned = { warnings: CallWarning[]; pricedAs: PricedAs };

export type EditPlan =
  | (Planned & { endpoint: 'edit'; params: ImageEditParamsNonStreaming })
  | (Planned & { endpoint: 'variation'; params: ImageCreateVariationParams });

function asFile(image: InputImage, name: string) {
  return toFile(image.bytes, inputFileName(image, name), { type: image.mediaType });
}

function assertSquarePng(model: OpenAIModel, image: InputImage): void {
  if (image.mediaType !== 'image/png' || image.width !== image.height) {
    throw new AppError(
      'validation',
      `${model.id} edits only square PNG images; this one is a ${image.width}x${image.height} ${image.mediaType}. Crop it square and save it as PNG, or choose a GPT image model.`
    );
  }
  if (image.bytes.byteLength >= DALL_E_2_MAX_BYTES) {
    throw new AppError('too_large', `${model.id} takes PNG images under 4 MB; this one is larger. Downscale it.`);
  }
}

/** dall-e-2 answers at one of its square sizes: the input's own when it is one, else the largest. */
function squareSize(image: InputImage) {
  const size = oneOf(DALL_E_2_SIZES, `${image.width}x${image.height}`) ?? '1024x1024';
  const side = Number(size.split('x')[0]);
  return { size, pricedAs: { width: side, height: side } };
}

function assertMaskUse(call: EditCall): void {
  if (call.operation === 'inpaint' && !call.mask) {
    throw new AppError(
      'validation',
      'Inpainting needs a mask: white where the image should change, black where it stays.'
    );
  }
  if (call.operation !== 'inpaint' && call.mask) {
    throw new AppError(
      'validation',
      `A ${call.operation} edit takes no mask; use inpaint to change only the masked area.`
    );
  }
}

/**
 * An edit as its multipart request. The first image is the one edited (and the one the mask belongs
 * to); extra images are references, for GPT image models only.
 */
export async function planEdit(call: EditCall, model: OpenAIModel): Promise<EditPlan> {
  const images = [call.image, ...(call.extraImages ?? [])];
  const maxImages = model.maxInputImages ?? 1;
  if (images.length > maxImages) {
    throw new AppError('validation', `${model.id} takes at most ${maxImages} images per edit; got ${images.length}.`);
  }
  assertMaskUse(call);
  if (model.family === 'dall-e') assertSquarePng(model, call.image);
  const { warnings, honoured } = settleKnobs(model, call);
  if (call.strength !== undefined) {
    warnings.push({ type: 'other', message: `${model.id} has no strength setting for edits; it was ignored.` });
  }

  if (call.operation === 'variation') {
    if (call.prompt?.trim()) warnings.push({ type: 'other', message: 'Variations take no prompt; it was not sent.' });
    const { size, pricedAs } = squareSize(call.image);
    const image = await asFile(call.image, 'image');
    return {
      endpoint: 'variation',
      params: { model: model.id, image, n: call.count, size, response_format: 'b64_json' },
      warnings,
      pricedAs
    };
  }

  const prompt = assertPrompt(model, call.prompt);
  const files = await Promise.all(images.map((image, index) => asFile(image, `image-${index + 1}`)));
  const mask =
    call.mask &&
    (await toFile(await maskToEditAlpha(call.mask.bytes, call.image.width, call.image.height), 'mask.png', {
      type: 'image/png'
    }));
  const base = {
    model: model.id,
    image: files.length === 1 ? files[0]! : files,
    prompt,
    n: call.count,
    ...(mask && { mask })
  };
  if (model.family === 'dall-e') {
    const { size, pricedAs } = squareSize(call.image);
    return { endpoint: 'edit', params: { ...base, size, response_format: 'b64_json' }, warnings, pricedAs };
  }
  const quality = oneOf(EDIT_QUALITIES, honoured('quality', call.quality));
  const outputFormat = oneOf(OUTPUT_FORMATS, honoured('outputFormat', call.outputFormat));
  return {
    endpoint: 'edit',
    params: { ...base, ...(quality && { quality }), ...(outputFormat && { output_format: outputFormat }) },
    warnings,
    pricedAs: { width: call.image.width, height: call.image.height, ...(quality && { quality }) }
  };
}

// --- the answer: ImagesResponse (shared/providers/openai-images.md, "Response") ---

/** The echoes (`size`, `quality`, …) say what was really made, and so what is billed. */
const ZImagesResponse = z.object({
  data: z
    .array(
      z.object({
        b64_json: z.string().nullish(),
        url: z.string().nullish(),
        revised_prompt: z.string().nullish()
      })
    )
    .min(1),
  usage: z
    .object({
      input_tokens: z.number().nonnegative(),
      output_tokens: z.number().nonnegative(),
      input_tokens_details: z
        .object({ text_tokens: z.number().nonnegative().optional(), image_tokens: z.number().optional() })
        .nullish()
    })
    .nullish(),
  size: z.string().nullish(),
  quality: z.string().nullish(),
  background: z.string().nullish(),
  output_format: z.string().nullish()
});

type ImagesAnswer = z.infer<typeof ZImagesResponse>;

async function toImage(
  entry: ImagesAnswer['data'][number],
  index: number,
  download: { signal: AbortSignal; fetch?: typeof fetch }
): Promise<ProducedImage> {
  const revisedPrompt = entry.revised_prompt ? { revisedPrompt: entry.revised_prompt } : {};
  if (entry.b64_json)
    return { ...decodeBase64Image(OPENAI_VENDOR, entry.b64_json, `image ${index + 1}`), ...revisedPrompt };
  if (entry.url) return { ...(await downloadVendorImage(OPENAI_VENDOR, entry.url, download)), ...revisedPrompt };
  throw malformedAnswerError(OPENAI_VENDOR, `image ${index + 1} has neither b64_json nor url`);
}

/** The echoed size when it is a real `WxH`; `auto` and absent leave what was asked. */
function madeAs(answer: ImagesAnswer, asked: PricedAs): PricedAs {
  const echoed = /^(\d+)x(\d+)$/.exec(answer.size ?? '');
  const quality = answer.quality ?? asked.quality;
  return {
    width: echoed ? Number(echoed[1]) : asked.width,
    height: echoed ? Number(echoed[2]) : asked.height,
    ...(quality && { quality })
  };
}

/**
 * A 2xx answer as Atelier's result: images decoded or downloaded, the actual cost by the model's price
 * rule, and what billing and support need.
 */
export async function readImagesAnswer(
  response: Response,
  context: { model: OpenAIModel; vendor: VendorCall; warnings: CallWarning[]; pricedAs: PricedAs; fetch?: typeof fetch }
): Promise<GenerateResult> {
  const { model, vendor } = context;
  const answer = parseAnswer(
    OPENAI_VENDOR,
    ZImagesResponse,
    await readJson(OPENAI_VENDOR, response, 'the answer'),
    'the answer'
  );
  const images = await Promise.all(
    answer.data.map((entry, index) => toImage(entry, index, { signal: vendor.deadline.signal, fetch: context.fetch }))
  );
  const usage = answer.usage ?? undefined;
  const vendorRequestId = response.headers.get('x-request-id');
  const echoed = {
    size: answer.size,
    quality: answer.quality,
    background: answer.background,
    outputFormat: answer.output_format
  };
  return {
    images,
    warnings: context.warnings,
    costUsd: actualCostUsd(model, { usage, images: images.length, madeAs: madeAs(answer, context.pricedAs) }),
    providerMetadata: {
      retries: vendor.retries(),
      ...(vendorRequestId && { vendorRequestId }),
      ...(usage && { usage }),
      ...Object.fromEntries(Object.entries(echoed).filter(([, value]) => value))
    }
  };
}
