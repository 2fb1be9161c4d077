import { z } from 'zod';
import { MAX_IMAGE_MEGABYTES, MAX_REFERENCE_LENGTH } from '../../../services/image-inputs';
import { boundedInt, boundedNumber, oneOf, shortName } from '../../schemas/bounds';
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

const { provider, model, seed, negativePrompt, outputFormat } = ZGenerateInput.shape;

const ZEditPrompt = z
  .string({ error: 'A prompt must be a string.' })
  .trim()
  .min(1, 'A prompt must not be empty; leave it out instead.')
  .max(MAX_PROMPT_LENGTH, `Prompts are limited to ${MAX_PROMPT_LENGTH} characters; shorten it.`)
  .check(noControlCharacters('The prompt'));

const ZStrength = boundedNumber('strength', 0, 1);

const ZMargin = boundedInt('expand', 0, 2048).default(0);

const common = {
  image: ZImageReference,
  provider,
  model
};

export const ZEditInput = z.object({
  ...common,
  editType: oneOf('editType', ['inpaint', 'outpaint', 'searchReplace']).default('inpaint'),
  prompt: ZEditPrompt.optional().describe('What the changed area should show.'),
  negativePrompt,
  mask: ZImageReference.optional().describe('White or transparent = change.'),
  fullMask: z.boolean().optional().describe('Allow a mask covering everything.'),
  expand: z
    .object({ left: ZMargin, right: ZMargin, up: ZMargin, down: ZMargin })
    .optional()
    .describe('outpaint: pixels per side.'),
  searchPrompt: ZEditPrompt.optional().describe('searchReplace: what to replace.'),
  strength: ZStrength.optional(),
  count: ZImageCount,
  seed,
  outputFormat
});

export const ZVaryInput = z.object({
  ...common,
  prompt: ZEditPrompt.optional().describe("Default: the image's prompt."),
  strength: ZStrength.default(0.5).describe('0.25 subtle, 0.75 strong.'),
  count: ZImageCount,
  seed
});

export const ZUpscaleInput = z.object({
  ...common,
  scale: z.union([z.literal(2), z.literal(4)], { error: 'scale must be 2 or 4.' }).default(2),
  prompt: ZEditPrompt.optional().describe('Creative upscalers only.'),
  strength: ZStrength.optional().describe('Creative upscalers only.'),
  faceEnhance: z.boolean().optional()
});

export const ZRestyleInput = z.object({
  ...common,
  look: shortName('look', 32)
    .check(noControlCharacters('The look'))
    .optional()
    .describe("One of the model's styles, e.g. warm-film."),
  styleImage: ZImageReference.optional().describe('Take its colours and tone.'),
  prompt: ZEditPrompt.optional().describe('The style in words.'),
  strength: ZStrength.optional()
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
