import { z } from 'zod';
import { MAX_PROMPT_LENGTH, MAX_SEED } from '../../../services/generation';
import { boundedInt, boundedNumber, oneOf, shortName } from '../../schemas/bounds';
import { ZImageCount } from '../../schemas/count';
import { noControlCharacters } from '../../schemas/text';

export { MAX_IMAGES_PER_REQUEST } from '../../schemas/count';

export { MAX_PROMPT_LENGTH };

export const ZGenerateInput = z
  .object({
    prompt: z
      .string({ error: 'Write a prompt describing the image.' })
      .trim()
      .min(1, 'Write a prompt describing the image.')
      .max(MAX_PROMPT_LENGTH, `Prompts are limited to ${MAX_PROMPT_LENGTH} characters; shorten it.`)
      .check(noControlCharacters('The prompt')),
    provider: shortName('provider', 64).check(noControlCharacters('The provider id')).optional(),
    model: shortName('model', 128).check(noControlCharacters('The model id')).optional(),
    size: z
      .string({ error: 'size must be a string such as 1024x1024.' })
      .regex(/^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$/, 'Size must look like 1024x1024.')
      .optional()
      .describe("WxH, one of the model's sizes."),
    aspectRatio: z
      .string({ error: 'aspectRatio must be a string such as 16:9.' })
      .regex(/^[1-9][0-9]{0,3}:[1-9][0-9]{0,3}$/, 'aspectRatio must look like 16:9.')
      .optional()
      .describe('e.g. 16:9, for the nearest size.'),
    quality: shortName('quality', 32).check(noControlCharacters('The quality')).optional(),
    style: shortName('style', 32).check(noControlCharacters('The style')).optional(),
    negativePrompt: z
      .string({ error: 'negativePrompt must be a string.' })
      .trim()
      .max(MAX_PROMPT_LENGTH, `negativePrompt is at most ${MAX_PROMPT_LENGTH} characters; shorten it.`)
      .check(noControlCharacters('The negative prompt'))
      .optional(),
    steps: boundedInt('steps', 1, 150).optional(),
    cfgScale: boundedNumber('cfgScale', 0, 35).optional(),
    seed: boundedInt('seed', 0, MAX_SEED).optional().describe('Image i gets seed + i.'),
    outputFormat: oneOf('outputFormat', ['png', 'jpeg', 'webp']).optional(),
    background: oneOf('background', ['transparent', 'opaque', 'auto']).optional(),
    fallback: z
      .boolean({ error: 'fallback must be true or false.' })
      .default(false)
      .describe('Another provider if this one refuses before paid work.'),
    cache: z
      .boolean({ error: 'cache must be true or false.' })
      .default(true)
      .describe('Reuse a seeded repeat’s images.'),
    count: ZImageCount
  })
  .refine((input) => input.seed === undefined || input.seed + input.count - 1 <= MAX_SEED, {
    path: ['seed'],
    message: `With count images the seeds run from seed to seed + count - 1, which must stay at most ${MAX_SEED}; choose a smaller seed.`
  })
  .refine((input) => input.size === undefined || input.aspectRatio === undefined, {
    path: ['aspectRatio'],
    message: 'Give size or aspectRatio, not both.'
  });

export type TGenerateInput = z.infer<typeof ZGenerateInput>;
