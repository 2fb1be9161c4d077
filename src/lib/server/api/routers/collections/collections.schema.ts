import { z } from 'zod';
import { ZImageIds } from '../../schemas/image-ids';
import { noControlCharacters } from '../../schemas/text';

const ZCollectionId = z.uuid('id must be a collection id (a UUID).').describe('Collection id (a UUID).');

const ZName = z
  .string()
  .trim()
  .min(1, 'Give the collection a name.')
  .max(100, 'Collection names are at most 100 characters.')
  .check(noControlCharacters('The name'));

const ZDescription = z
  .string()
  .trim()
  .max(2000, 'Descriptions are at most 2000 characters.')
  .check(noControlCharacters('The description'));

export const ZCollectionIdInput = z.object({ id: ZCollectionId });

export const ZCollectionPageInput = z.object({
  id: ZCollectionId,
  limit: z.int().min(1).max(100).default(50),
  cursor: z.string().max(300).optional()
});

export const ZCreateCollectionInput = z.object({
  name: ZName,
  description: ZDescription.optional(),
  imageIds: ZImageIds.optional().describe('Images to put in it right away, in this order.')
});

export const ZUpdateCollectionInput = z.object({
  id: ZCollectionId,
  name: ZName.optional(),
  description: ZDescription.nullable().optional(),
  coverImageId: z.uuid('coverImageId must be an image id (a UUID).').nullable().optional()
});

export const ZCollectionImagesInput = z.object({ id: ZCollectionId, imageIds: ZImageIds });

export type TCollectionIdInput = z.infer<typeof ZCollectionIdInput>;
export type TCollectionPageInput = z.infer<typeof ZCollectionPageInput>;
export type TCreateCollectionInput = z.infer<typeof ZCreateCollectionInput>;
export type TUpdateCollectionInput = z.infer<typeof ZUpdateCollectionInput>;
export type TCollectionImagesInput = z.infer<typeof ZCollectionImagesInput>;
