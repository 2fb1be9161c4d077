import { MAX_PROMPT_LENGTH, type ModelCapabilities, type PriceRule } from '../types';
import { COLOUR_LOOK_NAMES } from './colour-looks';
import { LOCAL_STYLES } from './look';

export type LocalModelId = 'procedural-v1' | 'esrgan-slim' | 'lanczos' | (string & {});

export const LOCAL_MODEL_ID: LocalModelId = 'procedural-v1';
export const ESRGAN_MODEL_ID = 'esrgan-slim';
export const LANCZOS_MODEL_ID = 'lanczos';
export const LOCAL_LABEL = 'Local (offline)';

/** Any size renders equally well; this list keeps requests comparable with the hosted providers' sizes. */
const SIZES = [
  '256x256',
  '512x512',
  '768x768',
  '1024x1024',
  '1024x1536',
  '1536x1024',
  '1024x768',
  '768x1024',
  '1792x1024',
  '1024x1792'
];

const FREE: PriceRule = { description: 'free (runs on this machine)', unit: 'free', perImageUsd: () => 0 };

export const LOCAL_MODELS: readonly ModelCapabilities[] = [
  {
    id: LOCAL_MODEL_ID,
    label: 'Procedural (offline)',
    description:
      'A deterministic procedural renderer running on this machine, not a diffusion model: it paints soft colour fields, light and simple scenery (hills, waves, stars, a sun) whose palette follows the colour and mood words of the prompt, but it does not draw the subjects you describe. The same prompt, seed, size and style always give the same image. Inpainting (and outpainting) fills the masked area with such a render, in the surrounding colours unless the prompt names others, and a variation blends a new render into the image: neither continues what the image shows.',
    operations: ['generate', 'inpaint', 'variation'],
    sizes: SIZES,
    defaultSize: '1024x1024',
    maxImagesPerCall: 4,
    knobs: ['seed', 'style'],
    // The request's own limit: the renderer reads only colour and mood words, and draws no text.
    maxPromptLength: MAX_PROMPT_LENGTH,
    textRendering: false,
    styles: [...LOCAL_STYLES],
    price: FREE,
    lifecycle: { status: 'active' }
  },
  {
    id: 'color-transfer',
    label: 'Colour transfer (offline)',
    description:
      "Recolours an image on this machine, not a diffusion model: Reinhard colour transfer moves the image's average and spread of lightness and colour (in the Oklab colour space) to those of a style image, or to a named look. Shapes and content stay as they are; the result has the image's size.",
    operations: ['style'],
    sizes: [],
    defaultSize: '',
    maxImagesPerCall: 1,
    knobs: ['style'],
    textRendering: false,
    styles: COLOUR_LOOK_NAMES,
    price: FREE,
    lifecycle: { status: 'active' }
  },
  {
    id: ESRGAN_MODEL_ID,
    label: 'ESRGAN slim (offline)',
    description:
      'Enlarges an image 2x or 4x on this machine with ESRGAN slim, a small super-resolution network (weights shipped in an npm package): edges come out sharper and closer to the original than with plain resampling, but it invents little detail, and it runs on one CPU core: seconds for small images, minutes for a 1024x1024 image at 4x.',
    operations: ['upscale'],
    // The output size follows the input image and the scale, so there is no size to choose.
    sizes: [],
    defaultSize: '',
    maxImagesPerCall: 1,
    knobs: [],
    textRendering: false,
    price: FREE,
    lifecycle: { status: 'active' }
  },
  {
    id: LANCZOS_MODEL_ID,
    label: 'Lanczos (fast, offline)',
    description:
      'Enlarges an image 2x or 4x on this machine with Lanczos3 resampling in a fraction of a second; smooth and faithful, but it adds no detail, so edges stay soft.',
    operations: ['upscale'],
    sizes: [],
    defaultSize: '',
    maxImagesPerCall: 1,
    knobs: [],
    textRendering: false,
    price: FREE,
    lifecycle: { status: 'active' }
  }
];
