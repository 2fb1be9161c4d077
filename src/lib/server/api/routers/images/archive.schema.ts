import { z } from 'zod';

export const ZArchiveOutput = z.object({
  fileName: z.string().describe('The zip file name, e.g. atelier-12-images.zip.'),
  entries: z
    .array(z.object({ id: z.string(), fileName: z.string(), fileSize: z.number() }))
    .describe('Each original under its readable name, in the order asked.'),
  totalBytes: z.number()
});
