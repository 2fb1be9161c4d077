import { z } from 'zod';
import { ZImageOutput } from '../images/image.output';

export const ZCollectionOutput = z.object({
  id: z.string().describe('Collection id; read it at atelier://collections/<id>.'),
  name: z.string(),
  description: z.string().nullable(),
  coverImageId: z.string().nullable().describe('The image shown for it; the first image when none was chosen.'),
  coverThumbnailUrl: z.string().nullable(),
  imageCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string()
});

export const ZCollectionListOutput = z.object({ collections: z.array(ZCollectionOutput) });

export const ZCollectionPageOutput = z.object({
  collection: ZCollectionOutput,
  images: z.array(ZImageOutput).describe("In the collection's order."),
  nextCursor: z.string().nullable()
});

export const ZCollectionChangeOutput = z.object({
  collection: ZCollectionOutput,
  changed: z.number().describe('Images added, removed or moved by this request.')
});

export const ZCollectionDeleteOutput = z.object({
  id: z.string(),
  imagesKept: z.number().describe('Images that were in it; deleting a collection never deletes an image.')
});

export type TCollectionOutput = z.infer<typeof ZCollectionOutput>;
