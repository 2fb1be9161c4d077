import { z } from 'zod';
import { MAX_IMAGE_MEGABYTES, MAX_REFERENCE_LENGTH } from '../../../services/image-inputs';
import { ZImageCount } from '../../schemas/count';
import { noControlCharacters } from '../../schemas/text';
import { ZEnhanceInput } from '../prompts/enhance.schema';
import { MAX_PROMPT_LENGTH, ZGenerateInput } from './generate.schema';

/** One string naming an image; `services/image-inputs` tells the kinds apart. */
export const ZImageReference = z
  .string()
  .trim()
  .min(1, 'Name the image: its id, atelier://images/<id>, its URL, a data: URL or base64 bytes.')
  .max(MAX_REFERENCE_LENGTH, `Images are limited to ${MAX_IMAGE_MEGABYTES} MB.`)
  .check(noControlCharacters('The image reference'));

const IMAGE_DESCRIPTION =
  'The image to work from: an image id or atelier://images/<id> from your library, the url Atelier returned for it, a data: URL, base64 bytes (PNG, JPEG or WebP), or an http(s) URL the server fetches. New images are kept in your library as uploads.';

const { provider, model, seed, negativePrompt, outputFormat } = ZGenerateInput.shape;

const ZEditPrompt = z
  .string()
  .trim()
  .min(1)
  .max(MAX_PROMPT_LENGTH, `Prompts are limited to ${MAX_PROMPT_LENGTH} characters; shorten it.`)
  .check(noControlCharacters('The prompt'));

const ZStrength = z.number().min(0).max(1);

const ZMargin = z.int().min(0).max(2048).default(0);

const common = {
  image: ZImageReference.describe(IMAGE_DESCRIPTION),
  provider: provider.describe('Provider id; default: the first configured provider with a model that can do this.'),
  model: model.describe('Model id; it must list this operation (see the providers list); default: chosen for you.')
};

export const ZEditInput = z.object({
  ...common,
  editType: z
    .enum(['inpaint', 'outpaint', 'searchReplace'])
    .default('inpaint')
    .describe(
      'inpaint: repaint the masked area; outpaint: extend the canvas by expand; searchReplace: replace searchPrompt.'
    ),
  prompt: ZEditPrompt.optional().describe('What the changed area should show.'),
  negativePrompt,
  mask: ZImageReference.optional().describe(
    'inpaint: the area to change, any size (resized to the image): white on black, or transparent pixels in a PNG with transparency.'
  ),
  fullMask: z.boolean().optional().describe('true allows a mask that covers the whole image.'),
  expand: z
    .object({ left: ZMargin, right: ZMargin, up: ZMargin, down: ZMargin })
    .optional()
    .describe('outpaint: pixels to add on each side, 0–2048.'),
  searchPrompt: ZEditPrompt.optional().describe('searchReplace: what to find in the image.'),
  strength: ZStrength.optional().describe('0–1: how far the result may depart from the image, where the model has it.'),
  count: ZImageCount,
  seed,
  outputFormat
});

export const ZVaryInput = z.object({
  ...common,
  prompt: ZEditPrompt.optional().describe("Steers the variations; default: the image's own prompt."),
  strength: ZStrength.default(0.5).describe('0–1: 0.25 stays close to the image, 0.75 departs from it; default 0.5.'),
  count: ZImageCount,
  seed
});

export const ZUpscaleInput = z.object({
  ...common,
  scale: z
    .union([z.literal(2), z.literal(4)])
    .default(2)
    .describe('2 or 4; default 2.'),
  prompt: ZEditPrompt.optional().describe('For creative upscalers only.'),
  strength: ZStrength.optional().describe('Creativity, for upscalers that invent detail.'),
  faceEnhance: z.boolean().optional().describe('For upscalers that restore faces.')
});

export const ZRestyleInput = z.object({
  ...common,
  look: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .check(noControlCharacters('The look'))
    .optional()
    .describe('A named look of the model (its styles in the providers list, e.g. warm-film).'),
  styleImage: ZImageReference.optional().describe('An image whose colours and tone to take; referenced like image.'),
  prompt: ZEditPrompt.optional().describe('The style in words, for models that take one.'),
  strength: ZStrength.optional().describe('0–1: how strongly to apply the style.')
});

export const ZRemoveBackgroundInput = z.object({ ...common, outputFormat });

export const ZUploadInput = z.object({
  image: ZImageReference.describe(
    'The image to keep: a data: URL, base64 bytes (PNG, JPEG or WebP) or an http(s) URL the server fetches.'
  ),
  name: z
    .string()
    .trim()
    .max(200)
    .check(noControlCharacters('The name'))
    .optional()
    .describe('A name to find it by; kept as its prompt.')
});

export type TEditInput = z.infer<typeof ZEditInput>;
export type TVaryInput = z.infer<typeof ZVaryInput>;
export type TUpscaleInput = z.infer<typeof ZUpscaleInput>;
export type TRestyleInput = z.infer<typeof ZRestyleInput>;
export type TRemoveBackgroundInput = z.infer<typeof ZRemoveBackgroundInput>;
export type TUploadInput = z.infer<typeof ZUploadInput>;

/** `images.estimate`: a generation (no operation, or `generate`) or any edit, with that procedure's input. */
export const ZEstimateInput = z.union([
  ZEditInput.extend({ operation: z.literal('edit') }),
  ZVaryInput.extend({ operation: z.literal('vary') }),
  ZUpscaleInput.extend({ operation: z.literal('upscale') }),
  ZRestyleInput.extend({ operation: z.literal('restyle') }),
  ZRemoveBackgroundInput.extend({ operation: z.literal('removeBackground') }),
  ZEnhanceInput.extend({ operation: z.literal('enhance') }),
  z.object({
    operation: z
      .literal('analyze')
      .describe('An image analysis, priced at the largest image it sends (the price does not depend on which).')
  }),
  ZGenerateInput.extend({ operation: z.literal('generate').optional() })
]);

export type TEstimateInput = z.infer<typeof ZEstimateInput>;
