import { AppError } from '../../errors';
import { MAX_IMAGE_PIXELS, upscaleWithLanczos, type UpscaleScale } from '../../images';
import { unusedEditInputWarnings } from '../kit/edit-inputs';
import { findModel } from '../kit/find-model';
import type { EditCall, GenerateResult } from '../types';
import { unsupportedSettingWarnings } from '../warnings';
import { ESRGAN_MODEL_ID, LANCZOS_MODEL_ID, LOCAL_LABEL, LOCAL_MODELS } from './models';
import { esrganPool } from './upscale-pool';

const DEFAULT_SCALE: UpscaleScale = 2;

const megapixels = (pixels: number) => `${(pixels / 1_000_000).toFixed(1)} MP`;

function assertResultFits(call: EditCall, scale: UpscaleScale): void {
  const { width, height } = call.image;
  if (width * scale * height * scale <= MAX_IMAGE_PIXELS) return;
  const largest = Math.floor(Math.sqrt(MAX_IMAGE_PIXELS) / scale);
  throw new AppError(
    'validation',
    `Upscaling this ${width}×${height} image ${scale}× would make it ${width * scale}×${height * scale}, above the ${megapixels(MAX_IMAGE_PIXELS)} limit (4096×4096). For ${scale}× the image may have at most ${megapixels(MAX_IMAGE_PIXELS / scale ** 2)} (e.g. ${largest}×${largest}); choose a smaller scale or a smaller image.`
  );
}

/** The local provider's `upscale`: ESRGAN slim on a worker thread, or Lanczos3 at once. */
export async function upscaleLocally(call: EditCall): Promise<GenerateResult> {
  const model = findModel(LOCAL_LABEL, LOCAL_MODELS, call.model);
  if (model.id !== ESRGAN_MODEL_ID && model.id !== LANCZOS_MODEL_ID) {
    throw new AppError(
      'unsupported',
      `${model.id} cannot upscale; choose ${ESRGAN_MODEL_ID} (sharper, seconds) or ${LANCZOS_MODEL_ID} (instant).`
    );
  }
  const { negativePrompt, seed, quality, style, outputFormat } = call;
  const warnings = [
    ...unusedEditInputWarnings(model, call, ['scale']),
    ...unsupportedSettingWarnings(model, { negativePrompt, seed, quality, style, outputFormat })
  ];
  const scale = call.scale ?? DEFAULT_SCALE;
  assertResultFits(call, scale);
  call.signal?.throwIfAborted();
  const bytes =
    model.id === ESRGAN_MODEL_ID
      ? await esrganPool.run({ bytes: call.image.bytes, scale }, call.signal)
      : await upscaleWithLanczos(call.image.bytes, scale);
  call.signal?.throwIfAborted();
  return { images: [{ bytes, mediaType: 'image/png' }], warnings, costUsd: 0, providerMetadata: { scale } };
}
