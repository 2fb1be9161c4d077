import { z } from 'zod';
import { DOWNLOAD_FORMATS } from '../../../services/downloads';
import { ZImageIdInput } from './get.schema';

export const ZDownloadInput = ZImageIdInput.extend({
  format: z
    .enum(DOWNLOAD_FORMATS)
    .default('png')
    .describe('png (lossless, carries the generation parameters), webp, jpeg or avif.'),
  quality: z
    .int('quality must be a whole number from 1 to 100.')
    .min(1, 'quality must be from 1 to 100.')
    .max(100, 'quality must be from 1 to 100.')
    .default(85)
    .describe('1–100 for webp, jpeg and avif; png ignores it.')
});

export type TDownloadInput = z.infer<typeof ZDownloadInput>;

export const ZDownloadOutput = z.object({
  fileName: z.string().describe('A readable file name, e.g. red-lighthouse-42.png.'),
  mediaType: z.string(),
  base64: z.string()
});
