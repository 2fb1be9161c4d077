import type { Vendor } from '../errors';
import type { EditInput } from '../kit/edit-inputs';
import type { KnobRanges } from '../kit/ranges';
import { SDXL_SIZES, sizesOfAspectRatios } from '../kit/sizes';
import type { EditCall, ModelCapabilities, OutputFormat, PriceRule } from '../types';

export const STABILITY_VENDOR: Vendor = { providerId: 'stability', label: 'Stability AI' };

export type StabilityModelId =
  | 'core'
  | 'ultra'
  | 'sd3.5-large'
  | 'sd3.5-large-turbo'
  | 'sd3.5-medium'
  | 'stable-diffusion-xl-1024-v1-0'
  | 'inpaint'
  | 'outpaint'
  | 'search-and-replace'
  | 'remove-background'
  | 'upscale-fast'
  | 'upscale-conservative'
  | 'upscale-creative'
  | (string & {});

export const STABILITY_DEFAULT_MODEL: StabilityModelId = 'core';

/** How a model's request is built (shared/providers/stability.md): v2beta multipart, with `model` for sd3, or v1 JSON. */
export type StabilityApi = 'stable-image' | 'sd3' | 'v1';

/** Stability bills credits: the estimate and the actual cost are credits at this instance's dollar value of one. */
export type StabilityPrice = PriceRule & { usdOfCredits(credits: number): number };

export type StabilityModel = ModelCapabilities &
  KnobRanges & {
    /** Path under the API root. */
    endpoint: string;
    api: StabilityApi;
    /** Credits one image (one call) costs; see the price notes below. */
    credits: number;
    price: StabilityPrice;
    /** For edit models: the edit inputs the endpoint takes, and those it cannot work without. */
    editInputs?: { uses: EditInput[]; requires: EditInput[] };
    upscaleMode?: NonNullable<EditCall['upscaleMode']>;
    /** Answered with a result id to poll (`GET /v2beta/results/{id}`) instead of the image. */
    async?: boolean;
  };

/** The v2beta `aspect_ratio` values. */
const ASPECT_RATIO_SIZING = sizesOfAspectRatios(['1:1', '16:9', '21:9', '2:3', '3:2', '4:5', '5:4', '9:16', '9:21']);

export const STYLE_PRESETS = [
  '3d-model',
  'analog-film',
  'anime',
  'cinematic',
  'comic-book',
  'digital-art',
  'enhance',
  'fantasy-art',
  'isometric',
  'line-art',
  'low-poly',
  'modeling-compound',
  'neon-punk',
  'origami',
  'photographic',
  'pixel-art',
  'tile-texture'
];

const ALL_FORMATS: OutputFormat[] = ['png', 'jpeg', 'webp'];

/** shared/providers/stability.md: "Prompt max length 10 000 chars (UNCONFIRMED)", for the v2beta endpoints. */
export const STABILITY_PROMPT_LENGTH = 10_000;

type ModelSpec = Omit<StabilityModel, 'price'>;

const stableImage: Pick<
  ModelSpec,
  | 'api'
  | 'operations'
  | 'sizes'
  | 'aspectRatios'
  | 'defaultSize'
  | 'maxImagesPerCall'
  | 'styles'
  | 'outputFormats'
  | 'maxPromptLength'
> = {
  api: 'stable-image',
  maxPromptLength: STABILITY_PROMPT_LENGTH,
  operations: ['generate'],
  sizes: ASPECT_RATIO_SIZING.sizes,
  aspectRatios: ASPECT_RATIO_SIZING.aspectRatios,
  defaultSize: '1024x1024',
  maxImagesPerCall: 1,
  styles: STYLE_PRESETS,
  outputFormats: ALL_FORMATS
};

const sd3: Pick<ModelSpec, 'endpoint' | 'knobs' | 'cfgScaleRange' | 'outputFormats' | 'textRendering' | 'lifecycle'> &
  typeof stableImage = {
  ...stableImage,
  api: 'sd3',
  endpoint: '/v2beta/stable-image/generate/sd3',
  // UNCONFIRMED: style_preset on sd3; the 1–10 cfg_scale range is Stability's API reference, not the contract doc.
  knobs: ['negativePrompt', 'seed', 'style', 'outputFormat', 'cfgScale'],
  cfgScaleRange: { min: 1, max: 10 },
  outputFormats: ['png', 'jpeg'],
  // Stability presents SD 3.5 for its typography (legible words in images).
  textRendering: true,
  lifecycle: { status: 'active' }
};

