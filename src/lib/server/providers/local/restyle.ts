import { AppError } from '../../errors';
import { decodeRgba, encodeRgba } from '../../images';
import { assertStrength, unusedEditInputWarnings } from '../kit/edit-inputs';
import type { CallWarning, EditCall, GenerateResult, ModelCapabilities } from '../types';
import { unsupportedSettingWarnings } from '../warnings';
import { COLOUR_LOOK_NAMES, findColourLook } from './colour-looks';
import { labStatistics, opacityWeights, toLabPlanes, transferColours, type LabTarget } from './colour-transfer';
import { mixPixels } from './composite';

/** The target: the style image's statistics when there is one, else the named look's. */
async function targetOf(
  call: EditCall,
  model: ModelCapabilities
): Promise<{ target: LabTarget; warnings: CallWarning[] }> {
  const look = call.style === undefined ? undefined : findColourLook(call.style);
  const [styleImage, ...unused] = call.extraImages ?? [];
  if (!styleImage) {
    if (look) return { target: look, warnings: [] };
    throw new AppError(
      'validation',
      `${model.id} takes its colours from a style image or a look (${COLOUR_LOOK_NAMES.join(', ')}), not from a prompt: give one of them.`
    );
  }
  const warnings: CallWarning[] = [];
  if (look) {
    warnings.push({
      type: 'other',
      message: `The colours came from the style image; the look "${call.style}" was not applied.`
    });
  }
  if (unused.length > 0) {
    warnings.push({
      type: 'other',
      message: `${model.id} takes one style image; ${unused.length === 1 ? 'the second was' : `the other ${unused.length} were`} not used.`
    });
  }
  const { pixels } = await decodeRgba(styleImage.bytes);
  return { target: labStatistics(toLabPlanes(pixels), opacityWeights(pixels)), warnings };
}

/**
 * Restyle by Reinhard colour transfer towards a style image or a named look, blended with the source by
 * `strength` (default 1: the full transfer). Only colours change, so the result has the source's size.
 */
export async function restyle(call: EditCall, model: ModelCapabilities): Promise<GenerateResult> {
  assertStrength(call.strength);
  const { negativePrompt, seed, quality, style, outputFormat } = call;
  const inputWarnings = [
    ...unsupportedSettingWarnings(model, { negativePrompt, seed, quality, style, outputFormat }),
    ...unusedEditInputWarnings(model, call, ['strength', 'extraImages'])
  ];
  const { target, warnings } = await targetOf(call, model);
  const source = await decodeRgba(call.image.bytes);
  const transferred = transferColours(source.pixels, target);
  const pixels = call.strength === undefined ? transferred : mixPixels(source.pixels, transferred, call.strength);
  const bytes = await encodeRgba(pixels, source.width, source.height, 'png');
  call.signal?.throwIfAborted();
  return {
    images: [{ bytes, mediaType: 'image/png' }],
    warnings: [...inputWarnings, ...warnings],
    costUsd: model.price.perImageUsd(source),
    providerMetadata: { colours: call.extraImages?.length ? 'style image' : `look ${call.style}` }
  };
}
