import { z } from 'zod';
import { PREVIEW_SIZES } from '../../../services/library';

export const ZContentInput = z.object({
  id: z.uuid('id must be an image id (a UUID).').describe('Image id (a UUID) from a generate or history result.'),
  variant: z
    .enum(['full', 'thumbnail', 'preview'])
    .default('thumbnail')
    .describe(
      'full: the image as stored; thumbnail: a small WebP (256 px); preview: a WebP whose longest side is at most width.'
    ),
  width: z
    .union(
      PREVIEW_SIZES.map((size) => z.literal(size)),
      { error: `width is one of ${PREVIEW_SIZES.join(' or ')}.` }
    )
    .default(1024)
    .describe(
      `Longest side of a preview in pixels: ${PREVIEW_SIZES.join(' or ')}; default 1024. Other variants ignore it.`
    )
});

export type TContentInput = z.infer<typeof ZContentInput>;