/** Edit models answer with an image the size of (or derived from) the input, so there is no size to choose. */
const edit: Pick<ModelSpec, 'api' | 'sizes' | 'defaultSize' | 'maxImagesPerCall' | 'textRendering' | 'lifecycle'> = {
  api: 'stable-image',
  textRendering: false,
  sizes: [],
  defaultSize: '',
  maxImagesPerCall: 1,
  lifecycle: { status: 'active' }
};

// Credits: https://stability.ai/api-pricing-update-25 (generation figures UNCONFIRMED in the contract doc, edits and
// upscales confirmed there except outpaint). Every call renders one image; the service splits larger counts.
const MODEL_SPECS: readonly ModelSpec[] = [
  {
    ...stableImage,
    id: 'core',
    label: 'Stable Image Core',
    description:
      "Stability AI's fast, low-cost text-to-image service: good general images with style presets, sized by aspect ratio.",
    endpoint: '/v2beta/stable-image/generate/core',
    credits: 3,
    knobs: ['negativePrompt', 'seed', 'style', 'outputFormat'],
    // UNCONFIRMED: Stability does not say Core renders text; Ultra is built on SD 3.5 Large, which does.
    textRendering: false,
    lifecycle: { status: 'active' }
  },
  {
    ...stableImage,
    id: 'ultra',
    label: 'Stable Image Ultra',
    description:
      "Stability AI's highest-quality text-to-image service (built on SD 3.5 Large): the most detailed and photoreal results, at the highest price.",
    endpoint: '/v2beta/stable-image/generate/ultra',
    credits: 8,
    knobs: ['negativePrompt', 'seed', 'style', 'outputFormat'],
    textRendering: true,
    lifecycle: { status: 'active' }
  },
  {
    ...sd3,
    id: 'sd3.5-large',
    label: 'Stable Diffusion 3.5 Large',
    description:
      'The largest Stable Diffusion 3.5 model: strong prompt following and typography, with guidance (cfg scale) control.',
    credits: 6.5
  },
  {
    ...sd3,
    id: 'sd3.5-large-turbo',
    label: 'Stable Diffusion 3.5 Large Turbo',
    description: 'SD 3.5 Large distilled to a few steps: close to Large in quality, faster and cheaper.',
    credits: 4
  },
  {
    ...sd3,
    id: 'sd3.5-medium',
    label: 'Stable Diffusion 3.5 Medium',
    description:
      'The smaller Stable Diffusion 3.5 model: the cheapest SD 3.5 option, a little less detailed than Large.',
    credits: 3.5
  },
  {
    id: 'stable-diffusion-xl-1024-v1-0',
    label: 'SDXL 1.0 (legacy v1 API)',
    description:
      "Stable Diffusion XL 1.0 on Stability's legacy v1 API, with steps, guidance and up to 4 images per call. Whether Stability still serves it is unconfirmed (it retired SD 1.6 in July 2025), so a call may be refused; prefer Core or SD 3.5.",
    api: 'v1',
    endpoint: '/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image',
    operations: ['generate'],
    sizes: SDXL_SIZES,
    defaultSize: '1024x1024',
    // UNCONFIRMED: v1 takes 1–10 samples; 4 keeps one call's cost and answer small.
    maxImagesPerCall: 4,
    knobs: ['negativePrompt', 'seed', 'steps', 'cfgScale', 'style'],
    // UNCONFIRMED: the v1 API's limit on a text prompt; SDXL draws letters poorly.
    maxPromptLength: 2000,
    textRendering: false,
    styles: STYLE_PRESETS,
    // UNCONFIRMED ranges (v1 docs).
    stepsRange: { min: 10, max: 50 },
    cfgScaleRange: { min: 0, max: 35 },
    // UNCONFIRMED: v1 priced SDXL by steps (third parties quote 0.2–0.9 credits); the upper figure keeps budgets safe.
    credits: 0.9,
    // No shutdown date has been announced for SDXL 1.0, and `deprecated` needs one; the description says the rest.
    lifecycle: { status: 'active' }
  },
  {
    ...edit,
    id: 'inpaint',
    label: 'Inpaint',
    description: 'Repaints the white area of a mask from a prompt, keeping the rest of the image.',
    endpoint: '/v2beta/stable-image/edit/inpaint',
    operations: ['inpaint'],
    knobs: ['negativePrompt', 'seed', 'style', 'outputFormat'],
    styles: STYLE_PRESETS,
    outputFormats: ALL_FORMATS,
    editInputs: { uses: ['prompt', 'mask'], requires: ['prompt', 'mask'] },
    maxPromptLength: STABILITY_PROMPT_LENGTH,
    credits: 5
  },
  {
    ...edit,
    id: 'outpaint',
    label: 'Outpaint',
    description: 'Extends the image beyond its edges (up to 2000 px per side), optionally guided by a prompt.',
    endpoint: '/v2beta/stable-image/edit/outpaint',
    operations: ['outpaint'],
    knobs: ['seed', 'outputFormat'],
    outputFormats: ALL_FORMATS,
    editInputs: { uses: ['prompt', 'expand', 'strength'], requires: ['expand'] },
    maxPromptLength: STABILITY_PROMPT_LENGTH,
    // UNCONFIRMED: not on the price update.
    credits: 4
  },
  {
    ...edit,
    id: 'search-and-replace',
    label: 'Search and replace',
    description: 'Finds what the search prompt names in the image and replaces it with what the prompt describes.',
    endpoint: '/v2beta/stable-image/edit/search-and-replace',
    operations: ['searchReplace'],
    knobs: ['negativePrompt', 'seed', 'outputFormat'],
    outputFormats: ALL_FORMATS,
    editInputs: { uses: ['prompt', 'searchPrompt'], requires: ['prompt', 'searchPrompt'] },
    maxPromptLength: STABILITY_PROMPT_LENGTH,
    credits: 5
  },
  {
    ...edit,
    id: 'remove-background',
    label: 'Remove background',
    description: 'Cuts out the subject: the background becomes transparent (PNG or WebP).',
    endpoint: '/v2beta/stable-image/edit/remove-background',
    operations: ['removeBackground'],
    knobs: ['outputFormat'],
    outputFormats: ['png', 'webp'],
    editInputs: { uses: [], requires: [] },
    credits: 5
  },
  {
    ...edit,
    id: 'upscale-fast',
    label: 'Upscale (fast)',
    description: 'Enlarges an image 4x in about a second, sharpening what is there without inventing detail.',
    endpoint: '/v2beta/stable-image/upscale/fast',
    operations: ['upscale'],
    knobs: ['outputFormat'],
    outputFormats: ALL_FORMATS,
    editInputs: { uses: ['scale', 'upscaleMode'], requires: [] },
    upscaleMode: 'fast',
    credits: 2
  },
  {
    ...edit,
    id: 'upscale-conservative',
    label: 'Upscale (conservative)',
    description:
      'Enlarges an image to a high resolution chosen by Stability, guided by a prompt and changing as little as possible.',
    endpoint: '/v2beta/stable-image/upscale/conservative',
    operations: ['upscale'],
    knobs: ['negativePrompt', 'seed', 'outputFormat'],
    outputFormats: ALL_FORMATS,
    editInputs: { uses: ['prompt', 'strength', 'upscaleMode'], requires: ['prompt'] },
    maxPromptLength: STABILITY_PROMPT_LENGTH,
    upscaleMode: 'conservative',
    credits: 40
  },
  {
    ...edit,
    id: 'upscale-creative',
    label: 'Upscale (creative)',
    description:
      'Enlarges even heavily degraded images to a high resolution chosen by Stability, reimagining detail from a prompt; runs as a job of a minute or more.',
    endpoint: '/v2beta/stable-image/upscale/creative',
    operations: ['upscale'],
    knobs: ['negativePrompt', 'seed', 'style', 'outputFormat'],
    styles: STYLE_PRESETS,
    outputFormats: ALL_FORMATS,
    editInputs: { uses: ['prompt', 'strength', 'upscaleMode'], requires: ['prompt'] },
    maxPromptLength: STABILITY_PROMPT_LENGTH,
    upscaleMode: 'creative',
    async: true,
    credits: 60
  }
];

export function formatUsd(usd: number): string {
  return `$${Number(usd.toPrecision(3))}`;
}

/** Credits and their dollar value, as messages say them. */
export function describeCredits(credits: number, usd: number): string {
  return `${credits} credits (≈ ${formatUsd(usd)})`;
}

/** The one price rule of every model: credits at this instance's dollar value of one (STABILITY_USD_PER_CREDIT). */
export function creditValue(usdPerCredit: number): (credits: number) => number {
  return (credits) => credits * usdPerCredit;
}

/** The catalog at this instance's price of a credit. */
export function stabilityModels(usdPerCredit: number): StabilityModel[] {
  const usdOfCredits = creditValue(usdPerCredit);
  return MODEL_SPECS.map((spec) => ({
    ...spec,
    price: {
      description: `${describeCredits(spec.credits, usdOfCredits(spec.credits))} per image`,
      unit: 'credit',
      perImageUsd: () => usdOfCredits(spec.credits),
      usdOfCredits
    }
  }));
}
