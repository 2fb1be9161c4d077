import type { Vendor } from '../errors';
import type { ModelCapabilities, OutputFormat } from '../types';
import { perImagePrice, type PerImageTable, type TokenPrices } from './pricing';

/** How a model is talked to: GPT image and DALL·E requests differ; `compatible` is a self-hosted server's own model. */
export type OpenAIModelFamily = 'gpt-image' | 'dall-e' | 'compatible';

/** A catalog entry: the capabilities, plus what the adapter needs to call and bill the model. */
export type OpenAIModel = ModelCapabilities & {
  family: OpenAIModelFamily;
  /** Images one edit may send (the first is the one edited, the rest are references). */
  maxInputImages?: number;
  /** For the actual cost after a call that reports `usage`. */
  tokenPrices?: TokenPrices;
};

export type OpenAIModelId =
  'gpt-image-2' | 'gpt-image-1.5' | 'gpt-image-1' | 'gpt-image-1-mini' | 'dall-e-3' | 'dall-e-2' | (string & {});

export const OPENAI_VENDOR: Vendor = { providerId: 'openai', label: 'OpenAI' };

export const OPENAI_DEFAULT_MODEL: OpenAIModelId = 'gpt-image-2';

// Capabilities and limits: shared/providers/openai-images.md, from openai-node 6.49 src/resources/images.ts.
const GPT_IMAGE_SIZES = ['1024x1024', '1536x1024', '1024x1536'];
/**
 * gpt-image-2 takes any WxH in multiples of 16 with a ratio up to 3:1; sizes above 2560x1440 are
 * "experimental" [SDK ImageEditParamsBase.size], so the list stops there.
 */
const GPT_IMAGE_2_SIZES = [...GPT_IMAGE_SIZES, '1536x1536', '2048x1152', '1152x2048', '2560x1440', '1440x2560'];
const GPT_IMAGE_QUALITIES = ['low', 'medium', 'high', 'auto'];
const GPT_IMAGE_FORMATS: OutputFormat[] = ['png', 'jpeg', 'webp'];
const GPT_IMAGE_KNOBS: ModelCapabilities['knobs'] = ['quality', 'outputFormat', 'background'];
const GPT_IMAGE_PROMPT_LENGTH = 32_000;
const GPT_IMAGE_INPUT_IMAGES = 16;
/** `auto` lets the model choose; estimates assume the dearest choice. */
const GPT_IMAGE_ESTIMATED_QUALITY = 'high';

/** Per image, https://developers.openai.com/api/docs/models/gpt-image-1-mini. */
const GPT_IMAGE_1_MINI_PER_IMAGE: PerImageTable = {
  low: { '1024x1024': 0.005, '1536x1024': 0.006, '1024x1536': 0.006 },
  medium: { '1024x1024': 0.011, '1536x1024': 0.015, '1024x1536': 0.015 },
  high: { '1024x1024': 0.036, '1536x1024': 0.052, '1024x1536': 0.052 }
};
const GPT_IMAGE_1_MINI_TOKENS: TokenPrices = { textInput: 2, imageInput: 2.5, imageOutput: 8 };

// UNCONFIRMED: as republished by fal.ai, not found on an OpenAI page.
const GPT_IMAGE_1_PER_IMAGE: PerImageTable = {
  low: { '1024x1024': 0.011, '1536x1024': 0.016, '1024x1536': 0.016 },
  medium: { '1024x1024': 0.042, '1536x1024': 0.063, '1024x1536': 0.063 },
  high: { '1024x1024': 0.167, '1536x1024': 0.25, '1024x1536': 0.25 }
};
// UNCONFIRMED: the commonly quoted figures.
const GPT_IMAGE_1_TOKENS: TokenPrices = { textInput: 5, imageInput: 10, imageOutput: 40 };

