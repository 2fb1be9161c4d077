import { toFile } from 'openai';
import type { ImageCreateVariationParams, ImageEditParamsNonStreaming } from 'openai/resources/images';
import { AppError } from '../../errors';
import { maskToEditAlpha } from '../../images';
import type { CallWarning, EditCall, InputImage } from '../types';
import { assertCount, assertOperation } from '../call-checks';
import { assertPrompt, oneOf, OUTPUT_FORMATS, settleKnobs, type PricedAs } from './map';
import type { OpenAIModel } from './models';

const EDIT_QUALITIES = ['standard', 'low', 'medium', 'high', 'auto'] as const;
/** dall-e-2 takes one square PNG under 4 MB (shared/providers/openai-images.md, "POST /images/edits"). */
const DALL_E_2_MAX_BYTES = 4 * 1024 * 1024;
const DALL_E_2_SIZES = ['256x256', '512x512', '1024x1024'] as const;
const EXTENSIONS: Record<InputImage['mediaType'], string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp'
};

type Planned = { warnings: CallWarning[]; pricedAs: PricedAs };

/** `POST /images/edits` (inpaint, style) or `POST /images/variations` (dall-e-2 variations), as multipart. */
export type EditPlan =
  | (Planned & { endpoint: 'edit'; params: ImageEditParamsNonStreaming })
  | (Planned & { endpoint: 'variation'; params: ImageCreateVariationParams });

function asFile(image: InputImage, name: string) {
  return toFile(image.bytes, `${name}.${EXTENSIONS[image.mediaType]}`, { type: image.mediaType });
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
 * Validates an edit against the model and builds its multipart request. The first image is the one
 * edited (and the one the mask belongs to); extra images are references, for GPT image models only.
 */
export async function planEdit(call: EditCall, model: OpenAIModel): Promise<EditPlan> {
  assertOperation(model, call.operation);
  assertCount(model, call.count);
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
