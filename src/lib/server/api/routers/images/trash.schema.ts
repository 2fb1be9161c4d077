import { z } from 'zod';
import { ZImageIds } from '../../schemas/image-ids';

export const ZImageIdsInput = z.object({ ids: ZImageIds });

export const ZFavoriteInput = z.object({
  ids: ZImageIds,
  favorite: z.boolean().default(true)
});

export type TImageIdsInput = z.infer<typeof ZImageIdsInput>;
export type TFavoriteInput = z.infer<typeof ZFavoriteInput>;
