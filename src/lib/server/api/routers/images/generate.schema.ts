import { z } from 'zod';
import { MAX_PROMPT_LENGTH, MAX_SEED } from '../../../services/generation';
import { ZImageCount } from '../../schemas/count';
import { noControlCharacters } from '../../schemas/text';

export { MAX_IMAGES_PER_REQUEST } from '../../schemas/count';

export { MAX_PROMPT_LENGTH };

export const ZGenerateInput = z
  .object({
    prompt: z
      .string()
      .trim()
      .min(1, 'Write a prompt describing the image.')
      .max(MAX_PROMPT_LENGTH, `Prompts are limited to ${MAX_PROMPT_LENGTH} characters; shorten it.`)
      .check(noControlCharacters('The prompt'))
      .describe(`What the image should show, 1–${MAX_PROMPT_LENGTH} characters.`),
    provider: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .check(noControlCharacters('The provider id'))
      .optional()
      .describe(
        'Provider id, as listed by the providers list (list_providers); default: the first configured provider.'
      ),
    model: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .check(noControlCharacters('The model id'))
      .optional()
      .describe("Model id of that provider; default: the provider's default."),
    size: z
      .string()
      .regex(/^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$/, 'Size must look like 1024x1024.')
      .optional()
      .describe(
        "WIDTHxHEIGHT, one of the sizes the provider list shows for the model; default: the model's defaultSize."
      ),
    quality: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .check(noControlCharacters('The quality'))
      .optional()
      .describe("One of the model's qualities; a model without it ignores it and says so in warnings."),
    style: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .check(noControlCharacters('The style'))
      .optional()
      .describe("One of the model's styles; a model without it ignores it and says so in warnings."),
    negativePrompt: z
      .string()
      .trim()
      .max(MAX_PROMPT_LENGTH)
      .check(noControlCharacters('The negative prompt'))
      .optional()
      .describe(
        `What to keep out of the image, up to ${MAX_PROMPT_LENGTH} characters; ignored with a warning by models without it.`
      ),
    steps: z
      .int()
      .min(1)
      .max(150)
      .optional()
      .describe('Sampling steps, 1–150, for models that take them; otherwise ignored with a warning.'),
    cfgScale: z
      .number()
      .min(0)
      .max(35)
      .optional()
      .describe('Prompt adherence (guidance scale), 0–35; otherwise ignored with a warning.'),
    seed: z
      .int()
      .min(0)
      .max(MAX_SEED)
      .optional()
      .describe(
        '0–2147483647, for a repeatable image; with count > 1 the images take seed, seed+1, …; default: random.'
      ),
    outputFormat: z
      .enum(['png', 'jpeg', 'webp'])
      .optional()
      .describe("File format of the result, for models that choose one (see the model's outputFormats)."),
    background: z
      .enum(['transparent', 'opaque', 'auto'])
      .optional()
      .describe("Background of the result, for models that offer it (see the model's backgrounds)."),
    fallback: z
      .boolean()
      .default(false)
      .describe(
        'true: if the provider refuses before doing paid work (rate limit, quota, outage), another configured provider generates instead, with a warning. Never after paid work.'
      ),
    cache: z
      .boolean()
      .default(true)
      .describe(
        'With a seed: true returns the images an identical request of yours made in the last days (free, marked cache.hit); false always makes new ones.'
      ),
    count: ZImageCount
  })
  .refine((input) => input.seed === undefined || input.seed + input.count - 1 <= MAX_SEED, {
    path: ['seed'],
    message: `With count images the seeds run from seed to seed + count - 1, which must stay at most ${MAX_SEED}; choose a smaller seed.`
  });

export type TGenerateInput = z.infer<typeof ZGenerateInput>;
