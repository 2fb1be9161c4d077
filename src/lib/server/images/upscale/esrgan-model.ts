import type * as Tf from '@tensorflow/tfjs';
import { requireCommonJs, tensorFlow, type TensorFlow } from '../tensorflow';
import type { UpscaleScale } from './types';

/** A patch of `upscaler`'s tiling: `pre` is the input tile with its context, `post` the part of it kept. */
export type Patch = {
  pre: { origin: [number, number]; size: [number, number] };
  post: { origin: [number, number]; size: [number, number] };
};

/** The part of `upscaler/node` used here (its published typings for `upscaler/node` are empty). */
type Upscaler = {
  execute(image: Tf.Tensor3D, options: { output: 'tensor' }): Promise<Tf.Tensor3D>;
  getModel(): Promise<unknown>;
};
type UpscalerModule = {
  new (options: { model: unknown }): Upscaler;
  /** Tiles covering a `[width, height]` image, row by row, `padding` pixels of context on inner sides. */
  getPatchesFromImage(size: [number, number], patchSize: number, padding: number): Patch[][];
};

/**
 * ESRGAN slim (a residual dense network, ~0.9 MB of weights per scale) from `@upscalerjs/esrgan-slim`:
 * the weights are files inside the npm package, read from node_modules, never downloaded.
 */
const MODEL_PACKAGES: Record<UpscaleScale, string> = {
  2: '@upscalerjs/esrgan-slim/2x',
  4: '@upscalerjs/esrgan-slim/4x'
};

export type EsrganModel = { tf: TensorFlow; upscaler: Upscaler; patches: UpscalerModule['getPatchesFromImage'] };

const loaded = new Map<UpscaleScale, Promise<EsrganModel>>();

async function load(scale: UpscaleScale): Promise<EsrganModel> {
  const tf = await tensorFlow();
  // Loaded after TensorFlow.js: `upscaler/node` requires it (through vendor/tfjs-node-shim) when loaded.
  const Upscaler = requireCommonJs('upscaler/node') as UpscalerModule;
  const upscaler = new Upscaler({ model: requireCommonJs(MODEL_PACKAGES[scale]) });
  await upscaler.getModel();
  return { tf, upscaler, patches: Upscaler.getPatchesFromImage };
}

/** The model of `scale`, loaded on first use and kept for the life of the thread. */
export function esrganModel(scale: UpscaleScale): Promise<EsrganModel> {
  let model = loaded.get(scale);
  if (!model) {
    model = load(scale);
    loaded.set(scale, model);
    model.catch(() => loaded.delete(scale));
  }
  return model;
}
