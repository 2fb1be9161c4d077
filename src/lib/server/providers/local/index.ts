import { randomInt } from 'node:crypto';
import { AppError } from '../../errors';
import { encodeRgba } from '../../images';
import { findModel } from '../kit/find-model';
import {
  MAX_SEED,
  type EditCall,
  type GenerateCall,
  type GenerateResult,
  type ImageProviderV1,
  type ProducedImage
} from '../types';
import { assertLocalModelDoes, inpaintProcedurally, varyProcedurally } from './edit';
import { planRenders } from './map';
import { LOCAL_LABEL, LOCAL_MODEL_ID, LOCAL_MODELS } from './models';
import { sharedRenderPool, type RenderPool } from './render-pool';
import { restyle } from './restyle';
import { upscaleLocally } from './upscale';

export type LocalProviderOptions = {
  /** Source of seeds for calls without one; defaults to a cryptographically random integer. */
  randomSeed?: () => number;
  /** Worker threads that paint the images; defaults to the shared pool of one. */
  renderPool?: RenderPool;
};

/** The built-in provider: works offline with nothing configured, costs nothing, and says plainly what it is. */
export function createLocalProvider(options: LocalProviderOptions = {}): ImageProviderV1 {
  const randomSeed = options.randomSeed ?? (() => randomInt(0, MAX_SEED + 1));
  const pool = options.renderPool ?? sharedRenderPool(1);
  return {
    specificationVersion: 'v1',
    id: 'local',
    label: LOCAL_LABEL,
    kind: 'procedural offline renderer — not a diffusion model',
    models: LOCAL_MODELS,
    defaultModel: LOCAL_MODEL_ID,
    async generate(call: GenerateCall): Promise<GenerateResult> {
      const model = findModel(LOCAL_LABEL, LOCAL_MODELS, call.model);
      assertLocalModelDoes(model, 'generate');
      const { renders, warnings } = planRenders(call, model, randomSeed);
      const images: ProducedImage[] = [];
      for (const render of renders) {
        call.signal?.throwIfAborted();
        const pixels = await pool.render(render, call.signal);
        const bytes = await encodeRgba(pixels, render.width, render.height, 'png');
        images.push({ bytes, mediaType: 'image/png', seed: render.seed });
      }
      call.signal?.throwIfAborted();
      const costUsd = renders.reduce((sum, render) => sum + model.price.perImageUsd(render), 0);
      return { images, warnings, costUsd, providerMetadata: { style: renders[0]?.style } };
    },
    async edit(call: EditCall): Promise<GenerateResult> {
      const model = findModel(LOCAL_LABEL, LOCAL_MODELS, call.model);
      assertLocalModelDoes(model, call.operation);
      switch (call.operation) {
        case 'inpaint':
          return inpaintProcedurally(call, model, { pool, randomSeed });
        case 'variation':
          return varyProcedurally(call, model, { pool, randomSeed });
        case 'style':
          return restyle(call, model);
        case 'upscale':
          return upscaleLocally(call);
        default:
          throw new AppError('unsupported', `The local provider cannot do ${call.operation}.`);
      }
    }
  };
}
