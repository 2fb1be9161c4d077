import { z } from 'zod';

export const ZImageIdInput = z.object({
  id: z.uuid('id must be an image id (a UUID).').describe('Image id.')
});

export type TImageIdInput = z.infer<typeof ZImageIdInput>;
