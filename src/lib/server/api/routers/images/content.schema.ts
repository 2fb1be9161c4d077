import { z } from 'zod';

export const ZContentInput = z.object({
  id: z.uuid('id must be an image id (a UUID).').describe('Image id (a UUID) from a generate or history result.'),
  variant: z
    .enum(['full', 'thumbnail'])
    .default('thumbnail')
    .describe('full: the image as stored; thumbnail: a small WebP preview.')
});

export type TContentInput = z.infer<typeof ZContentInput>;
