import type { Vendor } from '../errors';
import type { KnobRanges } from '../kit/ranges';
import { SDXL_SIZES, sizesOfAspectRatios } from '../kit/sizes';
import type { ModelCapabilities, OutputFormat, PriceRule } from '../types';

export const REPLICATE_VENDOR: Vendor = { providerId: 'replicate', label: 'Replicate' };
/** Where prediction outputs are served from (`https://replicate.delivery/…`); downloads may redirect only there. */
export const REPLICATE_DELIVERY_HOSTS = ['replicate.delivery'] as const;

export type ReplicateModelId =
  | 'black-forest-labs/flux-schnell'
  | 'black-forest-labs/flux-dev'
  | 'black-forest-labs/flux-1.1-pro'
  | 'bytedance/sdxl-lightning-4step'
  | 'stability-ai/sdxl'
  | 'nightmareai/real-esrgan'
  | (string & {});

export const REPLICATE_DEFAULT_MODEL: ReplicateModelId = 'black-forest-labs/flux-schnell';

/**
 * Community models are run by a pinned version (shared/providers/replicate.md, "Creating predictions").
 * UNCONFIRMED as the latest versions: these are the hashes public code and replicate.com version pages cite;
 * confirm each with `GET /models/{owner}/{name}` (`latest_version.id`) before relying on new inputs.
 */
export const SDXL_VERSION = '39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b';
export const SDXL_LIGHTNING_VERSION = '5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637';
export const REAL_ESRGAN_VERSION = '42fed1c4974146d4d2414e2be2c5277c7fcf05fcc3a73abf41610695738c1d7b';

/** How a prediction is created: an official model by name, a community model by version. */
export type PredictionTarget = { model: string } | { version: string };

/** How our call becomes the model's `input` (each family names its fields differently). */
export type InputFamily = 'flux' | 'sdxl' | 'esrgan';

/** What a finished prediction reports that its bill depends on. */
export type PredictionRun = { images: number; width: number; height: number; predictTimeS?: number };

/**
 * Replicate bills official image models per image and community models per GPU-second of `predict_time`.
 * The same rule gives the estimate before a call and the actual cost after it.
 */
export type ReplicatePrice = PriceRule & {
  actualUsd(run: PredictionRun): { costUsd: number; predictTimeS?: number; costEstimated?: true };
};

/** Ranges (`KnobRanges`) are those the model accepts for `num_inference_steps` and its guidance field. */
export type ReplicateModel = ModelCapabilities &
  KnobRanges & {
    target: PredictionTarget;
    family: InputFamily;
    price: ReplicatePrice;
  };

/**
 * Flux is sized by `aspect_ratio`; the size shown for each ratio is the nominal ~1 megapixel output
 * (UNCONFIRMED: Flux renders about these dimensions, the exact ones may differ by a few pixels).
 */
const FLUX = sizesOfAspectRatios(['1:1', '16:9', '21:9', '3:2', '2:3', '4:5', '5:4', '3:4', '4:3', '9:16', '9:21']);
const FLUX_OUTPUT_FORMATS: OutputFormat[] = ['png', 'jpeg', 'webp'];

// Hardware prices per second: https://replicate.com/pricing. Which hardware a community model runs on is
// on its model page; only SDXL's is confirmed there (A40 Large, "typically complete within 8 seconds").
const A40_LARGE_USD_PER_SECOND = 0.000725;
const H100_USD_PER_SECOND = 0.001525;
const T4_USD_PER_SECOND = 0.000225;

function perImage(usd: number, note: string): ReplicatePrice {
  return {
    description: `$${usd} per image${note}`,
    unit: 'image',
    perImageUsd: () => usd,
    actualUsd: ({ images }) => ({ costUsd: usd * images })
  };
}

/** Billed by run time; a run that reports none is charged as the estimate, and says so (`costEstimated`). */
function perSecond(usdPerSecond: number, typicalSeconds: number, note: string): ReplicatePrice {
  const perImageUsd = () => usdPerSecond * typicalSeconds;
  return {
    description: `$${usdPerSecond} per GPU-second of run time${note}; estimated at ${typicalSeconds} s per image`,
    unit: 'second',
    perImageUsd,
    actualUsd: ({ images, predictTimeS }) =>
      predictTimeS === undefined
        ? { costUsd: perImageUsd() * images, costEstimated: true }
        : { costUsd: predictTimeS * usdPerSecond, predictTimeS }
  };
}

const fluxBase: Pick<
  ReplicateModel,
  | 'operations'
  | 'sizes'
  | 'aspectRatios'
  | 'defaultSize'
  | 'outputFormats'
  | 'family'
  | 'oneSeedPerCall'
  | 'textRendering'
  | 'lifecycle'
> = {
  operations: ['generate'],
  // FLUX is known for legible lettering.
  textRendering: true,
  sizes: FLUX.sizes,
  aspectRatios: FLUX.aspectRatios,
  defaultSize: '1024x1024',
  outputFormats: FLUX_OUTPUT_FORMATS,
  family: 'flux',
  oneSeedPerCall: true,
  lifecycle: { status: 'active' }
};