// UNCONFIRMED, like everything on dall-e pricing: openai.com/pricing as copied in Dec 2023.
const DALL_E_3_PER_IMAGE: PerImageTable = {
  standard: { '1024x1024': 0.04, '1792x1024': 0.08, '1024x1792': 0.08 },
  hd: { '1024x1024': 0.08, '1792x1024': 0.12, '1024x1792': 0.12 }
};
const DALL_E_2_PER_IMAGE: PerImageTable = {
  standard: { '256x256': 0.016, '512x512': 0.018, '1024x1024': 0.02 }
};

const DALL_E_RETIREMENT = {
  status: 'shut_down',
  shutdownDate: '2026-05-12',
  replacement: OPENAI_DEFAULT_MODEL
} as const;

function gptImageModel(
  model: Pick<OpenAIModel, 'id' | 'label' | 'description' | 'sizes' | 'backgrounds' | 'lifecycle'> & {
    perImage: PerImageTable;
    perImageNote: string;
    tokenPrices: TokenPrices;
  }
): OpenAIModel {
  return {
    id: model.id,
    label: model.label,
    description: model.description,
    family: 'gpt-image',
    operations: ['generate', 'inpaint', 'style'],
    sizes: model.sizes,
    defaultSize: '1024x1024',
    maxImagesPerCall: 10,
    knobs: GPT_IMAGE_KNOBS,
    qualities: GPT_IMAGE_QUALITIES,
    outputFormats: GPT_IMAGE_FORMATS,
    backgrounds: model.backgrounds,
    maxPromptLength: GPT_IMAGE_PROMPT_LENGTH,
    // GPT image models draw legible text (signs, labels, short paragraphs).
    textRendering: true,
    maxInputImages: GPT_IMAGE_INPUT_IMAGES,
    tokenPrices: model.tokenPrices,
    price: perImagePrice(
      model.perImage,
      GPT_IMAGE_ESTIMATED_QUALITY,
      'token',
      `Billed by tokens ($${model.tokenPrices.textInput}/M text in, $${model.tokenPrices.imageInput}/M image in, $${model.tokenPrices.imageOutput}/M image out); estimated per image by size and quality, ${model.perImageNote}`
    ),
    lifecycle: model.lifecycle
  };
}

