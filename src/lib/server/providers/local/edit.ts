import { AppError } from '../../errors';
import { decodeRgba, encodeRgba, type RgbaImage } from '../../images';
import { assertMaskFits, assertRequiredEditInputs, assertStrength, unusedEditInputWarnings } from '../kit/edit-inputs';
import type { CallWarning, EditCall, GenerateResult, ModelCapabilities, Operation, ProducedImage } from '../types';
import { labStatistics, opacityWeights, toLabPlanes, transferColours } from './colour-transfer';
import { mixPixels, maskWeights } from './composite';
import { planRenders } from './map';
import { LOCAL_MODELS } from './models';
import type { RenderPool } from './render-pool';

export type ProceduralEditDeps = { pool: RenderPool; randomSeed: () => number };

/** How far a variation departs from its source when the call names no strength. */
const DEFAULT_VARIATION_STRENGTH = 0.5;

/** Refuses an operation the model does not list, naming the local models that do it. */
export function assertLocalModelDoes(model: ModelCapabilities, operation: Operation): void {
  if (model.operations.includes(operation)) return;
  const able = LOCAL_MODELS.filter((candidate) => candidate.operations.includes(operation));
  throw new AppError(
    'unsupported',
    able.length > 0
      ? `${model.id} cannot do ${operation}; use ${able.map((candidate) => candidate.id).join(' or ')}.`
      : `${model.id} cannot do ${operation}, and no local model can.`
  );
}

/**
 * Renders one procedural image per requested image at the source's size and lets `combine` put it into the
 * source. Without a prompt the render is recoloured (Reinhard) to the source's own colours, measured where
 * `weights` say, so a fill or variation sits in the picture instead of bringing a random palette; a prompt
 * chooses the palette itself, as it does for generation.
 */
async function renderInto(
  call: EditCall,
  model: ModelCapabilities,
  deps: ProceduralEditDeps,
  source: RgbaImage,
  weights: Float32Array,
  combine: (render: Uint8Array | Uint8ClampedArray) => Uint8ClampedArray
): Promise<{ images: ProducedImage[]; warnings: CallWarning[]; palette: 'prompt' | 'source' }> {
  const prompt = call.prompt?.trim() ?? '';
  const { renders, warnings } = planRenders(
    { ...call, prompt, width: source.width, height: source.height },
    model,
    deps.randomSeed
  );
  const sourceColours = prompt === '' ? labStatistics(toLabPlanes(source.pixels), weights) : undefined;
  const images: ProducedImage[] = [];
  for (const render of renders) {
    call.signal?.throwIfAborted();
    const painted = await deps.pool.render(render, call.signal);
    const fill = sourceColours ? transferColours(painted, sourceColours) : painted;
    const bytes = await encodeRgba(combine(fill), source.width, source.height, 'png');
    images.push({ bytes, mediaType: 'image/png', seed: render.seed });
  }
  call.signal?.throwIfAborted();
  return { images, warnings, palette: sourceColours ? 'source' : 'prompt' };
}

function resultOf(
  model: ModelCapabilities,
  source: RgbaImage,
  rendered: Awaited<ReturnType<typeof renderInto>>,
  inputWarnings: CallWarning[]
): GenerateResult {
  return {
    images: rendered.images,
    warnings: [...rendered.warnings, ...inputWarnings],
    costUsd: rendered.images.length * model.price.perImageUsd(source),
    providerMetadata: { fill: 'procedural', palette: rendered.palette }
  };
}

/**
 * Inpaint as a procedural fill: each image is a fresh render shown through the mask (white replaces, grey
 * blends), so pixels outside the mask keep their bytes. Outpaint reaches here as an inpaint of the extended
 * canvas. The fill's colours are measured on the kept area only.
 */
export async function inpaintProcedurally(
  call: EditCall,
  model: ModelCapabilities,
  deps: ProceduralEditDeps
): Promise<GenerateResult> {
  assertRequiredEditInputs(model, call, ['mask']);
  assertMaskFits(call);
  const inputWarnings = unusedEditInputWarnings(model, call, ['prompt', 'mask']);
  const [source, mask] = await Promise.all([decodeRgba(call.image.bytes), decodeRgba(call.mask!.bytes)]);
  const change = maskWeights(mask.pixels);
  const keep = opacityWeights(source.pixels);
  for (let pixel = 0; pixel < keep.length; pixel++) keep[pixel] = keep[pixel]! * (1 - change[pixel]!);
  const rendered = await renderInto(call, model, deps, source, keep, (fill) => mixPixels(source.pixels, fill, change));
  return resultOf(model, source, rendered, inputWarnings);
}

/** Variation: fresh renders blended into the source by `strength` (0 = the source, 1 = the new render). */
export async function varyProcedurally(
  call: EditCall,
  model: ModelCapabilities,
  deps: ProceduralEditDeps
): Promise<GenerateResult> {
  assertStrength(call.strength);
  const inputWarnings = unusedEditInputWarnings(model, call, ['prompt', 'strength']);
  const source = await decodeRgba(call.image.bytes);
  const strength = call.strength ?? DEFAULT_VARIATION_STRENGTH;
  const rendered = await renderInto(call, model, deps, source, opacityWeights(source.pixels), (fill) =>
    mixPixels(source.pixels, fill, strength)
  );
  return resultOf(model, source, rendered, inputWarnings);
}