const sdxlBase: Pick<
  ReplicateModel,
  | 'sizes'
  | 'defaultSize'
  | 'maxImagesPerCall'
  | 'knobs'
  | 'family'
  | 'oneSeedPerCall'
  | 'maxPromptLength'
  | 'textRendering'
  | 'lifecycle'
> = {
  sizes: SDXL_SIZES,
  // UNCONFIRMED: SDXL's text encoders read 77 tokens (about 300 characters); Replicate cuts nothing, the rest is unread.
  maxPromptLength: 300,
  textRendering: false,
  defaultSize: '1024x1024',
  maxImagesPerCall: 4,
  knobs: ['negativePrompt', 'seed', 'steps', 'cfgScale'],
  family: 'sdxl',
  oneSeedPerCall: true,
  lifecycle: { status: 'active' }
};

// Model inputs and output shapes: shared/providers/replicate.md, "Model inputs" and "Prices".
export const REPLICATE_MODELS: readonly ReplicateModel[] = [
  {
    ...fluxBase,
    id: 'black-forest-labs/flux-schnell',
    label: 'FLUX.1 [schnell]',
    description:
      "Black Forest Labs' fastest FLUX model (1–4 steps): good drafts in about a second, up to 4 per call, sized by aspect ratio.",
    target: { model: 'black-forest-labs/flux-schnell' },
    maxImagesPerCall: 4,
    knobs: ['seed', 'steps', 'outputFormat'],
    // UNCONFIRMED: schnell's T5 encoder reads 256 tokens (about 1000 characters).
    maxPromptLength: 1000,
    stepsRange: { min: 1, max: 4 },
    // UNCONFIRMED: third-party summaries of replicate.com/pricing.
    price: perImage(0.003, ' (unconfirmed)')
  },
  {
    ...fluxBase,
    id: 'black-forest-labs/flux-dev',
    label: 'FLUX.1 [dev]',
    description:
      'The open-weight FLUX model with guidance and up to 50 steps: more detail and better prompt following than schnell, up to 4 per call.',
    target: { model: 'black-forest-labs/flux-dev' },
    maxImagesPerCall: 4,
    knobs: ['seed', 'steps', 'cfgScale', 'outputFormat'],
    // UNCONFIRMED: dev's T5 encoder reads 512 tokens (about 2000 characters); so does pro's.
    maxPromptLength: 2000,
    stepsRange: { min: 1, max: 50 },
    cfgScaleRange: { min: 0, max: 10 },
    // UNCONFIRMED: third-party summaries of replicate.com/pricing.
    price: perImage(0.025, ' (unconfirmed)')
  },
  {
    ...fluxBase,
    id: 'black-forest-labs/flux-1.1-pro',
    label: 'FLUX1.1 [pro]',
    description:
      "Black Forest Labs' commercial FLUX model: the best image quality and prompt following of the three, one image per call.",
    target: { model: 'black-forest-labs/flux-1.1-pro' },
    maxImagesPerCall: 1,
    knobs: ['seed', 'outputFormat'],
    maxPromptLength: 2000,
    // UNCONFIRMED: flux-pro is $0.055 on its model page; 1.1-pro's $0.04 is not confirmed on a Replicate page.
    price: perImage(0.04, ' (unconfirmed)')
  },
  {
    ...sdxlBase,
    id: 'bytedance/sdxl-lightning-4step',
    label: 'SDXL-Lightning (4 steps)',
    description:
      "ByteDance's SDXL distilled to 4 steps: SDXL-style images in about two seconds, with negative prompts, up to 4 per call.",
    operations: ['generate'],
    target: { version: SDXL_LIGHTNING_VERSION },
    stepsRange: { min: 1, max: 10 },
    cfgScaleRange: { min: 0, max: 50 },
    // UNCONFIRMED: the hardware (assumed H100) and the typical run time.
    price: perSecond(H100_USD_PER_SECOND, 2, ' (hardware unconfirmed)')
  },
  {
    ...sdxlBase,
    id: 'stability-ai/sdxl',
    label: 'Stable Diffusion XL',
    description:
      "Stability AI's SDXL 1.0 with up to 500 steps and classifier-free guidance; also repaints the white area of a mask (inpainting).",
    operations: ['generate', 'inpaint'],
    target: { version: SDXL_VERSION },
    stepsRange: { min: 1, max: 500 },
    cfgScaleRange: { min: 1, max: 50 },
    price: perSecond(A40_LARGE_USD_PER_SECOND, 8, '')
  },
  {
    id: 'nightmareai/real-esrgan',
    label: 'Real-ESRGAN',
    description:
      'Real-ESRGAN super-resolution on a GPU: enlarges an image 2x or 4x, optionally restoring faces with GFPGAN; it does not generate.',
    operations: ['upscale'],
    // The output size follows the input image and the scale, so there is no size to choose.
    sizes: [],
    defaultSize: '',
    maxImagesPerCall: 1,
    knobs: [],
    textRendering: false,
    target: { version: REAL_ESRGAN_VERSION },
    family: 'esrgan',
    // UNCONFIRMED: the hardware (assumed T4) and the typical run time, which grows with the image.
    price: perSecond(T4_USD_PER_SECOND, 10, ' (hardware unconfirmed)'),
    lifecycle: { status: 'active' }
  }
];