export const OPENAI_MODELS: readonly OpenAIModel[] = [
  gptImageModel({
    id: 'gpt-image-2',
    label: 'GPT Image 2',
    description:
      "OpenAI's newest GPT image model: sizes up to 2560x1440 in several shapes, edits with a mask or up to 16 reference images; no transparent backgrounds.",
    sizes: GPT_IMAGE_2_SIZES,
    backgrounds: ['opaque', 'auto'],
    // UNCONFIRMED: no published price; gpt-image-1's figures are used until there is one.
    perImage: GPT_IMAGE_1_PER_IMAGE,
    perImageNote: "using gpt-image-1's figures (unconfirmed for this model).",
    tokenPrices: GPT_IMAGE_1_TOKENS,
    lifecycle: { status: 'active' }
  }),
  gptImageModel({
    id: 'gpt-image-1.5',
    label: 'GPT Image 1.5',
    description:
      'The GPT image model before gpt-image-2: transparent backgrounds, edits with a mask or up to 16 reference images, at 1024 and 1536 px.',
    sizes: GPT_IMAGE_SIZES,
    backgrounds: ['transparent', 'opaque', 'auto'],
    // UNCONFIRMED: only reseller prices exist; gpt-image-1's figures are used until there is one.
    perImage: GPT_IMAGE_1_PER_IMAGE,
    perImageNote: "using gpt-image-1's figures (unconfirmed for this model).",
    tokenPrices: GPT_IMAGE_1_TOKENS,
    lifecycle: { status: 'active' }
  }),
  gptImageModel({
    id: 'gpt-image-1',
    label: 'GPT Image 1',
    description:
      "OpenAI's first GPT image model: transparent backgrounds, edits with a mask or up to 16 reference images, at 1024 and 1536 px.",
    sizes: GPT_IMAGE_SIZES,
    backgrounds: ['transparent', 'opaque', 'auto'],
    perImage: GPT_IMAGE_1_PER_IMAGE,
    perImageNote: '$0.011–$0.25 (unconfirmed figures).',
    tokenPrices: GPT_IMAGE_1_TOKENS,
    lifecycle: { status: 'active' }
  }),
  gptImageModel({
    id: 'gpt-image-1-mini',
    label: 'GPT Image 1 mini',
    description:
      'The cheapest GPT image model (a quarter to a half of the price of gpt-image-1), with transparent backgrounds and edits like the others. Deprecated by OpenAI.',
    sizes: GPT_IMAGE_SIZES,
    backgrounds: ['transparent', 'opaque', 'auto'],
    perImage: GPT_IMAGE_1_MINI_PER_IMAGE,
    perImageNote: '$0.005–$0.052.',
    tokenPrices: GPT_IMAGE_1_MINI_TOKENS,
    // The date is the one issue 5 gives for OpenAI's next retirements; refreshCatalog replaces it with
    // the `shutdown_date` OpenAI's model list carries.
    lifecycle: { status: 'deprecated', shutdownDate: '2026-12-01', replacement: OPENAI_DEFAULT_MODEL }
  }),
  {
    id: 'dall-e-3',
    label: 'DALL·E 3',
    description:
      'DALL·E 3, retired by OpenAI on 2026-05-12 and kept for OpenAI-compatible servers that still serve it: one image per call, vivid or natural style, standard or hd quality.',
    family: 'dall-e',
    operations: ['generate'],
    sizes: ['1024x1024', '1792x1024', '1024x1792'],
    defaultSize: '1024x1024',
    maxImagesPerCall: 1,
    knobs: ['quality', 'style'],
    qualities: ['standard', 'hd'],
    styles: ['vivid', 'natural'],
    maxPromptLength: 4000,
    // Short words and titles, often misspelled in longer text.
    textRendering: true,
    price: perImagePrice(DALL_E_3_PER_IMAGE, 'standard', 'image', 'Per image: $0.04–$0.12 by size and quality.'),
    lifecycle: DALL_E_RETIREMENT
  },
  {
    id: 'dall-e-2',
    label: 'DALL·E 2',
    description:
      'DALL·E 2, retired by OpenAI on 2026-05-12 and kept for OpenAI-compatible servers that still serve it: small square images, masked edits of a square PNG, and the only model with variations.',
    family: 'dall-e',
    operations: ['generate', 'inpaint', 'variation'],
    sizes: ['256x256', '512x512', '1024x1024'],
    defaultSize: '1024x1024',
    maxImagesPerCall: 10,
    knobs: [],
    maxPromptLength: 1000,
    textRendering: false,
    maxInputImages: 1,
    price: perImagePrice(DALL_E_2_PER_IMAGE, 'standard', 'image', 'Per image: $0.016–$0.02 by size.'),
    lifecycle: DALL_E_RETIREMENT
  }
];

const defaultCatalogModel = OPENAI_MODELS.find((model) => model.id === OPENAI_DEFAULT_MODEL)!;

/**
 * A model a self-hosted OpenAI-compatible server lists that this catalog does not know: only what every
 * such server can do is offered, and budgets reserve the default model's cheapest image (the server's
 * real cost is unknown, and a zero estimate would let budgets run unchecked).
 */
export function compatibleServerModel(id: string, serverUrl: string): OpenAIModel {
  const estimateUsd = defaultCatalogModel.price.perImageUsd({ width: 1024, height: 1024, quality: 'low' });
  return {
    id,
    label: id,
    description: `${id}, served by the OpenAI-compatible server at ${serverUrl}; Atelier knows nothing more about it, so it offers plain generation at two square sizes.`,
    family: 'compatible',
    operations: ['generate'],
    textRendering: false,
    sizes: ['1024x1024', '512x512'],
    defaultSize: '1024x1024',
    maxImagesPerCall: 1,
    knobs: [],
    price: {
      description: `Set by the server's operator; estimated at $${estimateUsd} per image for budgets.`,
      unit: 'image',
      perImageUsd: () => estimateUsd
    },
    lifecycle: { status: 'active' }
  };
}
